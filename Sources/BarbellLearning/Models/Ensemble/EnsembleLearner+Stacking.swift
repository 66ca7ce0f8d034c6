extension EnsembleLearner {
    /// Members' predictions as the features of a meta dataset over `rows` of `dataset`, one column
    /// per member (`member0`, `member1`, …).
    static func metaInputs(_ inputs: FeatureMatrix, rows: [Int], predictions: [[Double]]) -> FeatureMatrix {
        var values = [Double]()
        values.reserveCapacity(rows.count * predictions.count)
        for r in rows.indices { for p in predictions { values.append(p[r]) } }
        return FeatureMatrix(featureNames: predictions.indices.map { "member\($0)" }, symbols: inputs.symbols, calendar: inputs.calendar,
                             symbolIndex: rows.map { inputs.symbolIndex[$0] }, time: rows.map { inputs.time[$0] }, values: values)
    }

    func fitStacking(_ request: FitRequest, train: [Int]) throws -> (EnsembleState, any TrainedModel) {
        let data = request.dataset
        let oof = try outOfFold(request, train: train)
        let labels = train.map { data.labels[$0] }
        let scores = try oof.map { try score($0, labels) }
        let x = Self.metaInputs(data.inputs, rows: train, predictions: oof)
        let metaData = SupervisedDataset(featureNames: x.featureNames, symbols: x.symbols, calendar: x.calendar, symbolIndex: x.symbolIndex,
                                         time: x.time, features: x.values, labels: labels, spans: train.map { data.spans[$0] },
                                         skippedWarmUp: data.skippedWarmUp)
        let meta = try registry.learner(settings.metaConfiguration).fit(FitRequest(
            dataset: metaData, train: Array(train.indices), seed: Self.seed(request.seed, members.count),
            sampleWeights: request.sampleWeights.map { w in train.map { w[$0] } }))
        return (EnsembleState(method: .stacking, memberScores: scores), meta)
    }
}
