/// One of TA-Lib's candle settings (`TA_CandleSetting`): what a candle is measured by, how many
/// preceding candles that measure is averaged over, and the factor applied to the average.
///
/// The values are TA-Lib's defaults (`TA_CandleDefaultSettings` in `ta_global.c`); Barbell does
/// not expose `TA_SetCandleSettings`, so every pattern uses these.
struct CandleSetting: Sendable {
    /// Which length of a candle a setting measures (`TA_RangeType`).
    enum RangeType: Sendable {
        /// |close − open|.
        case realBody
        /// high − low.
        case highLow
        /// Upper plus lower shadow; its average is halved so it compares with one shadow.
        case shadows
    }

    let rangeType: RangeType
    /// Candles averaged; 0 means the candle's own range is the yardstick.
    let averagePeriod: Int
    let factor: Double

    static let bodyLong = CandleSetting(rangeType: .realBody, averagePeriod: 10, factor: 1.0)
    static let bodyVeryLong = CandleSetting(rangeType: .realBody, averagePeriod: 10, factor: 3.0)
    static let bodyShort = CandleSetting(rangeType: .realBody, averagePeriod: 10, factor: 1.0)
    static let bodyDoji = CandleSetting(rangeType: .highLow, averagePeriod: 10, factor: 0.1)
    static let shadowLong = CandleSetting(rangeType: .realBody, averagePeriod: 0, factor: 1.0)
    static let shadowVeryLong = CandleSetting(rangeType: .realBody, averagePeriod: 0, factor: 2.0)
    static let shadowShort = CandleSetting(rangeType: .shadows, averagePeriod: 10, factor: 1.0)
    static let shadowVeryShort = CandleSetting(rangeType: .highLow, averagePeriod: 10, factor: 0.1)
    static let near = CandleSetting(rangeType: .highLow, averagePeriod: 5, factor: 0.2)
    static let far = CandleSetting(rangeType: .highLow, averagePeriod: 5, factor: 0.6)
    static let equal = CandleSetting(rangeType: .highLow, averagePeriod: 5, factor: 0.05)

    /// Lookback of a pattern `length` candles long that reads `settings`: the longest averaging
    /// period plus the candles before the last one.
    static func lookback(length: Int, _ settings: CandleSetting...) -> Int {
        (settings.map(\.averagePeriod).max() ?? 0) + length - 1
    }
}

/// A running total a pattern keeps: the sum of `setting`'s range over the `averagePeriod`
/// candles that precede the candle `lag` bars before the one being evaluated.
struct CandleSlot: Sendable {
    let setting: CandleSetting
    let lag: Int

    init(_ setting: CandleSetting, lag: Int = 0) {
        self.setting = setting
        self.lag = lag
    }
}

/// The running totals of one pattern, at most eight, as a fixed-size value.
///
/// Being a plain struct (not an array) built from constants lets the compiler resolve every
/// slot at compile time: the per-bar update becomes straight-line code and the totals stay in
/// registers, as the local variables of TA-Lib's C functions do.
struct CandleSlots: Sendable {
    let count: Int
    let s0, s1, s2, s3, s4, s5, s6, s7: CandleSlot

    @inline(__always)
    init(_ s0: CandleSlot? = nil, _ s1: CandleSlot? = nil, _ s2: CandleSlot? = nil, _ s3: CandleSlot? = nil,
         _ s4: CandleSlot? = nil, _ s5: CandleSlot? = nil, _ s6: CandleSlot? = nil, _ s7: CandleSlot? = nil) {
        let unused = CandleSlot(.shadowLong)
        count = s0 == nil ? 0 : s1 == nil ? 1 : s2 == nil ? 2 : s3 == nil ? 3
            : s4 == nil ? 4 : s5 == nil ? 5 : s6 == nil ? 6 : s7 == nil ? 7 : 8
        self.s0 = s0 ?? unused
        self.s1 = s1 ?? unused
        self.s2 = s2 ?? unused
        self.s3 = s3 ?? unused
        self.s4 = s4 ?? unused
        self.s5 = s5 ?? unused
        self.s6 = s6 ?? unused
        self.s7 = s7 ?? unused
    }

    @inline(__always) subscript(k: Int) -> CandleSlot {
        switch k {
        case 0: s0
        case 1: s1
        case 2: s2
        case 3: s3
        case 4: s4
        case 5: s5
        case 6: s6
        default: s7
        }
    }
}

/// The values of a pattern's running totals, `t[k]` for slot `k`.
struct CandleTotals {
    var t0 = 0.0, t1 = 0.0, t2 = 0.0, t3 = 0.0, t4 = 0.0, t5 = 0.0, t6 = 0.0, t7 = 0.0

    @inline(__always) subscript(k: Int) -> Double {
        get {
            switch k {
            case 0: t0
            case 1: t1
            case 2: t2
            case 3: t3
            case 4: t4
            case 5: t5
            case 6: t6
            default: t7
            }
        }
        set {
            switch k {
            case 0: t0 = newValue
            case 1: t1 = newValue
            case 2: t2 = newValue
            case 3: t3 = newValue
            case 4: t4 = newValue
            case 5: t5 = newValue
            case 6: t6 = newValue
            default: t7 = newValue
            }
        }
    }
}
