import BarbellData

/// Seeded random trades and bars with the awkward features real feeds have: bursts of equal
/// timestamps, long gaps, zero-size prints, timestamps before 1970.
enum AggRandomData {
    static func trades(seed: UInt64, count: Int) -> TradeSeries {
        var rng = AggSplitMix64(seed: seed)
        var s = TradeSeries(symbol: "RND")
        s.reserveCapacity(count)
        // Start anywhere between 1962 and 2035.
        var t = Int64.random(in: -250_000_000 * Timestamp.nanosPerSecond ... 2_050_000_000 * Timestamp.nanosPerSecond, using: &rng)
        var price = Double.random(in: 0.001...50_000, using: &rng)
        for _ in 0..<count {
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<30: break                                                                      // same instant
            case 30..<40:
                // Exactly on, or 1 ns before, a whole second / minute / day: bucket edges.
                let unit = [Timestamp.nanosPerSecond, 60 * Timestamp.nanosPerSecond, Timestamp.nanosPerDay][Int.random(in: 0..<3, using: &rng)]
                t = (t / unit + 1) * unit - Int64.random(in: 0...1, using: &rng)
                if t < 0 { t = t / unit * unit }   // keep it simple before 1970: stay on the edge
            case 40..<80: t += Int64.random(in: 1...5_000_000_000, using: &rng)                     // sub-5s
            case 80..<95: t += Int64.random(in: 1...3_600 * Timestamp.nanosPerSecond, using: &rng)  // up to 1h
            default: t += Int64.random(in: 1...10 * Timestamp.nanosPerDay, using: &rng)              // up to 10 days
            }
            price *= 1 + Double.random(in: -0.002...0.002, using: &rng)
            let size: Double
            switch Int.random(in: 0..<50, using: &rng) {
            case 0: size = 0
            case 1..<10: size = Double(Int.random(in: 1...500, using: &rng))
            default: size = Double.random(in: 0.0001...20, using: &rng)
            }
            s.append(Trade(timestamp: Timestamp(nanoseconds: t), price: price, size: size))
        }
        return s
    }

    /// Strictly increasing bars on the `timeframe` grid with random holes; vwap and trade
    /// count columns present or not, with occasional unknown (NaN / -1) entries.
    static func bars(seed: UInt64, count: Int, timeframe: Timeframe) -> BarSeries {
        var rng = AggSplitMix64(seed: seed)
        var s = BarSeries(symbol: "RND", timeframe: timeframe)
        let width = timeframe.nanoseconds
        var t = timeframe.bucketStart(Int64.random(in: -200_000_000 * Timestamp.nanosPerSecond ... 2_000_000_000 * Timestamp.nanosPerSecond, using: &rng))
        let withVWAP = Bool.random(using: &rng)
        let withCount = Bool.random(using: &rng)
        if withVWAP { s.vwap = [] }
        if withCount { s.tradeCount = [] }
        var price = Double.random(in: 1...1000, using: &rng)
        for _ in 0..<count {
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<80: t += width
            case 80..<97: t += width * Int64.random(in: 2...30, using: &rng)
            default: t += width * Int64.random(in: 31...max(32, 730 * Timestamp.nanosPerDay / width), using: &rng)  // ≤ 2 years
            }
            let o = price
            let c = price * (1 + Double.random(in: -0.01...0.01, using: &rng))
            let h = max(o, c) * (1 + Double.random(in: 0...0.005, using: &rng))
            let l = min(o, c) * (1 - Double.random(in: 0...0.005, using: &rng))
            price = c
            let v = Int.random(in: 0..<20, using: &rng) == 0 ? 0 : Double.random(in: 0...1000, using: &rng)
            s.timestamps.append(Timestamp(nanoseconds: t))
            s.open.append(o)
            s.high.append(h)
            s.low.append(l)
            s.close.append(c)
            s.volume.append(v)
            if withVWAP { s.vwap!.append(Int.random(in: 0..<30, using: &rng) == 0 ? .nan : Double.random(in: l...h, using: &rng)) }
            if withCount { s.tradeCount!.append(Int.random(in: 0..<30, using: &rng) == 0 ? -1 : Int64.random(in: 0...500, using: &rng)) }
        }
        return s
    }
}
