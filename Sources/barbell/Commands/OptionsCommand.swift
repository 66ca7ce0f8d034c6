import ArgumentParser

/// `barbell options ...`: European option pricing, implied volatility, SVI smiles and dealer
/// gamma exposure.
struct OptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "options",
        abstract: "Option analytics: implied volatility, Greeks, SVI smile fits with arbitrage checks, dealer gamma exposure.",
        subcommands: [OptionsIV.self, OptionsGreeks.self, OptionsSmile.self, OptionsGex.self]
    )
}
