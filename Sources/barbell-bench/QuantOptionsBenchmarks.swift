import ArgumentParser
import BarbellData
import BarbellQuant
import Foundation

/// `barbell-bench options-iv`: 1M implied volatilities and 1M BSM prices + Greeks from seeded
/// inputs, written to a file that `Benchmarks/reference/options_iv.py` times py_vollib on.
struct OptionsIVBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "options-iv",
        abstract: "Time batch implied volatility and batch BSM prices+Greeks (1M options by default)."
    )

    @Option(help: "Number of options.")
    var count = 1_000_000

    @Option(help: "Seed of the SplitMix64 input draws.")
    var seed: UInt64 = 42

    @Option(help: "Best of this many runs.")
    var `repeat` = 5

    @Option(help: "Write the inputs here (float64 little-endian columns type, spot, strike, expiry, rate, dividend, vol, price) for the Python reference.")
    var inputs = "/tmp/options-iv-inputs.f64"

    func run() throws {
        // Seeded inputs: strikes log-normal around the spot (deep ITM/OTM included), 1 week to
        // 3 years, volatilities 5–100 %; prices from our own BSM formula.
        var rng = SplitMix64(seed: seed)
        var options: [VanillaOption] = [], vols: [Double] = []
        options.reserveCapacity(count)
        vols.reserveCapacity(count)
        while options.count < count {
            let type: OptionType = rng.nextOpenUnit() < 0.5 ? .call : .put
            let strike = 100 * exp(0.35 * StandardNormal.quantile(rng.nextOpenUnit()))
            let expiry = 7.0 / 365 + 3 * rng.nextOpenUnit()
            let vol = 0.05 + 0.95 * rng.nextOpenUnit()
            options.append(VanillaOption(type: type, underlying: 100, strike: strike, expiry: expiry, rate: 0.03, dividendYield: 0.01))
            vols.append(vol)
        }
        let (greekSeconds, greeks) = try bestOf(`repeat`) { try VanillaOption.greeks(of: options, volatilities: vols) }
        report("BSM price+8 Greeks", items: count, seconds: greekSeconds, unit: "options")
        // Keep only prices strictly inside the no-arbitrage bounds with a resolvable (normal,
        // not subnormal) normalised time value — the rest rounded onto a bound; the same rows go
        // to the Python reference.
        var prices: [Double] = [], kept: [VanillaOption] = [], keptVols: [Double] = []
        for (i, o) in options.enumerated() {
            let p = greeks[i].price
            let intrinsic = o.discount * max(o.type.sign * (o.forward - o.strike), 0)
            let upper = o.discount * (o.type == .call ? o.forward : o.strike)
            let resolvable = (p - intrinsic) / (o.discount * (o.forward * o.strike).squareRoot()) >= .leastNormalMagnitude
            if p > intrinsic, p < upper, resolvable { prices.append(p); kept.append(o); keptVols.append(vols[i]) }
        }
        let (ivSeconds, ivs) = try bestOf(`repeat`) { try ImpliedVolatility.solve(prices: prices, options: kept) }
        report("implied volatility", items: prices.count, seconds: ivSeconds, unit: "options")
        // Round trip: the price at the solved σ against the input price (subnormal prices, which
        // carry fewer than 53 bits, excluded).
        var worst = 0.0
        for i in ivs.indices where prices[i] > 1e-290 {
            let o = kept[i]
            worst = max(worst, abs(try o.price(volatility: ivs[i]) - prices[i]) / prices[i])
        }
        print(String(format: "  %d of %d inputs inside the bounds; max |P(σ̂) − P| / P = %.2e (P > 1e-290); %d cores", prices.count, count,
                     worst, ProcessInfo.processInfo.activeProcessorCount))
        let (serialSeconds, _) = try bestOf(1) {
            try zip(prices, kept).map { try ImpliedVolatility.solve(price: $0.0, option: $0.1) }
        }
        report("implied volatility (1 core)", items: prices.count, seconds: serialSeconds, unit: "options")

        let columns: [[Double]] = [kept.map { $0.type.sign }, kept.map(\.underlying), kept.map(\.strike), kept.map(\.expiry),
                                   kept.map(\.rate), kept.map(\.dividendYield), keptVols, prices]
        var data = Data()
        for i in columns.indices { columns[i].withUnsafeBytes { data.append(contentsOf: $0) } }
        try data.write(to: URL(fileURLWithPath: inputs))
        print("  inputs written to \(inputs) (\(prices.count) rows × 8 float64 columns)")
    }
}
