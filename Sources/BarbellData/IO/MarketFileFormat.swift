/// The file formats Barbell reads.
public enum MarketFileFormat: String, Sendable, CaseIterable {
    /// Decide from the first bytes of the file.
    case auto
    /// Bar CSV in any layout ``BarCSVReader`` understands.
    case csv
    /// JSON array of candle rows: `[open_time_ms, o, h, l, c, v]` or Binance REST klines.
    case candles
    /// Binance websocket capture, one JSON message per line (trades, quotes, depth).
    case binance
    /// Tardis-style trade or quote CSV.
    case tardis

    /// Sniffs the format from the start of the (decompressed) file.
    public static func detect(path: String) throws(DataError) -> MarketFileFormat {
        var first: [UInt8] = []
        try LineReader(path: path, chunkSize: 1 << 16).forEachLine { (line, _) throws(DataError) -> Bool in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
            first = Array(line.prefix(512))
            return false
        }
        guard let c = first.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) else {
            throw DataError(.emptyFile, "the file is empty", file: path)
        }
        if c == 0x5B { return .candles }                       // [
        if c == 0x7B { return .binance }                       // {
        if let space = first.firstIndex(of: 0x20), space > 0, first[..<space].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           space + 1 < first.count, first[space + 1] == 0x7B {
            return .binance                                    // "<receive_ns> {json}"
        }
        let header = String(decoding: first, as: UTF8.self).lowercased()
        if header.contains("local_timestamp") { return .tardis }
        return .csv
    }
}

/// Options for ``MarketFile``.
public struct MarketFileOptions: Sendable {
    public var format: MarketFileFormat = .auto
    public var csv: BarCSVOptions
    /// Adjustment to apply after loading, if any.
    public var adjust: PriceAdjustmentMethod?

    public init(csv: BarCSVOptions = BarCSVOptions()) { self.csv = csv }
}
