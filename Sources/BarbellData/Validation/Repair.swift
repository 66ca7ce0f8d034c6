/// Explicit data repairs. Nothing changes data unless asked, and every change is reported.
public struct RepairOptions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Stable-sort rows by timestamp.
    public static let sort = RepairOptions(rawValue: 1)
    /// Keep the first row of each run of equal timestamps (after sorting, if asked).
    public static let dropDuplicates = RepairOptions(rawValue: 2)
    /// Fill missing prices from the previous close and missing volume with 0.
    public static let forwardFill = RepairOptions(rawValue: 4)
    /// Drop rows that still have errors (missing, non-positive, inconsistent OHLC, negative volume).
    public static let dropInvalid = RepairOptions(rawValue: 8)
}

/// What a repair changed, counted by action.
public struct RepairLog: Sendable, Codable, Equatable {
    public var reordered = 0
    public var duplicatesDropped = 0
    public var valuesFilled = 0
    public var invalidRowsDropped = 0
    /// Source lines of dropped rows (first 100), so a user can inspect them.
    public var droppedLines: [Int] = []

    public var changedAnything: Bool { reordered + duplicatesDropped + valuesFilled + invalidRowsDropped > 0 }

    public var summary: String {
        var parts: [String] = []
        if reordered > 0 { parts.append("moved \(reordered) rows into time order") }
        if duplicatesDropped > 0 { parts.append("dropped \(duplicatesDropped) duplicate rows") }
        if valuesFilled > 0 { parts.append("forward-filled \(valuesFilled) values") }
        if invalidRowsDropped > 0 { parts.append("dropped \(invalidRowsDropped) invalid rows") }
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }
}

extension LoadedSeries {
    /// Applies the requested repairs in a fixed order: sort, drop duplicates, forward-fill,
    /// drop invalid rows.
    public func repaired(_ repairs: RepairOptions, checkVolume: Bool = true) -> (LoadedSeries, RepairLog) {
        var log = RepairLog()
        var out = self
        if repairs.contains(.sort) {
            let order = (0..<count).sorted { (series.timestamps[$0], $0) < (series.timestamps[$1], $1) }
            log.reordered = order.enumerated().reduce(0) { $0 + ($1.offset != $1.element ? 1 : 0) }
            if log.reordered > 0 { out = out.selecting(rows: order) }
        }
        if repairs.contains(.dropDuplicates) {
            var keep: [Int] = []
            keep.reserveCapacity(out.count)
            for i in 0..<out.count {
                if let last = keep.last, out.series.timestamps[last] == out.series.timestamps[i] {
                    log.duplicatesDropped += 1
                    if log.droppedLines.count < 100 && !out.lines.isEmpty { log.droppedLines.append(out.lines[i]) }
                } else {
                    keep.append(i)
                }
            }
            if log.duplicatesDropped > 0 { out = out.selecting(rows: keep) }
        }
        if repairs.contains(.forwardFill) {
            var previousClose = Double.nan
            for i in 0..<out.count {
                let fallback = previousClose
                func fill(_ v: inout Double) {
                    if !v.isFinite && fallback.isFinite { v = fallback; log.valuesFilled += 1 }
                }
                fill(&out.series.open[i])
                fill(&out.series.high[i])
                fill(&out.series.low[i])
                fill(&out.series.close[i])
                if checkVolume && !out.series.volume[i].isFinite {
                    out.series.volume[i] = 0
                    log.valuesFilled += 1
                }
                if out.series.close[i].isFinite { previousClose = out.series.close[i] }
            }
        }
        if repairs.contains(.dropInvalid) {
            var keep: [Int] = []
            let s = out.series
            for i in 0..<out.count {
                let prices = [s.open[i], s.high[i], s.low[i], s.close[i]]
                var bad = prices.contains { !$0.isFinite || $0 <= 0 }
                if !bad {
                    bad = s.high[i] < Swift.max(s.open[i], s.close[i], s.low[i]) || s.low[i] > Swift.min(s.open[i], s.close[i])
                }
                if checkVolume && !bad { bad = !s.volume[i].isFinite || s.volume[i] < 0 }
                if bad {
                    log.invalidRowsDropped += 1
                    if log.droppedLines.count < 100 && !out.lines.isEmpty { log.droppedLines.append(out.lines[i]) }
                } else {
                    keep.append(i)
                }
            }
            if log.invalidRowsDropped > 0 { out = out.selecting(rows: keep) }
        }
        return (out, log)
    }
}
