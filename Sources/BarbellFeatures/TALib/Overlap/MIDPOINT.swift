/// Midpoint of the window, `(max + min) / 2` of the last `period` inputs (`TA_MIDPOINT`).
///
/// TA-Lib 0.8 takes the extremes with its van Herk / Gil–Werman `MAX`/`MIN` (see
/// ``SlidingExtreme``), which decides where a NaN input shows in the output; the kernel uses the
/// same scheme. O(1) amortised per bar.
enum MIDPOINT {
    static func lookback(_ period: Int) -> Int { period - 1 }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        SlidingExtreme.midpoints(high: x, low: x, period: period, out)
    }

    struct Stream: ScalarFeatureStream {
        var highest: SlidingExtreme
        var lowest: SlidingExtreme

        init(period: Int) {
            highest = SlidingExtreme(period: period, findsMax: true)
            lowest = SlidingExtreme(period: period, findsMax: false)
        }

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            let h = highest.next(x)
            let l = lowest.next(x)
            return (h + l) / 2.0
        }
    }
}
