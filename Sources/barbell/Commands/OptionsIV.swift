import ArgumentParser
import BarbellQuant

/// `barbell options iv`: implied volatility of one option (flags) or a CSV of options.
struct OptionsIV: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iv",
        abstract: "Implied volatility from option prices (Black-Scholes-Merton or Black-76).",
        discussion: """
        Example: barbell options iv --type put --spot 100 --strike 90 --expiry-years 0.5 --rate 0.03 --price 1.25
        With --csv, each row gets its implied volatility or the reason there is none (a price outside the
        no-arbitrage bounds, say); the command then exits 0. A single option with a price outside the bounds exits 2.
        """
    )

    @OptionGroup var input: OptionsInputOptions

    @Option(help: "The option's price (single-option mode).")
    var price: Double?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    struct Row: Encodable {
        var type: String, underlying: Double, strike: Double, expiry: Double, rate: Double, dividend: Double
        var price: Double
        var impliedVolatility: Double?
        var error: String?
    }

    func run() async throws {
        let items = try input.load(valueColumn: "price", flagValue: price)
        let results: [Result<Double, QuantError>]
        if input.csv == nil {
            results = [.success(try ImpliedVolatility.solve(price: items[0].1, option: items[0].0))]
        } else {
            results = ImpliedVolatility.solveEach(prices: items.map(\.1), options: items.map(\.0))
        }
        let rows = zip(items, results).map { item, result -> Row in
            let (o, p) = item
            var row = Row(type: o.type.rawValue, underlying: o.underlying, strike: o.strike, expiry: o.expiry, rate: o.rate,
                          dividend: o.dividendYield, price: p)
            switch result {
            case .success(let v): row.impliedVolatility = v
            case .failure(let e): row.error = e.message
            }
            return row
        }
        if json {
            try printJSON(rows)
            return
        }
        var table = TextTable(["type", "underlying", "strike", "expiry", "price", "implied vol"], rightAligned: [1, 2, 3, 4, 5])
        for (i, r) in rows.enumerated() {
            table.add([r.type, formatNumber(r.underlying), formatNumber(r.strike), formatNumber(r.expiry), formatNumber(r.price),
                       r.impliedVolatility.map { String(format: "%.10f", $0) } ?? "error (row \(i + 1))"])
        }
        print(table.render())
        for (i, r) in rows.enumerated() { if let e = r.error { print("row \(i + 1): \(e)") } }
    }
}
