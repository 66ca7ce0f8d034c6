/// Purged k-fold cross-validation with embargo (López de Prado, AFML 7.3–7.4): k contiguous test
/// folds in time order; each split trains on the other samples except those whose label span
/// overlaps the test period (purged) and those reading the `embargo` bars right after it
/// (embargoed), since serially correlated features let a model just after the test period
/// recall it.
public struct PurgedKFold: Sendable, Equatable {
    /// Number of folds (and splits).
    public let k: Int
    /// Bars after each test period's end that training labels may not read.
    public let embargo: Int

    /// - Throws: ``LearningError`` `invalidArgument` when `k` < 2 or `embargo` < 0.
    public init(k: Int, embargo: Int = 0) throws {
        guard k >= 2 else { throw LearningError(.invalidArgument, "purged k-fold k \(k): expected ≥ 2") }
        guard embargo >= 0 else { throw LearningError(.invalidArgument, "purged k-fold embargo \(embargo): expected ≥ 0") }
        self.k = k
        self.embargo = embargo
    }

    /// The k folds of `n` samples, contiguous, the first `n % k` one sample longer (numpy's
    /// `array_split`, as AFML snippet 7.3 and scikit-learn's `KFold`).
    /// - Throws: ``LearningError`` `insufficientData` when `n` < `k`.
    public func folds(n: Int) throws -> [Range<Int>] {
        guard n >= k else { throw LearningError(.insufficientData, "\(n) samples for \(k) folds: expected at least one sample per fold") }
        var result: [Range<Int>] = []
        var start = 0
        for f in 0..<k {
            let size = n / k + (f < n % k ? 1 : 0)
            result.append(start..<(start + size))
            start += size
        }
        return result
    }

    /// The k splits over `spans.count` samples, fold f testing on `folds(n:)[f]`.
    /// - Throws: as ``folds(n:)``.
    public func splits(spans: [LabelSpan]) throws -> [Split] {
        try folds(n: spans.count).map { fold in
            let test = Array(fold)
            let candidates = Array(0..<fold.lowerBound) + Array(fold.upperBound..<spans.count)
            return purge(candidates: candidates, test: test, spans: spans, embargo: embargo)
        }
    }
}
