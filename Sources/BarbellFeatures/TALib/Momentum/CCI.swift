/// Commodity Channel Index (TA-Lib `CCI`): with typical price `tp = (high + low + close) / 3`,
/// `CCI = (tp - mean) / (0.015 * meanDeviation)` over `timeperiod` bars; 0 when either the
/// numerator or the summed deviation is within TA-Lib's epsilon of zero. Lookback
/// `timeperiod - 1`.
///
/// The window is re-summed for every bar (cost O(timeperiod)), oldest bar first. TA-Lib sums its
/// circular buffer in storage order instead; the two differ by rounding only, far inside the
/// parity tolerance. Time order lets batch sum eight consecutive windows at once, one per SIMD
/// lane, with every lane adding exactly what the stream adds, so batch and stream agree bit for
/// bit.
enum CCI {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// The output for a window given as two segments in time order (`second` may be empty).
    @inline(__always)
    static func value(_ first: UnsafeBufferPointer<Double>, _ second: UnsafeBufferPointer<Double>,
                      typical: Double, periodValue: Double) -> Double {
        var sum = 0.0
        for v in first { sum += v }
        for v in second { sum += v }
        let mean = sum / periodValue
        var deviation = 0.0
        for v in first { deviation += abs(v - mean) }
        for v in second { deviation += abs(v - mean) }
        let distance = typical - mean
        guard !TALibMath.isZero(distance), !TALibMath.isZero(deviation) else { return 0 }
        return distance / (0.015 * (deviation / periodValue))
    }

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
            // `slot` is now the oldest bar of the full window.
            let oldest = slot, periodValue = periodValue
            return slots.withUnsafeBufferPointer { s in
                CCI.value(UnsafeBufferPointer(rebasing: s[oldest...]), UnsafeBufferPointer(rebasing: s[..<oldest]),
                          typical: typical, periodValue: periodValue)
            }
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        guard n >= period, let dst = out.baseAddress else { return }
        let typical = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { typical.deallocate() }
        for i in 0..<n { typical[i] = (high[i] + low[i] + close[i]) / 3 }
        for i in 0..<(period - 1) { dst[i] = .nan }
        let periodValue = Double(period)
        let raw = UnsafeRawPointer(typical)
        let stride = MemoryLayout<Double>.stride
        typealias V = SIMD8<Double>
        let epsilon = V(repeating: TALibMath.epsilon)
        var today = period - 1
        while today + 7 < n {
            let start = (today - (period - 1)) * stride
            var sum = V(repeating: 0)
            var offset = start
            for _ in 0..<period {
                sum += raw.loadUnaligned(fromByteOffset: offset, as: V.self)
                offset += stride
            }
            let mean = sum / periodValue
            var deviation = V(repeating: 0)
            offset = start
            for _ in 0..<period {
                let d = raw.loadUnaligned(fromByteOffset: offset, as: V.self) - mean
                // |d| lane-wise; a NaN stays NaN.
                deviation += d.replacing(with: -d, where: d .< 0)
                offset += stride
            }
            let distance = raw.loadUnaligned(fromByteOffset: today * stride, as: V.self) - mean
            let zero = ((-epsilon .< distance) .& (distance .< epsilon)) .| ((-epsilon .< deviation) .& (deviation .< epsilon))
            let r = (distance / (0.015 * (deviation / periodValue))).replacing(with: 0, where: zero)
            UnsafeMutableRawPointer(dst + today).storeBytes(of: r, as: V.self)
            today += 8
        }
        while today < n {
            let window = UnsafeBufferPointer(start: typical + (today - (period - 1)), count: period)
            dst[today] = value(window, UnsafeBufferPointer(start: typical, count: 0), typical: typical[today], periodValue: periodValue)
            today += 1
        }
    }
}
