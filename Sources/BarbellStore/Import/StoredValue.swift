/// How ``BarbellData/BarSeries`` missing-value markers map to SQL NULL and back.
///
/// Both stores keep NULL for "missing" so SQL aggregates skip it; SQLite would turn NaN into
/// NULL anyway, and Postgres follows suit so the two stores behave identically.
enum StoredValue {
    /// NaN (missing) as nil, any other double as itself.
    @inline(__always)
    static func double(_ value: Double) -> Double? { value.isNaN ? nil : value }

    /// Negative trade counts (missing) as nil.
    @inline(__always)
    static func tradeCount(_ value: Int64) -> Int64? { value < 0 ? nil : value }

    /// Whether a stored double and a new one hold the same value, NULL matching NaN.
    ///
    /// Uses `==`, so 0.0 matches -0.0: they are equal prices, and flagging them as a
    /// conflict would only annoy.
    @inline(__always)
    static func same(_ stored: Double?, _ new: Double) -> Bool {
        guard let stored else { return new.isNaN }
        return stored == new
    }
}
