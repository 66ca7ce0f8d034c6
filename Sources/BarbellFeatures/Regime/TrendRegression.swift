extension RollingStat {
    /// Least-squares line through the window's log closes against the bar index `0..<n`.
    struct TimeRegression {
        var slope = 0.0
        /// Σ(y − ȳ)², Σ(x − x̄)² and the residual sum of squares.
        var syy = 0.0, sxx = 0.0, residual = 0.0

        init(_ w: UnsafeBufferPointer<Double>) {
            let n = Double(w.count)
            var sy = 0.0
            for y in w { sy += y }
            let my = sy / n
            let mx = (n - 1) / 2
            var sxy = 0.0
            for i in 0..<w.count {
                let dx = Double(i) - mx, dy = w[i] - my
                sxx += dx * dx
                sxy += dx * dy
                syy += dy * dy
            }
            slope = sxy / sxx
            for i in 0..<w.count {
                let e = w[i] - my - slope * (Double(i) - mx)
                residual += e * e
            }
        }
    }

    /// Trend strength as the t-statistic of the slope of a least-squares line through the
    /// window's log closes against time: `b / SE(b)` with `SE(b) = √(RSS / (n − 2) / Σ(x − x̄)²)`
    /// (the `slope / stderr` of `scipy.stats.linregress`; Greene, *Econometric Analysis*, ch. 4).
    /// Large |t| means a steady trend, near 0 a range; NaN for a perfect line. O(window).
    struct TrendTStatistic: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let fit = TimeRegression(w)
            let se = (fit.residual / Double(rows - 2) / fit.sxx).squareRoot()
            guard se > 0 else { return .nan }
            return fit.slope / se
        }
    }

    /// Signed coefficient of determination of the window's log closes on time: `R² · sign(b)`,
    /// in [−1, 1]; ±1 for a straight up/down line, 0 for no linear trend. NaN for a flat window.
    /// O(window).
    struct TrendR2: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let fit = TimeRegression(w)
            guard fit.syy > 0 else { return .nan }
            let r2 = 1 - fit.residual / fit.syy
            return fit.slope < 0 ? -r2 : r2
        }
    }

    /// Percentile rank of the newest value in the window: the share of the window's values at or
    /// below it, in (0, 1] (pandas' `rolling(n).rank(method="max", pct=True)`). O(window).
    struct PercentRank: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let current = w[rows - 1]
            var below = 0
            for x in w where x <= current { below += 1 }
            return Double(below) / Double(rows)
        }
    }
}
