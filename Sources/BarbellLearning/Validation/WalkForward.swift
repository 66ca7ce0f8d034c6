/// Walk-forward splits: train on the past, test on the next `testSize` samples, move on `step`
/// samples (retrain every `step`), repeat. Training always ends `gap` samples before the test
/// starts, and with label spans any training sample whose label reaches into the test period is
/// purged as well, so a fixed gap need not be guessed from the horizon.
///
/// With `step == testSize` and `firstTestStart = n − nSplits·testSize` this is scikit-learn's
/// `TimeSeriesSplit(n_splits, test_size, gap, max_train_size)`; ``timeSeriesSplit(n:nSplits:testSize:gap:maxTrainSize:)``
/// makes that mapping.
public struct WalkForward: Sendable, Equatable {
    /// How the training window grows.
    public enum Window: Sendable, Equatable {
        /// All samples from 0 up to the gap before the test.
        case expanding
        /// At most this many samples ending at the gap before the test.
        case sliding(Int)
    }

    /// The training window.
    public let window: Window
    /// Samples in each test block.
    public let testSize: Int
    /// Samples between successive test starts (retrain every `step` samples).
    public let step: Int
    /// Samples left out between the end of training and the test start.
    public let gap: Int
    /// Index of the first test sample.
    public let firstTestStart: Int

    /// - Throws: ``LearningError`` `invalidArgument` when `testSize`, `step` or a sliding size is
    ///   ≤ 0, or `gap` or `firstTestStart` is negative.
    public init(window: Window = .expanding, testSize: Int, step: Int, gap: Int = 0, firstTestStart: Int) throws {
        guard testSize > 0 else { throw LearningError(.invalidArgument, "walk-forward testSize \(testSize): expected > 0") }
        guard step > 0 else { throw LearningError(.invalidArgument, "walk-forward step \(step): expected > 0") }
        guard gap >= 0 else { throw LearningError(.invalidArgument, "walk-forward gap \(gap): expected ≥ 0") }
        guard firstTestStart >= 0 else {
            throw LearningError(.invalidArgument, "walk-forward firstTestStart \(firstTestStart): expected ≥ 0")
        }
        if case .sliding(let size) = window, size <= 0 {
            throw LearningError(.invalidArgument, "walk-forward sliding window size \(size): expected > 0")
        }
        self.window = window
        self.testSize = testSize
        self.step = step
        self.gap = gap
        self.firstTestStart = firstTestStart
    }

    /// scikit-learn's `TimeSeriesSplit` over `n` samples: `nSplits` test blocks of `testSize`
    /// (default `n / (nSplits + 1)`) ending at the last sample, expanding training capped at
    /// `maxTrainSize` when given.
    /// - Throws: ``LearningError`` `invalidArgument` for `nSplits` < 2 or sizes ≤ 0;
    ///   `insufficientData` when the test blocks and gap leave no training sample.
    public static func timeSeriesSplit(n: Int, nSplits: Int, testSize: Int? = nil, gap: Int = 0, maxTrainSize: Int? = nil) throws -> WalkForward {
        guard nSplits >= 2 else { throw LearningError(.invalidArgument, "nSplits \(nSplits): expected ≥ 2") }
        guard nSplits + 1 <= n else {
            throw LearningError(.insufficientData, "\(nSplits + 1) folds for \(n) samples: expected at most one fold per sample")
        }
        let size = testSize ?? n / (nSplits + 1)
        guard size > 0 else { throw LearningError(.invalidArgument, "testSize \(size): expected > 0") }
        guard n - gap - size * nSplits > 0 else {
            throw LearningError(.insufficientData, "\(n) samples: \(nSplits) tests of \(size) after a gap of \(gap) leave no training sample")
        }
        return try WalkForward(window: maxTrainSize.map { .sliding($0) } ?? .expanding,
                               testSize: size, step: size, gap: gap, firstTestStart: n - nSplits * size)
    }

    /// The splits over `n` samples: one per test start `firstTestStart + j·step` whose whole
    /// test block fits before `n`.
    /// - Throws: ``LearningError`` `insufficientData` when no test block fits or the first
    ///   training window is empty.
    public func splits(n: Int) throws -> [Split] {
        try splits(n: n, spans: nil)
    }

    /// The splits over `spans.count` samples, also purging training samples whose label span
    /// overlaps the test period.
    /// - Throws: as ``splits(n:)``.
    public func splits(spans: [LabelSpan]) throws -> [Split] {
        try splits(n: spans.count, spans: spans)
    }

    private func splits(n: Int, spans: [LabelSpan]?) throws -> [Split] {
        guard firstTestStart + testSize <= n else {
            throw LearningError(.insufficientData, "\(n) samples: a test block of \(testSize) from sample \(firstTestStart) does not fit")
        }
        guard firstTestStart - gap > 0 else {
            throw LearningError(.insufficientData, "first test at sample \(firstTestStart) with gap \(gap) leaves no training sample")
        }
        var result: [Split] = []
        var start = firstTestStart
        while start + testSize <= n {
            let trainEnd = start - gap
            var trainStart = 0
            if case .sliding(let size) = window { trainStart = max(0, trainEnd - size) }
            let test = Array(start..<(start + testSize))
            let candidates = Array(trainStart..<trainEnd)
            if let spans {
                result.append(purge(candidates: candidates, test: test, spans: spans, embargo: 0))
            } else {
                result.append(Split(train: candidates, test: test))
            }
            start += step
        }
        return result
    }
}
