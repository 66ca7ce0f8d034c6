extension EnsembleLearner {
    /// The purged k-fold splits of the training rows (by dataset row), each checked by
    /// ``LeakageGuard``: the folds whose out-of-fold predictions stacking and regime selection read.
    static func innerSplits(_ dataset: SupervisedDataset, train: [Int], folds: Int, embargo: Int) throws -> [Split] {
        let spans = train.map { dataset.spans[$0] }
        let splits = try PurgedKFold(k: folds, embargo: embargo).splits(spans: spans)
        return try splits.enumerated().map { f, local in
            let split = Split(train: local.train.map { train[$0] }, test: local.test.map { train[$0] },
                              purged: local.purged.map { train[$0] }, embargoed: local.embargoed.map { train[$0] })
            try LeakageGuard.check(split, spans: dataset.spans)
            guard !split.train.isEmpty else {
                throw LearningError(.insufficientData, "model ensemble: inner fold \(f) has no training rows left after purging")
            }
            return split
        }
    }

    /// Per member, its out-of-fold prediction of every training row (in `train` order).
    func outOfFold(_ request: FitRequest, train: [Int]) throws -> [[Double]] {
        let splits = try Self.innerSplits(request.dataset, train: train, folds: settings.folds ?? 5, embargo: settings.embargo ?? 0)
        let position = Dictionary(uniqueKeysWithValues: train.enumerated().map { ($0.element, $0.offset) })
        var out = [[Double]](repeating: [Double](repeating: .nan, count: train.count), count: members.count)
        for split in splits {
            let predictions = try memberPredictions(request, fitRows: split.train, rows: split.test)
            for (m, p) in predictions.enumerated() {
                for (row, value) in zip(split.test, p) { out[m][position[row]!] = value }
            }
        }
        return out
    }
}
