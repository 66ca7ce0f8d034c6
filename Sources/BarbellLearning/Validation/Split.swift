/// One train/test split of n time-ordered samples, by sample index (ascending).
///
/// `purged` and `embargoed` are for information: the samples a splitter left out of training
/// because their labels overlap a test period (purged) or fall in the embargo after one. The four
/// sets are disjoint; together they need not cover every sample (a walk-forward split ignores the
/// future, for instance).
public struct Split: Sendable, Equatable, Hashable, Codable {
    /// Samples to fit on, ascending.
    public let train: [Int]
    /// Samples to evaluate on, ascending.
    public let test: [Int]
    /// Samples dropped from training because their label span overlaps a test period, ascending.
    public let purged: [Int]
    /// Samples dropped from training by the embargo after a test period, ascending.
    public let embargoed: [Int]

    /// Makes a split from its index sets (each is sorted here; no other check, see ``LeakageGuard``).
    public init(train: [Int], test: [Int], purged: [Int] = [], embargoed: [Int] = []) {
        self.train = train.sorted()
        self.test = test.sorted()
        self.purged = purged.sorted()
        self.embargoed = embargoed.sorted()
    }
}
