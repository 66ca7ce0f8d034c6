import ArgumentParser

/// `barbell features ...`: the feature catalogue and feature computation.
struct FeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "List and compute features (TA-Lib indicators, statistics, tail risk, Alpha158/360, ...).",
        subcommands: [FeaturesList.self, FeaturesCompute.self]
    )
}
