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
        var today = period - 1
        while today < close.count {
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
