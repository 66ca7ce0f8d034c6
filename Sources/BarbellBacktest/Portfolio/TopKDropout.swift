/// Qlib's `TopkDropoutStrategy` (qlib/contrib/strategy/signal_strategy.py, with
/// `method_sell="bottom"`, `method_buy="top"`, `hold_thresh=1`, every name tradable): hold `k`
/// names and at each rebalance replace at most `nDrop` of them, selling a held name only when it is
/// among the `nDrop` lowest-scored of (held ∪ best candidates), so a higher-scored name is never
/// sold to buy a lower-scored one. Stateful: it remembers the held names between rebalances.
///
/// One rebalance, as in Qlib's `generate_trade_decision`:
/// 1. `last` = held names by score, descending;
/// 2. `today` = the best `nDrop + k − |last|` names not held;
/// 3. `comb` = `last ∪ today` by score, descending; `sell` = the held names among `comb`'s last `nDrop`;
/// 4. `buy` = the first `|sell| + k − |last|` of `today`; held becomes `held − sell + buy`.
///
/// Scores are one per symbol index; NaN (or infinite) scores are never bought, and a held name
/// without a score sorts below every scored one, so it is the first dropped. Ties in score are
/// broken by symbol index (lower first), which pandas leaves to its sort; unscored held names are
/// ordered by symbol index in `comb` (pandas' index union sorts). With fewer than `k` valid names,
/// fewer are held (the fixture's dates with 5 valid names of 20 show Qlib doing the same). `nDrop = 0` holds the first `k` names chosen
/// (Qlib's `list(l)[-0:]` would instead sell every held name on that step).
public struct TopKDropout: Sendable, Equatable {
    public let k: Int
    public let nDrop: Int
    /// The held symbol indices, in the order they were bought (Qlib keeps a set; only membership matters).
    public private(set) var held: [Int] = []

    /// - Throws: ``BacktestError`` `.invalidArgument` naming `k` when `k ≤ 0`, `nDrop` when
    ///   `nDrop < 0` or `nDrop > k`.
    public init(k: Int, nDrop: Int) throws(BacktestError) {
        guard k > 0 else { throw BacktestError(.invalidArgument, "k \(k): expected at least 1 name to hold") }
        guard nDrop >= 0, nDrop <= k else {
            throw BacktestError(.invalidArgument, "nDrop \(nDrop): expected 0 ≤ nDrop ≤ k (\(k))")
        }
        self.k = k
        self.nDrop = nDrop
    }

    /// Rebalances on this date's scores and returns the target weights: `1/k` per held name.
    /// - Throws: ``BacktestError`` `.shapeMismatch` when a held name's index is outside `scores`.
    public mutating func rebalance(_ scores: [Double]) throws(BacktestError) -> [Double] {
        if let bad = held.first(where: { $0 >= scores.count }) {
            throw BacktestError(.shapeMismatch, "held symbol \(bad) has no score: scores has \(scores.count) symbols")
        }
        let valid = { (i: Int) in scores[i].isFinite }
        // Descending by score, ties by index; unscored names after, in the order given (stable).
        func descending(_ names: [Int]) -> [Int] {
            let scored = names.filter(valid).sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
            return scored + names.filter { !valid($0) }
        }
        let heldSet = Set(held)
        let last = descending(held)
        let wanted = nDrop + k - last.count
        let today = Array(descending(scores.indices.filter { valid($0) && !heldSet.contains($0) }).prefix(wanted))
        let comb = descending((last + today).sorted())
        let bottom = Set(nDrop > 0 ? comb.suffix(nDrop) : [])
        let sell = Set(last.filter { bottom.contains($0) })
        let buy = today.prefix(max(0, sell.count + k - last.count))
        held = held.filter { !sell.contains($0) } + buy
        return weights(count: scores.count)
    }

    /// `1/k` for each held name, 0 elsewhere.
    public func weights(count: Int) -> [Double] {
        var w = [Double](repeating: 0, count: count)
        for i in held where i < count { w[i] = 1 / Double(k) }
        return w
    }

    /// Forgets the held names.
    public mutating func reset() { held = [] }
}
