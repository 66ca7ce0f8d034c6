import BarbellData

extension BarSeries {
    /// A 64-bit fingerprint of the series' identity and values, as 16 hex digits.
    ///
    /// Recorded with each import so a later audit can tell whether two imports carried the same
    /// data. Not cryptographic: it guards against accidents, not adversaries. Missing values
    /// (NaN, -1 trade counts) hash alike whatever their bits, matching how the store keeps them.
    public var contentHash: String {
        var hasher = ContentHasher()
        hasher.combine(self)
        return hasher.hexDigest
    }
}

extension Array where Element == BarSeries {
    /// The fingerprint of several series in order (see ``BarbellData/BarSeries/contentHash``).
    var contentHash: String {
        var hasher = ContentHasher()
        for series in self { hasher.combine(series) }
        return hasher.hexDigest
    }
}

/// A word-at-a-time FNV-1a variant with an extra xor-shift, fast enough to hash millions of
/// bars per import without showing up next to the database work.
struct ContentHasher {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(word: UInt64) {
        state = (state ^ word) &* 0x0000_0100_0000_01b3
        state ^= state >> 29
    }

    mutating func combine(_ text: String) {
        for byte in text.utf8 { combine(word: UInt64(byte)) }
        combine(word: 0xff)
    }

    mutating func combine(_ value: Double) {
        combine(word: value.isNaN ? 0x7ff8_0000_0000_0000 : value.bitPattern)
    }

    mutating func combine(_ series: BarSeries) {
        combine(series.symbol.name)
        combine(series.timeframe?.description ?? "")
        combine(word: UInt64(bitPattern: Int64(series.adjustment.rawValue)))
        combine(word: UInt64(series.count))
        for i in 0..<series.count {
            combine(word: UInt64(bitPattern: series.timestamps[i].nanoseconds))
            combine(series.open[i])
            combine(series.high[i])
            combine(series.low[i])
            combine(series.close[i])
            combine(series.volume[i])
            combine(series.vwap?[i] ?? .nan)
            let trades = series.tradeCount?[i] ?? -1
            combine(word: UInt64(bitPattern: trades < 0 ? -1 : trades))
        }
    }

    var hexDigest: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
