import BarbellData

/// One stored row that an import would change.
struct ImportConflict: Sendable {
    var symbol: Symbol
    var timeframe: Timeframe
    var timestamp: Timestamp
    var storedClose: Double?
    var newClose: Double?

    /// How many conflicts an error message lists; the rest are only counted.
    static let reportLimit = 5

    /// The error for an import that found `total` conflicting rows, `examples` being the first.
    static func error(total: Int, examples: [ImportConflict]) -> DataError {
        let listed = examples.prefix(reportLimit).map { c in
            "\(c.symbol) \(c.timeframe) at \(c.timestamp.iso8601): stored close \(text(c.storedClose)), new close \(text(c.newClose))"
        }
        var message = "\(total) bar(s) already stored with different values; nothing was imported (use replace to overwrite): "
        message += listed.joined(separator: "; ")
        if total > listed.count { message += "; and \(total - listed.count) more" }
        return DataError(.conflict, message)
    }

    /// The error for a series stored with other adjustments than the import's.
    static func adjustmentError(symbol: Symbol, timeframe: Timeframe, stored: PriceAdjustment, new: PriceAdjustment) -> DataError {
        DataError(.conflict, "series \(symbol) \(timeframe) is stored with adjustment '\(stored)' but the import has '\(new)'; nothing was imported (delete the series first to store it with '\(new)')")
    }

    private static func text(_ value: Double?) -> String {
        value.map { "\($0)" } ?? "null"
    }
}
