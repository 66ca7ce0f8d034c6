import BarbellData
import PostgresNIO

/// Encodes bar series as rows of `COPY ... FROM STDIN (FORMAT text)`.
///
/// Doubles are written with Swift's `description`, the shortest text that parses back to the
/// same bits, so values round-trip exactly through Postgres' `float8in`. Missing values (NaN
/// volume or vwap, negative trade counts) become `\N`, SQL NULL, as in the SQLite store.
struct PostgresCopyEncoder {
    /// Rows are sent in chunks of about this many bytes: big enough to amortise a write, small
    /// enough that the server parses one chunk while the next is formatted.
    static let chunkBytes = 1 << 20

    /// The staging table's columns, in the order rows are written.
    static let columns = ["symbol", "timeframe", "ts", "open", "high", "low", "close", "volume", "vwap", "trade_count"]

    /// Calls `send` with consecutive chunks holding every row of `series`.
    static func encode(_ series: [BarSeries], timeframes: [Timeframe],
                       send: (ByteBuffer) async throws -> Void) async throws {
        var buffer = ByteBufferAllocator().buffer(capacity: chunkBytes + 4096)
        for (one, timeframe) in zip(series, timeframes) {
            // Every row of a series starts with the same escaped key, so it is built once.
            let prefix = escaped(one.symbol.name) + "\t" + escaped(timeframe.description) + "\t"
            let vwap = one.vwap, trades = one.tradeCount
            for i in 0..<one.count {
                buffer.writeString(prefix)
                buffer.writeString(String(one.timestamps[i].nanoseconds))
                writeDouble(one.open[i], to: &buffer)
                writeDouble(one.high[i], to: &buffer)
                writeDouble(one.low[i], to: &buffer)
                writeDouble(one.close[i], to: &buffer)
                writeDouble(one.volume[i], to: &buffer)
                writeDouble(vwap?[i] ?? .nan, to: &buffer)
                if let count = trades.flatMap({ StoredValue.tradeCount($0[i]) }) {
                    buffer.writeInteger(UInt8(ascii: "\t"))
                    buffer.writeString(String(count))
                } else {
                    buffer.writeStaticString("\t\\N")
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= chunkBytes {
                    try await send(buffer)
                    buffer.clear()
                }
            }
        }
        if buffer.readableBytes > 0 { try await send(buffer) }
    }

    @inline(__always)
    private static func writeDouble(_ value: Double, to buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\t"))
        if value.isNaN {
            buffer.writeStaticString("\\N")
        } else {
            // `description` prints infinities as "inf"/"-inf", which float8in accepts.
            buffer.writeString(value.description)
        }
    }

    /// Escapes a text field: backslash, tab, newline and carriage return are special in COPY text.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 9 || $0 == 10 || $0 == 13 }) else { return text }
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
