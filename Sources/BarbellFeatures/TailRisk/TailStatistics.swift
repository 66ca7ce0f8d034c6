import Foundation

extension RollingStat {
    /// Historical value at risk: the loss not exceeded with probability `confidence`,
    /// `VaR = −Q(1 − confidence)` of the window's log returns with linear interpolation
    /// (Jorion, *Value at Risk*, 3rd ed., ch. 5). Positive for a loss.
    struct HistoricalVaR: SortedStatistic {
        let confidence: Double
        func evaluate(_ sorted: UnsafeBufferPointer<Double>) -> Double {
            -RollingStat.interpolatedQuantile(sorted, 1 - confidence)
        }
    }

    /// Historical conditional value at risk (expected shortfall): minus the mean of the returns at
    /// or below the `1 − confidence` quantile (linear interpolation), i.e. the average loss in the
    /// worst `1 − confidence` of the window (Acerbi & Tasche 2002).
    struct HistoricalCVaR: SortedStatistic {
        let confidence: Double
        func evaluate(_ sorted: UnsafeBufferPointer<Double>) -> Double {
            let threshold = RollingStat.interpolatedQuantile(sorted, 1 - confidence)
            var total = 0.0
            var count = 0
            while count < sorted.count, sorted[count] <= threshold {
                total += sorted[count]
                count += 1
            }
            return -(total / Double(count))
        }
    }

    /// Hill estimator of the left-tail index (Hill 1975): with the window's losses `L = −r`
    /// sorted descending, `ξ = (1/k) Σ_{i=1}^{k} ln(L_(i) / L_(k+1))` and the tail index
    /// `α = 1/ξ`. Smaller α means fatter left tails (α ≈ 3 for daily equity returns). NaN when
    /// `L_(k+1) ≤ 0` (fewer than k+1 losses) or `k ≥ window`.
    struct HillTailIndex: SortedStatistic {
        let k: Int
        func evaluate(_ sorted: UnsafeBufferPointer<Double>) -> Double {
            guard k < sorted.count else { return .nan }
            // The largest losses are the most negative returns, at the front.
            let threshold = -sorted[k]
            guard threshold > 0 else { return .nan }
            var total = 0.0
            for i in 0..<k { total += Foundation.log(-sorted[i] / threshold) }
            let xi = total / Double(k)
            guard xi > 0 else { return .nan }
            return 1 / xi
        }
    }

    /// Tail ratio: `|Q(confidence)| / |Q(1 − confidence)|` of the window's returns, the right
    /// tail over the left (empyrical's `tail_ratio`, Quantopian); above 1 when gains in the tails
    /// are larger than losses, a convexity (antifragility) sign. NaN when the left quantile is 0.
    struct TailRatio: SortedStatistic {
        let confidence: Double
        func evaluate(_ sorted: UnsafeBufferPointer<Double>) -> Double {
            let right = abs(RollingStat.interpolatedQuantile(sorted, confidence))
            let left = abs(RollingStat.interpolatedQuantile(sorted, 1 - confidence))
            guard left > 0 else { return .nan }
            return right / left
        }
    }

    /// Share of realized variance due to jumps (Barndorff-Nielsen & Shephard 2004; Huang &
    /// Tauchen 2005): with `RV = Σ r_i²` and the bipower variation
    /// `BV = (π/2) · n/(n−1) · Σ_{i≥2} |r_i||r_{i−1}|` over the window's `n` returns,
    /// `max(0, (RV − BV) / RV)`; 0 when RV is 0. O(window) per bar.
    struct JumpShare: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let n = Double(rows)
            var rv = 0.0
            for x in w { rv += x * x }
            var products = 0.0
            for i in 1..<rows { products += abs(w[i]) * abs(w[i - 1]) }
            let bv = (Double.pi / 2) * (n / (n - 1)) * products
            guard rv > 0 else { return 0 }
            return max(0, (rv - bv) / rv)
        }
    }

    /// Coefficient of variation of a window of volatilities: sample standard deviation
    /// (`ddof = 1`) over mean, the dimensionless volatility of volatility. NaN when the mean is 0.
    struct CoefficientOfVariation: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let n = Double(rows)
            var total = 0.0
            for x in w { total += x }
            let mean = total / n
            guard mean != 0 else { return .nan }
            var squares = 0.0
            for x in w { squares += (x - mean) * (x - mean) }
            return (squares / (n - 1)).squareRoot() / mean
        }
    }

    /// Convexity to a benchmark: the coefficient `γ` of the least-squares regression
    /// `r_t = α + β m_t + γ m_t² + ε_t` of the asset's log returns on the benchmark's over the
    /// window (Treynor & Mazuy 1966). Positive γ means the asset gains more, or loses less, when
    /// the benchmark moves a lot either way: convex, antifragile exposure. Solved from centred
    /// sums; NaN when the regressors are collinear. O(window) per bar.
    struct Convexity: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let n = Double(rows)
            var sr = 0.0, sm = 0.0, sq = 0.0
            for i in 0..<rows {
                let r = w[2 * i], m = w[2 * i + 1]
                sr += r
                sm += m
                sq += m * m
            }
            let mr = sr / n, mm = sm / n, mq = sq / n
            var s11 = 0.0, s12 = 0.0, s22 = 0.0, s1y = 0.0, s2y = 0.0
            for i in 0..<rows {
                let r = w[2 * i], m = w[2 * i + 1]
                let x1 = m - mm, x2 = m * m - mq, y = r - mr
                s11 += x1 * x1
                s12 += x1 * x2
                s22 += x2 * x2
                s1y += x1 * y
                s2y += x2 * y
            }
            let determinant = s11 * s22 - s12 * s12
            guard determinant > 0 else { return .nan }
            return (s11 * s2y - s12 * s1y) / determinant
        }
    }
}
