import BarbellData
import BarbellFeatures
import BarbellLearning
import Foundation
import Testing

/// Walk-forward experiments end to end: purged folds, out-of-sample scores, seeded
/// reproducibility, the shuffled-label control, and the promise that a saved artifact predicts
/// from raw bars exactly what the experiment predicted out of sample.
@Suite("Experiments and artifacts")
struct ExperimentTests {
    static func run(_ model: String, shuffled: Bool = false) throws -> ExperimentResult {
        let configuration = try ExperimentConfiguration.parse(ExperimentFixture.yaml(model: model), source: "test.yaml")
        return try ExperimentRunner(configuration).run(shuffledLabels: shuffled)
    }

    @Test("folds are on the calendar, in time order, purged, and validation follows training",
          arguments: ["{type: ridge, alpha: 1}"])
    func foldsArePurged(model: String) throws {
        let configuration = try ExperimentConfiguration.parse(ExperimentFixture.yaml(model: model), source: "t")
        let panel = try configuration.data.loadPanel()
        let set = try configuration.features.featureSet(name: "t")
        let dataset = try DatasetBuilder(featureSet: set, label: try configuration.label.definition()).build(panel: panel)
        let folds = try configuration.validation.folds(for: dataset)
        #expect(folds.count >= 3)
        for fold in folds {
            let testStart = fold.testBars.lowerBound
            #expect(fold.test.allSatisfy { fold.testBars.contains(dataset.time[$0]) })
            // Every symbol of a test bar is in the test block.
            #expect(Set(fold.test.map { dataset.time[$0] }).count * 4 >= fold.test.count)
            #expect(fold.train.allSatisfy { dataset.spans[$0].end < testStart })
            #expect(fold.validation.allSatisfy { dataset.spans[$0].end < testStart })
            let firstValidation = fold.validation.map { dataset.time[$0] }.min() ?? testStart
            #expect(fold.train.allSatisfy { dataset.spans[$0].end < firstValidation }, "training label reads the validation period")
        }
        for (a, b) in zip(folds, folds.dropFirst()) { #expect(a.testBars.upperBound == b.testBars.lowerBound) }
    }

    @Test("the artifact predicts from raw bars exactly what the experiment predicted out of sample",
          arguments: ["{type: ridge, alpha: 1}", "{type: xgboost, rounds: 40, maxDepth: 3, eta: 0.1, subsample: 0.8, earlyStopping: 5, threads: 1}",
                      "{type: logistic, c: 0.5}"])
    func artifactReplaysExperiment(model: String) throws {
        let yaml = model.contains("logistic")
            ? ExperimentFixture.yaml(model: model).replacingOccurrences(of: "kind: forward-return", with: "kind: direction")
            : ExperimentFixture.yaml(model: model)
        let configuration = try ExperimentConfiguration.parse(yaml, source: "t")
        let result = try ExperimentRunner(configuration).run()
        let panel = try configuration.data.loadPanel()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString).bbm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try result.artifact(codeVersion: "test", symbols: panel.map(\.symbol.name)).write(to: path)

        let predictor = try ArtifactPredictor(path: path)
        #expect(predictor.manifest.featureNames == result.featureNames)
        #expect(predictor.manifest.dataHash == PanelHash.sha256(panel))
        let live = Dictionary(uniqueKeysWithValues: try predictor.predict(panel: panel).map { ("\($0.symbol)@\($0.timestamp.nanoseconds)", $0.score) })
        let lastFold = result.folds.last!.fold
        let replayed = result.predictions.filter { $0.fold == lastFold }
        #expect(!replayed.isEmpty)
        for p in replayed {
            #expect(live["\(p.symbol)@\(p.timestamp.nanoseconds)"] == p.score, "\(p.symbol) at \(p.timestamp.nanoseconds)")
        }
        // Live: bars only up to a test date give the same score at that date (no look-ahead).
        let probe = replayed[replayed.count / 2]
        let truncated = panel.map { $0.slice(to: probe.timestamp + 1) }
        let latest = try predictor.predictLatest(panel: truncated).first { $0.symbol == probe.symbol }
        #expect(latest?.timestamp == probe.timestamp && latest?.score == probe.score)
    }

    @Test("the same seed gives bit-identical runs")
    func seededRunsAreIdentical() throws {
        let model = "{type: xgboost, rounds: 30, maxDepth: 3, subsample: 0.7, colsampleByTree: 0.7, threads: 2}"
        let a = try Self.run(model), b = try Self.run(model)
        #expect(a.predictions == b.predictions)
        #expect(a.aggregate == b.aggregate)
        #expect(a.configurationHash == b.configurationHash && a.dataHash == b.dataHash)
    }

    @Test("a predictable panel scores well; the same run on shuffled training labels scores at chance")
    func shuffledLabelControl() throws {
        let panel = ExperimentFixture.autoregressivePanel()
        let configuration = try ExperimentConfiguration.parse("""
            name: ar1
            seed: 5
            data: {files: [unused]}
            features: [ROCP(timeperiod=1), ROCP(timeperiod=3), RSI(timeperiod=14)]
            label: {kind: forward-return, horizon: 1}
            validation: {testBars: 100, firstTest: 0.4, validation: 0}
            model: {type: ridge, alpha: 1}
            """, source: "ar1")
        let real = try ExperimentRunner(configuration).run(panel: panel)
        let control = try ExperimentRunner(configuration).run(panel: panel, shuffledLabels: true)
        #expect(real.aggregate.rankIC > 0.2, "positive control: \(real.aggregate)")
        // Chance: |IC| within 3 standard errors of 0 over the test bars' cross-sections.
        let bound = 3 / Double(control.aggregate.periods).squareRoot()
        #expect(abs(control.aggregate.ic) < bound && abs(control.aggregate.rankIC) < bound, "\(control.aggregate), bound \(bound)")
        #expect(abs(control.aggregate.hitRate - 0.5) < 0.05)
        // The test labels are the real ones in both runs.
        #expect(real.predictions.map(\.label) == control.predictions.map(\.label))
    }

    @Test("classifiers get log loss, Brier, accuracy, confusion and calibration per fold and over all folds",
          arguments: ["{type: logistic, c: 0.5}", "{type: xgboost, task: classification, rounds: 20, maxDepth: 2, threads: 1}"])
    func classificationMetrics(model: String) throws {
        let yaml = ExperimentFixture.yaml(model: model).replacingOccurrences(of: "kind: forward-return", with: "kind: direction")
        let result = try ExperimentRunner(ExperimentConfiguration.parse(yaml, source: "t")).run()
        for fold in result.folds {
            let c = try #require(fold.metrics.classification)
            #expect(c.observations + c.excluded == fold.testRows)
            #expect(c.confusion.flatMap { $0 }.reduce(0, +) == c.observations)
        }
        let all = try #require(result.aggregate.classification)
        #expect(all.classes == [-1, 1])   // zero returns are rare on 2-day horizons; the dead zone is 0
        let scored = result.predictions.filter { all.classes.contains($0.label) }
        let actual = scored.map { all.classes.firstIndex(of: $0.label)! }
        let probabilities = scored.map { $0.probabilities! }
        #expect(all.logLoss == (try ProbabilisticLoss.logLoss(labels: actual, probabilities: probabilities)))
        #expect(all.brier == (try ProbabilisticLoss.brierScore(labels: actual, probabilities: probabilities)))
        let hits = zip(actual, probabilities).filter { a, p in (p[1] > p[0] ? 1 : 0) == a }.count
        #expect(abs(all.accuracy - Double(hits) / Double(scored.count)) < 1e-12)
        #expect(all.confusion[0][0] + all.confusion[1][1] == hits)
        let calibration = try #require(all.calibration)
        #expect(calibration.counts.reduce(0, +) == scored.count)
        // The score is P(up): the probabilities and the scores agree.
        for p in scored.prefix(50) { #expect(p.score == p.probabilities![1]) }
    }

    @Test("uniqueness weights are counted per symbol and change the fit")
    func uniquenessWeights() throws {
        let yaml = ExperimentFixture.yaml(model: "{type: ridge, alpha: 1}")
        let plain = try ExperimentConfiguration.parse(yaml, source: "t")
        let weighted = try ExperimentConfiguration.parse(yaml.replacingOccurrences(of: "returns: log}", with: "returns: log, weights: uniqueness}"), source: "t")
        #expect(weighted.label.weights == "uniqueness")
        let prepared = try ExperimentRunner(weighted).prepare(panel: weighted.data.loadPanel())
        let weights = try prepared.dataset.uniquenessWeights()
        // Two-bar labels overlap their neighbours by one bar: each interior sample is unique for
        // half of each of its bars. Counting all four symbols together would give about 1/8.
        let mean = weights.reduce(0, +) / Double(weights.count)
        #expect(abs(mean - 0.5) < 0.02, "mean uniqueness \(mean)")
        #expect(weights.allSatisfy { $0 > 0 && $0 <= 1 })
        let a = try ExperimentRunner(plain).run(), b = try ExperimentRunner(weighted).run()
        #expect(a.predictions.map(\.score) != b.predictions.map(\.score))
        #expect(throws: LearningError.self) {
            try ExperimentConfiguration.parse(yaml.replacingOccurrences(of: "returns: log}", with: "returns: log, weights: heavy}"), source: "t").label.definition()
        }
    }

    @Test("every Alpha158 column passes the look-ahead audit on real OHLCV bars")
    func alpha158HasNoLookAhead() throws {
        let series = try #require(try MarketFile.loadBars(ExperimentFixture.quandl).map(\.series).first { $0.symbol.name == "AAPL" })
        let findings = try LookAheadAudit.run(FeatureSetSource(FeatureSet.builtin("alpha158")!), series: series, checkpoints: 12)
        #expect(findings.isEmpty, "\(findings.prefix(5))")
    }

    @Test("a classifier trained on shuffled direction labels is as accurate as the majority class, and no more")
    func shuffledLabelClassifier() throws {
        let panel = ExperimentFixture.autoregressivePanel()
        let configuration = try ExperimentConfiguration.parse("""
            name: ar1-direction
            seed: 9
            data: {files: [unused]}
            features: [ROCP(timeperiod=1), ROCP(timeperiod=3)]
            label: {kind: direction, horizon: 1}
            validation: {testBars: 100, firstTest: 0.4, validation: 0}
            model: {type: logistic, c: 1}
            """, source: "ar1")
        let real = try #require(try ExperimentRunner(configuration).run(panel: panel).aggregate.classification)
        let control = try #require(try ExperimentRunner(configuration).run(panel: panel, shuffledLabels: true).aggregate.classification)
        let n = Double(control.observations)
        let majority = Double(control.confusion.map { $0.reduce(0, +) }.max()!) / n
        let bound = 3 * (majority * (1 - majority) / n).squareRoot()
        #expect(real.accuracy > majority + 0.05, "positive control: \(real.accuracy) vs majority \(majority)")
        #expect(control.accuracy < majority + bound, "control \(control.accuracy) vs majority \(majority) ± \(bound)")
        #expect(control.accuracy > 1 - majority - bound)
    }

    @Test("a tampered, truncated or foreign artifact is refused with the reason")
    func artifactIntegrity() throws {
        let result = try Self.run("{type: ridge, alpha: 1}")
        let artifact = try result.artifact(codeVersion: "test", symbols: ["AAPL"])
        let data = try artifact.encoded()
        #expect(try ModelArtifact.decode(data, source: "ok") == artifact)
        var tampered = data
        let i = tampered.count - 40
        tampered[i] = tampered[i] == 0x31 ? 0x32 : 0x31
        #expect(throws: LearningError.self) { try ModelArtifact.decode(tampered, source: "m.bbm") }
        do { _ = try ModelArtifact.decode(tampered, source: "m.bbm") } catch let error as LearningError {
            #expect(error.message.contains("m.bbm") && error.message.contains("checksum"))
        }
        #expect(throws: LearningError.self) { try ModelArtifact.decode(data.prefix(data.count / 2), source: "half") }
        #expect(throws: LearningError.self) { try ModelArtifact.decode(Data("{\"format\":\"other\",\"version\":1,\"sha256\":\"\"}\n{}".utf8), source: "x") }
        #expect(throws: LearningError.self) { try ModelArtifact.decode(Data("not an artifact".utf8), source: "x") }
        #expect(throws: LearningError.self) { try ModelArtifact.read(from: "/nonexistent/m.bbm") }
    }

    @Test("configuration errors name the field", arguments: [
        ("model: {type: ridge}\n", "data"),
        ("data: {files: [a.csv]}\nmodel: {type: ridge}\nlabels: {}\n", "labels"),
        ("data: {files: [a.csv], sybmols: [A]}\nmodel: {type: ridge}\n", "data.sybmols"),
        ("data: {files: [a.csv]}\nmodel: {type: ridge}\nvalidation: {testBars: many}\n", "testBars"),
        ("data: {files: [a.csv]}\nmodel: {type: forest}\n", "forest"),
        ("data: {files: [a.csv]}\nmodel: {type: ridge, alfa: 1}\n", "alfa"),
        ("data: {files: [a.csv]}\nmodel: {type: ridge}\nlabel: {kind: sideways}\n", "sideways"),
        ("- a\n- b\n", "mapping"),
    ])
    func configurationErrors(body: String, mentions: String) throws {
        do {
            let configuration = try ExperimentConfiguration.parse("name: x\n" + body, source: "bad.yaml")
            _ = try ModelRegistry.standard.learner(configuration.model)
            _ = try configuration.label.definition()
            Issue.record("accepted \(body)")
        } catch let error as LearningError {
            #expect(error.message.contains(mentions), "\(error.message)")
        }
    }

    @Test("overrides set values at dotted paths, as a tuning trial does")
    func overrides() throws {
        let configuration = try ExperimentConfiguration.parse(ExperimentFixture.yaml(model: "{type: xgboost, eta: 0.3}"), source: "t",
                                                              overrides: ["model.eta": .double(0.05), "model.maxDepth": .int(2), "validation.testBars": .int(20)])
        #expect(configuration.model.parameters["eta"] == .double(0.05) && configuration.model.parameters["maxDepth"] == .int(2))
        #expect(configuration.validation.testBars == 20)
        #expect(throws: LearningError.self) {
            try ExperimentConfiguration.parse(ExperimentFixture.yaml(model: "{type: ridge}"), source: "t", overrides: ["name.x": .int(1)])
        }
    }

    @Test("a missing data file or symbol is named")
    func dataErrors() throws {
        let missing = ExperimentConfiguration.DataSection(files: ["/nonexistent/bars.csv"])
        do { _ = try missing.loadPanel(); Issue.record("accepted") } catch let error as DataError {
            #expect(error.description.contains("/nonexistent/bars.csv"))
        }
        let symbol = ExperimentConfiguration.DataSection(files: [ExperimentFixture.quandl], symbols: ["NOPE"])
        do { _ = try symbol.loadPanel(); Issue.record("accepted") } catch let error as LearningError { #expect(error.message.contains("NOPE")) }
        let dates = ExperimentConfiguration.DataSection(files: [ExperimentFixture.quandl], from: "2014-13-01")
        do { _ = try dates.loadPanel(); Issue.record("accepted") } catch let error as LearningError { #expect(error.message.contains("data.from")) }
    }
}
