import BarbellData

/// Fits an ensemble: scores members out of sample on training rows only, then refits them on
/// every training row.
struct EnsembleLearner: Learner {
    let configuration: ModelConfiguration
    let settings: EnsembleSettings
    let members: [any Learner]
    let registry: ModelRegistry

    func fit(_ request: FitRequest) throws -> any TrainedModel {
        guard !request.train.isEmpty else { throw LearningError(.insufficientData, "model ensemble: no training rows") }
        let train = request.train.sorted()
        let state: EnsembleState
        var meta: (any TrainedModel)?
        switch settings.method {
        case .weighted: state = try fitWeighted(request, train: train)
        case .stacking:
            let stacked = try fitStacking(request, train: train)
            state = stacked.0
            meta = stacked.1
        case .regime: state = try fitRegime(request, train: train)
        }
        let fitted = try members.enumerated().map { i, learner in
            try learner.fit(FitRequest(dataset: request.dataset, train: train, seed: Self.seed(request.seed, i),
                                       sampleWeights: request.sampleWeights))
        }
        return try TrainedEnsemble(configuration: configuration, settings: settings, state: state, members: fitted, meta: meta)
    }

    /// Member `i`'s seed: distinct per member, the same for the scoring and the final fit. The
    /// 31-bit mask is no longer needed for XGBoost (its configuration drops the top bit itself);
    /// it stays so that recorded ensemble runs (RESULTS.md) reproduce bit for bit.
    static func seed(_ seed: UInt64, _ i: Int) -> UInt64 {
        var g = SplitMix64(seed: seed &+ UInt64(i))
        return g.next() & 0x7FFF_FFFF
    }

    /// Members fitted on `fitRows`, each predicting `rows`: one prediction array per member.
    func memberPredictions(_ request: FitRequest, fitRows: [Int], rows: [Int]) throws -> [[Double]] {
        try members.enumerated().map { i, learner in
            let model = try learner.fit(FitRequest(dataset: request.dataset, train: fitRows, seed: Self.seed(request.seed, i),
                                                   sampleWeights: request.sampleWeights))
            return try model.predict(request.dataset.inputs, rows: rows)
        }
    }

    /// The IC of `prediction` against `labels`, nil when undefined (too few rows, a constant).
    func score(_ prediction: [Double], _ labels: [Double]) throws -> Double? {
        do { return try InformationCoefficient.compute(settings.icMethod, prediction: prediction, realised: labels) } catch where error.code == .insufficientData {
            return nil
        }
    }
}
