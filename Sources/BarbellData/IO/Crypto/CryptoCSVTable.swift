import Foundation

/// A header-addressed CSV file for the crypto tick loaders (Tardis, freqtrade).
///
/// Columns are found by header name, so column order and extra columns (`exchange`,
/// `cost`, freqtrade's unnamed index column) do not matter. Rows stream through
/// ``LineReader``; fields are split by the shared ``CSVFieldSplitter``.
struct CryptoCSVTable {
    let path: String
    var chunkSize: Int = 1 << 20

    /// The header row: names lower-cased and trimmed, byte-order mark removed.
    struct Header {
        let path: String
        let names: [String]
        let line: Int

        /// The index of the first column whose name is one of `candidates`.
        func index(_ candidates: [String]) -> Int? {
            for c in candidates { if let i = names.firstIndex(of: c) { return i } }
            return nil
        }

        /// Like ``index(_:)`` but a missing column is a ``DataError/Code/badHeader`` error.
        func require(_ candidates: [String], purpose: String) throws(DataError) -> Int {
            guard let i = index(candidates) else {
                let alternatives = candidates.count > 1 ? " (or \(candidates.dropFirst().joined(separator: ", ")))" : ""
                throw DataError(.badHeader, "the header has no '\(candidates[0])' column\(alternatives) for \(purpose); columns are: \(names.joined(separator: ", "))",
                                file: path, line: line, field: candidates[0])
            }
            return i
        }
    }

    /// One data row, valid only during the callback.
    struct Row {
        let path: String
        let line: Int
        let bytes: UnsafeBufferPointer<UInt8>
        let fields: CSVFieldSplitter
        let header: Header

        func text(_ column: Int) -> String { fields.text(bytes, column) }

        func error(_ code: DataError.Code, _ column: Int, _ problem: String) -> DataError {
            DataError(code, problem, file: path, line: line, field: header.names[column])
        }

        /// A number; empty fields and missing markers become NaN.
        func doubleOrNaN(_ column: Int) throws(DataError) -> Double {
            switch DecimalParser.parse(bytes, fields.starts[column], fields.ends[column]) {
            case .value(let v): return v
            case .missing: return .nan
            case .invalid: throw error(.badNumber, column, "'\(text(column))' is not a number")
            }
        }

        /// A required number.
        func double(_ column: Int) throws(DataError) -> Double {
            let v = try doubleOrNaN(column)
            if v.isNaN { throw error(.badNumber, column, "value is missing") }
            return v
        }

        func timestamp(_ column: Int, parser: inout TimestampParser) throws(DataError) -> Timestamp {
            do throws(TimestampParser.Failure) {
                return Timestamp(nanoseconds: try parser.parse(bytes, fields.starts[column], fields.ends[column]))
            } catch {
                switch error {
                case .unparseable(let expected):
                    throw self.error(.badTimestamp, column, "'\(text(column))' is not \(expected)")
                case .mixedUnits(let expected):
                    throw self.error(.mixedTimestampUnits, column, "'\(text(column))' switches units; earlier rows had \(expected)")
                }
            }
        }

        /// Aggressor side: `buy`/`sell` (any case, or `b`/`s`); `unknown` and empty are ``AggressorSide/unknown``.
        func side(_ column: Int) throws(DataError) -> AggressorSide {
            let s = fields.starts[column], e = fields.ends[column]
            if e == s { return .unknown }
            switch text(column).lowercased() {
            case "buy", "b": return .buy
            case "sell", "s": return .sell
            case "unknown", "none", "null": return .unknown
            default: throw error(.validationFailed, column, "side '\(text(column))' is not buy, sell or unknown")
            }
        }
    }

    /// Reads the header, lets `prepare` turn it into a column plan (throwing for missing
    /// columns), then calls `body` for each non-blank data row. Rows must have as many fields
    /// as the header. A file without a header is an ``DataError/Code/emptyFile`` error.
    func forEachRow<Plan>(prepare: (Header) throws(DataError) -> Plan,
                          _ body: (Row, Plan) throws(DataError) -> Bool) throws(DataError) {
        var fields = CSVFieldSplitter(delimiter: JSONByte.comma)
        var header: Header?
        var plan: Plan?
        try LineReader(path: path, chunkSize: chunkSize).forEachLine { (line, number) throws(DataError) -> Bool in
            if line.allSatisfy({ $0 == JSONByte.space || $0 == JSONByte.tab }) { return true }
            fields.split(line)
            guard let header, let plan else {
                var names: [String] = []
                for k in 0..<fields.count {
                    var name = fields.text(line, k)
                    if k == 0, name.hasPrefix("\u{FEFF}") { name.removeFirst() }
                    names.append(name.trimmingCharacters(in: .whitespaces).lowercased())
                }
                let h = Header(path: path, names: names, line: number)
                plan = try prepare(h)
                header = h
                return true
            }
            guard fields.count == header.names.count else {
                throw DataError(.fieldCount, "row has \(fields.count) fields; the header has \(header.names.count)", file: path, line: number)
            }
            return try body(Row(path: path, line: number, bytes: line, fields: fields, header: header), plan)
        }
        if header == nil {
            throw DataError(.emptyFile, "the file is empty (no header row)", file: path, line: 1)
        }
    }
}

/// Which Tardis timestamp column stamps the loaded ticks.
public enum TardisTimestampColumn: String, Sendable, Hashable, CaseIterable {
    /// `timestamp`: the exchange's time (falls back to `local_timestamp` per row when empty,
    /// as Tardis leaves it empty for exchanges that do not send one).
    case exchange
    /// `local_timestamp`: when Tardis's collector received the message.
    case local
}

/// Filters rows by a `symbol` column and insists on a single symbol otherwise, so two
/// instruments are never merged into one series by accident.
struct SymbolColumnFilter {
    let wanted: String?
    let column: Int?
    private(set) var seen: String?

    init(wanted: String?, column: Int?) {
        self.wanted = wanted?.uppercased()
        self.column = column
    }

    /// True when the row belongs to the wanted (or the file's only) symbol.
    mutating func accepts(_ row: CryptoCSVTable.Row) throws(DataError) -> Bool {
        guard let column else { return true }
        let symbol = row.text(column)
        if let wanted { return symbol.uppercased() == wanted }
        if let seen, seen != symbol {
            throw row.error(.validationFailed, column,
                            "the file holds several symbols (\(seen), \(symbol)); choose one with the loader's symbol filter")
        }
        seen = symbol
        return true
    }
}
