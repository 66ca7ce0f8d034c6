import BarbellBacktest
import BarbellData
import Foundation

/// Synthetic but realistic tearsheet inputs: a seeded regime-switching random walk (three
/// regimes with their own drift and volatility), a strategy that is long outside the turbulent
/// regime, its round-trip trades, and a model's feature importances.
enum TearsheetSample {
    /// `bars` bars `step` nanoseconds apart from 2018-01-02, reproducible from `seed`.
    static func make(bars: Int, step: Int64 = Timestamp.nanosPerDay, periodsPerYear: Double = 252, seed: UInt64 = 7,
                     title: String = "Regime-filtered momentum") -> TearsheetData {
        var rng = SplitMix64(seed: seed)
        func normal() -> Double {
            // Box–Muller on two uniforms in (0, 1].
            let u = 1 - rng.nextUniform(), v = rng.nextUniform()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        // Daily drift and volatility per regime, scaled to the bar length.
        let scale = Double(step) / Double(Timestamp.nanosPerDay)
        let drift = [0.0006, 0.0003, -0.0012].map { $0 * scale }, volatility = [0.006, 0.011, 0.028].map { $0 * scale.squareRoot() }
        let start = Timestamp(year: 2018, month: 1, day: 2).nanoseconds
        var timestamps: [Timestamp] = [], prices: [Double] = [], labels: [Int] = []
        var equity: [Double] = [], exposure: [Double] = [], net: [Double] = []
        timestamps.reserveCapacity(bars); prices.reserveCapacity(bars); labels.reserveCapacity(bars)
        equity.reserveCapacity(bars); exposure.reserveCapacity(bars); net.reserveCapacity(bars)
        var regime = 0, price = 100.0, wealth = 1_000_000.0, position = 0.0
        var trades: [TearsheetTrade] = []
        var entry: (index: Int, price: Double, wealth: Double)?
        for i in 0..<bars {
            if i > 0, rng.nextUniform() < 0.02 { regime = Int(rng.next() % 3) }
            let r = drift[regime] + volatility[regime] * normal()
            if i > 0 {
                price *= 1 + r
                wealth *= 1 + position * r
            }
            // Decide the next bar's position on this bar's regime (no look-ahead): long when calm or
            // trending, half short when turbulent, with a cost per change.
            let target = regime == 2 ? -0.5 : regime == 1 ? 1.0 : 0.6
            if target != position {
                wealth *= 1 - 0.0005 * abs(target - position)
                if let e = entry {
                    trades.append(TearsheetTrade(symbol: "SPY", entryTime: timestamps[e.index], exitTime: Timestamp(nanoseconds: start + Int64(i) * step),
                                                 quantity: (position * e.wealth / e.price).rounded(.towardZero), entryPrice: e.price, exitPrice: price,
                                                 pnl: wealth - e.wealth, returnValue: wealth / e.wealth - 1, barsHeld: i - e.index))
                }
                entry = (i, price, wealth)
                position = target
            }
            timestamps.append(Timestamp(nanoseconds: start + Int64(i) * step))
            prices.append(price)
            labels.append(i < 20 ? -1 : regime)
            equity.append(wealth)
            exposure.append(abs(position))
            net.append(position)
        }
        let returns = (1..<bars).map { equity[$0] / equity[$0 - 1] - 1 }
        var statistics: [TearsheetStatistic] = []
        var honesty: [TearsheetStatistic] = []
        if let r = try? Returns(returns, periodsPerYear: periodsPerYear) {
            statistics = [
                TearsheetStatistic(name: "Annual volatility", value: r.annualVolatility, formatted: String(format: "%.1f%%", r.annualVolatility * 100)),
                TearsheetStatistic(name: "Sortino", value: r.sortinoRatio(), formatted: String(format: "%.2f", r.sortinoRatio())),
                TearsheetStatistic(name: "Calmar", value: r.calmarRatio, formatted: String(format: "%.2f", r.calmarRatio)),
            ]
            let psr = r.probabilisticSharpeRatio()
            let dsr = (try? r.deflatedSharpeRatio(trials: 50, sharpeVariance: 0.0004).dsr) ?? .nan
            honesty = [
                TearsheetStatistic(name: "Probabilistic Sharpe", value: psr, formatted: String(format: "%.3f", psr), note: "P(SR > 0)"),
                TearsheetStatistic(name: "Deflated Sharpe (DSR)", value: dsr, formatted: String(format: "%.3f", dsr), note: "50 trials, V[SR] = 0.0004"),
                TearsheetStatistic(name: "PBO", value: 0.18, formatted: "0.18", note: "CSCV, 16 blocks"),
            ]
        }
        let features = ["rsi_14", "realized_vol_21", "momentum_63", "hmm_state", "volume_z", "atr_14", "skew_63", "drawdown"]
        let importance = features.enumerated().map { TearsheetImportance(feature: $0.element, value: 0.3 / Double($0.offset + 1) - 0.01) }
        return TearsheetData(
            title: title, subtitle: "Synthetic regime-switching walk, seed \(seed)", notes: ["Walk-forward, 5 folds, costs 5 bp per change."],
            generatedBy: "Barbell tests", symbols: ["SPY"], timestamps: timestamps, equity: equity,
            benchmarkEquity: prices, benchmarkName: "Buy and hold", exposure: exposure, netExposure: net,
            statistics: statistics, honesty: honesty,
            regimes: TearsheetRegimes(prices: prices, labels: labels, names: ["calm", "trending", "turbulent"], priceName: "SPY",
                                      statistics: [TearsheetStatistic(name: "calm: share of bars", value: 0.33, formatted: "33%")]),
            featureImportance: importance, trades: trades, periodsPerYear: periodsPerYear)
    }
}
