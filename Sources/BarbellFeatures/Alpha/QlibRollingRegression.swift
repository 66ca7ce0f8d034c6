/// Qlib's rolling linear regression of a series on time (`Slope`, `Rsquare`, `Resi` in
/// `qlib/data/_libs/rolling.pyx`).
///
/// Qlib keeps running sums over the window positions 1...N, with the newest bar at position N,
/// and shifts the positions by one each bar instead of recomputing: Σxy loses Σy, Σx² gains
/// Σ1 − 2Σx, Σx loses Σ1. NaN bars are left out of every sum and the window starts as N NaN
/// bars, so the first bars regress on however many values are present. The same recurrence,
/// in the same order, is used here so the rounding matches Qlib's.
struct QlibRollingRegression: Sendable {
    let window: Int
    private var count = 0.0      // Σ1 over non-NaN bars
    private var sumX = 0.0
    private var sumX2 = 0.0
    private var sumY = 0.0
    private var sumY2 = 0.0
    private var sumXY = 0.0
    private var missing: Int

    init(window: Int) {
        self.window = window
        self.missing = window
    }

    /// Adds the newest raw value; `leaving` is the value `window` bars back (NaN before that).
    @inline(__always)
    mutating func slide(entering y: Double, leaving: Double) {
        sumXY = sumXY - sumY
        sumX2 = sumX2 + count - 2 * sumX
        sumX = sumX - count
        if !leaving.isNaN {
            count -= 1
            sumY -= leaving
            sumY2 -= leaving * leaving
        } else {
            missing -= 1
        }
        if y.isNaN {
            missing += 1
        } else {
            let w = Double(window)
            count += 1
            sumX += w
            sumX2 += Double(window * window)
            sumY += y
            sumY2 += y * y
            sumXY += w * y
        }
    }

    private var n: Double { Double(window - missing) }

    /// `Slope(x, N)`.
    var slope: Double {
        (n * sumXY - sumX * sumY) / (n * sumX2 - sumX * sumX)
    }

    /// `Rsquare(x, N)` before Qlib's constant-window mask.
    var rSquared: Double {
        let r = (n * sumXY - sumX * sumY) / ((n * sumX2 - sumX * sumX) * (n * sumY2 - sumY * sumY)).squareRoot()
        return r * r
    }

    /// `Resi(x, N)`: the newest value minus the fitted value at the newest position.
    func residual(newest y: Double) -> Double { residual(newest: y, slope: slope) }

    /// ``residual(newest:)`` given ``slope``, already computed for this bar.
    @inline(__always)
    func residual(newest y: Double, slope b: Double) -> Double {
        let meanX = sumX / n
        let meanY = sumY / n
        let intercept = meanY - b * meanX
        return y - (b * Double(window) + intercept)
    }
}
