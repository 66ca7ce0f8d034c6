/// Pearson's correlation coefficient of `real0` and `real1` over `timeperiod` bars, TA-Lib C
/// 0.8's `CORREL`: `r = cov / sqrt(varX·varY)` from running sums of deviations from anchors,
/// clamped to [−1, 1], and 0 when either variance is below `1e-14 ·` its sum of squares.
///
/// As for ``VAR``, TA-Lib 0.8 anchors the sums (first at the first bar's values) and re-anchors
/// to the window means, recomputing the window oldest first, when a variance has lost more
/// than 6 digits, when the pair that just left the window outweighed the remaining sum of
/// squares by 1e6, or every `32 · timeperiod` bars. A NaN input therefore gives 0 (every
/// comparison fails) until the next counted re-anchoring. (Read off the TA-Lib C 0.8.1 binary
/// the fixtures come from; its older source uses plain running sums.)
enum CORREL {
    static func lookback(_ period: Int) -> Int { period - 1 }

    struct State {
        let period: Int
        let invN: Double
        let resyncEvery: Int
        var anchorX = 0.0, anchorY = 0.0
        var sx = 0.0, sxx = 0.0, sxy = 0.0, sy = 0.0, syy = 0.0
        /// Squared deviations of the pair removed last, for the dominance test.
        var removedX2 = 0.0, removedY2 = 0.0
        var countdown: Int

        init(period: Int) {
            self.period = period
            invN = 1.0 / Double(period)
            resyncEvery = period << 5
            countdown = period << 5
        }

        @inline(__always)
        mutating func prime(_ x: Double, _ y: Double, first: Bool) {
            if first {
                anchorX = x
                anchorY = y
            }
            let dx = x - anchorX
            sx += dx
            sxx += dx * dx
            let dy = y - anchorY
            sxy += dx * dy
            sy += dy
            syy += dy * dy
        }

        /// `window(i)` is the window's pair `i`, 0 the oldest; the newest is `(x, y)`.
        @inline(__always)
        mutating func next(_ x: Double, _ y: Double, window: (Int) -> (Double, Double)) -> Double {
            let dx = x - anchorX
            sx += dx
            sxx += dx * dx
            let varX = sxx - sx * sx * invN
            if 1e-6 * sxx > varX { return resync(window) }
            let dy = y - anchorY
            sy += dy
            syy += dy * dy
            let varY = syy - sy * sy * invN
            if 1e-6 * syy > varY || removedX2 > 1e6 * sxx || removedY2 > 1e6 * syy {
                return resync(window)
            }
            countdown -= 1
            if countdown == 0 { return resync(window) }
            sxy = dx * dy + sxy
            let cov = sxy - sx * sy * invN
            return finish(varX: varX, varY: varY, cov: cov, oldest: window(0))
        }

        private mutating func resync(_ window: (Int) -> (Double, Double)) -> Double {
            var totalX = 0.0, totalY = 0.0
            for i in 0..<period {
                let (a, b) = window(i)
                totalX += a
                totalY += b
            }
            anchorX = totalX * invN
            anchorY = totalY * invN
            sx = 0; sxx = 0; sxy = 0; sy = 0; syy = 0
            for i in 0..<period {
                let (a, b) = window(i)
                let dx = a - anchorX
                sx += dx
                sxx += dx * dx
                let dy = b - anchorY
                sxy += dx * dy
                sy += dy
                syy += dy * dy
            }
            var varX = sxx - sx * sx * invN
            var varY = syy - sy * sy * invN
            let cov = sxy - sy * sx * invN
            if varX < 0 { varX = 0 }
            if varY < 0 { varY = 0 }
            countdown = resyncEvery
            return finish(varX: varX, varY: varY, cov: cov, oldest: window(0))
        }

        /// The coefficient, then the oldest pair leaves the sums.
        @inline(__always)
        private mutating func finish(varX: Double, varY: Double, cov: Double, oldest: (Double, Double)) -> Double {
            let tdx = oldest.0 - anchorX
            let tdy = oldest.1 - anchorY
            var r = 0.0
            if varX > 1e-14 * sxx && varY > 1e-14 * syy {
                let product = varX * varY
                if product > 0 {
                    r = cov / product.squareRoot()
                    r = r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r)
                }
            }
            sx -= tdx
            sxx -= tdx * tdx
            sy -= tdy
            sxy -= tdx * tdy
            syy -= tdy * tdy
            removedX2 = tdx * tdx
            removedY2 = tdy * tdy
            return r
        }
    }

    static func batch(_ real0: UnsafeBufferPointer<Double>, _ real1: UnsafeBufferPointer<Double>, period: Int,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let count = real0.count
        guard count >= period, let x = real0.baseAddress, let y = real1.baseAddress else { return }
        var state = State(period: period)
        for i in 0..<(period - 1) { state.prime(x[i], y[i], first: i == 0) }
        var t = period - 1
        while t < count {
            let start = t - period + 1
            out[t] = state.next(x[t], y[t]) { (x[start + $0], y[start + $0]) }
            t += 1
        }
    }

    struct Stream: FeatureStream {
        var state: State
        var window0: RingBuffer
        var window1: RingBuffer

        init(period: Int) {
            state = State(period: period)
            window0 = RingBuffer(capacity: period)
            window1 = RingBuffer(capacity: period)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(inputs[0], inputs[1])
        }

        mutating func next(_ a: Double, _ b: Double) -> Double {
            let seen = window0.count
            window0.append(a)
            window1.append(b)
            guard window0.isFull else {
                state.prime(a, b, first: seen == 0)
                return .nan
            }
            let w0 = window0, w1 = window1
            return state.next(a, b) { (w0[$0], w1[$0]) }
        }
    }
}
