import Foundation

/// Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae & Terpenning 1990), a line
/// by line port of the original Fortran as statsmodels' `STL` has it, so the two agree on the same
/// input to rounding.
///
/// y = trend + seasonal + resid. The inner loop alternates loess smoothing of each cycle-subseries
/// (the seasonal), a low-pass filter that keeps the seasonal free of trend, and loess of the
/// deseasonalised series (the trend); the robust outer loop reweights by the bisquare of the
/// residuals over six times their median.
public struct STL: Sendable, Equatable {
    /// Observations per seasonal cycle (≥ 2).
    public let period: Int
    /// Seasonal loess window (odd ≥ 3).
    public let seasonal: Int
    /// Trend loess window (odd ≥ 3, > period).
    public let trend: Int
    /// Low-pass loess window (odd ≥ 3, > period).
    public let lowPass: Int
    /// Loess degrees (0 or 1) of the seasonal, trend and low-pass smoothers.
    public let seasonalDegree: Int, trendDegree: Int, lowPassDegree: Int
    /// Loess is evaluated every `jump` points and interpolated linearly between (≥ 1).
    public let seasonalJump: Int, trendJump: Int, lowPassJump: Int
    /// Whether the outer loop reweights by robustness weights.
    public let robust: Bool

    /// The decomposition and the final robustness weights (all ones when not robust).
    public struct Result: Sendable, Equatable {
        /// The smooth long-run component.
        public let trend: [Double]
        /// The periodic component (its cycle-subseries smoothed, low-pass trend removed).
        public let seasonal: [Double]
        /// y − trend − seasonal.
        public let resid: [Double]
        /// Robustness weights of the last outer iteration, in [0, 1]; near 0 marks an outlier.
        public let weights: [Double]
    }

    /// Configures STL with statsmodels' defaults: `trend` = the smallest odd integer
    /// ≥ 1.5·period / (1 − 1.5/seasonal), `lowPass` = the smallest odd integer > period.
    /// - Throws: `invalidArgument` naming the first window, degree or jump out of range.
    public init(period: Int, seasonal: Int = 7, trend: Int? = nil, lowPass: Int? = nil,
                seasonalDegree: Int = 1, trendDegree: Int = 1, lowPassDegree: Int = 1,
                seasonalJump: Int = 1, trendJump: Int = 1, lowPassJump: Int = 1, robust: Bool = false) throws {
        guard period >= 2 else { throw RegimeError(.invalidArgument, "period is \(period); expected an integer ≥ 2") }
        guard seasonal >= 3, seasonal % 2 == 1 else {
            throw RegimeError(.invalidArgument, "seasonal is \(seasonal); expected an odd integer ≥ 3")
        }
        var t = trend ?? Int((1.5 * Double(period) / (1 - 1.5 / Double(seasonal))).rounded(.up))
        if trend == nil && t % 2 == 0 { t += 1 }
        guard t >= 3, t % 2 == 1, t > period else {
            throw RegimeError(.invalidArgument, "trend is \(t); expected an odd integer ≥ 3 and > period (\(period))")
        }
        var l = lowPass ?? period + 1
        if lowPass == nil && l % 2 == 0 { l += 1 }
        guard l >= 3, l % 2 == 1, l > period else {
            throw RegimeError(.invalidArgument, "lowPass is \(l); expected an odd integer ≥ 3 and > period (\(period))")
        }
        for (name, d) in [("seasonalDegree", seasonalDegree), ("trendDegree", trendDegree), ("lowPassDegree", lowPassDegree)]
        where d != 0 && d != 1 {
            throw RegimeError(.invalidArgument, "\(name) is \(d); expected 0 or 1")
        }
        for (name, j) in [("seasonalJump", seasonalJump), ("trendJump", trendJump), ("lowPassJump", lowPassJump)]
        where j < 1 {
            throw RegimeError(.invalidArgument, "\(name) is \(j); expected an integer ≥ 1")
        }
        self.period = period
        self.seasonal = seasonal
        self.trend = t
        self.lowPass = l
        self.seasonalDegree = seasonalDegree
        self.trendDegree = trendDegree
        self.lowPassDegree = lowPassDegree
        self.seasonalJump = seasonalJump
        self.trendJump = trendJump
        self.lowPassJump = lowPassJump
        self.robust = robust
    }

    /// Decomposes `y`. Iteration counts default as statsmodels': inner 2 and outer 15 when robust,
    /// inner 5 and outer 0 otherwise.
    /// - Throws: `insufficientData` for fewer than two full periods, `nonFinite` for NaN or
    ///   infinity, `invalidArgument` for inner < 1 or outer < 0.
    public func fit(_ y: [Double], innerIterations: Int? = nil, outerIterations: Int? = nil) throws -> Result {
        try CycleValidation.minimumCount(y, 2 * period, "y", "STL with period \(period) (two full periods)")
        try CycleValidation.finite(y, "y")
        let inner = innerIterations ?? (robust ? 2 : 5)
        let outer = outerIterations ?? (robust ? 15 : 0)
        guard inner >= 1 else { throw RegimeError(.invalidArgument, "innerIterations is \(inner); expected ≥ 1") }
        guard outer >= 0 else { throw RegimeError(.invalidArgument, "outerIterations is \(outer); expected ≥ 0") }
        let w = STLWorkspace(y: y, config: self)
        w.run(inner: inner, outer: outer)
        let trend = Array(w.trend), seasonal = Array(w.season)
        let resid = (0..<y.count).map { y[$0] - seasonal[$0] - trend[$0] }
        return Result(trend: trend, seasonal: seasonal, resid: resid, weights: Array(w.rw))
    }
}
