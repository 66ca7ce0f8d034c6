import BarbellData

extension InputField {
    /// Price of the `level`-th best bid (1 = best), from an L2 ``BarbellData/BookSnapshot``.
    public static func bidPrice(_ level: Int) -> InputField { InputField("bid_price_\(level)") }
    /// Resting size at the `level`-th best bid.
    public static func bidSize(_ level: Int) -> InputField { InputField("bid_size_\(level)") }
    /// Price of the `level`-th best ask (1 = best).
    public static func askPrice(_ level: Int) -> InputField { InputField("ask_price_\(level)") }
    /// Resting size at the `level`-th best ask.
    public static func askSize(_ level: Int) -> InputField { InputField("ask_size_\(level)") }
}

/// The order-book input columns of the microstructure features, and their construction from
/// BarbellData's book models.
///
/// Level `i` (1-based, best first) of a snapshot becomes `bid_price_i`, `bid_size_i`,
/// `ask_price_i` and `ask_size_i`; a side with fewer than `levels` levels is padded with NaN, so
/// a feature reading a level the book does not have yields NaN for that row.
public enum OrderBookColumns {
    /// Levels the depth-aware features (``FeatureCatalog`` `OBI`, `BOOK_DEPTH`) declare as
    /// inputs. A descriptor's inputs cannot depend on its parameters, so they always read this
    /// many levels of sizes; build inputs with at least this many levels (NaN-padded is fine).
    public static let maxLevels = 5

    /// Every order-book field up to `levels`, in level order: bid price, bid size, ask price,
    /// ask size.
    public static func fields(levels: Int = maxLevels) -> [InputField] {
        (1...max(levels, 1)).flatMap { [InputField.bidPrice($0), .bidSize($0), .askPrice($0), .askSize($0)] }
    }

    /// Feature input columns from a sequence of snapshots (one row per snapshot), `levels`
    /// levels per side, NaN-padded.
    public static func input(_ snapshots: [BookSnapshot], levels: Int = maxLevels) -> FeatureInput {
        let n = snapshots.count
        let depth = max(levels, 1)
        var input = FeatureInput(count: n)
        for level in 1...depth {
            var bp = [Double](repeating: .nan, count: n), bs = bp, ap = bp, asz = bp
            for (t, s) in snapshots.enumerated() {
                if level <= s.bids.count { bp[t] = s.bids[level - 1].price; bs[t] = s.bids[level - 1].size }
                if level <= s.asks.count { ap[t] = s.asks[level - 1].price; asz[t] = s.asks[level - 1].size }
            }
            // Lengths are all `n` by construction.
            try! input.set(.bidPrice(level), bp)
            try! input.set(.bidSize(level), bs)
            try! input.set(.askPrice(level), ap)
            try! input.set(.askSize(level), asz)
        }
        return input
    }

    /// Feature input columns from live books sampled over time (e.g. after each delta).
    public static func input(_ books: [OrderBook], levels: Int = maxLevels) -> FeatureInput {
        input(books.map { $0.snapshot(depth: max(levels, 1)) }, levels: levels)
    }

    /// Trade-level input for the trade features (`TRADE_IMBALANCE`, `KYLE_LAMBDA`, `AMIHUD`,
    /// `ROLL_SPREAD`): each trade's price as `close` and its size as `volume`.
    public static func input(_ trades: [Trade]) -> FeatureInput {
        var input = FeatureInput(count: trades.count)
        try! input.set(.close, trades.map(\.price))
        try! input.set(.volume, trades.map(\.size))
        return input
    }
}
