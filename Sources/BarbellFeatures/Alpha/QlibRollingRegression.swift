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

extension QlibRollingRegression {
    /// Two windows over one series as the lanes of `SIMD2`s, each lane bit for bit the scalar
    /// ``QlibRollingRegression``: the running sums update lane-wise, and each bar's slope,
    /// R² and residual take one packed division (or square root) for both windows. A NaN on
    /// either side runs the scalar code on the lanes.
    struct Pair: Sendable {
        let windows: SIMD2<Double>
        private let windowSquares: SIMD2<Double>
        private let windowCounts: (Int, Int)
        private var count: SIMD2<Double>
        private var sumX: SIMD2<Double>, sumX2: SIMD2<Double>
        private var sumY: SIMD2<Double>, sumY2: SIMD2<Double>, sumXY: SIMD2<Double>
        private var missing: (Int, Int)

        init(_ a: QlibRollingRegression, _ b: QlibRollingRegression) {
            windowCounts = (a.window, b.window)
            windows = SIMD2(Double(a.window), Double(b.window))
            windowSquares = SIMD2(Double(a.window * a.window), Double(b.window * b.window))
            count = SIMD2(a.count, b.count)
            sumX = SIMD2(a.sumX, b.sumX); sumX2 = SIMD2(a.sumX2, b.sumX2)
            sumY = SIMD2(a.sumY, b.sumY); sumY2 = SIMD2(a.sumY2, b.sumY2); sumXY = SIMD2(a.sumXY, b.sumXY)
            missing = (a.missing, b.missing)
        }

        /// Lane `i` as a scalar state.
        func lane(_ i: Int) -> QlibRollingRegression {
            var s = QlibRollingRegression(window: i == 0 ? windowCounts.0 : windowCounts.1)
            s.count = count[i]
            s.sumX = sumX[i]; s.sumX2 = sumX2[i]
            s.sumY = sumY[i]; s.sumY2 = sumY2[i]; s.sumXY = sumXY[i]
            s.missing = i == 0 ? missing.0 : missing.1
            return s
        }

        /// ``QlibRollingRegression/slide(entering:leaving:)`` with each lane's leaving value.
        @inline(__always)
        mutating func slide(entering y: Double, leaving: SIMD2<Double>) {
            guard !y.isNaN, !leaving[0].isNaN, !leaving[1].isNaN else {
                slideLanes(entering: y, leaving: leaving)
                return
            }
            sumXY = sumXY - sumY
            sumX2 = sumX2 + count - 2 * sumX
            sumX = sumX - count
            count -= 1
            sumY -= leaving
            sumY2 -= leaving * leaving
            let ys = SIMD2(repeating: y)
            count += 1
            sumX += windows
            sumX2 += windowSquares
            sumY += ys
            sumY2 += ys * ys
            sumXY += windows * ys
        }

        @inline(never)
        private mutating func slideLanes(entering y: Double, leaving: SIMD2<Double>) {
            var a = lane(0), b = lane(1)
            a.slide(entering: y, leaving: leaving[0])
            b.slide(entering: y, leaving: leaving[1])
            self = Pair(a, b)
        }

        /// Both lanes' `Slope`, `Rsquare` (before the mask) and `Resi` for newest value `y`.
        @inline(__always)
        func outputs(newest y: Double) -> (slope: SIMD2<Double>, rSquared: SIMD2<Double>, residual: SIMD2<Double>) {
            let n = SIMD2(Double(windowCounts.0 - missing.0), Double(windowCounts.1 - missing.1))
            let numerator = n * sumXY - sumX * sumY
            let xSpread = n * sumX2 - sumX * sumX
            let slope = numerator / xSpread
            let r = numerator / Lanes.squareRoot(xSpread * (n * sumY2 - sumY * sumY))
            let meanX = sumX / n
            let meanY = sumY / n
            let intercept = meanY - slope * meanX
            return (slope, r * r, SIMD2(repeating: y) - (slope * windows + intercept))
        }
    }
}
