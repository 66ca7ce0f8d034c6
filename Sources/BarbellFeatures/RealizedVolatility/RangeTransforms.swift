import Foundation

extension RollingStat {
    /// Parkinson's per-bar term `ln(H/L)²` (inputs high, low).
    struct ParkinsonTerm: Transform {
        var width: Int { 1 }
        var warmup: Int { 0 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            let hl = Foundation.log(row[0] / row[1])
            out[0] = hl * hl
            return true
        }
    }

    /// Garman–Klass per-bar term `½ ln(H/L)² − (2 ln 2 − 1) ln(C/O)²` (inputs open, high, low,
    /// close).
    struct GarmanKlassTerm: Transform {
        var width: Int { 1 }
        var warmup: Int { 0 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            let hl = Foundation.log(row[1] / row[2])
            let co = Foundation.log(row[3] / row[0])
            out[0] = 0.5 * hl * hl - (2 * RollingStat.ln2 - 1) * co * co
            return true
        }
    }

    /// Rogers–Satchell per-bar term `ln(H/C) ln(H/O) + ln(L/C) ln(L/O)` (inputs open, high, low,
    /// close).
    struct RogersSatchellTerm: Transform {
        var width: Int { 1 }
        var warmup: Int { 0 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            out[0] = RollingStat.rogersSatchell(open: row[0], high: row[1], low: row[2], close: row[3])
            return true
        }
    }

    static func rogersSatchell(open: Double, high: Double, low: Double, close: Double) -> Double {
        Foundation.log(high / close) * Foundation.log(high / open) + Foundation.log(low / close) * Foundation.log(low / open)
    }

    /// Yang–Zhang's per-bar terms (inputs open, high, low, close): the overnight return
    /// `o = ln(O_t/C_{t−1})` and its square, the open-to-close return `c = ln(C_t/O_t)` and its
    /// square, and the Rogers–Satchell term.
    struct YangZhangTerms: Transform {
        var previousClose = Double.nan
        var started = false
        var width: Int { 5 }
        var warmup: Int { 1 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            let open = row[0], high = row[1], low = row[2], close = row[3]
            defer { previousClose = close; started = true }
            guard started else { return false }
            let overnight = Foundation.log(open / previousClose)
            let body = Foundation.log(close / open)
            out[0] = overnight
            out[1] = overnight * overnight
            out[2] = body
            out[3] = body * body
            out[4] = RollingStat.rogersSatchell(open: open, high: high, low: low, close: close)
            return true
        }
    }

    /// The squared shortfall `min(r, 0)²` (or, for upside, `max(r, 0)²`) of the log return, and
    /// 1 when that part is non-zero: the count is an exact integer sum, so a window without a
    /// single loss reads exactly 0 however the squared sums round.
    struct SemiSquare: Transform {
        var inner = LogReturn()
        let upside: Bool
        var width: Int { 2 }
        var warmup: Int { 1 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            guard inner.next(row, out) else { return false }
            let r = out[0]
            let part = upside ? max(r, 0) : min(r, 0)
            out[0] = r.isNaN ? .nan : part * part
            out[1] = r.isNaN ? .nan : (part != 0 ? 1 : 0)
            return true
        }
    }

    /// The gain `max(r, 0)`, the loss `max(−r, 0)` of the log return and 1 for a loss (an exact
    /// count of the window's losses).
    struct GainLoss: Transform {
        var inner = LogReturn()
        var width: Int { 3 }
        var warmup: Int { 1 }
        mutating func next(_ row: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            guard inner.next(row, out) else { return false }
            let r = out[0]
            out[0] = r.isNaN ? .nan : max(r, 0)
            out[1] = r.isNaN ? .nan : max(-r, 0)
            out[2] = r.isNaN ? .nan : (r < 0 ? 1 : 0)
            return true
        }
    }
}
