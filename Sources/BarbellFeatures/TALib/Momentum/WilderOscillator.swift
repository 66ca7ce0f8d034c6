/// RSI and CMO, Wilder's smoothed average gain and loss (classic mode, unstable period 0): the
/// averages are seeded with the mean of the first `timeperiod` changes, then
/// `avg = (avg * (period - 1) + change) / period`, computed here as
/// `avg * ((period - 1) / period) + change * (1 / period)`: equal up to rounding (far inside the
/// 1e-9 parity tolerance), with one multiply-add instead of TA-Lib's three-step chain per bar.
///
/// - RSI = `100 * gain / (gain + loss)`
/// - CMO = `100 * (gain - loss) / (gain + loss)`
///
/// Both output 0 unless `gain + loss > 0` (so a NaN total gives 0). The arithmetic follows TA-Lib
/// 0.8.1 exactly, which differs between the two:
/// - RSI splits each change without branches (`up = change > 0 ? change : 0`,
///   `down = up - change`), so a NaN change lands in the loss;
/// - CMO tests `change < 0` (a NaN change lands in the gain), selected without a branch.
/// Either way the averages stay NaN after a NaN input and the output reads 0 from then on.
enum WilderOscillator {
    enum Kind: Sendable { case rsi, cmo }

    static func lookback(_ period: Int) -> Int { period }

    /// The oscillator state; batch runs the same state machine as the stream so both round
    /// identically.
    struct Stream: ScalarFeatureStream {
        let kind: Kind
        let period: Int
        let periodValue: Double
        let periodMinusOne: Double
        let reciprocal: Double
        let decay: Double
        var seen = 0
        var previous = 0.0
        var gain = 0.0
        var loss = 0.0

        init(kind: Kind, period: Int) {
            self.kind = kind
            self.period = period
            self.periodValue = Double(period)
            self.periodMinusOne = Double(period - 1)
            self.reciprocal = 1.0 / Double(period)
            self.decay = Double(period - 1) / Double(period)
        }

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            defer { seen += 1 }
            if seen == 0 {
                previous = x
                return .nan
            }
            let change = x - previous
            previous = x
            switch kind {
            case .rsi:
                let up = TALibMath.positivePart(change)
                let down = up - change
                if seen < period {
                    gain += up
                    loss += down
                    return .nan
                }
                if seen == period {
                    gain += up
                    loss += down
                    gain *= reciprocal
                    loss *= reciprocal
                } else {
                    gain = gain * decay + up * reciprocal
                    loss = loss * decay + down * reciprocal
                }
                let total = gain + loss
                return total > 0 ? 100.0 * (gain / total) : 0
            case .cmo:
                if seen < period {
                    if change < 0 { loss -= change } else { gain += change }
                    return .nan
                }
                if seen == period {
                    if change < 0 { loss -= change } else { gain += change }
                    loss /= periodValue
                    gain /= periodValue
                } else {
                    let falls = change < 0
                    gain = gain * decay + (falls ? 0 : change) * reciprocal
                    loss = loss * decay + (falls ? -change : 0) * reciprocal
                }
                let total = gain + loss
                return total > 0 ? 100.0 * ((gain - loss) / total) : 0
            }
        }
    }

    /// Seeds through the stream, then runs the stream's per-bar arithmetic in a plain loop.
    static func batch(_ kind: Kind, _ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        var s = Stream(kind: kind, period: period)
        let n = x.count
        var i = 0
        while i < Swift.min(period + 1, n) {
            out[i] = s.next(x[i])
            i += 1
        }
        var previous = s.previous, gain = s.gain, loss = s.loss
        let reciprocal = s.reciprocal, decay = s.decay
        switch kind {
        case .rsi:
            while i < n {
                let change = x[i] - previous
                previous = x[i]
                let up = TALibMath.positivePart(change)
                let down = up - change
                gain = gain * decay + up * reciprocal
                loss = loss * decay + down * reciprocal
                let total = gain + loss
                out[i] = total > 0 ? 100.0 * (gain / total) : 0
                i += 1
            }
        case .cmo:
            while i < n {
                let change = x[i] - previous
                previous = x[i]
                let falls = change < 0
                gain = gain * decay + (falls ? 0 : change) * reciprocal
                loss = loss * decay + (falls ? -change : 0) * reciprocal
                let total = gain + loss
                out[i] = total > 0 ? 100.0 * ((gain - loss) / total) : 0
                i += 1
            }
        }
    }
}
