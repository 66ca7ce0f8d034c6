import BarbellData
import BarbellLearning
import Foundation

/// Shared inputs of the experiment tests: the bundled Quandl WIKI panel (four stocks, 2014, OHLCV)
/// and a synthetic AR(1) panel whose next return is predictable from the last one.
enum ExperimentFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let quandl = root.appendingPathComponent("Samples/zipline_quandl_sample_table.csv").path

    /// An experiment on the Quandl panel; `model` is YAML flow text.
    static func yaml(model: String, extra: String = "") -> String {
        """
        name: replay-test
        seed: 11
        data: {files: [\(quandl)], symbols: [AAPL, MSFT, BRK_A, ZEN]}
        features: [ROCP(timeperiod=1), RSI(timeperiod=14), NATR(timeperiod=14), ROCP(timeperiod=5)]
        label: {kind: forward-return, horizon: 2, returns: log}
        validation: {testBars: 30, firstTest: 0.55, validation: 0.2}
        model: \(model)
        \(extra)
        """
    }

    /// `symbols` series of `bars` daily bars whose log returns follow r_t = φ r_{t−1} + ε (seeded).
    static func autoregressivePanel(symbols: Int = 6, bars: Int = 900, phi: Double = 0.35, seed: UInt64 = 3) -> [BarSeries] {
        var rng = SplitMix64(seed: seed)
        func normal() -> Double {
            let u = max(Double(rng.next() >> 11) / Double(1 << 53), 1e-300), v = Double(rng.next() >> 11) / Double(1 << 53)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        return (0..<symbols).map { s in
            var price = 100.0, r = 0.0
            var bars_: [Bar] = []
            for t in 0..<bars {
                r = phi * r + 0.01 * normal()
                let open = price
                price *= exp(r)
                let high = max(open, price) * (1 + 0.002 * abs(normal())), low = min(open, price) * (1 - 0.002 * abs(normal()))
                bars_.append(Bar(timestamp: Timestamp(seconds: 1_500_000_000 + Int64(t) * 86_400), open: open, high: high,
                                 low: low, close: price, volume: 1_000 + 100 * abs(normal())))
            }
            return BarSeries(symbol: Symbol("S\(s)"), timeframe: Timeframe(1, .day), bars: bars_)
        }
    }
}
