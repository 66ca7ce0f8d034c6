/// What one ``MarketDataStore/importBars(_:source:replace:)`` call did.
public struct ImportSummary: Sendable, Hashable, CustomStringConvertible {
    /// Identifier of the row recorded in the store's imports table.
    public var importID: Int64
    /// Number of series in the import.
    public var seriesCount: Int
    /// Bars given, over all series.
    public var rowsGiven: Int
    /// Bars that were not stored before and were written.
    public var rowsInserted: Int
    /// Bars that were already stored with identical values (nothing written).
    public var rowsPresent: Int
    /// Bars that were stored with different values and were overwritten (only with `replace`).
    public var rowsReplaced: Int
    /// Hash of the imported content (see ``BarSeries/contentHash``), recorded for provenance.
    public var contentHash: String

    public init(importID: Int64, seriesCount: Int, rowsGiven: Int, rowsInserted: Int, rowsPresent: Int,
                rowsReplaced: Int, contentHash: String) {
        self.importID = importID
        self.seriesCount = seriesCount
        self.rowsGiven = rowsGiven
        self.rowsInserted = rowsInserted
        self.rowsPresent = rowsPresent
        self.rowsReplaced = rowsReplaced
        self.contentHash = contentHash
    }

    /// `12 series, 1000 bars: 800 new, 200 already present`, plus replaced rows when any.
    public var description: String {
        var text = "\(seriesCount) series, \(rowsGiven) bars: \(rowsInserted) new, \(rowsPresent) already present"
        if rowsReplaced > 0 { text += ", \(rowsReplaced) replaced" }
        return text
    }
}
