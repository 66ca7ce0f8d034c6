/// The averages that smooth the stochastic lines (STOCH, STOCHF): a simple average of two or
/// more bars is run here with TA-Lib's running-sum recurrence, so the fused batch loops and the
/// streams share one arithmetic; every other type (and period 1) is the shared `MovingAverage`.
enum SmoothingAverage {
    /// Whether the fused loops handle this average themselves.
    static func isFusedSMA(_ type: MovingAverageType, period: Int) -> Bool { type == .sma && period >= 2 }

    /// The factor the fused SMA steps scale their window sum by.
    static func inverse(_ period: Int) -> Double { 1.0 / Double(period) }

    /// TA-Lib's SMA step (`TA_INT_SMA`): the sum is extended by the new value, scaled, then the
    /// oldest value is subtracted, in that order. The sum is multiplied by `1 / period` rather
    /// than divided by `period` (a last-bit difference from TA-Lib; division is the slowest step
    /// of the fused stochastic loops).
    struct SMAStream {
        let inverse: Double
        var window: RingBuffer
        var total = 0.0

        init(period: Int) {
            inverse = SmoothingAverage.inverse(period)
            window = RingBuffer(capacity: period)
        }

        mutating func next(_ x: Double) -> Double {
            window.append(x)
            total += x
            guard window.isFull else { return .nan }
            let value = total * inverse
            total -= window.oldest
            return value
        }
    }

    enum Stream {
        case sma(SMAStream)
        case shared(MovingAverage.Stream)

        init(_ type: MovingAverageType, period: Int) {
            self = SmoothingAverage.isFusedSMA(type, period: period)
                ? .sma(SMAStream(period: period)) : .shared(MovingAverage.stream(type, period: period))
        }

        mutating func next(_ x: Double) -> Double {
            switch self {
            case .sma(var s):
                let v = s.next(x)
                self = .sma(s)
                return v
            case .shared(var s):
                let v = s.next(x)
                self = .shared(s)
                return v
            }
        }
    }
}
