/// Running first and second moments of a window of `(x, y)` pairs, the shared state of every
/// rolling covariance-type feature (correlation, beta, residual volatility, Kyle's lambda, Roll's
/// spread).
///
/// A pair with a NaN or infinite member is *invalid*: it is not added to the sums, only counted,
/// and every statistic is NaN while such a pair is in the window. The window recovers as soon as
/// the pair leaves it, and an infinity never poisons the sums (`inf - inf` would be NaN forever).
/// This matches pandas' `rolling(window).cov/corr/var` with the default `min_periods = window`.
///
/// Batch kernels and streams call ``remove(_:_:)`` for the pair leaving the window and then
/// ``add(_:_:)`` for the pair entering it, in that order, so both round identically.
struct RollingPairMoments {
    var sumX = 0.0, sumY = 0.0, sumXX = 0.0, sumYY = 0.0, sumXY = 0.0
    /// Valid pairs in the window.
    var valid = 0
    /// Invalid (non-finite) pairs in the window.
    var invalid = 0

    @inline(__always)
    static func isValid(_ x: Double, _ y: Double) -> Bool { x.isFinite && y.isFinite }

    @inline(__always)
    mutating func add(_ x: Double, _ y: Double) {
        guard Self.isValid(x, y) else { invalid += 1; return }
        sumX += x
        sumY += y
        sumXX += x * x
        sumYY += y * y
        sumXY += x * y
        valid += 1
    }

    @inline(__always)
    mutating func remove(_ x: Double, _ y: Double) {
        guard Self.isValid(x, y) else { invalid -= 1; return }
        sumX -= x
        sumY -= y
        sumXX -= x * x
        sumYY -= y * y
        sumXY -= x * y
        valid -= 1
        // An empty valid set restarts the sums at exactly zero so rounding residue from
        // long-gone values cannot survive a gap.
        if valid == 0 { sumX = 0; sumY = 0; sumXX = 0; sumYY = 0; sumXY = 0 }
    }

    /// True when every pair in the window is valid.
    @inline(__always) var isClean: Bool { invalid == 0 && valid > 1 }

    /// Centred sums of squares and cross-products over the valid pairs: Σ(x − x̄)², Σ(y − ȳ)²
    /// (clamped at 0 against rounding) and Σ(x − x̄)(y − ȳ), from the raw sums with one division
    /// per mean.
    @inline(__always) var centred: (xx: Double, yy: Double, xy: Double) {
        let n = Double(valid)
        let meanX = sumX / n, meanY = sumY / n
        return (max(sumXX - meanX * sumX, 0), max(sumYY - meanY * sumY, 0), sumXY - meanX * sumY)
    }

    /// Sample covariance (ddof 1), NaN unless the window is clean.
    @inline(__always) var covariance: Double {
        isClean ? centred.xy / Double(valid - 1) : .nan
    }

    /// Pearson correlation; NaN when either side is constant over the window.
    @inline(__always) var correlation: Double {
        guard isClean else { return .nan }
        let c = centred
        let denominator = (c.xx * c.yy).squareRoot()
        return denominator > 0 ? c.xy / denominator : .nan
    }

    /// OLS slope of y on x, cov(x, y) / var(x); NaN when x is constant over the window.
    @inline(__always) var slopeYOnX: Double {
        guard isClean else { return .nan }
        let c = centred
        return c.xx > 0 ? c.xy / c.xx : .nan
    }

    /// Standard error of the OLS regression of y on x: √(SSR / (n − 2)) with
    /// SSR = Σ(y - ȳ)² − (Σ(x - x̄)(y - ȳ))² / Σ(x - x̄)²; NaN when x is constant or n < 3.
    @inline(__always) var residualStandardErrorYOnX: Double {
        guard isClean, valid > 2 else { return .nan }
        let c = centred
        guard c.xx > 0 else { return .nan }
        let ssr = max(c.yy - c.xy * c.xy / c.xx, 0)
        return (ssr / Double(valid - 2)).squareRoot()
    }
}
