import Foundation

extension RollingStat {
    /// The `q`-quantile of the window with linear interpolation between order statistics
    /// (pandas' and numpy's default): position `q·(n−1)` in the sorted window.
    struct Quantile: SortedStatistic {
        let q: Double
        func evaluate(_ sorted: UnsafeBufferPointer<Double>) -> Double {
            RollingStat.interpolatedQuantile(sorted, q)
        }
    }

    /// numpy's `quantile(..., method="linear")` of ascending `sorted`.
    static func interpolatedQuantile(_ sorted: UnsafeBufferPointer<Double>, _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let fraction = position - Double(lower)
        let low = sorted[lower]
        guard fraction > 0, lower + 1 < sorted.count else { return low }
        let high = sorted[lower + 1]
        return low + (high - low) * fraction
    }

    /// Z-score of the newest value against its window: `(x − mean) / s` with the sample
    /// standard deviation (`ddof = 1`), computed two-pass so prices far from zero keep their
    /// precision. A window with no spread gives NaN.
    struct ZScore: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let n = Double(rows)
            var total = 0.0
            for x in w { total += x }
            let mean = total / n
            var squares = 0.0
            for x in w { squares += (x - mean) * (x - mean) }
            let sd = (squares / (n - 1)).squareRoot()
            guard sd > 0 else { return .nan }
            return (w[rows - 1] - mean) / sd
        }
    }

    /// Pearson correlation of the window with itself shifted by `lag` (pandas'
    /// `Series.autocorr(lag)`: the `n − lag` overlapping pairs, each side centred on its own
    /// mean). NaN when either side has no spread.
    struct Autocorrelation: WindowStatistic {
        let lag: Int
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            guard rows - lag >= 2 else { return .nan }
            return RollingStat.correlation(w, from: lag, w, from: 0, count: rows - lag, stride: 1)
        }
    }

    /// Pearson correlation of `count` values of `x` starting at `xs` with those of `y` at `ys`,
    /// elements `stride` apart; two-pass like pandas' `nancorr`.
    static func correlation(_ x: UnsafeBufferPointer<Double>, from xs: Int, _ y: UnsafeBufferPointer<Double>, from ys: Int,
                            count: Int, stride: Int) -> Double {
        let n = Double(count)
        var sx = 0.0, sy = 0.0
        for i in 0..<count {
            sx += x[(xs + i) * stride]
            sy += y[(ys + i) * stride]
        }
        let mx = sx / n, my = sy / n
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in 0..<count {
            let dx = x[(xs + i) * stride] - mx, dy = y[(ys + i) * stride] - my
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        let divisor = (sxx * syy).squareRoot()
        guard divisor > 0 else { return .nan }
        return sxy / divisor
    }

    /// Ordinary least-squares slope of `y` on `x`, the two given as centred sums.
    static func slope(sxy: Double, sxx: Double) -> Double { sxy / sxx }

    /// Least-squares slope of `log y` on `log x` for the points `(x[i], y[i])`.
    static func logLogSlope(_ x: UnsafeMutableBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>, count: Int) -> Double {
        let n = Double(count)
        var sx = 0.0, sy = 0.0
        for i in 0..<count {
            sx += Foundation.log(x[i])
            sy += Foundation.log(y[i])
        }
        let mx = sx / n, my = sy / n
        var sxx = 0.0, sxy = 0.0
        for i in 0..<count {
            let dx = Foundation.log(x[i]) - mx
            sxx += dx * dx
            sxy += dx * (Foundation.log(y[i]) - my)
        }
        return sxy / sxx
    }
}
