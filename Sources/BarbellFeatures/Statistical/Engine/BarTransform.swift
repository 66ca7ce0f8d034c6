import Foundation

extension RollingStat {
    /// Turns each bar's inputs into the values a rolling statistic works on (log returns, range
    /// terms, ...), possibly remembering the previous bar.
    protocol Transform {
        /// Values produced per bar.
        var width: Int { get }
        /// Bars consumed before the first value (1 for a return, which needs the previous close).
        var warmup: Int { get }
        /// Writes this bar's `width` values into `out`; returns false while warming up.
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool
    }

    /// The input value itself (a price, or an upstream feature's value).
    struct Level: Transform {
        var width: Int { 1 }
        var warmup: Int { 0 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            out[0] = row[0]
            return true
        }
    }

    /// The natural log of the input (log price).
    struct LogLevel: Transform {
        var width: Int { 1 }
        var warmup: Int { 0 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            out[0] = Foundation.log(row[0])
            return true
        }
    }

    /// The log return `ln(x_t / x_{t-1})` of the input, raised to the powers `1...width`
    /// (`width` 1 gives the return alone; the moment features need the higher powers summed).
    struct LogReturn: Transform {
        let width: Int
        var previous = Double.nan
        var started = false
        init(powers: Int = 1) { width = powers }
        var warmup: Int { 1 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            let x = row[0]
            defer { previous = x; started = true }
            guard started else { return false }
            let r = Foundation.log(x / previous)
            var power = r
            out[0] = r
            var k = 1
            while k < width {
                power *= r
                out[k] = power
                k += 1
            }
            return true
        }
    }

    /// The sign (-1, 0, 1) of the log return of the input.
    struct ReturnSign: Transform {
        var inner = LogReturn()
        var width: Int { 1 }
        var warmup: Int { 1 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            guard inner.next(row, out) else { return false }
            let r = out[0]
            out[0] = r > 0 ? 1 : (r < 0 ? -1 : (r == 0 ? 0 : .nan))
            return true
        }
    }

    /// Log returns of two inputs side by side (an asset and its benchmark): `width` 2.
    struct ReturnPair: Transform {
        var previous = (Double.nan, Double.nan)
        var started = false
        var width: Int { 2 }
        var warmup: Int { 1 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            let x = row[0], y = row[1]
            defer { previous = (x, y); started = true }
            guard started else { return false }
            out[0] = Foundation.log(x / previous.0)
            out[1] = Foundation.log(y / previous.1)
            return true
        }
    }
}
