import ArgumentParser
import BarbellRegimes

/// `barbell regime ...`: hidden Markov regimes and the regime detector.
struct RegimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regime",
        abstract: "Market regimes: fit an HMM or a mixture, name its states, read the current regime; market networks.",
        subcommands: [RegimeFit.self, RegimeDetect.self, RegimeNetwork.self]
    )
}

/// Options both regime verbs share.
struct RegimeModelOptions: ParsableArguments {
    @Option(help: "Number of hidden states, or a range such as 2-6 searched by --criterion.")
    var states = "4"

    @Option(help: "Criterion that picks the number of states from a --states range: bic or aic.")
    var criterion = "bic"

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

    /// `--states` as a range: "4" is 4...4, "2-6" is 2...6.
    func stateRange() throws -> ClosedRange<Int> {
        let parts = states.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0 != nil }), let low = parts.first!, let high = parts.last!,
              low >= 1, low <= high else {
            throw ValidationError("--states: expected a count such as 4 or a range such as 2-6, got '\(states)'")
        }
        return low...high
    }

    func informationCriterion() throws -> InformationCriterion {
        guard let c = InformationCriterion(rawValue: criterion) else {
            throw ValidationError("--criterion: expected bic or aic, got '\(criterion)'")
        }
        return c
    }

    func covarianceType() throws -> HMMCovarianceType {
        guard let c = HMMCovarianceType(rawValue: covariance) else {
            throw ValidationError("--covariance: expected full, diag, spherical or tied, got '\(covariance)'")
        }
        return c
    }
}
