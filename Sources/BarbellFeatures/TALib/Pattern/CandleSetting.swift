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
