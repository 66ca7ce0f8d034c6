import BarbellData
import Foundation
import Testing
@testable import BarbellLearning

/// Ensembles on synthetic panels whose answer is known by construction: an informative member
/// against a noise member, a member that memorises its training labels, and a two-regime world in
/// which each of two members works in one regime only.
@Suite("Ensemble family")
struct EnsembleTests {
    let registry = EnsembleFixture.registry

    func ensemble(_ method: String, _ members: [ModelConfiguration], _ extra: [String: ConfigValue] = [:]) throws -> ModelConfiguration {
        var parameters = extra
        parameters["method"] = .string(method)
        parameters["members"] = try ConfigValue.encode(members)
        return ModelConfiguration(type: "ensemble", parameters: parameters)
    }

    static func column(_ j: Int, scale: Double = 1) -> ModelConfiguration {
        ModelConfiguration(type: "column", parameters: ["column": .int(j), "scale": .double(scale)])
    }

    func fit(_ configuration: ModelConfiguration, _ data: SupervisedDataset, train: [Int]? = nil, seed: UInt64 = 7) throws -> TrainedEnsemble {
        let model = try registry.learner(configuration).fit(FitRequest(dataset: data, train: train ?? Array(0..<data.count), seed: seed))
        return try #require(model as? TrainedEnsemble)
    }

    static func correlation(_ a: [Double], _ b: [Double]) throws -> Double { try InformationCoefficient.pearson(prediction: a, realised: b) }

    @Test("weighted: the informative member outweighs the noise member; predictions follow the signal")
    func weightedPrefersSignal() throws {
        let data = try EnsembleFixture.signalAndNoise()
        let model = try fit(try ensemble("weighted", [Self.column(0), Self.column(1)]), data)
        let w = try #require(model.state.weights)
        #expect(w[0] > 0.8 && w[0] > w[1])
        #expect(abs(w.reduce(0, +) - 1) < 1e-12)
        #expect(model.state.equalWeights == false)
        let p = try model.predict(data.inputs, rows: Array(0..<data.count))
        #expect(try Self.correlation(p, (0..<data.count).map { data.features[$0 * 2] }) > 0.95)
    }

    @Test("weighted: no member with a positive IC falls back to equal weights, and says so")
    func weightedEqualFallback() throws {
        let data = try EnsembleFixture.signalAndNoise()
        let model = try fit(try ensemble("weighted", [Self.column(0, scale: -1), Self.column(0, scale: -2)], ["metric": .string("rank")]), data)
        #expect(model.state.weights == [0.5, 0.5])
        #expect(model.state.equalWeights == true)
        #expect(model.state.memberScores.allSatisfy { ($0 ?? 0) < 0 })
    }

    @Test("weighted: the holdout is the recent 20% of bars, earlier labels reaching into it are purged")
    func recentHoldout() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 200, symbols: 3, horizon: 5)
        let (fitRows, holdout) = try EnsembleLearner.recentHoldout(data, train: Array(0..<data.count), fraction: 0.2)
        #expect(Set(holdout.map { data.time[$0] }) == Set(160..<200))
        #expect(Set(fitRows.map { data.time[$0] }) == Set(0..<155))
        try LeakageGuard.check(Split(train: fitRows, test: holdout), spans: data.spans)
    }

    @Test("stacking equals a hand-built purged out-of-fold ridge over the members")
    func stackingMatchesHandBuilt() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 150, symbols: 6, horizon: 3)
        let train = (0..<data.count).filter { data.time[$0] < 120 }, test = (0..<data.count).filter { data.time[$0] >= 123 }
        let ridge = ModelConfiguration(type: "ridge", parameters: ["alpha": .double(1)])
        let meta = ModelConfiguration(type: "ridge", parameters: ["alpha": .double(5)])
        let model = try fit(try ensemble("stacking", [ridge, Self.column(1)],
                                         ["folds": .int(4), "embargo": .int(2), "meta": try ConfigValue.encode(meta)]), data, train: train)

        // By hand: purged 4-fold over the training rows, OOF predictions, a ridge on them.
        let splits = try PurgedKFold(k: 4, embargo: 2).splits(spans: train.map { data.spans[$0] })
        var oof = [[Double]](repeating: [0, 0], count: train.count)
        for split in splits {
            let member = try registry.learner(ridge).fit(FitRequest(dataset: data, train: split.train.map { train[$0] }, seed: 0))
            let p = try member.predict(data.inputs, rows: split.test.map { train[$0] })
            for (k, local) in split.test.enumerated() { oof[local] = [p[k], data.features[train[local] * 2 + 1]] }
        }
        let metaData = SupervisedDataset(featureNames: ["a", "b"], symbols: data.symbols, calendar: data.calendar,
                                         symbolIndex: train.map { data.symbolIndex[$0] }, time: train.map { data.time[$0] },
                                         features: oof.flatMap { $0 }, labels: train.map { data.labels[$0] },
                                         spans: train.map { data.spans[$0] }, skippedWarmUp: data.skippedWarmUp)
        let metaModel = try registry.learner(meta).fit(FitRequest(dataset: metaData, train: Array(train.indices), seed: 0))
        let full = try registry.learner(ridge).fit(FitRequest(dataset: data, train: train, seed: 0))
        let memberTest = try full.predict(data.inputs, rows: test)
        let x = FeatureMatrix(featureNames: ["a", "b"], symbols: data.symbols, calendar: data.calendar,
                              symbolIndex: test.map { data.symbolIndex[$0] }, time: test.map { data.time[$0] },
                              values: test.indices.flatMap { [memberTest[$0], data.features[test[$0] * 2 + 1]] })
        let expected = try metaModel.predict(x, rows: Array(test.indices))
        let got = try model.predict(data.inputs, rows: test)
        for (e, g) in zip(expected, got) { #expect(abs(e - g) <= 1e-12 * max(1, abs(e))) }
    }

    @Test("stacking: a member that memorises its training labels gains nothing (the meta-learner sees only out-of-fold predictions)")
    func memoriserGetsNoAdvantage() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 200, symbols: 8, signal: 0.3)
        let train = (0..<data.count).filter { data.time[$0] < 150 }, test = (0..<data.count).filter { data.time[$0] >= 151 }
        let memorise = ModelConfiguration(type: "memorise", parameters: ["fallback": .int(1)])
        let model = try fit(try ensemble("stacking", [memorise, Self.column(0)]), data, train: train)
        let p = try model.predict(data.inputs, rows: test)
        // In-fold predictions would make the memoriser perfect and the meta-learner follow it
        // (its out-of-sample fallback is the noise column); out of fold it is noise.
        #expect(try Self.correlation(p, test.map { data.features[$0 * 2] }) > 0.95)
        #expect(abs(try Self.correlation(p, test.map { data.features[$0 * 2 + 1] })) < 0.2)
    }

    @Test("the inner purged k-fold splits pass the leakage guard: no training label overlaps a test label")
    func innerSplitsAreLeakProof() throws {
        let data = try EnsembleFixture.signalAndNoise(times: 60, symbols: 3, horizon: 5)
        let train = (0..<data.count).filter { data.time[$0] % 7 != 3 }
        let splits = try EnsembleLearner.innerSplits(data, train: train, folds: 5, embargo: 3)
        #expect(splits.count == 5)
        #expect(Set(splits.flatMap(\.test)) == Set(train))
        for split in splits {
            try LeakageGuard.check(split, spans: data.spans)
            for i in split.train { for j in split.test { #expect(!data.spans[i].overlaps(data.spans[j])) } }
        }
    }

    /// Two regimes (a persistent Markov chain) seen through the MKT feature's cross-sectional
    /// mean; the label follows A in regime 0 and B in regime 1.
    static func regimeWorld(times: Int = 500, symbols: Int = 4, noise: Double = 0.2) throws -> (SupervisedDataset, [Int]) {
        var n = EnsembleFixture.Normal(seed: 11)
        var g = SplitMix64(seed: 5)
        var regime = [Int](), current = 0
        for _ in 0..<times {
            if g.nextUniform() < 0.03 { current = 1 - current }
            regime.append(current)
        }
        var common = 0.0
        let data = try EnsembleFixture.dataset(featureNames: ["MKT", "A", "B"], times: times, symbols: symbols) { t, s in
            if s == 0 { common = n.next() }
            let mkt = (regime[t] == 0 ? -1.0 : 1.0) + noise * common + 0.1 * n.next()
            let a = n.next(), b = n.next()
            return ([mkt, a, b], (regime[t] == 0 ? a : b) + 0.3 * n.next())
        }
        return (data, regime)
    }

    @Test("regime: each regime uses the member that works in it")
    func regimePicksRightMember() throws {
        let (data, regime) = try Self.regimeWorld()
        let train = (0..<data.count).filter { data.time[$0] < 400 }, test = (0..<data.count).filter { data.time[$0] >= 400 }
        let model = try fit(try ensemble("regime", [Self.column(1), Self.column(2)], ["regimeFeature": .string("MKT")]), data, train: train)
        let hmm = try #require(model.state.hmm)
        let choice = try #require(model.state.regimeChoice)
        let low = hmm.means[0][0] < hmm.means[1][0] ? 0 : 1
        #expect(choice[low] == 0 && choice[1 - low] == 1)
        let p = try model.predict(data.inputs, rows: test)
        let right = test.indices.filter { r in p[r] == data.features[test[r] * 3 + 1 + regime[data.time[test[r]]]] }
        #expect(Double(right.count) / Double(test.count) > 0.9)
    }

    @Test("regime: predictions at a bar do not change when later bars are appended (filtered, not smoothed)")
    func regimeIsCausal() throws {
        // Noisy enough that smoothing (which reads later bars) would change some regimes.
        let (data, _) = try Self.regimeWorld(noise: 1)
        let model = try fit(try ensemble("regime", [Self.column(1), Self.column(2)], ["regimeFeature": .string("MKT")]), data,
                            train: (0..<data.count).filter { data.time[$0] < 300 })
        let all = Array(0..<data.count)
        let full = try model.predict(data.inputs, rows: all), fullRegimes = try model.regimes(data.inputs, rows: all)
        for end in stride(from: 302, to: 500, by: 3) {
            let n = (end + 1) * data.symbols.count
            let rows = Array(0..<n)
            #expect(try model.predict(EnsembleFixture.prefix(data.inputs, n), rows: rows) == Array(full.prefix(n)))
            #expect(try model.regimes(EnsembleFixture.prefix(data.inputs, n), rows: rows) == Array(fullRegimes.prefix(n)))
        }
    }

    @Test("restore from weights reproduces predictions bit for bit", arguments: ["weighted", "stacking", "regime"])
    func restoreIsExact(method: String) throws {
        let (data, _) = try Self.regimeWorld(times: 200, symbols: 4)
        let members = [ModelConfiguration(type: "ridge", parameters: ["alpha": .double(2)]),
                       ModelConfiguration(type: "xgboost", parameters: ["rounds": .int(10), "maxDepth": .int(3), "threads": .int(1)])]
        let configuration = try ensemble(method, members, method == "regime" ? ["regimeFeature": .string("MKT"), "folds": .int(3)] : [:])
        let train = (0..<data.count).filter { data.time[$0] < 150 }
        let model = try fit(configuration, data, train: train)
        let weights = try model.weights()
        #expect(weights.files["ensemble.json"] != nil && weights.files["members/0/linear.json"] != nil && weights.files["members/1/model.json"] != nil)
        if method == "stacking" { #expect(weights.files["meta/linear.json"] != nil) }
        let restored = try registry.restore(configuration, weights: weights)
        let rows = Array(0..<data.count)
        #expect(try restored.predict(data.inputs, rows: rows) == model.predict(data.inputs, rows: rows))
        #expect(try restored.weights() == weights)
    }

    @Test("the standard registry builds an ensemble from its JSON configuration, nested members and meta included")
    func standardRegistry() throws {
        #expect(ModelRegistry.standard.types.contains("ensemble"))
        let json = #"{"type": "ensemble", "method": "stacking", "folds": 3, "members": [{"type": "ridge", "alpha": 10}, {"type": "xgboost", "rounds": 5, "threads": 1}], "meta": {"type": "ridge", "alpha": 2}}"#
        let configuration = try JSONDecoder().decode(ModelConfiguration.self, from: Data(json.utf8))
        let data = try EnsembleFixture.signalAndNoise(times: 60, symbols: 4)
        let model = try ModelRegistry.standard.learner(configuration).fit(FitRequest(dataset: data, train: Array(0..<160), seed: 3))
        let p = try model.predict(data.inputs, rows: Array(160..<240))
        #expect(try Self.correlation(p, (160..<240).map { data.features[$0 * 2] }) > 0.8)
        let again = try ModelRegistry.standard.learner(configuration).fit(FitRequest(dataset: data, train: Array(0..<160), seed: 3))
        #expect(try again.predict(data.inputs, rows: Array(160..<240)) == p)
    }

    @Test("configuration errors name the field")
    func configurationErrors() throws {
        let good = [Self.column(0)]
        let bad: [(ModelConfiguration, String)] = [
            (try ensemble("voting", good), "method"),
            (try ensemble("weighted", []), "members"),
            (try ensemble("regime", good), "regimeFeature"),
            (try ensemble("weighted", good, ["recentFraction": .double(1.5)]), "recentFraction"),
            (try ensemble("stacking", good, ["folds": .int(1)]), "folds"),
            (try ensemble("weighted", good, ["foo": .int(1)]), "foo"),
            (try ensemble("weighted", [ModelConfiguration(type: "nope")]), "members[0]"),
            (try ensemble("weighted", good, ["meta": try ConfigValue.encode(Self.column(0))]), "meta"),
            (try ensemble("stacking", good, ["meta": try ConfigValue.encode(ModelConfiguration(type: "ridge", parameters: ["alpha": .string("x")]))]), "alpha"),
        ]
        for (configuration, field) in bad {
            let error = #expect(throws: LearningError.self) { try registry.learner(configuration) }
            #expect(error?.message.contains(field) == true, "\(error?.message ?? "no error") should name \(field)")
        }
        let data = try EnsembleFixture.signalAndNoise(times: 40, symbols: 3)
        let error = #expect(throws: LearningError.self) {
            try fit(try ensemble("regime", good, ["regimeFeature": .string("ROC5")]), data)
        }
        #expect(error?.message.contains("ROC5") == true)
    }
}
