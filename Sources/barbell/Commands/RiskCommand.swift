import ArgumentParser

/// `barbell risk ...`: volatility models, tail risk, value at risk and stress tests.
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Volatility models, tail risk, value at risk and stress tests.",
        subcommands: [RiskGarch.self, RiskEVT.self, RiskVaR.self, RiskStress.self]
    )
}
