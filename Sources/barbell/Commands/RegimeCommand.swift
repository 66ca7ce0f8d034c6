import ArgumentParser
import BarbellRegimes

/// `barbell regime ...`: hidden Markov regimes and the regime detector.
struct RegimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regime",
        abstract: "Market regimes: fit a Gaussian HMM, name its states, read the current regime.",
        subcommands: [RegimeFit.self, RegimeDetect.self, RegimeNetwork.self]
    )
}

/// Options both regime verbs share.
struct RegimeModelOptions: ParsableArguments {
    @Option(help: "Number of hidden states.")
    var states = 4

    @Option(help: "Observation features, comma-separated: returns, volatility.")
    var features = "returns,volatility"

    @Option(help: "Covariance type: full, diag, spherical, tied.")
    var covariance = "diag"

    @Option(help: "Seeded restarts from k-means++ starts (the best log-likelihood is kept).")
    var restarts = 5

    @Option(help: "Seed (same seed and data, same model).")
    var seed: UInt64 = 42

    func parsedFeatures() throws -> [RegimeAnalysis.Feature] {
        try features.split(separator: ",").map { name in
            guard let f = RegimeAnalysis.Feature(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--features: expected returns and/or volatility, got '\(name)'")
            }
            return f
        }
    }

    func covarianceType() throws -> HMMCovarianceType {
        guard let c = HMMCovarianceType(rawValue: covariance) else {
            throw ValidationError("--covariance: expected full, diag, spherical or tied, got '\(covariance)'")
        }
        return c
    }
}
