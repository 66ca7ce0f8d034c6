import BarbellData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bars of one series whose timestamps fall in one fixed span of time, stored by the
/// SQLite store as a single row with the columns packed as arrays.
///
/// Rows of one bar each made reading a long series a matter of stepping SQLite's virtual
/// machine through a million rows; blocks of up to ``barsPerSpan`` bars turn the same read
/// into a few hundred rows and a memory copy per column, and an import into a few hundred
/// row writes. A block covers `[index·span, (index+1)·span)` with `span` =
/// ``barsPerSpan`` × the timeframe, so every bar has exactly one home and a re-import
/// touches only the blocks its bars fall into.
///
/// Values are stored bit for bit (NaN marks a missing price, volume or vwap, -1 a missing
/// trade count), little-endian.
struct BarBlock: Equatable {
    var timestamps: [Int64] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []
    var vwap: [Double]?
    var tradeCount: [Int64]?

    var count: Int { timestamps.count }

    /// At most this many bars of the block's own timeframe fit in its span.
    static let barsPerSpan: Int64 = 2048

    static func span(of timeframe: Timeframe) -> Int64 {
        timeframe.nanoseconds.multipliedReportingOverflow(by: barsPerSpan).overflow ? .max : timeframe.nanoseconds * barsPerSpan
    }

    /// The block a timestamp belongs to (floor division, so times before 1970 work too).
    static func index(of ts: Int64, span: Int64) -> Int64 {
        let q = ts / span
        return ts % span < 0 ? q - 1 : q
    }

    init(vwap: Bool, tradeCount: Bool) {
        self.vwap = vwap ? [] : nil
        self.tradeCount = tradeCount ? [] : nil
    }

    /// Appends bar `i` of `series`; optional columns the series lacks get missing markers.
    mutating func append(_ series: BarSeries, _ i: Int) {
        timestamps.append(series.timestamps[i].nanoseconds)
        open.append(series.open[i])
        high.append(series.high[i])
        low.append(series.low[i])
        close.append(series.close[i])
        volume.append(series.volume[i])
        vwap?.append(series.vwap?[i] ?? .nan)
        tradeCount?.append(series.tradeCount.map { $0[i] < 0 ? -1 : $0[i] } ?? -1)
    }

    /// Appends bar `i` of another block.
    mutating func append(_ block: BarBlock, _ i: Int) {
        timestamps.append(block.timestamps[i])
        open.append(block.open[i])
        high.append(block.high[i])
        low.append(block.low[i])
        close.append(block.close[i])
        volume.append(block.volume[i])
        vwap?.append(block.vwap?[i] ?? .nan)
        tradeCount?.append(block.tradeCount?[i] ?? -1)
    }

    /// Whether bar `i` of this (stored) block holds the values of bar `j` of `series`, with
    /// the store's usual meaning of "same" (``StoredValue/same(_:_:)``: missing matches
    /// missing, 0.0 matches -0.0).
    func holdsSame(_ i: Int, as series: BarSeries, _ j: Int) -> Bool {
        @inline(__always) func same(_ stored: Double, _ new: Double) -> Bool { StoredValue.same(StoredValue.double(stored), new) }
        let storedTrades = tradeCount.flatMap { StoredValue.tradeCount($0[i]) }
        let newTrades = series.tradeCount.flatMap { StoredValue.tradeCount($0[j]) }
        return same(open[i], series.open[j]) && same(high[i], series.high[j]) && same(low[i], series.low[j])
            && same(close[i], series.close[j]) && same(volume[i], series.volume[j])
            && same(vwap?[i] ?? .nan, series.vwap?[j] ?? .nan) && storedTrades == newTrades
    }

    // MARK: Encoding

    /// Layout: version byte, flags byte (1 = vwap, 2 = trade counts), six zero bytes, the bar
    /// count as a little-endian Int64, then each column's values in order.
    static let headerBytes = 16
    static let version: UInt8 = 1

    func encoded() -> [UInt8] {
        let columns = 6 + (vwap == nil ? 0 : 1) + (tradeCount == nil ? 0 : 1)
        var bytes = [UInt8](repeating: 0, count: Self.headerBytes + columns * 8 * count)
        bytes[0] = Self.version
        bytes[1] = (vwap == nil ? 0 : 1) | (tradeCount == nil ? 0 : 2)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: Int64(count).littleEndian, toByteOffset: 8, as: Int64.self)
            var offset = Self.headerBytes
            func put<T>(_ column: [T]) {
                column.withUnsafeBytes { source in
                    raw.baseAddress!.advanced(by: offset).copyMemory(from: source.baseAddress!, byteCount: source.count)
                }
                offset += 8 * count
            }
            guard count > 0 else { return }
            put(timestamps); put(open); put(high); put(low); put(close); put(volume)
            if let vwap { put(vwap) }
            if let tradeCount { put(tradeCount) }
        }
        return bytes
    }

    /// The shape a stored block claims: its bar count and optional columns, checked against
    /// its length so a damaged row is an error instead of a wild read.
    struct Layout {
        let count: Int
        let hasVWAP: Bool
        let hasTradeCount: Bool

        init(_ raw: UnsafeRawBufferPointer) throws(DataError) {
            guard raw.count >= BarBlock.headerBytes, raw[0] == BarBlock.version, raw[1] & ~3 == 0 else {
                throw DataError(.store, "a stored bar block has an unknown format (\(raw.count) bytes)")
            }
            hasVWAP = raw[1] & 1 != 0
            hasTradeCount = raw[1] & 2 != 0
            let n = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int64.self))
            let columns = 6 + (hasVWAP ? 1 : 0) + (hasTradeCount ? 1 : 0)
            guard n >= 0, n <= Int64(raw.count), BarBlock.headerBytes + columns * 8 * Int(n) == raw.count else {
                throw DataError(.store, "a stored bar block is damaged: \(raw.count) bytes for \(n) bars")
            }
            count = Int(n)
        }

        /// Byte offset of column `k` (0 = timestamps, 1...5 = OHLCV, then vwap, trade count).
        func offset(_ k: Int) -> Int { BarBlock.headerBytes + k * 8 * count }
    }

    init(decoding raw: UnsafeRawBufferPointer) throws(DataError) {
        let layout = try Layout(raw)
        self.init(vwap: layout.hasVWAP, tradeCount: layout.hasTradeCount)
        let n = layout.count
        timestamps = Self.column(raw, layout.offset(0), n)
        open = Self.column(raw, layout.offset(1), n)
        high = Self.column(raw, layout.offset(2), n)
        low = Self.column(raw, layout.offset(3), n)
        close = Self.column(raw, layout.offset(4), n)
        volume = Self.column(raw, layout.offset(5), n)
        if layout.hasVWAP { vwap = Self.column(raw, layout.offset(6), n) }
        if layout.hasTradeCount { tradeCount = Self.column(raw, layout.offset(layout.hasVWAP ? 7 : 6), n) }
    }

    /// `n` values from `raw[offset...]`; the blob may be unaligned, so bytes are copied.
    static func column<T>(_ raw: UnsafeRawBufferPointer, _ offset: Int, _ n: Int) -> [T] {
        [T](unsafeUninitializedCapacity: n) { buffer, count in
            if n > 0 { _ = memcpy(buffer.baseAddress!, raw.baseAddress! + offset, 8 * n) }
            count = n
        }
    }

    /// Appends rows `rows` of a stored block straight from its bytes to `out`'s columns.
    static func append(_ raw: UnsafeRawBufferPointer, _ layout: Layout, rows: Range<Int>, to out: inout BarSeries) {
        @inline(__always) func copy<T>(_ column: inout [T], _ k: Int, zero: T) {
            let start = column.count
            column.append(contentsOf: repeatElement(zero, count: rows.count))
            column.withUnsafeMutableBytes { target in
                _ = memcpy(target.baseAddress! + 8 * start, raw.baseAddress! + layout.offset(k) + 8 * rows.lowerBound, 8 * rows.count)
            }
        }
        guard !rows.isEmpty else { return }
        // Timestamp is a single Int64, laid out as one.
        copy(&out.timestamps, 0, zero: Timestamp(nanoseconds: 0))
        copy(&out.open, 1, zero: 0)
        copy(&out.high, 2, zero: 0)
        copy(&out.low, 3, zero: 0)
        copy(&out.close, 4, zero: 0)
        copy(&out.volume, 5, zero: 0)
        if out.vwap != nil {
            if layout.hasVWAP { copy(&out.vwap!, 6, zero: 0) } else { out.vwap!.append(contentsOf: repeatElement(.nan, count: rows.count)) }
        }
        if out.tradeCount != nil {
            if layout.hasTradeCount { copy(&out.tradeCount!, layout.hasVWAP ? 7 : 6, zero: 0) } else { out.tradeCount!.append(contentsOf: repeatElement(-1, count: rows.count)) }
        }
    }
}

#if !_endian(little)
#error("BarBlock.encoded() writes host-order columns; add byte swapping for big-endian hosts")
#endif
