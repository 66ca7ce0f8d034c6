import ArgumentParser

/// `barbell nn`: the neural sequence-model zoo on libtorch.
struct NNCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nn",
        abstract: "Train the neural sequence models (LSTM, GRU, Transformer, CNN, TCN and variants) on market data.",
        subcommands: [NNTrain.self, NNArchitectures.self]
    )
}
