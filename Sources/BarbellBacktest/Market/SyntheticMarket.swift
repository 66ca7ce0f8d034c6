import BarbellData

/// A seeded synthetic market with random entry and exit signals, generated with only +, −, × on
/// SplitMix64 draws so that any language reproduces it bit for bit. The peer benchmarks
/// (`Benchmarks/reference/vectorbt_signals.py`) generate the same columns in NumPy.
///
/// Column `c` is seeded with `seed + c`; each bar draws u1 (opening gap), u2 (return), u3
/// (entry), u4 (exit), each `(next() >> 11) × 2⁻⁵³`:
/// open = previous close × (1 + (u1 − 0.5) × 0.01),
/// close = open × (1 + (u2 − 0.5) × 0.04 + (100 − open) × 0.0001),
/// entry = u3 < 0.02, exit = u4 < 0.02, starting from a close of 100. The last term pulls prices
/// back towards 100, so long runs stay in a realistic range.
public struct SyntheticMarket: Sendable {
    public var open: [Double]
    public var close: [Double]
    public var entries: [Bool]
    public var exits: [Bool]

    public init(bars: Int, column: Int, seed: UInt64 = 7) {
        var rng = SplitMix64(seed: seed &+ UInt64(column))
        func u() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        open = []; close = []; entries = []; exits = []
        open.reserveCapacity(bars); close.reserveCapacity(bars)
        entries.reserveCapacity(bars); exits.reserveCapacity(bars)
        var previous = 100.0
        for _ in 0..<bars {
            let o = previous * (1.0 + (u() - 0.5) * 0.01)
            let c = o * (1.0 + (u() - 0.5) * 0.04 + (100.0 - o) * 0.0001)
            entries.append(u() < 0.02)
            exits.append(u() < 0.02)
            open.append(o)
            close.append(c)
            previous = c
        }
    }

    /// A one-symbol grid of these prices, one bar a minute (high and low bound the open and close;
    /// volume 1e6).
    public func grid(symbol: String = "SYN") throws(BacktestError) -> PriceGrid {
        let high = zip(open, close).map { max($0, $1) }
        let low = zip(open, close).map { min($0, $1) }
        // One minute apart, so ten million bars stay within the representable range of nanoseconds.
        let times = (0..<open.count).map { Timestamp(seconds: 1_262_304_000 + Int64($0) * 60) }
        return try PriceGrid(symbols: [symbol], timestamps: times, open: [open], high: [high], low: [low],
                             close: [close], volume: [[Double](repeating: 1_000_000, count: open.count)])
    }

    /// Long/flat targets from the signals with `Portfolio.from_signals` semantics: an entry sets
    /// 1, an exit 0, both at once or neither keeps the previous target.
    public var targets: [Double] { Self.targets(entries: entries, exits: exits) }

    public static func targets(entries: [Bool], exits: [Bool]) -> [Double] {
        zip(entries, exits).map { e, x in e == x ? .nan : (e ? 1 : 0) }
    }
}
