import BarbellData
import Crypto
import Foundation

extension ExperimentConfiguration.DataSection {
    /// The panel this section names: every series of every file (or the listed symbols, in the
    /// listed order), cut to `from`…`to`.
    ///
    /// - Parameter base: the configuration file's folder, against which relative paths are read
    ///   first (then the working folder).
    /// - Throws: `DataError` for a file that cannot be read or parsed; ``LearningError`` naming
    ///   the symbol or date that is wrong.
    public func loadPanel(relativeTo base: String? = nil) throws -> [BarSeries] {
        guard !files.isEmpty else { throw LearningError(.invalidArgument, "data.files: expected at least one file") }
        var series: [BarSeries] = []
        for file in files {
            let path = Self.resolve(file, base: base)
            // A file that cannot be read or parsed is the data's fault: its DataError (naming the
            // file, line and field) goes out as it is.
            series += try MarketFile.loadBars(path).map(\.series)
        }
        if let symbols {
            let byName = Dictionary(series.map { ($0.symbol.name, $0) }, uniquingKeysWith: { first, _ in first })
            series = try symbols.map { name throws(LearningError) in
                guard let s = byName[name] else {
                    throw LearningError(.invalidArgument, "data.symbols: no symbol \(name) in \(files.joined(separator: ", ")); found \(byName.keys.sorted().prefix(30).joined(separator: ", "))")
                }
                return s
            }
        }
        let start = try from.map { date throws(LearningError) in try Self.day(date, field: "data.from") }
        let end = try to.map { date throws(LearningError) in try Self.day(date, field: "data.to") + Timestamp.nanosPerDay }
        if start != nil || end != nil { series = series.map { $0.slice(from: start, to: end) } }
        series = series.map { s in
            // Wide close matrices leave a symbol empty before its listing; those bars are dropped.
            let keep = s.close.indices.filter { s.close[$0].isFinite }
            return keep.count == s.count ? s : s.selecting(rows: keep)
        }
        if let empty = series.first(where: { $0.count == 0 }) {
            throw LearningError(.insufficientData, "data: symbol \(empty.symbol.name) has no bars in the selected dates")
        }
        return series
    }

    /// `file` as given when absolute, else against `base` when it exists there, else as given
    /// (relative to the working folder).
    public static func resolve(_ file: String, base: String?) -> String {
        if file.hasPrefix("/") { return file }
        if let base {
            let candidate = URL(fileURLWithPath: base).appendingPathComponent(file).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return file
    }

    static func day(_ text: String, field: String) throws(LearningError) -> Timestamp {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        guard parts.count == 3 else { throw LearningError(.invalidArgument, "\(field) = \(text): expected a date YYYY-MM-DD") }
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        guard components.isValidDate, let date = components.date else {
            throw LearningError(.invalidArgument, "\(field) = \(text): not a valid date")
        }
        return Timestamp(seconds: Int64(date.timeIntervalSince1970))
    }
}

/// SHA-256 of a panel's bars: symbols, timestamps and OHLCV bit patterns, in order. Recorded with
/// every run and artifact so a result can be tied to the exact data it came from.
public enum PanelHash {
    public static func sha256(_ panel: [BarSeries]) -> String {
        var hasher = SHA256()
        for series in panel {
            hasher.update(data: Data(series.symbol.name.utf8))
            hasher.update(data: Data([0]))
            var count = UInt64(series.count)
            withUnsafeBytes(of: &count) { hasher.update(bufferPointer: $0) }
            series.timestamps.map(\.nanoseconds).withUnsafeBytes { hasher.update(bufferPointer: $0) }
            for column in [series.open, series.high, series.low, series.close, series.volume] {
                column.map(\.bitPattern).withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
