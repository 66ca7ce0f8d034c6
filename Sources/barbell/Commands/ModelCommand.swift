import ArgumentParser

/// `barbell model`: saved model artifacts.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Inspect, run and explain saved model artifacts (.bbm).",
        subcommands: [ModelPredict.self, ModelExplain.self]
    )
}
