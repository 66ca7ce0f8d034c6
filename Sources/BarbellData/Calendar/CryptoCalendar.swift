/// A venue that never closes (crypto exchanges): every UTC day is one session
/// `[00:00, 24:00)`, so every intraday bucket and every day is an expected bar.
///
/// Exchange maintenance windows are not modelled: a bar missing during one is reported as a
/// gap, which is usually what a data-quality check wants to know.
public struct CryptoCalendar: ExchangeCalendar {
    public init() {}

    public var name: String { "24/7" }

    public func session(onDay day: Int64) -> TradingSession? {
        TradingSession(day: day, open: Timestamp(nanoseconds: day * Timestamp.nanosPerDay),
                       close: Timestamp(nanoseconds: (day + 1) * Timestamp.nanosPerDay))
    }
}
