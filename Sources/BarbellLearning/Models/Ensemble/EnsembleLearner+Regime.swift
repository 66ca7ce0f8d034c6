import BarbellRegimes

extension EnsembleLearner {
    /// Regimes with fewer training rows than this use the best member overall.
    static let minimumRegimeRows = 10

    func fitRegime(_ request: FitRequest, train: [Int]) throws -> EnsembleState {
        let data = request.dataset
        let feature = settings.regimeFeature ?? ""
        let column = try RegimeObservable.column(data.inputs, feature: feature)
        let states = settings.states ?? 2
        let observed = RegimeObservable.series(data.inputs, column: column, rows: train)
        let hmm: GaussianHMM
        do {
            hmm = try GaussianHMM.fit(observed.values.map { [$0] }, states: states, covarianceType: .diag,
                                      restarts: settings.restarts ?? 5, seed: request.seed).model
        } catch {
            throw LearningError(.insufficientData, "model ensemble: cannot fit a \(states)-state regime model to the cross-sectional mean of \(feature) over \(observed.values.count) bars: \(error)")
        }
        let regimeAt = Dictionary(uniqueKeysWithValues: zip(observed.times, try RegimeObservable.regimes(hmm, observed.values)))
        let oof = try outOfFold(request, train: train)
        let labels = train.map { data.labels[$0] }
        let overall = try oof.map { try score($0, labels) }
        let best = Self.best(overall)
        var choice: [Int] = [], scores: [[Double?]] = [], fallback: [Bool] = []
        for s in 0..<states {
            let positions = train.indices.filter { regimeAt[data.time[train[$0]]] == s }
            var inRegime = [Double?](repeating: nil, count: members.count)
            if positions.count >= Self.minimumRegimeRows {
                inRegime = try oof.map { p in try score(positions.map { p[$0] }, positions.map { labels[$0] }) }
            }
            let pick = inRegime.contains { $0 != nil } ? Self.best(inRegime) : best
            choice.append(pick)
            scores.append(inRegime)
            fallback.append(!inRegime.contains { $0 != nil })
        }
        return EnsembleState(method: .regime, memberScores: overall, hmm: hmm, regimeFeature: feature, regimeChoice: choice,
                             regimeScores: scores, regimeFallback: fallback)
    }

    /// The member with the highest score (undefined scores last, ties to the first).
    static func best(_ scores: [Double?]) -> Int {
        var pick = 0
        for (i, s) in scores.enumerated() where (s ?? -.infinity) > (scores[pick] ?? -.infinity) { pick = i }
        return pick
    }
}
