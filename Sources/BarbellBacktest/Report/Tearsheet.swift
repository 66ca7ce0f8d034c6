import Foundation

/// The backtest report: a self-contained HTML page (inline SVG charts and a small inline
/// stylesheet; no scripts, fonts, images or network addresses) and its JSON twin.
///
/// Derived series are computed at render time by ``TearsheetDerived/init(_:)`` from the data's
/// equity curve; both outputs are drawn from the same ``TearsheetDocument``, so the JSON holds
/// every number the page shows.
public enum Tearsheet {
    /// Trades listed on the page at most; the JSON holds them all.
    public static let tradeRowLimit = 500

    /// The data with its derived series, as written to JSON.
    /// - Throws: ``BacktestError`` when `data` is inconsistent (see ``TearsheetData/validate()``).
    public static func document(_ data: TearsheetData) throws(BacktestError) -> TearsheetDocument {
        TearsheetDocument(data: data, derived: try TearsheetDerived(data))
    }

    /// The HTML page for `data`.
    /// - Throws: ``BacktestError`` when `data` is inconsistent (see ``TearsheetData/validate()``).
    public static func html(_ data: TearsheetData) throws(BacktestError) -> String {
        TearsheetPage(try document(data)).html
    }

    /// The JSON twin: ``TearsheetDocument`` with sorted keys, missing values as `null` and
    /// non-finite inputs as the strings "NaN", "Infinity" and "-Infinity".
    public static func json(_ data: TearsheetData) throws -> Data {
        try encoder.encode(try document(data))
    }

    /// Writes the page to `htmlTo` and, when given, the JSON to `jsonTo`, each atomically (a
    /// temporary file renamed into place), so a reader never sees half a report.
    public static func write(_ data: TearsheetData, htmlTo: URL, jsonTo: URL? = nil) throws {
        let document = try document(data)
        try Data(TearsheetPage(document).html.utf8).write(to: htmlTo, options: .atomic)
        if let jsonTo { try encoder.encode(document).write(to: jsonTo, options: .atomic) }
    }

    /// The encoder of the JSON twin (and, with ``decoder``, the way to read it back).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// A decoder that reads what ``encoder`` writes.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }
}

/// What the JSON twin holds: the report's input and the series derived from it.
public struct TearsheetDocument: Codable, Sendable, Equatable {
    /// Identifies the layout of this JSON for readers: bumped when fields change meaning.
    public var schema: String
    public var data: TearsheetData
    public var derived: TearsheetDerived

    public init(data: TearsheetData, derived: TearsheetDerived) {
        schema = "barbell.tearsheet/1"
        self.data = data
        self.derived = derived
    }
}
