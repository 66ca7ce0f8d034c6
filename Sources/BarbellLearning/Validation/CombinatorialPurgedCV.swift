/// Combinatorial purged cross-validation (López de Prado, AFML ch. 12): the samples are cut into
/// `groups` contiguous groups; every choice of `testGroups` of them is a split (C(N, k) splits),
/// trained on the rest after purging and embargo. Each group is tested in C(N−1, k−1) splits, so
/// the test predictions assemble into φ = k/N·C(N, k) complete backtest paths (``paths``).
///
/// Group sizes, split order and path assembly follow skfolio 1.12.2's `CombinatorialPurgedCV`:
/// the first N−1 groups hold `n / N` samples and the last the rest; splits are the test-group
/// combinations in lexicographic order; path p takes group g from the p-th split (in split
/// order) that tests g.
public struct CombinatorialPurgedCV: Sendable, Equatable {
    /// N, the number of groups.
    public let groups: Int
    /// k, the number of test groups per split.
    public let testGroups: Int

    /// - Throws: ``LearningError`` `invalidArgument` unless 2 ≤ `groups` and
    ///   1 ≤ `testGroups` < `groups`.
    public init(groups: Int, testGroups: Int) throws {
        guard groups >= 2 else { throw LearningError(.invalidArgument, "CPCV groups \(groups): expected ≥ 2") }
        guard testGroups >= 1, testGroups < groups else {
            throw LearningError(.invalidArgument, "CPCV testGroups \(testGroups): expected 1...\(groups - 1) for \(groups) groups")
        }
        self.groups = groups
        self.testGroups = testGroups
    }

    /// The test groups of each split, lexicographic (skfolio's `test_set_index`).
    public var testGroupSets: [[Int]] {
        var result: [[Int]] = []
        var combo = Array(0..<testGroups)
        while true {
            result.append(combo)
            var i = testGroups - 1
            while i >= 0, combo[i] == groups - testGroups + i { i -= 1 }
            if i < 0 { return result }
            combo[i] += 1
            for j in (i + 1)..<testGroups { combo[j] = combo[j - 1] + 1 }
        }
    }

    /// φ = k/N·C(N, k) = C(N−1, k−1), the number of backtest paths.
    public var pathCount: Int { binomial(groups - 1, testGroups - 1) }

    /// `paths[p][g]`: the split whose test predictions for group g belong to path p
    /// (skfolio's `recombined_paths`, transposed).
    public var paths: [[Int]] {
        var byGroup = Array(repeating: [Int](), count: groups)
        for (s, set) in testGroupSets.enumerated() { for g in set { byGroup[g].append(s) } }
        return (0..<pathCount).map { p in (0..<groups).map { byGroup[$0][p] } }
    }

    /// The groups of `n` samples (skfolio sizing: `n / N` each, the last takes the remainder).
    /// - Throws: ``LearningError`` `insufficientData` when `n` < `groups`.
    public func groupRanges(n: Int) throws -> [Range<Int>] {
        guard n >= groups else { throw LearningError(.insufficientData, "\(n) samples for \(groups) groups: expected at least one sample per group") }
        let m = n / groups
        return (0..<groups).map { g in (g * m)..<(g == groups - 1 ? n : (g + 1) * m) }
    }

    /// The splits in ``testGroupSets`` order, purging by label spans: a training sample is purged
    /// when its span overlaps the period of a run of adjacent test groups, embargoed when it reads
    /// one of the `embargo` bars right after that period.
    /// - Throws: ``LearningError`` `insufficientData` when `spans.count` < `groups`;
    ///   `invalidArgument` for `embargo` < 0.
    public func splits(spans: [LabelSpan], embargo: Int = 0) throws -> [Split] {
        guard embargo >= 0 else { throw LearningError(.invalidArgument, "CPCV embargo \(embargo): expected ≥ 0") }
        let ranges = try groupRanges(n: spans.count)
        return testGroupSets.map { set in
            let test = set.flatMap { Array(ranges[$0]) }
            let inTest = Set(set)
            let candidates = (0..<groups).filter { !inTest.contains($0) }.flatMap { Array(ranges[$0]) }
            return purge(candidates: candidates, test: test, spans: spans, embargo: embargo)
        }
    }

    /// The splits in ``testGroupSets`` order, purging by observation counts as skfolio does: the
    /// `purge` training samples before and after each run of adjacent test groups are purged, and
    /// the `embargo` samples after those embargoed. This equals ``splits(spans:embargo:)`` with
    /// sample i's label reading bars i+1 ... i+purge+1.
    /// - Throws: ``LearningError`` `invalidArgument` for negative sizes or, as skfolio,
    ///   `purge + embargo ≥ n / groups − 1`; `insufficientData` when `n` < `groups`.
    public func splits(n: Int, purge: Int, embargo: Int) throws -> [Split] {
        guard purge >= 0, embargo >= 0 else {
            throw LearningError(.invalidArgument, "CPCV purge \(purge), embargo \(embargo): expected ≥ 0")
        }
        let ranges = try groupRanges(n: n)
        // skfolio's bound: purge and embargo stay inside the neighbouring training group.
        guard purge + embargo < n / groups - 1 else {
            throw LearningError(.invalidArgument, "CPCV purge \(purge) + embargo \(embargo): expected < \(n / groups - 1) (group size \(n / groups) − 1)")
        }
        return testGroupSets.map { set in
            var role = Array(repeating: 0, count: n)  // 0 train, 1 test, 2 purged, 3 embargoed
            for g in set { for i in ranges[g] { role[i] = 1 } }
            let test = (0..<n).filter { role[$0] == 1 }
            for run in TestRun.runs(test) {
                for i in stride(from: run.first - 1, through: max(0, run.first - purge), by: -1) where role[i] != 1 { role[i] = 2 }
                for i in (run.last + 1)..<min(n, run.last + purge + embargo + 1) where role[i] == 0 || role[i] == 3 {
                    role[i] = i <= run.last + purge ? 2 : 3
                }
            }
            return Split(train: (0..<n).filter { role[$0] == 0 }, test: test,
                         purged: (0..<n).filter { role[$0] == 2 }, embargoed: (0..<n).filter { role[$0] == 3 })
        }
    }
}

/// A run of consecutive test indices.
private struct TestRun {
    let first: Int
    let last: Int

    static func runs(_ sorted: [Int]) -> [TestRun] {
        var result: [TestRun] = []
        for i in sorted {
            if let r = result.last, r.last + 1 == i { result[result.count - 1] = TestRun(first: r.first, last: i) }
            else { result.append(TestRun(first: i, last: i)) }
        }
        return result
    }
}

/// C(n, k) for the small n of a cross-validation.
func binomial(_ n: Int, _ k: Int) -> Int {
    guard k >= 0, k <= n else { return 0 }
    var r = 1
    for i in 0..<min(k, n - k) { r = r * (n - i) / (i + 1) }
    return r
}
