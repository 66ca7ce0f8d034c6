/// Aroon (TA-Lib `AROON`, `AROONOSC`) over a window of `timeperiod + 1` bars:
/// `aroonup = 100 * (period - bars since the highest high) / period`, `aroondown` likewise with
/// the lowest low, and `AROONOSC = aroonup - aroondown`, computed as
/// `(100 / period) * (bar of highest - bar of lowest)`. On ties the most recent bar counts.
/// Lookback `timeperiod`.
enum AROON {
    static func lookback(_ period: Int) -> Int { period }

    struct State {
        let period: Int
        let factor: Double
        var lowest = RunningExtreme()
        var highest = RunningExtreme()

        init(period: Int) {
            self.period = period
            self.factor = 100.0 / Double(period)
        }

        /// Advances to `today` and returns (aroondown, aroonup).
        @inline(__always)
        mutating func values<H: BarHistory>(highs: H, lows: H, today: Int) -> (down: Double, up: Double) {
            let oldest = today - period
            _ = lowest.updateLowest(lows, today: today, oldest: oldest, strictRescan: false)
            _ = highest.updateHighest(highs, today: today, oldest: oldest, strictRescan: false)
            return (factor * Double(period - (today - lowest.bar)), factor * Double(period - (today - highest.bar)))
        }

        @inline(__always)
        var oscillator: Double { factor * Double(highest.bar - lowest.bar) }
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, period: Int,
                      down: UnsafeMutableBufferPointer<Double>, up: UnsafeMutableBufferPointer<Double>) {
        if let d = down.baseAddress, let u = up.baseAddress {
            let factor = State(period: period).factor
            let finite = blockExtremes(high: high, low: low, period: period) { t, highBar, lowBar in
                d[t] = factor * Double(period - (t - lowBar))
                u[t] = factor * Double(period - (t - highBar))
            }
            if finite { return }
        }
        var state = State(period: period)
        var today = period
        while today < high.count {
            let v = state.values(highs: high, lows: low, today: today)
            down[today] = v.down
            up[today] = v.up
            today += 1
        }
    }

    static func oscillatorBatch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, period: Int,
                                _ out: UnsafeMutableBufferPointer<Double>) {
        if let o = out.baseAddress {
            let factor = State(period: period).factor
            let finite = blockExtremes(high: high, low: low, period: period) { t, highBar, lowBar in
                o[t] = factor * Double(highBar - lowBar)
            }
            if finite { return }
        }
        var state = State(period: period)
        var today = period
        while today < high.count {
            _ = state.values(highs: high, lows: low, today: today)
            out[today] = state.oscillator
            today += 1
        }
    }

    /// Van Herk / Gil-Werman sliding extremes with their bars, for input without NaN or
    /// infinity: calls `emit(t, bar of the highest high, bar of the lowest low)` for every
    /// window `t - period ... t`, the most recent bar winning ties, which is what the running
    /// extremes give on such input. Bars are cut into blocks of `period + 1`; a window ending in
    /// block B starts in the previous block A, so its extreme comes from A's suffix (older) and
    /// B's prefix (newer, so it wins ties). The comparisons select without branches (they are
    /// coin flips). Returns false, having emitted garbage, when an input is NaN or infinite.
    @inline(__always)
    static func blockExtremes(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, period: Int,
                              emit: (Int, Int, Int) -> Void) -> Bool {
        let n = high.count
        let width = period + 1
        guard let h = high.baseAddress, let l = low.baseAddress else { return true }
        let highValue = UnsafeMutablePointer<Double>.allocate(capacity: width + 1)
        let lowValue = UnsafeMutablePointer<Double>.allocate(capacity: width + 1)
        let highBar = UnsafeMutablePointer<Int>.allocate(capacity: width + 1)
        let lowBar = UnsafeMutablePointer<Int>.allocate(capacity: width + 1)
        defer {
            highValue.deallocate()
            lowValue.deallocate()
            highBar.deallocate()
            lowBar.deallocate()
        }
        // Slot `width`: the window that is one whole block, where the prefix alone counts.
        highValue.initialize(repeating: -.infinity, count: width + 1)
        lowValue.initialize(repeating: .infinity, count: width + 1)
        highBar.initialize(repeating: 0, count: width + 1)
        lowBar.initialize(repeating: 0, count: width + 1)
        // NaN/infinity screen in integer arithmetic: one more than an all-ones exponent carries
        // into the sign bit.
        var check: UInt64 = 0
        let exponent: UInt64 = 0x7FF0_0000_0000_0000, carry: UInt64 = 1 << 52
        var blockStart = 0
        while blockStart < n {
            if blockStart > 0 {
                // Suffix extremes of the previous block; an older bar needs a strict win.
                let previous = blockStart - width
                var hi = h[blockStart - 1], lo = l[blockStart - 1]
                var hiBar = blockStart - 1, loBar = blockStart - 1
                var k = width - 1
                while k >= 0 {
                    let x = h[previous + k], y = l[previous + k]
                    hiBar = x > hi ? previous + k : hiBar
                    hi = x > hi ? x : hi
                    loBar = y < lo ? previous + k : loBar
                    lo = y < lo ? y : lo
                    highValue[k] = hi
                    highBar[k] = hiBar
                    lowValue[k] = lo
                    lowBar[k] = loBar
                    k -= 1
                }
            }
            let blockEnd = Swift.min(blockStart + width, n)
            var hi = h[blockStart], lo = l[blockStart]
            var hiBar = blockStart, loBar = blockStart
            var t = blockStart
            while t < blockEnd {
                let x = h[t], y = l[t]
                check |= ((x.bitPattern & exponent) &+ carry) | ((y.bitPattern & exponent) &+ carry)
                hiBar = x >= hi ? t : hiBar
                hi = hi > x ? hi : x
                loBar = y <= lo ? t : loBar
                lo = lo < y ? lo : y
                if t >= period {
                    let slot = t - blockStart + 1
                    // Prefix or suffix, high and low in one packed compare and blend (scalar
                    // selects on loaded values get compiled into branches).
                    let prefixWins = SIMD2<Double>(hi, lowValue[slot]) .>= SIMD2<Double>(highValue[slot], lo)
                    let bars = SIMD2<Int64>(Int64(highBar[slot]), Int64(lowBar[slot]))
                        .replacing(with: SIMD2<Int64>(Int64(hiBar), Int64(loBar)), where: prefixWins)
                    emit(t, Int(bars[0]), Int(bars[1]))
                }
                t += 1
            }
            blockStart += width
        }
        return check >> 63 == 0
    }

    /// Streams AROON (two outputs) or AROONOSC (one). O(1) amortised, O(timeperiod) on a rescan.
    struct Stream: FeatureStream {
        let oscillator: Bool
        var state: State
        var highs: BarRing
        var lows: BarRing
        var today = 0

        init(period: Int, oscillator: Bool) {
            self.oscillator = oscillator
            state = State(period: period)
            highs = BarRing(capacity: period + 1)
            lows = BarRing(capacity: period + 1)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            highs.store(inputs[0], at: today)
            lows.store(inputs[1], at: today)
            defer { today += 1 }
            guard today >= state.period else {
                for k in outputs.indices { outputs[k] = .nan }
                return
            }
            let v = state.values(highs: highs, lows: lows, today: today)
            if oscillator {
                outputs[0] = state.oscillator
            } else {
                outputs[0] = v.down
                outputs[1] = v.up
            }
        }
    }
}
