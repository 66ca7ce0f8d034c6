/// Midpoint price of the window, `(highest high + lowest low) / 2` over the last `period` bars
/// (`TA_MIDPRICE`), the extremes taken with TA-Lib 0.8's van Herk / Gil–Werman scheme (see
/// ``SlidingExtreme``) so NaN inputs surface exactly where TA-Lib's do. O(1) amortised per bar.
enum MIDPRICE {
    static func lookback(_ period: Int) -> Int { period - 1 }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = high.count
        guard n >= period else { return }
        SlidingExtreme.midpoints(high: high, low: low, period: period, out)
    }

    struct Stream: FeatureStream {
        var highest: SlidingExtreme
        var lowest: SlidingExtreme

        init(period: Int) {
            highest = SlidingExtreme(period: period, findsMax: true)
            lowest = SlidingExtreme(period: period, findsMax: false)
        }

        @inline(__always)
        mutating func next(high: Double, low: Double) -> Double {
            let h = highest.next(high)
            let l = lowest.next(low)
            return (h + l) / 2.0
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(high: inputs[0], low: inputs[1])
        }
    }
}
