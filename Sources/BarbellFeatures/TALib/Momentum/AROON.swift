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
        var state = State(period: period)
        var today = period
        while today < high.count {
            _ = state.values(highs: high, lows: low, today: today)
            out[today] = state.oscillator
            today += 1
        }
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
