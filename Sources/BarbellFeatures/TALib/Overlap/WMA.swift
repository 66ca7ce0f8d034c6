/// Linearly weighted moving average with TA-Lib's O(1) recurrence (`TA_INT_WMA`): a weighted sum
/// and a plain window sum are carried, and the weighted sum drops one plain sum per step.
enum WMA {
    static func lookback(_ period: Int) -> Int { period - 1 }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        if period == 1 {
            for i in 0..<n { out[i] = x[i] }
            return
        }
        let divider = Double((period * (period + 1)) >> 1)
        let weight = Double(period)
        var periodSub = 0.0
        var periodSum = 0.0
        var i = 0
        while i < period - 1 {
            let v = x[i]
            periodSub += v
            periodSum += v * Double(i + 1)
            i += 1
        }
        var trailingValue = 0.0
        var trailing = 0
        while i < n {
            let v = x[i]
            periodSub += v
            periodSub -= trailingValue
            periodSum += v * weight
            trailingValue = x[trailing]
            trailing += 1
            out[i] = periodSum / divider
            periodSum -= periodSub
            i += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        let divider: Double
        let weight: Double
        var window: RingBuffer
        var periodSub = 0.0
        var periodSum = 0.0
        var trailingValue = 0.0

        init(period: Int) {
            self.period = period
            self.divider = Double((period * (period + 1)) >> 1)
            self.weight = Double(period)
            self.window = RingBuffer(capacity: period)
        }

            mutating func next(_ x: Double) -> Double {
            if period == 1 { return x }
            let count = window.count
            window.append(x)
            if count < period - 1 {
                periodSub += x
                periodSum += x * Double(count + 1)
                return .nan
            }
            periodSub += x
            periodSub -= trailingValue
            periodSum += x * weight
            trailingValue = window.oldest
            let value = periodSum / divider
            periodSum -= periodSub
            return value
        }
    }
}
