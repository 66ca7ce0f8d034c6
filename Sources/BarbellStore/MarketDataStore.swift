import BarbellData

/// Persistent storage of bar series, keyed by (symbol, timeframe, timestamp).
///
/// Two implementations share this contract and one test suite: ``SQLiteMarketStore`` (a local
/// file, the default) and ``PostgresMarketStore`` (a shared server, optionally TimescaleDB).
/// Use ``openMarketDataStore(_:)`` to pick one from a path or URL.
///
/// Stored values follow ``BarSeries`` conventions: a missing volume or vwap is NaN and a missing
/// trade count is -1; the store keeps them as SQL NULL, so NaN payload bits are not preserved.
public protocol MarketDataStore: Sendable {
    /// Imports bar series in one transaction: either every series is stored or, on any error,
    /// the store is left exactly as it was.
    ///
    /// Importing is idempotent: rows already stored with identical values are counted as
    /// present and not written again. A row whose key is stored with different values is a
    /// conflict; without `replace` the import throws ``DataError/Code/conflict`` naming the first
    /// few and writes nothing, with `replace` the stored row is overwritten. A series whose
    /// ``BarSeries/adjustment`` differs from the stored series' is always a conflict, because
    /// mixing raw and adjusted prices in one series would corrupt it silently.
    ///
    /// - Parameters:
    ///   - series: The series to store; each needs a timeframe and strictly increasing timestamps.
    ///   - source: Free text recorded with the import (a file name, a vendor), for provenance.
    ///   - replace: Overwrite stored rows whose values differ instead of failing.
    /// - Returns: How many rows were new, already present or replaced.
    /// - Throws: ``DataError`` with code `.invalidArgument` (malformed input), `.conflict` or `.store`.
    @discardableResult
    func importBars(_ series: [BarSeries], source: String, replace: Bool) async throws -> ImportSummary

    /// The stored bars of one series with timestamps in `[from, to)`, ordered by time.
    ///
    /// The `vwap` and `tradeCount` columns are present only when the series has ever stored a
    /// value in them; rows without one hold NaN and -1.
    ///
    /// - Parameters:
    ///   - from: Inclusive lower bound; nil reads from the first bar.
    ///   - to: Exclusive upper bound; nil reads to the last bar.
    /// - Throws: ``DataError`` `.notFound` when the series is not stored at all.
    func bars(symbol: Symbol, timeframe: Timeframe, from: Timestamp?, to: Timestamp?) async throws -> BarSeries

    /// Every stored series with its size and time span, ordered by symbol then timeframe.
    func listSeries() async throws -> [StoredSeries]

    /// Removes a series and all its bars.
    ///
    /// - Returns: The number of bars removed.
    /// - Throws: ``DataError`` `.notFound` when the series is not stored.
    @discardableResult
    func deleteSeries(symbol: Symbol, timeframe: Timeframe) async throws -> Int

    /// Releases connections and files. Calls after `close()` throw ``DataError`` `.store`.
    func close() async throws
}

extension MarketDataStore {
    /// Imports one or more series without overwriting conflicting rows.
    @discardableResult
    public func importBars(_ series: [BarSeries], source: String) async throws -> ImportSummary {
        try await importBars(series, source: source, replace: false)
    }

    /// The whole stored series.
    public func bars(symbol: Symbol, timeframe: Timeframe) async throws -> BarSeries {
        try await bars(symbol: symbol, timeframe: timeframe, from: nil, to: nil)
    }
}
