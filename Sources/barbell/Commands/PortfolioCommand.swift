import ArgumentParser

/// `barbell portfolio ...`: portfolio optimisation.
struct PortfolioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "Portfolio optimisation: mean-variance, risk parity, HRP, Black-Litterman, minimum CVaR.",
        subcommands: [PortfolioOptimize.self]
    )
}
