/// Commodity Channel Index (TA-Lib `CCI`): with typical price `tp = (high + low + close) / 3`,
/// `CCI = (tp - mean) / (0.015 * meanDeviation)` over `timeperiod` bars; 0 when either the
/// numerator or the summed deviation is within TA-Lib's epsilon of zero. Lookback
/// `timeperiod - 1`.
///
/// TA-Lib sums its circular buffer in storage order (slot 0 first), not in time order; the
/// stream keeps the same slots so the sums round identically. Cost O(timeperiod) per bar.
enum CCI {
    static func lookback(_ period: Int) -> Int { period - 1 }

    struct Stream: FeatureStream {
        let period: Int
        let periodValue: Double
        var slots: [Double]
        var slot = 0
        var bars = 0

        init(period: Int) {
            self.period = period
            self.periodValue = Double(period)
            self.slots = [Double](repeating: 0, count: period)
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double) -> Double {
            let typical = (high + low + close) / 3
            slots[slot] = typical
            slot += 1
            if slot == period { slot = 0 }
            bars += 1
            guard bars >= period else { return .nan }
            return slots.withUnsafeBufferPointer { s in
                var mean = 0.0
                for j in 0..<period { mean += s[j] }
                mean /= periodValue
                var deviation = 0.0
                for j in 0..<period { deviation += abs(s[j] - mean) }
                let distance = typical - mean
                guard !TALibMath.isZero(distance), !TALibMath.isZero(deviation) else { return 0 }
                return distance / (0.015 * (deviation / periodValue))
            }
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        var s = Stream(period: period)
        for i in 0..<close.count { out[i] = s.next(high: high[i], low: low[i], close: close[i]) }
    }
}
