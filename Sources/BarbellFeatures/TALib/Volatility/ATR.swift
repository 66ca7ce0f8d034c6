/// Average true range (Wilder, 1978) as `TA_ATR` / `TA_NATR` compute it: the mean of the
/// first `period` true ranges, then Wilder's smoothing `atr = (atr·(period − 1) + tr) / period`
/// in three separate steps. NATR divides by the bar's close and multiplies by 100 (0 when the
/// close is ~0). Lookback `period`.
///
/// TA-Lib 0.8 runs a period of 1 through the same smoothing (`atr·0 + tr`), not through
/// TRANGE: the values equal the true range, but a NaN high or low turns ATR NaN for good
/// (`NaN·0`), and NATR(1) returns that ATR without normalising. Both quirks are reproduced.
enum ATR {
    static func lookback(_ period: Int) -> Int { period }

    struct State: Sendable {
        let period: Int
        let divisor: Double
        let keep: Double
        let normalized: Bool
        var previousClose = 0.0
        var seen = 0
        var atr = 0.0

        init(period: Int, normalized: Bool) {
            self.period = period
            self.divisor = Double(period)
            self.keep = Double(period - 1)
            self.normalized = normalized
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double) -> Double {
            let bar = seen
            seen += 1
            defer { previousClose = close }
            if bar == 0 { return .nan }
            let tr = TRANGE.value(high: high, low: low, previousClose: previousClose)
            if bar < period {
                // Seeding: the first period true ranges are summed from 0, oldest first.
                atr += tr
                return .nan
            }
            if bar == period {
                atr += tr
                atr = atr / divisor
            } else {
                atr *= keep
                atr += tr
                atr /= divisor
            }
            // TA-Lib 0.8 leaves a period-1 NATR unnormalised.
            guard normalized, period > 1 else { return atr }
            return -1e-14 < close && close < 1e-14 ? 0.0 : atr / close * 100.0
        }
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, normalized: Bool, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        guard n > period else { return }
        let divisor = Double(period), keep = Double(period - 1)
        let normalizes = normalized && period > 1
        var atr = 0.0
        for i in 1...period {
            atr += TRANGE.value(high: high[i], low: low[i], previousClose: close[i - 1])
        }
        atr = atr / divisor
        var i = period
        while true {
            if normalizes {
                let c = close[i]
                out[i] = -1e-14 < c && c < 1e-14 ? 0.0 : atr / c * 100.0
            } else {
                out[i] = atr
            }
            i += 1
            if i >= n { break }
            let tr = TRANGE.value(high: high[i], low: low[i], previousClose: close[i - 1])
            atr *= keep
            atr += tr
            atr /= divisor
        }
    }

    struct Stream: FeatureStream {
        var state: State
        init(period: Int, normalized: Bool) { state = State(period: period, normalized: normalized) }
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = state.next(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }
}
