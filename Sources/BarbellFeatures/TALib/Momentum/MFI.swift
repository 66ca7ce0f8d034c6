/// Money Flow Index (TA-Lib `MFI`): typical price `tp = (high + low + close) / 3`, money flow
/// `tp * volume` counted as positive when `tp` rose and negative when it fell, summed over
/// `timeperiod` bars; `MFI = 100 * positive / (positive + negative)`. Lookback `timeperiod`.
///
/// TA-Lib 0.8 details kept here: a move within 1e-14 of the two prices' magnitude counts as no
/// move; after `timeperiod` bars without money flow the sums are reset to exactly 0 (they would
/// otherwise hold rounding residue); the positive sum is clamped into `[0, total]`; a total
/// that is not positive gives 0. A NaN bar makes the sums NaN for good.
enum MFI {
    static func lookback(_ period: Int) -> Int { period }

    /// (positive, negative) flow: `flow` on the negative side when `move < 0`, else on the
    /// positive side (NaN included). A packed blend, since the test is a coin flip on real data
    /// and scalar selects get compiled into branches.
    @inline(__always)
    static func split(_ flow: Double, move: Double) -> (Double, Double) {
        let falls = SIMD2<Double>(repeating: move) .< SIMD2<Double>(repeating: 0)
        let r = SIMD2<Double>(flow, 0).replacing(with: SIMD2<Double>(0, flow), where: falls)
        return (r[0], r[1])
    }

    struct Stream: FeatureStream {
        let period: Int
        var positive: [Double]
        var negative: [Double]
        var slot = 0
        var bars = 0
        var previous = 0.0
        var positiveSum = 0.0
        var negativeSum = 0.0
        var emptyRun = 0

        init(period: Int) {
            self.period = period
            positive = [Double](repeating: 0, count: period)
            negative = [Double](repeating: 0, count: period)
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double, volume: Double) -> Double {
            let typical = (high + low + close) / 3.0
            defer { bars += 1 }
            if bars == 0 {
                previous = typical
                return .nan
            }
            if bars > period {
                positiveSum -= positive[slot]
                negativeSum -= negative[slot]
            }
            let move = typical - previous
            let scale = abs(typical) + abs(previous)
            previous = typical
            let flow = typical * volume
            let moneyFlow = abs(move) <= TALibMath.epsilon * scale ? 0.0 : flow
            let (up, down) = MFI.split(moneyFlow, move: move)
            positive[slot] = up
            negative[slot] = down
            positiveSum += up
            negativeSum += down
            emptyRun = moneyFlow == 0 ? emptyRun + 1 : 0
            if emptyRun >= period {
                emptyRun = period
                positiveSum = 0
                negativeSum = 0
            }
            slot += 1
            if slot == period { slot = 0 }
            guard bars >= period else { return .nan }
            let total = positiveSum + negativeSum
            let clamped = positiveSum < 0 ? 0.0 : (positiveSum > total ? total : positiveSum)
            return total <= 0 ? 0 : 100.0 * (clamped / total)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(high: inputs[0], low: inputs[1], close: inputs[2], volume: inputs[3])
        }
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      volume: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        // The stream's arithmetic with the state in locals and the flows in raw rings.
        let n = close.count
        guard n > 0 else { return }
        let positive = UnsafeMutablePointer<Double>.allocate(capacity: period)
        let negative = UnsafeMutablePointer<Double>.allocate(capacity: period)
        defer {
            positive.deallocate()
            negative.deallocate()
        }
        positive.initialize(repeating: 0, count: period)
        negative.initialize(repeating: 0, count: period)
        var previous = (high[0] + low[0] + close[0]) / 3.0
        out[0] = .nan
        var positiveSum = 0.0, negativeSum = 0.0
        var slot = 0, emptyRun = 0
        var i = 1
        while i < n {
            let typical = (high[i] + low[i] + close[i]) / 3.0
            if i > period {
                positiveSum -= positive[slot]
                negativeSum -= negative[slot]
            }
            let move = typical - previous
            let scale = abs(typical) + abs(previous)
            previous = typical
            let flow = typical * volume[i]
            let moneyFlow = abs(move) <= TALibMath.epsilon * scale ? 0.0 : flow
            let (up, down) = MFI.split(moneyFlow, move: move)
            positive[slot] = up
            negative[slot] = down
            positiveSum += up
            negativeSum += down
            emptyRun = moneyFlow == 0 ? emptyRun + 1 : 0
            if emptyRun >= period {
                emptyRun = period
                positiveSum = 0
                negativeSum = 0
            }
            slot += 1
            if slot == period { slot = 0 }
            if i >= period {
                let total = positiveSum + negativeSum
                let clamped = positiveSum < 0 ? 0.0 : (positiveSum > total ? total : positiveSum)
                out[i] = total <= 0 ? 0 : 100.0 * (clamped / total)
            } else {
                out[i] = .nan
            }
            i += 1
        }
    }
}
