/// A named input column a feature reads: the OHLCV fields, and extra columns such as a benchmark
/// close, MAVP's `periods`, a VWAP or order-book fields.
///
/// A feature declares its inputs in order; the batch kernel receives the columns and the
/// streaming kernel the per-bar values in that same order.
public struct InputField: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { self.rawValue = name }
    public var description: String { rawValue }

    public static let open = InputField("open")
    public static let high = InputField("high")
    public static let low = InputField("low")
    public static let close = InputField("close")
    public static let volume = InputField("volume")
    /// Volume-weighted average price of the bar (Qlib's `$vwap`).
    public static let vwap = InputField("vwap")
    /// Close of a benchmark or market index aligned with the series (cross-asset features).
    public static let benchmark = InputField("benchmark")
    /// Per-bar period for TA-Lib's MAVP.
    public static let periods = InputField("periods")

    /// TA-Lib's abstract-API price groups.
    public static let ohlc: [InputField] = [.open, .high, .low, .close]
    public static let hlc: [InputField] = [.high, .low, .close]
    public static let hlcv: [InputField] = [.high, .low, .close, .volume]
    public static let hl: [InputField] = [.high, .low]
}
