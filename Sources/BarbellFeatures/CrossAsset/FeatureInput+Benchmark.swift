import BarbellData

extension FeatureInput {
    /// The OHLCV columns of `series` plus `benchmark`'s close as the ``InputField/benchmark``
    /// column, for the cross-asset features.
    ///
    /// The two series must cover the same timestamps; a difference in length or in any
    /// timestamp is a ``FeatureError/Code/mismatchedInputs`` error naming both symbols and the
    /// first differing row (align them first, e.g. by an inner join on the timestamps).
    public init(_ series: BarSeries, benchmark: BarSeries) throws(FeatureError) {
        guard series.count == benchmark.count else {
            throw FeatureError(.mismatchedInputs,
                               "benchmark '\(benchmark.symbol)' has \(benchmark.count) bars; '\(series.symbol)' has \(series.count)")
        }
        if let row = series.timestamps.indices.first(where: { series.timestamps[$0] != benchmark.timestamps[$0] }) {
            throw FeatureError(.mismatchedInputs,
                               "benchmark '\(benchmark.symbol)' is not aligned with '\(series.symbol)': row \(row) has timestamp \(benchmark.timestamps[row].nanoseconds) ns, expected \(series.timestamps[row].nanoseconds) ns")
        }
        self.init(series)
        try set(.benchmark, benchmark.close)
    }
}
