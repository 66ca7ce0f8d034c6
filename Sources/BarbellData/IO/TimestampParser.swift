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
    /// Cache for ``isoDate(_:_:)``: the last date's ten bytes and its value.
    private var lastDateKey: (UInt64, UInt16) = (0, 0)
    private var lastDateNanos: Int64 = 0
    private var haveLastDate = false

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

    /// What a value of `format` looks like, for error messages. A switch, not a table: this
    /// runs only when a value fails, and must cost nothing on the rows that parse.
    static func describe(_ format: TimestampFormat) -> String {
        switch format {
        case .iso8601: return "an ISO-8601 date like 2024-01-31 or 2024-01-31T09:30:00Z"
        case .monthDayYear: return "a date like 1/31/2024 (M/D/YYYY)"
        case .compact: return "a date like 20240131 (YYYYMMDD)"
        case .epochSeconds: return "an epoch time in seconds"
        case .epochMilliseconds: return "an epoch time in milliseconds"
        case .epochMicroseconds: return "an epoch time in microseconds"
        case .epochNanoseconds: return "an epoch time in nanoseconds"
        case .auto: return "a timestamp"
        }
    }

    public var expectedDescription: String { Self.describe(format) }

    /// Built only when thrown, so parsing a good value never formats a message.
    var failure: Failure { .unparseable(expected: expectedDescription) }

    mutating func parseEpoch(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) throws(Failure) -> Int64 {
        guard let unit = format.epochNanosPerUnit else { throw failure }
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
        guard digits > 0, digits <= 19 else { throw failure }
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
        guard k == e else { throw failure }
        // A unit switch shows up as a jump of three or more digits in magnitude.
        if !negative {
            if let first = epochDigits {
                if abs(digits - first) >= 3 { throw .mixedUnits(expected: expectedDescription) }
            } else {
                epochDigits = digits
            }
        }
        let (ns, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow else { throw failure }
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

    /// Seconds of day from `THH:MM:SS` (or with a space) at `k`, nil for any other shape.
    @inline(__always)
    static func fixedTimeOfDay(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int64? {
        guard b[k] == 0x54 || b[k] == 0x20, b[k + 3] == 0x3A, b[k + 6] == 0x3A else { return nil }
        let h1 = b[k + 1] &- 0x30, h2 = b[k + 2] &- 0x30
        let m1 = b[k + 4] &- 0x30, m2 = b[k + 5] &- 0x30
        let s1 = b[k + 7] &- 0x30, s2 = b[k + 8] &- 0x30
        guard h1 <= 2, h2 <= 9, m1 <= 5, m2 <= 9, s1 <= 5, s2 <= 9 else { return nil }
        let h = Int64(h1) * 10 + Int64(h2)
        guard h < 24 else { return nil }
        return h * 3600 + (Int64(m1) * 10 + Int64(m2)) * 60 + Int64(s1) * 10 + Int64(s2)
    }

    @inline(__always)
    static func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        m >= 1 && m <= 12 && d >= 1 && d <= CivilDate.daysInMonth(year: y, month: m)
    }

    /// The date part of `b[i..<i+10]` as nanoseconds since the epoch. Consecutive rows of
    /// intraday files share their date, so the last one is remembered by its ten bytes.
    @inline(__always)
    mutating func isoDate(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) throws(Failure) -> Int64 {
        let raw = UnsafeRawPointer(b.baseAddress! + i)
        let key = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if haveLastDate && key == lastDateKey { return lastDateNanos }
        guard b[i + 4] == 0x2D, b[i + 7] == 0x2D,
              let y = Self.digits(b, i, 4), let m = Self.digits(b, i + 5, 2), let d = Self.digits(b, i + 8, 2),
              Self.validDate(y, m, d) else { throw failure }
        lastDateKey = key
        haveLastDate = true
        lastDateNanos = CivilDate.daysFromCivil(year: y, month: m, day: d) * Timestamp.nanosPerDay
        return lastDateNanos
    }

    mutating func parseISO(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) throws(Failure) -> Int64 {
        guard e - i >= 10 else { throw failure }
        var ns = try isoDate(b, i)
        // The common shape `YYYY-MM-DDTHH:MM:SSZ` (or without the Z, naive) in straight-line
        // code; anything else takes the general path below.
        if e - i == 20 || e - i == 19, let seconds = Self.fixedTimeOfDay(b, i + 10) {
            if e - i == 19 { return converter.toUTC(localNanos: ns + seconds * Timestamp.nanosPerSecond) }
            if b[i + 19] == 0x5A { return ns + seconds * Timestamp.nanosPerSecond }
        }
        var k = i + 10
        var offsetSeconds: Int64?
        if k < e && (b[k] == 0x54 || b[k] == 0x20) {
            guard let (tod, next) = Self.timeOfDay(b, k + 1, e, colons: true) else { throw failure }
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
                guard p + 2 <= e, let oh = Self.digits(b, p, 2) else { throw failure }
                p += 2
                if p < e && b[p] == 0x3A { p += 1 }
                var om = 0
                if p + 2 <= e { guard let v = Self.digits(b, p, 2) else { throw failure }; om = v; p += 2 }
                offsetSeconds = sign * Int64(oh * 3600 + om * 60)
                k = p
            }
        }
        guard k == e else { throw failure }
        if let off = offsetSeconds { return ns - off * Timestamp.nanosPerSecond }
        return converter.toUTC(localNanos: ns)
    }

    func parseMDY(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) throws(Failure) -> Int64 {
        var k = i
        func number(_ maxDigits: Int) -> Int? {
            var v = 0
            var n = 0
            while k < e, n < maxDigits, b[k] >= 0x30 && b[k] <= 0x39 { v = v * 10 + Int(b[k] - 0x30); k += 1; n += 1 }
            return n == 0 ? nil : v
        }
        guard let m = number(2), k < e, b[k] == 0x2F else { throw failure }
        k += 1
        guard let d = number(2), k < e, b[k] == 0x2F else { throw failure }
        k += 1
        let yStart = k
        guard let y = number(4), k - yStart == 4, Self.validDate(y, m, d) else { throw failure }
        var ns = CivilDate.daysFromCivil(year: y, month: m, day: d) * Timestamp.nanosPerDay
        if k < e {
            guard b[k] == 0x20, let (tod, next) = Self.timeOfDay(b, k + 1, e, colons: true), next == e else { throw failure }
            ns += tod
        }
        return converter.toUTC(localNanos: ns)
    }

    func parseCompact(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) throws(Failure) -> Int64 {
        guard e - i >= 8, let y = Self.digits(b, i, 4), let m = Self.digits(b, i + 4, 2), let d = Self.digits(b, i + 6, 2),
              Self.validDate(y, m, d) else { throw failure }
        var ns = CivilDate.daysFromCivil(year: y, month: m, day: d) * Timestamp.nanosPerDay
        if e - i > 8 {
            guard b[i + 8] == 0x20 || b[i + 8] == 0x54,
                  let (tod, next) = Self.timeOfDay(b, i + 9, e, colons: false), next == e else { throw failure }
            ns += tod
        }
        return converter.toUTC(localNanos: ns)
    }
}
