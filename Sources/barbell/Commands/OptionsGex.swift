import ArgumentParser
import BarbellQuant
import Foundation

/// `barbell options gex`: dealer gamma exposure by strike and in total.
struct OptionsGex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gex",
        abstract: "Dealer gamma exposure by strike and in total (dealers long calls, short puts; per 1 % move).",
        discussion: """
        GEX = ±Γ · open interest · multiplier · S² · 0.01 (calls +, puts −), Γ recomputed by Black-Scholes-Merton from
        each quote's iv, the expiry's forward and --rate. Values are dollars of delta change per 1 % move of the underlying.
        """
    )

    @Argument(help: "Option chain CSV (gzip or plain) with iVolatility's columns.")
    var chain: String

    @Option(help: "Quote date (YYYY-MM-DD or MM/DD/YYYY); required when the file holds several.")
    var date: String?

    @Option(help: "Risk-free rate r used with the quoted forwards (continuous, per year).")
    var rate: Double = 0

    @Option(help: "Contract multiplier (100 for SPX).")
    var multiplier: Double = 100

    @Option(help: "Only the N strikes with the largest |net| exposure (0: all strikes with exposure).")
    var top = 0

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let loaded = try OptionChain.load(path: chain)
        let single = try loaded.singleDate(try parseChainDate(date))
        let gex = try GammaExposure(chain: single, rate: rate, multiplier: multiplier)
        if json {
            struct Output: Encodable {
                var quoteDate: String
                var spot: Double
                var total: Double
                var skipped: Int
                var byStrike: [Level]
                struct Level: Encodable { var strike: Double, calls: Double, puts: Double, net: Double }
            }
            try printJSON(Output(quoteDate: "\(single.quoteDates[0])", spot: gex.spot, total: gex.total, skipped: gex.skipped,
                                 byStrike: gex.byStrike.map { .init(strike: $0.strike, calls: $0.calls, puts: $0.puts, net: $0.net) }))
            return
        }
        var levels = gex.byStrike.filter { $0.net != 0 }
        if top > 0 { levels = Array(levels.sorted { abs($0.net) > abs($1.net) }.prefix(top)).sorted { $0.strike < $1.strike } }
        var table = TextTable(["strike", "calls", "puts", "net"], rightAligned: [0, 1, 2, 3])
        for l in levels {
            table.add([formatNumber(l.strike)] + [l.calls, l.puts, l.net].map { String(format: "%.4g", $0) })
        }
        print(table.render())
        print(String(format: "quote date %@, spot %.2f: total GEX %.4g per 1%% move (%d quotes without iv or open interest skipped)",
                     "\(single.quoteDates[0])", gex.spot, gex.total, gex.skipped))
    }
}
