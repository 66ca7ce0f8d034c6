/// One walk-forward fold of an experiment: rows to fit on, rows to validate on (the recent end of
/// the training window, for early stopping and ensemble weights) and rows to test on.
public struct ExperimentFold: Sendable, Equatable {
    public let index: Int
    /// Training rows (purged of labels reaching into the validation and test periods).
    public let train: [Int]
    public let validation: [Int]
    public let test: [Int]
    /// The calendar bars of the test block, `[start, end)`.
    public let testBars: Range<Int>
}

extension ExperimentConfiguration.ValidationSection {
    /// The folds over a dataset, laid out on its shared calendar so every symbol of a date lands in
    /// the same block. Each training set is purged of samples whose label span reaches the test
    /// block, and every split is checked by ``LeakageGuard``.
    ///
    /// - Throws: ``LearningError`` for settings out of range or a calendar too short for one fold.
    public func folds(for dataset: SupervisedDataset) throws -> [ExperimentFold] {
        let bars = dataset.calendar.count
        guard testBars >= 1 else { throw LearningError(.invalidArgument, "validation.testBars = \(testBars): expected ≥ 1") }
        let step = self.step ?? testBars
        guard step >= 1 else { throw LearningError(.invalidArgument, "validation.step = \(step): expected ≥ 1") }
        guard validation >= 0, validation < 1 else {
            throw LearningError(.invalidArgument, "validation.validation = \(validation): expected a share in [0, 1)")
        }
        let sliding: Int?
        switch window {
        case "expanding": sliding = nil
        case "sliding":
            guard let size = trainBars, size >= 1 else {
                throw LearningError(.invalidArgument, "validation.trainBars is needed (≥ 1) for a sliding window")
            }
            sliding = size
        default: throw LearningError(.invalidArgument, "validation.window = \(window): expected expanding or sliding")
        }
        guard firstTest > 0, firstTest.isFinite else {
            throw LearningError(.invalidArgument, "validation.firstTest = \(firstTest): expected a share in (0, 1) or a bar index ≥ 1")
        }
        let first = firstTest < 1 ? Int((Double(bars) * firstTest).rounded()) : Int(firstTest)
        guard first >= 1, first + testBars <= bars else {
            throw LearningError(.insufficientData,
                "validation: the calendar has \(bars) bars; a first test block of \(testBars) from bar \(first) does not fit")
        }
        // Rows by calendar bar: rows are ordered by time, so each bar's rows are one range.
        var rowsAt = [Range<Int>](repeating: 0..<0, count: bars + 1)
        var r = 0
        for t in 0...bars {
            let start = r
            while r < dataset.count, dataset.time[r] == t { r += 1 }
            rowsAt[t] = start..<r
        }
        func rows(_ range: Range<Int>) -> [Int] {
            guard !range.isEmpty else { return [] }
            return Array(rowsAt[range.lowerBound].lowerBound..<rowsAt[range.upperBound - 1].upperBound)
        }
        var folds: [ExperimentFold] = []
        var start = first
        while start + testBars <= bars {
            let trainStart = sliding.map { max(0, start - $0) } ?? 0
            let test = rows(start..<(start + testBars))
            let candidates = rows(trainStart..<start)
            // Purge: a training label may not read a bar of the test block .
            let cutoff = start
            var train = candidates.filter { dataset.spans[$0].end < cutoff }
            var validationRows: [Int] = []
            if validation > 0 {
                let validationStart = start - max(1, Int((Double(start - trainStart) * validation).rounded()))
                validationRows = train.filter { dataset.time[$0] >= validationStart }
                train = train.filter { dataset.time[$0] < validationStart && dataset.spans[$0].end < validationStart }
            }
            guard !train.isEmpty, !test.isEmpty else {
                throw LearningError(.insufficientData, "validation: fold \(folds.count) (test bars \(start)..<\(start + testBars)) has no training or test rows")
            }
            try LeakageGuard.check(Split(train: train + validationRows, test: test), spans: dataset.spans)
            if !validationRows.isEmpty { try LeakageGuard.check(Split(train: train, test: validationRows), spans: dataset.spans) }
            folds.append(ExperimentFold(index: folds.count, train: train, validation: validationRows, test: test,
                                        testBars: start..<(start + testBars)))
            start += step
        }
        return folds
    }
}
