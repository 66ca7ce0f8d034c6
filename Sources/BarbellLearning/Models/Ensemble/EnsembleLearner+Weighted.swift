extension EnsembleLearner {
    /// The training rows split in time: `fit` before the most recent `fraction` of the training
    /// calendar, minus rows whose label reads a bar of it (purged); `holdout` the recent rows.
    static func recentHoldout(_ dataset: SupervisedDataset, train: [Int], fraction: Double) throws -> (fit: [Int], holdout: [Int]) {
        let times = Array(Set(train.map { dataset.time[$0] })).sorted()
        guard times.count >= 2 else {
            throw LearningError(.insufficientData, "model ensemble: the training rows span \(times.count) bar(s); a recent holdout needs at least 2")
        }
        let cut = min(max(Int((1 - fraction) * Double(times.count)), 1), times.count - 1)
        let cutoff = times[cut]
        let holdout = train.filter { dataset.time[$0] >= cutoff }
        let fit = train.filter { dataset.time[$0] < cutoff && dataset.spans[$0].end < cutoff }
        guard !fit.isEmpty else {
            throw LearningError(.insufficientData, "model ensemble: no training row before the holdout (from calendar bar \(cutoff)) has a label ending before it")
        }
        try LeakageGuard.check(Split(train: fit, test: holdout), spans: dataset.spans)
        return (fit, holdout)
    }

    func fitWeighted(_ request: FitRequest, train: [Int]) throws -> EnsembleState {
        let (fitRows, holdout) = try Self.recentHoldout(request.dataset, train: train, fraction: settings.recentFraction ?? 0.2)
        let labels = holdout.map { request.dataset.labels[$0] }
        let predictions = try memberPredictions(request, fitRows: fitRows, rows: holdout)
        let scores = try predictions.map { try score($0, labels) }
        let positive = scores.map { max($0 ?? 0, 0) }
        let total = positive.reduce(0, +)
        let equal = !(total > 0)
        let weights = equal ? [Double](repeating: 1 / Double(members.count), count: members.count) : positive.map { $0 / total }
        let centres = predictions.map { $0.reduce(0, +) / Double($0.count) }
        let scales = zip(predictions, centres).map { p, m -> Double in
            let s = (p.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(p.count)).squareRoot()
            return s.isFinite && s > 1e-12 ? s : 1
        }
        return EnsembleState(method: .weighted, memberScores: scores, weights: weights, centres: centres, scales: scales, equalWeights: equal)
    }
}
