import BarbellQuant

/// What the labelling rules of ``RegimeLabeller`` look at for one hidden state.
public struct RegimeStateStatistics: Sendable, Equatable {
    /// Mean simple return of the state's bars × `periodsPerYear`.
    public var annualisedReturn: Double
    /// Standard deviation of the state's returns × √`periodsPerYear`.
    public var annualisedVolatility: Double
    /// Mean depth below the trailing peak (the highest price of the last `drawdownWindow` bars,
    /// one year by default) on the state's bars, a fraction in [0, 1). A trailing peak, not the
    /// all-time one, so that a decades-old top does not make every later state look distressed.
    public var drawdown: Double
    /// Trend strength: `annualisedReturn / annualisedVolatility` (an annualised Sharpe ratio;
    /// 0 when the volatility is 0), so that a drift counts only relative to its noise.
    public var trend: Double
    /// Share of the stationary probability flow *into* this state that comes from the given
    /// states (filled by ``RegimeLabeller`` with the Bear/Crisis states); 0 until then.
    public var stressEntryShare: Double

    /// Stores the statistics as given.
    public init(annualisedReturn: Double, annualisedVolatility: Double, drawdown: Double, trend: Double,
                stressEntryShare: Double = 0) {
        self.annualisedReturn = annualisedReturn
        self.annualisedVolatility = annualisedVolatility
        self.drawdown = drawdown
        self.trend = trend
        self.stressEntryShare = stressEntryShare
    }

    /// Per-state statistics of simple `returns` classified by `path` (e.g. a Viterbi path), with
    /// drawdowns against the peak of the last `drawdownWindow` bars (the bar itself included).
    ///
    /// - Throws: `.shapeMismatch` when the lengths differ, `.nonFinite` for a NaN or infinite
    ///   return, `.invalidArgument` for a state outside `0..<states`, a return ≤ −1,
    ///   `periodsPerYear` ≤ 0 or `drawdownWindow` < 1, `.insufficientData` for a state with fewer than 2 bars.
    public static func compute(returns: [Double], path: [Int], states: Int,
                               periodsPerYear: Double = 252, drawdownWindow: Int = 252) throws -> [RegimeStateStatistics] {
        guard returns.count == path.count else {
            throw RegimeError(.shapeMismatch, "path: \(path.count) entries, expected \(returns.count) (one per return)")
        }
        guard states >= 1 else { throw RegimeError(.invalidArgument, "states = \(states): expected ≥ 1") }
        guard periodsPerYear > 0, periodsPerYear.isFinite else {
            throw RegimeError(.invalidArgument, "periodsPerYear = \(periodsPerYear): expected a finite value > 0")
        }
        guard drawdownWindow >= 1 else { throw RegimeError(.invalidArgument, "drawdownWindow = \(drawdownWindow): expected ≥ 1") }
        var sum = [Double](repeating: 0, count: states), sq = sum, dd = sum
        var n = [Int](repeating: 0, count: states)
        var wealth = 1.0
        var prices = [Double]()
        prices.reserveCapacity(returns.count + 1)
        prices.append(1)  // the price before the first return
        for (t, r) in returns.enumerated() {
            guard r.isFinite else { throw RegimeError(.nonFinite, "returns[\(t)]: expected a finite value") }
            guard r > -1 else { throw RegimeError(.invalidArgument, "returns[\(t)] = \(r): expected a simple return > −1") }
            let s = path[t]
            guard (0..<states).contains(s) else { throw RegimeError(.invalidArgument, "path[\(t)] = \(s): expected a state in 0..<\(states)") }
            wealth *= 1 + r
            prices.append(wealth)
            // Trailing peak over the last drawdownWindow prices (O(window) per bar; windows are short).
            let peak = prices[max(0, prices.count - drawdownWindow)...].max()!
            sum[s] += r; sq[s] += r * r; n[s] += 1
            dd[s] += 1 - wealth / peak
        }
        return try (0..<states).map { s in
            guard n[s] >= 2 else { throw RegimeError(.insufficientData, "state \(s): \(n[s]) bars, expected ≥ 2") }
            let m = sum[s] / Double(n[s])
            let v = max(0, (sq[s] - Double(n[s]) * m * m) / Double(n[s] - 1))
            let ar = m * periodsPerYear, av = (v * periodsPerYear).squareRoot()
            return RegimeStateStatistics(annualisedReturn: ar, annualisedVolatility: av, drawdown: dd[s] / Double(n[s]),
                                         trend: av > 0 ? ar / av : 0)
        }
    }
}
