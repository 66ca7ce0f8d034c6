import ArgumentParser
import BarbellQuant
import Foundation

/// `barbell options smile`: SVI fit per expiry with butterfly and calendar arbitrage checks.
struct OptionsSmile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smile",
        abstract: "Fit raw SVI to each expiry's total implied variance and report butterfly/calendar arbitrage.",
        discussion: """
        CHAIN.csv is an iVolatility-style chain (e.g. Samples/optionsuite_spx_20110103.csv.gz): out-of-the-money quotes
        with a bid and an observed iv are fitted per expiry; violations are listed on a log-moneyness grid spanning the quotes.
        """
    )

    @Argument(help: "Option chain CSV (gzip or plain) with iVolatility's columns.")
    var chain: String

    @Option(help: "Quote date (YYYY-MM-DD or MM/DD/YYYY); required when the file holds several.")
    var date: String?

    @Option(help: "Only these expirations (repeatable; YYYY-MM-DD or MM/DD/YYYY).")
    var expiry: [String] = []

    @Option(help: "Most violations listed in the table (all are in --json).")
    var maxViolations = 20

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    func run() async throws {
        let loaded = try OptionChain.load(path: chain)
        let expirations = try expiry.isEmpty ? nil : expiry.map { try parseChainDate($0, flag: "--expiry")! }
        let surface = try SVISurface(chain: loaded, date: try parseChainDate(date), expirations: expirations)
        if json {
            try printJSON(surface)
            return
        }
        print("quote date \(surface.quoteDate): \(surface.smiles.count) expirations fitted")
        var table = TextTable(["expiration", "T", "quotes", "a", "b", "rho", "m", "sigma", "rmse(w)", "ATM vol", "butterfly", "calendar"],
                              rightAligned: Set(1..<12))
        for s in surface.smiles {
            let p = s.fit.parameters
            let butterfly = surface.violations.filter { $0.kind == .butterfly && $0.expiration == s.expiration }.count
            let calendar = surface.violations.filter { $0.kind == .calendar && $0.expiration == s.expiration }.count
            table.add(["\(s.expiration)", String(format: "%.4f", s.fit.expiry), "\(s.fit.count)"]
                + [p.a, p.b, p.rho, p.m, p.sigma, s.fit.rmse].map { String(format: "%.5g", $0) }
                + [String(format: "%.4f", p.impliedVolatility(0, expiry: s.fit.expiry)), "\(butterfly)", "\(calendar)"])
        }
        print(table.render())
        for s in surface.skipped { print("skipped \(s)") }
        if surface.violations.isEmpty {
            print("no butterfly or calendar arbitrage on \(surface.grid.count) grid points")
            return
        }
        print("\(surface.violations.count) arbitrage violations on a \(surface.grid.count)-point grid (k = ln(K/F)):")
        var list = TextTable(["kind", "k", "expiration", "later", "value"], rightAligned: [1, 4])
        for v in surface.violations.prefix(maxViolations) {
            list.add([v.kind.rawValue, String(format: "%.4f", v.logMoneyness), "\(v.expiration)", v.laterExpiration.map { "\($0)" } ?? "",
                      String(format: "%.4g", v.value)])
        }
        print(list.render())
        if surface.violations.count > maxViolations { print("… \(surface.violations.count - maxViolations) more (see --json)") }
    }
}
