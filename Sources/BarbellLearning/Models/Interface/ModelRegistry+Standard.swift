extension ModelRegistry {
    /// Every model family Barbell ships.
    public static let standard = ModelRegistry(families: [
        LinearFamily(),
        BoostingFamily(),
        NeuralFamily(),
        EnsembleFamily(),
    ])
}
