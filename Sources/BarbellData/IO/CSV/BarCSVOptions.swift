/// How to read a bar CSV file. Every field has a working automatic default.
public struct BarCSVOptions: Sendable {
    /// The file's shape.
    public enum Layout: String, Sendable, CaseIterable {
        /// Decide from the header: OHLC columns → `ohlcv` (or `long` with a ticker column),
        /// otherwise a date column plus price columns → `wide`.
        case auto
        /// One instrument: timestamp, open, high, low, close[, volume, ...].
        case ohlcv
        /// Many instruments stacked: a ticker column plus OHLCV columns.
        case long
        /// A close-price matrix: a date column and one column per ticker.
        case wide
    }

    public var layout: Layout = .auto
    /// Field separator; nil sniffs `,` `;` tab `|` from the first line.
    public var delimiter: UInt8?
    /// Whether the first line is a header; nil decides from its content.
    public var hasHeader: Bool?
    /// Column roles by position for headerless files (e.g. `[.timestamp, .open, ...]`), or
    /// overriding the header (a role of `.ignored` skips a column).
    public var columns: [CSVColumnRole]?
    /// Explicit header-name → role mapping applied on top of the automatic recognition,
    /// e.g. `["Price": .close]`.
    public var columnMapping: [String: CSVColumnRole] = [:]
    public var timestampFormat: TimestampFormat = .auto
    public var timeZone: SourceTimeZone = .utc
    /// Symbol for single-instrument layouts; long and wide files name their own.
    public var symbol: Symbol?
    public var timeframe: Timeframe?
    /// Adjustments the file's OHLC already carry (zipline csvdir files are split-adjusted).
    public var adjustment: PriceAdjustment = .none
    /// Cores used to parse large plain OHLCV files; 0 means all (at most 8). Any value gives
    /// the same result: the parts are parsed independently and joined in file order.
    public var threads: Int = 0
    /// Whether plain OHLCV rows may take the fast path; tests turn it off to check that both
    /// paths agree.
    var allowsFastPath = true

    public init() {}
}
