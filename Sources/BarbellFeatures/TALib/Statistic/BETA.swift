/// Beta, TA-Lib C 0.8's `BETA`: the least-squares slope of the returns of `real1` against
/// those of `real0` over the last `timeperiod` returns (`timeperiod + 1` prices),
/// `β = (n·Σxy − Σx·Σy) / (n·Σx² − (Σx)²)` with `x = Δreal0/real0`, `y = Δreal1/real1`;
/// a return is 0 when its base price is exactly 0.0, and β is 0 unless the denominator
/// exceeds `1e-14 · n·Σx²`.
///
/// As for ``CORREL``, TA-Lib 0.8 (unlike its older source, which keeps plain running sums)
/// sums the returns' deviations from an anchor: first the very first return, then, at every
/// re-anchoring, the mean return of the window, after which the window is recomputed oldest
/// first and a negative denominator is clamped to 0. It re-anchors, before the new return's
/// cross product enters the sums, when
/// - the denominator has lost more than 6 digits (`1e-6 · n·Σx² > n·Σx² − (Σx)²`),
/// - the x (then the y) deviation that left the window last outweighs the remaining sum of
///   squares by 1000 (`d² > 1000 · Σd²`, checked after the new square entered), or
/// - `32 · timeperiod` outputs passed since the last re-anchoring (output index ≡ −1 mod
///   32·n when nothing else intervenes).
/// The oldest return then leaves the sums after β is computed. A NaN price therefore makes
/// β 0 (the `>` test fails) until the next counted re-anchoring whose window is clean.
/// (Read off the TA-Lib C 0.8.1 binary the fixtures come from; the constants are its own.)
enum BETA {
    static func lookback(_ period: Int) -> Int { period }

    /// The return of `price` over `base`, 0 when `base` is exactly 0.0 (NaN flows through).
    @inline(__always)
    static func change(_ price: Double, from base: Double) -> Double {
        base == 0.0 ? 0.0 : (price - base) / base
    }

    /// The anchored sums, shared by batch and stream so both run the same operations.
    struct State {
        let period: Int
        let n: Double
        let resyncEvery: Int
        var anchorX = 0.0, anchorY = 0.0
        var sx = 0.0, sxx = 0.0, sy = 0.0, syy = 0.0, sxy = 0.0
        /// Squared deviations of the returns removed last, for the dominance tests.
        var removedX2 = 0.0, removedY2 = 0.0
        var countdown: Int

        init(period: Int) {
            self.period = period
            n = Double(period)
            resyncEvery = period << 5
            countdown = period << 5
        }

        /// The first return (from the first two prices) is the first anchor.
        mutating func setAnchors(x0: Double, x1: Double, y0: Double, y1: Double) {
            anchorX = change(x1, from: x0)
            anchorY = change(y1, from: y0)
        }

        /// One of the first `period − 1` returns.
        @inline(__always)
        mutating func prime(x: Double, previousX: Double, y: Double, previousY: Double) {
            let dx = change(x, from: previousX) - anchorX
            let dy = change(y, from: previousY) - anchorY
            sxx += dx * dx
            sx += dx
            sy += dy
            syy += dy * dy
            sxy += dx * dy
        }

        /// β of the window whose prices are `window(0)` (oldest) … `window(period)` (newest).
        @inline(__always)
        mutating func next(window: (Int) -> (Double, Double)) -> Double {
            let (x, y) = window(period)
            let (previousX, previousY) = window(period &- 1)
            let dx = change(x, from: previousX) - anchorX
            let dy = change(y, from: previousY) - anchorY
            sx += dx
            sxx += dx * dx
            let nsxx = n * sxx
            let denominator = nsxx - sx * sx
            if 1e-6 * nsxx > denominator || removedX2 > 1000.0 * sxx { return resync(window) }
            syy += dy * dy
            if removedY2 > 1000.0 * syy { return resync(window) }
            countdown &-= 1
            if countdown == 0 { return resync(window) }
            sy += dy
            sxy += dx * dy
            return finish(nsxx: nsxx, denominator: denominator, window: window)
        }

        private mutating func resync(_ window: (Int) -> (Double, Double)) -> Double {
            var totalX = 0.0, totalY = 0.0
            var (previousX, previousY) = window(0)
            for j in 1...period {
                let (x, y) = window(j)
                // A zero base contributes nothing (not even a +0.0).
                if previousX != 0.0 { totalX += (x - previousX) / previousX }
                if previousY != 0.0 { totalY += (y - previousY) / previousY }
                previousX = x
                previousY = y
            }
            anchorX = totalX / n
            anchorY = totalY / n
            sx = 0; sxx = 0; sy = 0; syy = 0; sxy = 0
            (previousX, previousY) = window(0)
            for j in 1...period {
                let (x, y) = window(j)
                let dx = change(x, from: previousX) - anchorX
                let dy = change(y, from: previousY) - anchorY
                sx += dx
                sxx += dx * dx
                sy += dy
                syy += dy * dy
                sxy += dx * dy
                previousX = x
                previousY = y
            }
            let nsxx = n * sxx
            var denominator = nsxx - sx * sx
            if denominator < 0 { denominator = 0 }
            countdown = resyncEvery
            return finish(nsxx: nsxx, denominator: denominator, window: window)
        }

        /// β, then the oldest return leaves the sums.
        @inline(__always)
        private mutating func finish(nsxx: Double, denominator: Double, window: (Int) -> (Double, Double)) -> Double {
            let (x0, y0) = window(0)
            let (x1, y1) = window(1)
            let tdx = change(x1, from: x0) - anchorX
            let tdy = change(y1, from: y0) - anchorY
            var beta = 0.0
            if denominator > nsxx * 1e-14 {
                beta = (sxy * n - sx * sy) / denominator
            }
            sy -= tdy
            sx -= tdx
            sxy -= tdx * tdy
            sxx -= tdx * tdx
            syy -= tdy * tdy
            removedX2 = tdx * tdx
            removedY2 = tdy * tdy
            return beta
        }
    }

    static func batch(_ real0: UnsafeBufferPointer<Double>, _ real1: UnsafeBufferPointer<Double>, period: Int,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let count = real0.count
        guard count > period, let x = real0.baseAddress, let y = real1.baseAddress else { return }
        var state = State(period: period)
        state.setAnchors(x0: x[0], x1: x[1], y0: y[0], y1: y[1])
        var i = 1
        while i < period {
            state.prime(x: x[i], previousX: x[i - 1], y: y[i], previousY: y[i - 1])
            i += 1
        }
        // Pointers rather than indices: no overflow checks in the loop.
        var windowX = x, windowY = y
        guard var slot = out.baseAddress.map({ $0 + period }) else { return }
        let end = slot + (count - period)
        while slot < end {
            let wx = windowX, wy = windowY
            slot.pointee = state.next { (wx[$0], wy[$0]) }
            windowX += 1
            windowY += 1
            slot += 1
        }
    }

    /// The same state over rings of the last `timeperiod + 1` prices: O(1) per bar, plus an
    /// O(timeperiod) re-anchoring every `32 · timeperiod` bars (or when a test asks for it).
    struct Stream: FeatureStream {
        var state: State
        var prices0: RingBuffer
        var prices1: RingBuffer

        init(period: Int) {
            state = State(period: period)
            prices0 = RingBuffer(capacity: period + 1)
            prices1 = RingBuffer(capacity: period + 1)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(inputs[0], inputs[1])
        }

        mutating func next(_ price0: Double, _ price1: Double) -> Double {
            let previous0 = prices0.count > 0 ? prices0.newest : .nan
            let previous1 = prices1.count > 0 ? prices1.newest : .nan
            prices0.append(price0)
            prices1.append(price1)
            if prices0.count == 2 {
                state.setAnchors(x0: previous0, x1: price0, y0: previous1, y1: price1)
            }
            if prices0.isFull {
                let w0 = prices0, w1 = prices1
                return state.next { (w0[$0], w1[$0]) }
            }
            if prices0.count >= 2 {
                state.prime(x: price0, previousX: previous0, y: price1, previousY: previous1)
            }
            return .nan
        }
    }
}
