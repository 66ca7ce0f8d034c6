import BarbellData

/// The series a tearsheet derives from its equity curve, computed once by
/// ``init(_:)`` and both drawn on the page and written into the JSON twin, so the numbers
/// behind every chart are machine-readable.
///
/// Returns are bar-to-bar simple returns of equity, aligned with the timestamps: the first bar
/// and any bar whose equity or previous equity is not finite (or zero) has none (`null` in JSON).
/// Rolling statistics need every return in their window (pandas' `rolling(window)` default).
public struct TearsheetDerived: Codable, Sendable, Equatable {
    /// Simple return per bar; nil where undefined.
    public var returns: [Double?]
    /// Equity over its running peak minus one (≤ 0); nil where equity is not finite.
    public var drawdown: [Double?]
    /// Annualised rolling Sharpe ratio of the last `rollingWindow` returns; nil until the window
    /// is full, when it holds a missing return, or when its returns are constant.
    public var rollingSharpe: [Double?]
    /// Annualised rolling volatility (sample standard deviation × √periodsPerYear).
    public var rollingVolatility: [Double?]
    /// Compounded return of each calendar month (UTC) that has a return, oldest first.
    public var monthlyReturns: [TearsheetPeriodReturn]
    /// Compounded return of each calendar year (UTC), oldest first.
    public var yearlyReturns: [TearsheetPeriodReturn]
    /// Histogram of the defined returns.
    public var histogram: TearsheetHistogram
    /// Headline numbers of the defined returns (nil when fewer than two or a return ≤ −100%).
    public var summary: TearsheetSummary

    /// Derives every series from `data`.
    /// - Throws: ``BacktestError`` when `data` is inconsistent (see ``TearsheetData/validate()``).
    public init(_ data: TearsheetData) throws(BacktestError) {
        try data.validate()
        returns = Self.returns(equity: data.equity)
        drawdown = Self.drawdown(equity: data.equity)
        (rollingSharpe, rollingVolatility) = Self.rolling(returns: returns, window: data.rollingWindow, periodsPerYear: data.periodsPerYear)
        (monthlyReturns, yearlyReturns) = Self.periodReturns(timestamps: data.timestamps, returns: returns)
        let defined = returns.compactMap { $0 }
        histogram = TearsheetHistogram(defined)
        summary = TearsheetSummary(defined, periodsPerYear: data.periodsPerYear, varLevel: data.varLevel)
    }

    /// Bar-to-bar simple returns of `equity`, the first nil.
    public static func returns(equity: [Double]) -> [Double?] {
        guard !equity.isEmpty else { return [] }
        var out: [Double?] = [nil]
        out.reserveCapacity(equity.count)
        for i in 1..<equity.count {
            let a = equity[i - 1], b = equity[i]
            let r = b / a - 1
            out.append(a.isFinite && b.isFinite && a != 0 && r.isFinite ? r : nil)
        }
        return out
    }

    /// Equity over the running peak of finite equity, minus one.
    public static func drawdown(equity: [Double]) -> [Double?] {
        var peak = -Double.infinity
        return equity.map { e -> Double? in
            guard e.isFinite else { return nil }
            peak = max(peak, e)
            return peak > 0 ? e / peak - 1 : nil
        }
    }

    /// Rolling annualised Sharpe and volatility over `window` returns ending at each bar.
    ///
    /// Each window is summed afresh (two passes: mean, then squared deviations) rather than
    /// updated incrementally, so long series accumulate no rounding drift: O(n·window).
    public static func rolling(returns: [Double?], window: Int, periodsPerYear: Double) -> (sharpe: [Double?], volatility: [Double?]) {
        let n = returns.count
        var sharpe = [Double?](repeating: nil, count: n), volatility = [Double?](repeating: nil, count: n)
        guard window >= 2, n >= window else { return (sharpe, volatility) }
        let values = returns.map { $0 ?? .nan }
        let annual = periodsPerYear.squareRoot()
        // Bars since the last missing return, so a window is skipped in O(1) when it holds one.
        var run = 0
        for t in 0..<n {
            run = values[t].isNaN ? 0 : run + 1
            guard run >= window else { continue }
            var sum = 0.0
            for k in (t - window + 1)...t { sum += values[k] }
            let mean = sum / Double(window)
            var squares = 0.0
            for k in (t - window + 1)...t { let d = values[k] - mean; squares += d * d }
            let sd = (squares / Double(window - 1)).squareRoot()
            volatility[t] = sd * annual
            if sd > 0 { sharpe[t] = mean / sd * annual }
        }
        return (sharpe, volatility)
    }

    /// Returns compounded within each UTC calendar month and year: Π(1 + r) − 1 over the defined
    /// returns whose bar falls in it (pandas' `(1 + r).groupby([year, month]).prod() − 1`).
    public static func periodReturns(timestamps: [Timestamp], returns: [Double?]) -> (monthly: [TearsheetPeriodReturn], yearly: [TearsheetPeriodReturn]) {
        var monthly: [TearsheetPeriodReturn] = [], yearly: [TearsheetPeriodReturn] = []
        var monthKey = (0, 0), monthGrowth = 1.0, yearGrowth = 1.0, open = false
        func close() {
            monthly.append(TearsheetPeriodReturn(year: monthKey.0, month: monthKey.1, value: monthGrowth - 1))
        }
        for (t, r) in zip(timestamps, returns) {
            guard let r else { continue }
            let (y, m, _) = CivilDate.civilFromDays(t.epochDay)
            if open, (y, m) != monthKey {
                close()
                if y != monthKey.0 {
                    yearly.append(TearsheetPeriodReturn(year: monthKey.0, month: nil, value: yearGrowth - 1))
                    yearGrowth = 1
                }
                monthGrowth = 1
            }
            monthKey = (y, m)
            open = true
            monthGrowth *= 1 + r
            yearGrowth *= 1 + r
        }
        if open {
            close()
            yearly.append(TearsheetPeriodReturn(year: monthKey.0, month: nil, value: yearGrowth - 1))
        }
        return (monthly, yearly)
    }
}

/// A compounded return over a calendar month (`month` 1...12) or a year (`month` nil).
public struct TearsheetPeriodReturn: Codable, Sendable, Equatable {
    public var year: Int
    public var month: Int?
    public var value: Double

    public init(year: Int, month: Int?, value: Double) {
        self.year = year
        self.month = month
        self.value = value
    }
}

/// Counts of returns in equal-width bins from the smallest to the largest return.
public struct TearsheetHistogram: Codable, Sendable, Equatable {
    /// Bin edges, one more than counts; the last bin includes its right edge (numpy's rule).
    public var edges: [Double]
    public var counts: [Int]

    /// Bins `values` (all finite) into `bins` equal-width bins; an empty histogram without values.
    public init(_ values: [Double], bins: Int = 50) {
        guard let low = values.min(), let high = values.max(), bins > 0 else {
            edges = []
            counts = []
            return
        }
        // A constant series gets a unit-wide range around it, as numpy does.
        let (a, b) = low < high ? (low, high) : (low - 0.5, high + 0.5)
        let width = (b - a) / Double(bins)
        edges = (0...bins).map { $0 == bins ? b : a + Double($0) * width }
        var counts = [Int](repeating: 0, count: bins)
        for v in values {
            let k = min(max(Int((v - a) / width), 0), bins - 1)
            counts[k] += 1
        }
        self.counts = counts
    }
}

/// The headline numbers, from ``Returns`` (empyrical's definitions) of the defined returns.
public struct TearsheetSummary: Codable, Sendable, Equatable {
    /// Compounded return over the whole period: Π(1 + r) − 1.
    public var totalReturn: Double?
    /// Compound annual growth rate.
    public var annualReturn: Double?
    /// Sample standard deviation × √periodsPerYear.
    public var annualVolatility: Double?
    /// Annualised Sharpe ratio at a zero risk-free rate.
    public var sharpe: Double?
    /// Deepest fall from a peak, negative.
    public var maxDrawdown: Double?
    /// Historical value at risk at the tearsheet's level: the (1 − level) quantile of returns.
    public var valueAtRisk: Double?
    /// Mean of the returns at or below the value at risk (expected shortfall).
    public var conditionalValueAtRisk: Double?
    /// Returns the statistics are computed from.
    public var count: Int

    init(_ values: [Double], periodsPerYear: Double, varLevel: Double) {
        count = values.count
        guard let r = try? Returns(values, periodsPerYear: periodsPerYear) else { return }
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        totalReturn = finite(r.totalReturn)
        annualReturn = finite(r.annualReturn)
        annualVolatility = finite(r.annualVolatility)
        sharpe = finite(r.sharpeRatio())
        maxDrawdown = finite(r.maxDrawdown)
        valueAtRisk = finite(r.valueAtRisk(cutoff: 1 - varLevel))
        conditionalValueAtRisk = finite(r.conditionalValueAtRisk(cutoff: 1 - varLevel))
    }
}
