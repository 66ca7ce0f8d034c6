import Foundation

/// Standard deviation, TA-Lib's `STDDEV`: `sqrt(VAR) · nbdev` over the population variance of
/// ``VAR``. TA-Lib C 0.8 takes the root with no zero test (its variance is never negative: a
/// cancelled one is re-anchored and clamped to 0) and multiplies only when `nbdev ≠ 1`.
enum STDDEV {
    static func lookback(_ period: Int) -> Int { period - 1 }

    @inline(__always)
    static func finish(_ variance: Double, nbdev: Double) -> Double {
        return nbdev != 1.0 ? variance.squareRoot() * nbdev : variance.squareRoot()
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, nbdev: Double, _ out: UnsafeMutableBufferPointer<Double>) {
        // One loop per case, so the loop body has no test on nbdev. The roots of two bars run
        // packed (`sqrtpd`), lane for lane the stream's scalar root.
        if nbdev != 1.0 {
            VAR.run(x, period: period, out) { Lanes.squareRoot($0) * nbdev }
        } else {
            VAR.run(x, period: period, out) { Lanes.squareRoot($0) }
        }
    }

    struct Stream: ScalarFeatureStream {
        var variance: VAR.Stream
        let nbdev: Double

        init(period: Int, nbdev: Double) {
            variance = VAR.Stream(period: period)
            self.nbdev = nbdev
        }

        mutating func next(_ x: Double) -> Double {
            let v = variance.next(x)
            return variance.window.isFull ? STDDEV.finish(v, nbdev: nbdev) : .nan
        }
    }
}
