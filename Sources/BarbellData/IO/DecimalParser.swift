#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Correctly rounded decimal-to-double parsing for market data fields.
///
/// Fast path (Clinger 1990): when the decimal mantissa fits in 53 bits and the power of ten is
/// at most 22, `mantissa * 10^e` (or `/ 10^-e`) is a single correctly rounded IEEE operation.
/// Prices and volumes almost always qualify. Everything else falls back to `strtod`, so the
/// result is always the correctly rounded double, identical to what pandas/numpy produce.
public enum DecimalParser {
    public enum Result: Equatable {
        case value(Double)
        /// Empty field or an explicit missing marker (`NaN`, `nan`, `null`, `NA`, `N/A`).
        case missing
        case invalid
    }

    /// 10^e for 0 ≤ e ≤ 22, all exact doubles. Written as literals so the compiler lays the
    /// table out statically: no lazy initialisation, and an indexed load instead of a jump
    /// table whose target changes with every field's digit count.
    @usableFromInline
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `bytes[start..<end]`, ignoring surrounding spaces and double quotes.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result {
        var i = start
        var e = end
        while i < e && (bytes[i] == 0x20 || bytes[i] == 0x22) { i += 1 }
        while e > i && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x22) { e -= 1 }
        if i == e { return .missing }
        let first = i
        var negative = false
        if bytes[i] == 0x2D { negative = true; i += 1 } else if bytes[i] == 0x2B { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < e {
            let d = bytes[i] &- 0x30
            if d > 9 { break }
            sawDigit = true
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa != 0 { digits += 1 }
            } else {
                exponent += 1
            }
            i += 1
        }
        if i < e && bytes[i] == 0x2E {
            i += 1
            while i < e {
                let d = bytes[i] &- 0x30
                if d > 9 { break }
                sawDigit = true
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                }
                i += 1
            }
        }
        if i == e && sawDigit && digits < 19 && mantissa < (1 << 53) {
            let m = Double(mantissa)
            let v: Double
            if exponent == 0 {
                v = m
            } else if exponent < 0 && exponent >= -22 {
                v = m / powersOfTen[-exponent]
            } else if exponent > 0 && exponent <= 22 {
                v = m * powersOfTen[exponent]
            } else {
                return slowParse(bytes, first, e)
            }
            return .value(negative ? -v : v)
        }
        return slowParse(bytes, first, e)
    }

    /// Parses a plain decimal `-?digits[.digits]` starting at `i` and moves `i` past it.
    ///
    /// The CSV fast path's number reader: no trimming, no exponent, at most 19 digits and a
    /// mantissa below 2^53, so the result is one correctly rounded IEEE operation (the same
    /// value ``parse(_:_:_:)`` gives). Returns nil, leaving `i` alone, for anything else;
    /// the caller then hands the row to the general path. Scanning stops at the first byte
    /// that is not a digit or the one decimal point, so the buffer must contain such a byte
    /// after the number (a CSV block ends in a newline).
    @inlinable @inline(__always)
    public static func parsePlain(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Double? {
        var k = i
        let negative = b[k] == 0x2D
        if negative { k += 1 }
        var mantissa: UInt64 = 0
        let integerStart = k
        while true {
            let d = b[k] &- 0x30
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            k += 1
        }
        var digits = k - integerStart
        var fractionDigits = 0
        if b[k] == 0x2E {
            k += 1
            let fractionStart = k
            while true {
                let d = b[k] &- 0x30
                if d > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                k += 1
            }
            fractionDigits = k - fractionStart
            digits += fractionDigits
        }
        // 19 digits cannot overflow UInt64; 10^22 is the largest exact power of ten.
        guard digits > 0, digits <= 19, fractionDigits <= 22, mantissa < (1 << 53) else { return nil }
        let m = Double(mantissa)
        let v = fractionDigits == 0 ? m : m / powersOfTen[fractionDigits]
        i = k
        return negative ? -v : v
    }

    /// Exponents, long mantissas and special words.
    @usableFromInline
    static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result {
        let length = end - start
        if length <= 4 {
            var word = ""
            for k in start..<end { word.unicodeScalars.append(Unicode.Scalar(bytes[k] | 0x20)) }
            if word == "nan" || word == "null" || word == "na" || word == "n/a" || word == "none" { return .missing }
        }
        guard length < 512 else { return .invalid }
        // strtod needs a NUL-terminated string; also reject hex floats and inf/nan spellings
        // strtod would accept but no market data file means.
        for k in start..<end {
            let c = bytes[k]
            let ok = (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x65 || c == 0x45
            if !ok { return .invalid }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { tmp in
            for k in 0..<length { tmp[k] = CChar(bitPattern: bytes[start + k]) }
            tmp[length] = 0
            var endPtr: UnsafeMutablePointer<CChar>?
            let v = strtod(tmp.baseAddress!, &endPtr)
            guard let endPtr, endPtr == tmp.baseAddress! + length else { return .invalid }
            return .value(v)
        }
    }

    /// Convenience for tests and small inputs.
    public static func parse(_ text: String) -> Result {
        var s = text
        return s.withUTF8 { parse($0, 0, $0.count) }
    }

    /// Parses a signed decimal integer; nil when the field is not one.
    @inlinable
    public static func parseInt(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        var e = end
        while i < e && (bytes[i] == 0x20 || bytes[i] == 0x22) { i += 1 }
        while e > i && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x22) { e -= 1 }
        guard i < e else { return nil }
        var negative = false
        if bytes[i] == 0x2D { negative = true; i += 1 }
        guard i < e, e - i <= 19 else { return nil }
        var v: Int64 = 0
        while i < e {
            let d = bytes[i] &- 0x30
            guard d <= 9 else { return nil }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -v : v
    }
}
