import BarbellLearning
import BarbellStore
import Foundation
import Testing

@Suite("Tuning against optuna 3.6.1")
struct TuningReferenceTests {
    @Test("TPE splits finished trials into below and above as optuna does")
    func split() throws {
        let fixture = try TuningFixture.load()
        for reference in fixture.tpe {
            let (below, above) = TPESampler.split(reference.records(), direction: StudyDirection(rawValue: reference.direction)!)
            #expect(below.map(\.number) == reference.below, "\(reference.name)")
            #expect(above.map(\.number) == reference.above, "\(reference.name)")
        }
    }

    @Test("Parzen estimators' log densities match optuna's within 1e-9")
    func parzenEstimators() throws {
        let fixture = try TuningFixture.load()
        for reference in fixture.tpe {
            let parameter = try reference.parameter()
            let records = reference.records()
            let byNumber = Dictionary(uniqueKeysWithValues: records.map { ($0.number, $0) })
            func estimator(_ numbers: [Int]) -> ParzenEstimator {
                ParzenEstimator(observations: numbers.compactMap { byNumber[$0]!.parameters["x"].flatMap(parameter.internalValue) },
                                parameter: parameter)
            }
            let below = estimator(reference.below), above = estimator(reference.above)
            for (i, x) in reference.points.enumerated() {
                #expect(abs(below.logPDF(x) - reference.logPDFBelow[i]) <= 1e-9, "\(reference.name) below at \(x): \(below.logPDF(x)) vs \(reference.logPDFBelow[i])")
                #expect(abs(above.logPDF(x) - reference.logPDFAbove[i]) <= 1e-9, "\(reference.name) above at \(x): \(above.logPDF(x)) vs \(reference.logPDFAbove[i])")
            }
        }
    }

    @Test("median and successive-halving pruners prune the trials optuna prunes, at the same steps")
    func pruners() async throws {
        let fixture = try TuningFixture.load()
        for reference in fixture.pruners {
            let scratch = ScratchTuningStore()
            defer { scratch.remove() }
            let store = try scratch.open()
            let tune = try TuneConfiguration(configuration: .object([
                "direction": .string(reference.direction), "sampler": .object(["type": .string("random")]),
                "pruner": reference.pruner, "space": .object(["unused": .object(["float": .array([.int(0), .int(1)])])]),
            ]))
            let study = try await Study.open(name: reference.name, direction: tune.direction, space: tune.space,
                                             sampler: tune.makeSampler(seed: 0), pruner: tune.makePruner(), store: store)
            let curves = reference.curves
            try await study.optimize(trials: curves.count, worker: "test") { trial in
                let curve = curves[trial.number]
                for (step, value) in curve.enumerated() {
                    try await trial.report(step: step, value: value)
                    if try await trial.shouldPrune() { throw TrialPruned() }
                }
                return curve.last!
            }
            let trials = try await study.trials()
            #expect(trials.map(\.state.rawValue) == reference.outcomes.map(\.state), "\(reference.name)")
            #expect(trials.map(\.lastStep) == reference.outcomes.map(\.lastStep), "\(reference.name)")
            try await store.close()
        }
    }
}
