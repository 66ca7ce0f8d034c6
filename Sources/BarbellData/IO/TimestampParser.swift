/// Parses timestamp fields into UTC nanoseconds with a fixed ``TimestampFormat``.
///
/// Once the format is known (given, or detected from the first value) every later value must
/// use it: a file whose epoch numbers switch from milliseconds to microseconds is reported as
/// mixed units instead of producing dates in 1970 or 50000 AD.
public struct TimestampParser {
    public private(set) var format: TimestampFormat
    let converter: LocalTimeConverter
    /// Digit count of the first epoch value, used to catch unit switches.
    private var epochDigits: Int?

    public init(format: TimestampFormat = .auto, timeZone: SourceTimeZone = .utc) {
        self.format = format
        self.converter = LocalTimeConverter(timeZone)
    }

    public enum Failure: Error, Equatable {
        case unparseable(expected: String)
        case mixedUnits(expected: String)
    }

    /// Parses `bytes[start..<end]`.
    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(Failure) -> Int64 {
        var i = start
        var e = end
        while i < e && (bytes[i] == 0x20 || bytes[i] == 0x22) { i += 1 }
        while e > i && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x22) { e -= 1 }
        if format == .auto { format = Self.detect(bytes, i, e) }
        switch format {
        case .iso8601: return try parseISO(bytes, i, e)
        case .monthDayYear: return try parseMDY(bytes, i, e)
        case .compact: return try parseCompact(bytes, i, e)
        case .auto: throw .unparseable(expected: "a date (ISO-8601, M/D/YYYY, YYYYMMDD or epoch number)")
        default: return try parseEpoch(bytes, i, e)
        }
    }

    /// Parses a whole string (tests, CLI arguments).
    public mutating func parse(_ text: String) throws(Failure) -> Int64 {
        var s = text
        let r: Result<Int64, Failure> = s.withUTF8 { buf in
            do throws(Failure) { return .success(try parse(buf, 0, buf.count)) } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Guesses the format of one value.
    static func detect(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) -> TimestampFormat {
        let n = e - i
        guard n > 0 else { return .auto }
        var allDigits = true
        var hasDot = false
        for k in i..<e {
            let c = b[k]
            if c == 0x2E { hasDot = true } else if c < 0x30 || c > 0x39 { allDigits = false; break }
        }
        if allDigits {
            let intDigits = hasDot ? (0..<n).first { b[i + $0] == 0x2E }! : n
            if !hasDot && n == 8 && (b[i] == 0x31 || b[i] == 0x32) { return .compact }
            switch intDigits {
            case ...11: return .epochSeconds
            case 12...14: return .epochMilliseconds
            case 15...17: return .epochMicroseconds
            default: return .epochNanoseconds
            }
        }
        if n >= 10 && b[i + 4] == 0x2D { return .iso8601 }
        if n >= 8 && (0..<min(n, 6)).contains(where: { b[i + $0] == 0x2F }) { return .monthDayYear }
        if n >= 15 && b[i + 8] == 0x20 && (i..<i + 8).allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 }) { return .compact }
        return .iso8601
    }

    private static var formatDescription: [TimestampFormat: String] {
        [.iso8601: "an ISO-8601 date like 2024-01-31 or 2024-01-31T09:30:00Z",
         .monthDayYear: "a date like 1/31/2024 (M/D/YYYY)",
         .compact: "a date like 20240131 (YYYYMMDD)",
         .epochSeconds: "an epoch time in seconds",
         .epochMilliseconds: "an epoch time in milliseconds",
         .epochMicroseconds: "an epoch time in microseconds",
         .epochNanoseconds: "an epoch time in nanoseconds"]
    }

    public var expectedDescription: String { Self.formatDescription[format] ?? "a timestamp" }

    mutating func parseEpoch(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) throws(Failure) -> Int64 {
        guard let unit = format.epochNanosPerUnit else { throw .unparseable(expected: expectedDescription) }
        var k = i
        var negative = false
        if k < e && b[k] == 0x2D { negative = true; k += 1 }
        var whole: Int64 = 0
        var digits = 0
        while k < e, b[k] >= 0x30 && b[k] <= 0x39 {
            whole = whole &* 10 &+ Int64(b[k] - 0x30)
            digits += 1
            k += 1
        }
        guard digits > 0, digits <= 19 else { throw .unparseable(expected: expectedDescription) }
        var frac: Int64 = 0
        if k < e && b[k] == 0x2E {
            k += 1
            var scale = unit
            while k < e, b[k] >= 0x30 && b[k] <= 0x39 {
                scale /= 10
                frac += Int64(b[k] - 0x30) * scale
                k += 1
            }
        }
        guard k == e else { throw .unparseable(expected: expectedDescription) }
        // A unit switch shows up as a jump of three or more digits in magnitude.
        if !negative {
            if let first = epochDigits {
                if abs(digits - first) >= 3 { throw .mixedUnits(expected: expectedDescription) }
            } else {
                epochDigits = digits
            }
        }
        let (ns, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow else { throw .unparseable(expected: expectedDescription) }
        return negative ? -(ns + frac) : ns + frac
    }

    @inline(__always)
    static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        var v = 0
        for k in at..<at + count {
            let d = b[k] &- 0x30
            if d > 9 { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// `HH:MM[:SS[.fffffffff]]` starting at `k`; returns nanoseconds of day and the end index.
    @inline(__always)
    static func timeOfDay(_ b: UnsafeBufferPointer<UInt8>, _ k0: Int, _ e: Int, colons: Bool) -> (Int64, Int)? {
        var k = k0
        guard k + 2 <= e, let h = digits(b, k, 2) else { return nil }
        k += 2
        if colons { guard k < e, b[k] == 0x3A else { return nil }; k += 1 }
        guard k + 2 <= e, let m = digits(b, k, 2) else { return nil }
        k += 2
        var s = 0
        if colons ? (k < e && b[k] == 0x3A) : (k + 2 <= e) {
            if colons { k += 1 }
            guard k + 2 <= e, let sec = digits(b, k, 2) else { return nil }
            s = sec
            k += 2
        }
        guard h < 24 || (h == 24 && m == 0 && s == 0), m < 60, s < 61 else { return nil }
        var ns = Int64(h * 3600 + m * 60 + s) * Timestamp.nanosPerSecond
        let fractionStarts = colons ? (k < e && (b[k] == 0x2E || b[k] == 0x2C)) : (k < e && b[k] >= 0x30 && b[k] <= 0x39)
        if fractionStarts {
            if colons { k += 1 }
            var scale = Timestamp.nanosPerSecond
            while k < e, b[k] >= 0x30 && b[k] <= 0x39 {
                scale /= 10
                ns += Int64(b[k] - 0x30) * scale
                k += 1
            }
        }
        return (ns, k)
    }

    @inline(__always)
    static func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        m >= 1 && m <= 12 && d >= 1 && d <= CivilDate.daysInMonth(year: y, month: m)
    }

    func parseISO(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) throws(Failure) -> Int64 {
        let fail = Failure.unparseable(expected: expectedDescription)
        guard e - i >= 10, b[i + 4] == 0x2D, b[i + 7] == 0x2D,
              let y = Self.digits(b, i, 4), let m = Self.digits(b, i + 5, 2), let d = Self.digits(b, i + 8, 2),
              Self.validDate(y, m, d) else { throw fail }
        var ns = CivilDate.daysFromCivil(year: y, month: m, day: d) * Timestamp.nanosPerDay
        var k = i + 10
        var offsetSeconds: Int64?
        if k < e && (b[k] == 0x54 || b[k] == 0x20) {
            guard let (tod, next) = Self.timeOfDay(b, k + 1, e, colons: true) else { throw fail }
            ns += tod
            k = next
        }
        if k < e {
            if b[k] == 0x5A && k + 1 == e {
                offsetSeconds = 0
                k += 1
            } else if b[k] == 0x2B || b[k] == 0x2D {
                let sign: Int64 = b[k] == 0x2D ? -1 : 1
                var p = k + 1
                guard p + 2 <= e, let oh = Self.digits(b, p, 2) else { throw fail }
                p += 2
                if p < e && b[p] == 0x3A { p += 1 }
                var om = 0
                if p + 2 <= e { guard let v = Self.digits(b, p, 2) else { throw fail }; om = v; p += 2 }
                offsetSeconds = sign * Int64(oh * 3600 + om * 60)
                k = p
            }
        }
        guard k == e else { throw fail }
        if let off = offsetSeconds { return ns - off * Timestamp.nanosPerSecond }
        return converter.toUTC(localNanos: ns)
    }

    func parseMDY(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) throws(Failure) -> Int64 {
        let fail = Failure.unparseable(expected: expectedDescription)
        var k = i
        func number(_ maxDigits: Int) -> Int? {
            var v = 0
            var n = 0
            while k < e, n < maxDigits, b[k] >= 0x30 && b[k] <= 0x39 { v = v * 10 + Int(b[k] - 0x30); k += 1; n += 1 }
            return n == 0 ? nil : v
        }
        guard let m = number(2), k < e, b[k] == 0x2F else { throw fail }
        k += 1
        guard let d = number(2), k < e, b[k] == 0x2F else { throw fail }
        k += 1
        let yStart = k
        guard let y = number(4), k - yStart == 4, Self.validDate(y, m, d) else { throw fail }
        var ns = CivilDate.daysFromCivil(year: y, month: m, day: d) * Timestamp.nanosPerDay
        if k < e {
            guard b[k] == 0x20, let (tod, next) = Self.timeOfDay(b, k + 1, e, colons: true), next == e else { throw fail }
            ns += tod
        }
        return converter.toUTC(localNanos: ns)
    }

    func parseCompact(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) throws(Failure) -> Int64 {
        let fail = Failure.unparseable(expected: expectedDescription)
        guard e - i >= 8, let y = Self.digits(b, i, 4), let m = Self.digits(b, i + 4, 2), let d = Self.digits(b, i + 6, 2),
              Self.validDate(y, m, d) else { throw fail }
        var ns = CivilDate.daysFromCivil(year: y, month: m, day: d) * Timestamp.nanosPerDay
        if e - i > 8 {
            guard b[i + 8] == 0x20 || b[i + 8] == 0x54,
                  let (tod, next) = Self.timeOfDay(b, i + 9, e, colons: false), next == e else { throw fail }
            ns += tod
        }
        return converter.toUTC(localNanos: ns)
    }
}
