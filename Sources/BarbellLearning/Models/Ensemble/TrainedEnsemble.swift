import Foundation

/// A fitted ensemble: its members (fitted on every training row), the combination it learned
/// (``EnsembleState``) and, for stacking, the meta-learner.
public struct TrainedEnsemble: TrainedModel {
    public let configuration: ModelConfiguration
    /// What the ensemble learned: weights, meta scores, the regime model and choices.
    public let state: EnsembleState
    /// The members, in configuration order.
    public let members: [any TrainedModel]
    /// The stacking meta-learner, reading one column per member.
    public let meta: (any TrainedModel)?
    let settings: EnsembleSettings

    init(configuration: ModelConfiguration, settings: EnsembleSettings, state: EnsembleState, members: [any TrainedModel],
         meta: (any TrainedModel)?) throws(LearningError) {
        func bad(_ what: String) -> LearningError { LearningError(.shapeMismatch, "model ensemble: \(what) for \(members.count) members") }
        switch state.method {
        case .weighted:
            guard state.weights?.count == members.count, state.centres?.count == members.count, state.scales?.count == members.count else {
                throw bad("weights, centres and scales are not one per member")
            }
        case .stacking:
            guard meta != nil else { throw bad("no meta-learner") }
        case .regime:
            guard let hmm = state.hmm, hmm.dimension == 1, let choice = state.regimeChoice, choice.count == hmm.stateCount,
                  choice.allSatisfy({ members.indices.contains($0) }), state.regimeFeature != nil else {
                throw bad("the regime model or per-regime choice is missing or out of range")
            }
        }
        self.configuration = configuration
        self.settings = settings
        self.state = state
        self.members = members
        self.meta = meta
    }

    public var window: Int { members.map(\.window).max() ?? 1 }

    public func predict(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
        let predictions = try members.map { try $0.predict(inputs, rows: rows) }
        switch state.method {
        case .weighted:
            let w = state.weights ?? [], m = state.centres ?? [], s = state.scales ?? []
            return rows.indices.map { r in predictions.indices.reduce(0) { $0 + w[$1] * (predictions[$1][r] - m[$1]) / s[$1] } }
        case .stacking:
            guard let meta else { return [] }
            let x = EnsembleLearner.metaInputs(inputs, rows: rows, predictions: predictions)
            return try meta.predict(x, rows: Array(rows.indices))
        case .regime:
            let regime = try regimes(inputs, rows: rows)
            let choice = state.regimeChoice ?? []
            return rows.indices.map { predictions[choice[regime[$0]]][$0] }
        }
    }

    /// Each row's regime: the argmax of the filtered probabilities at its bar, filtering the
    /// observable over the bars of `inputs` from the first up to the row's (never later ones).
    public func regimes(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Int] {
        guard let hmm = state.hmm, let feature = state.regimeFeature else {
            throw LearningError(.invalidArgument, "model ensemble: method \(state.method.rawValue) has no regimes")
        }
        let column = try RegimeObservable.column(inputs, feature: feature)
        guard let last = rows.map({ inputs.time[$0] }).max() else { return [] }
        let observed = RegimeObservable.series(inputs, column: column, rows: (0..<inputs.count).filter { inputs.time[$0] <= last })
        let regimeAt = Dictionary(uniqueKeysWithValues: zip(observed.times, try RegimeObservable.regimes(hmm, observed.values)))
        return rows.map { regimeAt[inputs.time[$0]] ?? 0 }
    }

    public func weights() throws -> ModelWeights {
        var weights = ModelWeights()
        for (i, member) in members.enumerated() { weights.nest(try member.weights(), under: "members/\(i)/") }
        if let meta { weights.nest(try meta.weights(), under: "meta/") }
        try weights.setJSON(state, "ensemble.json")
        return weights
    }
}
