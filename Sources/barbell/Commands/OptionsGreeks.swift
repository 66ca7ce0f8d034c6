import ArgumentParser
import BarbellQuant
import Foundation

/// `barbell options greeks`: price and analytic Greeks at a volatility.
struct OptionsGreeks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "greeks",
        abstract: "European price and analytic Greeks (delta, gamma, vega, theta, rho, vanna, volga); optional American price by CRR tree.",
        discussion: """
        Units: vega and volga per 1.00 of volatility, theta per year (theta/day = theta/365), rho per 1.00 of rate;
        delta, gamma and vanna with respect to the spot (bsm) or the forward (black76).
        Example: barbell options greeks --type call --spot 100 --strike 105 --expiry-years 0.25 --rate 0.04 --dividend 0.01 --vol 0.2
        """
    )

    @OptionGroup var input: OptionsInputOptions

    @Option(help: "Volatility σ per √year as a fraction (0.2 = 20 %) (single-option mode).")
    var vol: Double?

    @Option(name: .customLong("american-steps"), help: "Also price the American option on a Cox-Ross-Rubinstein tree with this many steps.")
    var americanSteps: Int?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    struct Row: Encodable {
        var type: String, underlying: Double, strike: Double, expiry: Double, volatility: Double
        var greeks: OptionGreeks
        var thetaPerDay: Double
        var americanPrice: Double?
    }

    func run() async throws {
        if let americanSteps, americanSteps < 1 { throw ValidationError("--american-steps must be at least 1") }
        let items = try input.load(valueColumn: "vol", flagValue: vol)
        let greeks = try VanillaOption.greeks(of: items.map(\.0), volatilities: items.map(\.1))
        var rows: [Row] = []
        for (item, g) in zip(items, greeks) {
            let american = try americanSteps.map { try BinomialTree.price(item.0, volatility: item.1, steps: $0) }
            rows.append(Row(type: item.0.type.rawValue, underlying: item.0.underlying, strike: item.0.strike, expiry: item.0.expiry,
                            volatility: item.1, greeks: g, thetaPerDay: g.thetaPerDay, americanPrice: american))
        }
        if json {
            try printJSON(rows)
            return
        }
        var headers = ["type", "underlying", "strike", "expiry", "vol", "price", "delta", "gamma", "vega", "theta/yr", "theta/day", "rho", "vanna", "volga"]
        if americanSteps != nil { headers.append("american") }
        var table = TextTable(headers, rightAligned: Set(1..<headers.count))
        for r in rows {
            let g = r.greeks
            var cells = [r.type, formatNumber(r.underlying), formatNumber(r.strike), formatNumber(r.expiry), formatNumber(r.volatility)]
            cells += [g.price, g.delta, g.gamma, g.vega, g.theta, r.thetaPerDay, g.rho, g.vanna, g.volga].map { String(format: "%.8g", $0) }
            if let a = r.americanPrice { cells.append(String(format: "%.8g", a)) }
            table.add(cells)
        }
        print(table.render())
    }
}
