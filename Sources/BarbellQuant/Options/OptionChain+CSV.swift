import BarbellData
import Foundation

extension OptionChain {
    /// The columns a chain CSV must have (iVolatility's names); `bid`, `ask`, `forward_price`
    /// and `isinterpolated` are optional.
    public static let requiredColumns = ["date", "stock_price_close", "option_expiration", "strike", "call/put", "iv", "open_interest"]

    /// Parses an iVolatility-style chain CSV (header row, comma-separated, no quoted commas).
    ///
    /// Dates are `MM/DD/YYYY` or `YYYY-MM-DD`; `call/put` is `C`/`P` (or `call`/`put`); empty
    /// `iv`, `bid`, `ask` and `forward_price` cells become NaN. Throws
    /// ``QuantError/Code/invalidArgument`` naming a missing column, or the line number, column
    /// and text of a cell that does not parse.
    public init(csv text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        try self.init(lines: lines.map(String.init))
    }

    /// Reads a chain CSV file (gzip-compressed or plain); see ``init(csv:)``.
    public static func load(path: String) throws -> OptionChain {
        var lines: [String] = []
        try LineReader(path: path).forEachLine { bytes, _ in
            lines.append(String(decoding: bytes, as: UTF8.self))
            return true
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        do {
            return try OptionChain(lines: lines)
        } catch let e as QuantError {
            throw QuantError(e.code, "\(path): \(e.message)")
        }
    }

    init(lines: [String]) throws {
        guard let header = lines.first else { throw QuantError(.invalidArgument, "the option chain CSV is empty (no header row)") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
        for column in Self.requiredColumns where index[column] == nil {
            throw QuantError(.invalidArgument, "the option chain CSV has no '\(column)' column (header: \(header))")
        }
        var quotes: [OptionChainQuote] = []
        quotes.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.dropFirst().enumerated() {
            let lineNumber = offset + 2
            if line.isEmpty { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            func cell(_ column: String) throws -> Substring? {
                guard let i = index[column] else { return nil }
                guard i < cells.count else {
                    throw QuantError(.invalidArgument, "line \(lineNumber): \(cells.count) fields, no '\(column)' (field \(i + 1))")
                }
                return cells[i]
            }
            func number(_ column: String, optional: Bool = false) throws -> Double {
                guard let text = try cell(column) else { return .nan }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty, optional { return .nan }
                guard let value = Double(trimmed), value.isFinite else {
                    throw QuantError(.invalidArgument, "line \(lineNumber): column '\(column)' has '\(text)', expected a number")
                }
                return value
            }
            func date(_ column: String) throws -> CalendarDate {
                let text = String(try cell(column) ?? "")
                do { return try CalendarDate(parsing: text) } catch let e as QuantError {
                    throw QuantError(.invalidArgument, "line \(lineNumber): column '\(column)': \(e.message)")
                }
            }
            let typeText = (try cell("call/put") ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let type: OptionType
            switch typeText {
            case "c", "call": type = .call
            case "p", "put": type = .put
            default: throw QuantError(.invalidArgument, "line \(lineNumber): column 'call/put' has '\(typeText)', expected C or P")
            }
            quotes.append(OptionChainQuote(
                quoteDate: try date("date"), expiration: try date("option_expiration"), type: type,
                strike: try number("strike"), spot: try number("stock_price_close"),
                forward: try number("forward_price", optional: true),
                bid: try number("bid", optional: true), ask: try number("ask", optional: true),
                impliedVolatility: try number("iv", optional: true), openInterest: try number("open_interest"),
                isInterpolated: (try cell("isinterpolated") ?? "").contains("*")))
        }
        self.init(quotes: quotes)
    }
}
