/// The TA-Lib family that compares a value with the value `timeperiod` bars earlier:
/// `MOM = x - prev`, `ROC = (x / prev - 1) * 100`, `ROCP = (x - prev) / prev`,
/// `ROCR = x / prev`, `ROCR100 = (x / prev) * 100`.
///
/// The ratio forms output 0 when `prev` is exactly 0, as TA-Lib does, instead of ±inf.
enum RateOfChange {
    /// Which comparison to emit.
    enum Kind: Sendable {
        case momentum, percent, fraction, ratio, ratio100
    }

    static func lookback(_ period: Int) -> Int { period }

    @inline(__always)
    static func value(_ kind: Kind, _ x: Double, _ prev: Double) -> Double {
        switch kind {
        case .momentum: return x - prev
        case .percent: return prev != 0 ? (x / prev - 1.0) * 100.0 : 0
        case .fraction: return prev != 0 ? (x - prev) / prev : 0
        case .ratio: return prev != 0 ? x / prev : 0
        case .ratio100: return prev != 0 ? (x / prev) * 100.0 : 0
        }
    }

    static func batch(_ kind: Kind, _ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        // One loop per kind so the switch is resolved outside the hot loop.
        switch kind {
        case .momentum: run(.momentum, x, period, out)
        case .percent: run(.percent, x, period, out)
        case .fraction: run(.fraction, x, period, out)
        case .ratio: run(.ratio, x, period, out)
        case .ratio100: run(.ratio100, x, period, out)
        }
    }

    @inline(__always)
    private static func run(_ kind: Kind, _ x: UnsafeBufferPointer<Double>, _ period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        // Raw base pointers and a counted loop: the optimiser vectorises it.
        let count = x.count - period
        guard count > 0, let xs = x.baseAddress, let os = out.baseAddress else { return }
        let current = xs + period, previous = UnsafePointer(xs), dst = os + period
        for j in 0..<count {
            dst[j] = value(kind, current[j], previous[j])
        }
    }

    struct Stream: ScalarFeatureStream {
        let kind: Kind
        var window: RingBuffer

        init(kind: Kind, period: Int) {
            self.kind = kind
            self.window = RingBuffer(capacity: period + 1)
        }

        mutating func next(_ x: Double) -> Double {
            window.append(x)
            guard window.isFull else { return .nan }
            return RateOfChange.value(kind, x, window.oldest)
        }
    }
}
