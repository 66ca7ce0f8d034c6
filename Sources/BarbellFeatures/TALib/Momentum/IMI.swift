/// Intraday Momentum Index (TA-Lib `IMI`): over `timeperiod` bars,
/// `100 * up / (up + down)` where `up` sums `close - open` of bars closing above their open and
/// `down` sums `open - close` of the others. Lookback `timeperiod - 1`.
///
/// TA-Lib re-sums the window for every bar, oldest bar first; so do batch and stream (cost
/// O(timeperiod) per bar), which also lets a NaN leave the window again.
enum IMI {
    static func lookback(_ period: Int) -> Int { period - 1 }

    @inline(__always)
    static func accumulate(open: Double, close: Double, up: inout Double, down: inout Double) {
        if close > open { up += close - open } else { down += open - close }
    }

    static func batch(open: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>, period: Int,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        var today = period - 1
        guard today < n, let opens = open.baseAddress, let closes = close.baseAddress, let dst = out.baseAddress else { return }
        // Each bar's two terms (the skipped side as an exact 0, which adds nothing), then eight
        // consecutive windows summed at once, one per SIMD lane: each lane still adds its
        // window oldest bar first, so every output is bit-identical to the scalar re-sum.
        let upTerms = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let downTerms = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer {
            upTerms.deallocate()
            downTerms.deallocate()
        }
        for i in 0..<n {
            let o = opens[i], c = closes[i]
            let rises = c > o
            upTerms[i] = rises ? c - o : 0
            downTerms[i] = rises ? 0 : o - c
        }
        let ups = UnsafeRawPointer(upTerms), downs = UnsafeRawPointer(downTerms)
        let stride = MemoryLayout<Double>.stride
        while today + 7 < n {
            var up = SIMD8<Double>(repeating: 0), down = SIMD8<Double>(repeating: 0)
            var offset = (today - (period - 1)) * stride
            for _ in 0..<period {
                up += ups.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
                down += downs.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
                offset += stride
            }
            let r = 100.0 * (up / (up + down))
            UnsafeMutableRawPointer(dst + today).storeBytes(of: r, as: SIMD8<Double>.self)
            today += 8
        }
        while today < n {
            var up = 0.0, down = 0.0
            for i in (today - (period - 1))...today {
                accumulate(open: open[i], close: close[i], up: &up, down: &down)
            }
            out[today] = 100.0 * (up / (up + down))
            today += 1
        }
    }

    struct Stream: FeatureStream {
        let period: Int
        var opens: BarRing
        var closes: BarRing
        var today = 0

        init(period: Int) {
            self.period = period
            opens = BarRing(capacity: period)
            closes = BarRing(capacity: period)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            opens.store(inputs[0], at: today)
            closes.store(inputs[1], at: today)
            defer { today += 1 }
            guard today >= period - 1 else {
                outputs[0] = .nan
                return
            }
            var up = 0.0, down = 0.0
            for i in (today - (period - 1))...today {
                IMI.accumulate(open: opens[bar: i], close: closes[bar: i], up: &up, down: &down)
            }
            outputs[0] = 100.0 * (up / (up + down))
        }
    }
}
