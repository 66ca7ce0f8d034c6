/// Features of a single order-book snapshot; each row depends only on that row, so batch and
/// stream evaluate the same expression and NaN (a missing level) only affects its own row.
///
/// Columns are read in the order the descriptors declare them: `bid_size_1 ... bid_size_L,
/// ask_size_1 ... ask_size_L` for the depth features and `bid_price_1, bid_size_1, ask_price_1,
/// ask_size_1` for the top-of-book ones.
enum BookSnapshotFeatures {
    /// Inputs of the depth features: the bid sizes of every level, then the ask sizes.
    static var depthInputs: [InputField] {
        (1...OrderBookColumns.maxLevels).map(InputField.bidSize) + (1...OrderBookColumns.maxLevels).map(InputField.askSize)
    }

    static let topOfBookInputs: [InputField] = [.bidPrice(1), .bidSize(1), .askPrice(1), .askSize(1)]

    /// Resting size on each side over the best `levels` levels, summed best first. `size(i)`
    /// reads input `i` of one row of ``depthInputs``.
    @inline(__always)
    static func depth(levels: Int, _ size: (Int) -> Double) -> (bid: Double, ask: Double) {
        var bid = 0.0, ask = 0.0
        for l in 0..<levels {
            bid += size(l)
            ask += size(OrderBookColumns.maxLevels + l)
        }
        return (bid, ask)
    }

    /// Order-book imbalance over the best `levels` levels,
    /// `(Σ bid size − Σ ask size) / (Σ bid size + Σ ask size)`, in [−1, 1]; positive when bids
    /// dominate. Cao, Hansch & Wang (2009), "The information content of an open limit-order
    /// book", J. Futures Markets 29(1); Cartea, Donnelly & Jaimungal (2018), "Enhancing trading
    /// strategies with order book signals". NaN when a level is missing or both sides are empty.
    @inline(__always)
    static func imbalance(levels: Int, _ size: (Int) -> Double) -> Double {
        let (bid, ask) = depth(levels: levels, size)
        let total = bid + ask
        return total > 0 ? (bid - ask) / total : .nan
    }

    /// Quoted spread `ask₁ − bid₁` (Harris, *Trading and Exchanges*, 2003, ch. 14).
    @inline(__always)
    static func spread(bid: Double, ask: Double) -> Double { ask - bid }

    /// Relative quoted spread `(ask₁ − bid₁) / m` with `m = (ask₁ + bid₁) / 2` the midquote.
    @inline(__always)
    static func relativeSpread(bid: Double, ask: Double) -> Double { (ask - bid) / ((ask + bid) / 2) }

    /// Size-weighted midquote ("micro-price" to first order),
    /// `(bid₁ · askSize₁ + ask₁ · bidSize₁) / (bidSize₁ + askSize₁)`: the mid shifted toward the
    /// side with less resting size, i.e. where the price is likely to move. Stoikov (2018), "The
    /// micro-price: a high-frequency estimator of future prices", Quantitative Finance 18(12),
    /// uses it as the starting point of the full micro-price. NaN when both sizes are 0.
    @inline(__always)
    static func microprice(bidPrice: Double, bidSize: Double, askPrice: Double, askSize: Double) -> Double {
        let total = bidSize + askSize
        return total > 0 ? (bidPrice * askSize + askPrice * bidSize) / total : .nan
    }

    /// A stateless stream: evaluates `row` on each update.
    struct Stream: FeatureStream {
        let row: @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            row(inputs, outputs)
        }
    }
}
