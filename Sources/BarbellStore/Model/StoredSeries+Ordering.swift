extension StoredSeries {
    /// Listing order shared by every store: symbol, then shorter timeframes first.
    ///
    /// Sorted in Swift rather than SQL because the databases collate text differently (SQLite
    /// by bytes, Postgres by locale), and "1d" before "1m" reads wrong anyway.
    static func listingOrder(_ a: StoredSeries, _ b: StoredSeries) -> Bool {
        if a.symbol != b.symbol { return a.symbol.name.utf8.lexicographicallyPrecedes(b.symbol.name.utf8) }
        if a.timeframe.nanoseconds != b.timeframe.nanoseconds { return a.timeframe.nanoseconds < b.timeframe.nanoseconds }
        return a.timeframe.description < b.timeframe.description
    }
}
