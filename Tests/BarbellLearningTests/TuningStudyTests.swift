import BarbellData
import BarbellLearning
import BarbellStore
import Foundation
import Testing

@Suite("Tuning studies")
struct TuningStudyTests {
    static let quadraticSpace = try! SearchSpace(configuration: .object([
        "x": .object(["float": .array([.int(-5), .int(5)])]),
        "y": .object(["float": .array([.int(-5), .int(5)])]),
    ]))

    /// A 2-D quadratic with its minimum 0 at (1.5, -2).
    @Sendable static func quadratic(_ trial: TrialContext) -> Double {
        let x = trial.parameters["x"]!.number!, y = trial.parameters["y"]!.number!
        return (x - 1.5) * (x - 1.5) + (y + 2) * (y + 2)
    }

    static func bestAfter(_ trials: Int, sampler: any Sampler) async throws -> Double {
        let scratch = ScratchTuningStore()
        defer { scratch.remove() }
        let store = try scratch.open()
        let study = try await Study.open(name: "q", direction: .minimize, space: quadraticSpace, sampler: sampler, store: store)
        try await study.optimize(trials: trials, worker: "w") { Self.quadratic($0) }
        let best = try await study.best()!.value!
        try await store.close()
        return best
    }

    @Test("TPE's best after 40 trials on a quadratic beats random search's median best over 10 seeds")
    func tpeBeatsRandom() async throws {
        var random: [Double] = [], tpe: [Double] = []
        for seed in UInt64(1)...10 {
            random.append(try await Self.bestAfter(40, sampler: RandomSampler(seed: seed)))
            tpe.append(try await Self.bestAfter(40, sampler: TPESampler(seed: seed)))
        }
        let median = { (v: [Double]) in v.sorted()[v.count / 2 - 1] / 2 + v.sorted()[v.count / 2] / 2 }
        #expect(median(tpe) < median(random), "tpe \(tpe.sorted()) random \(random.sorted())")
    }

    @Test("one process running sequentially is bit-reproducible")
    func reproducible() async throws {
        func run() async throws -> [TrialRecord] {
            let scratch = ScratchTuningStore()
            defer { scratch.remove() }
            let store = try scratch.open()
            let study = try await Study.open(name: "q", direction: .minimize, space: Self.quadraticSpace,
                                             sampler: TPESampler(seed: 7, startupTrials: 5), store: store)
            try await study.optimize(trials: 15, worker: "w") { Self.quadratic($0) }
            let trials = try await study.trials()
            try await store.close()
            return trials
        }
        let a = try await run(), b = try await run()
        #expect(a.map(\.parameters) == b.map(\.parameters))
        #expect(a.map(\.value) == b.map(\.value))
        #expect(Set(a.map { $0.parameters["x"]! }).count == 15)
    }

    static let gridSpace = try! SearchSpace(configuration: .object([
        "depth": .object(["int": .array([.int(2), .int(6)])]),
        "alpha": .object(["categorical": .array([.int(0), .double(0.1), .int(1), .string("auto")])]),
    ]))

    @Test("two studies on two store instances of one file run concurrently without sharing a number or a grid point")
    func concurrentGrid() async throws {
        let scratch = ScratchTuningStore()
        defer { scratch.remove() }
        let stores = [try scratch.open(), try scratch.open()]
        let total = try GridSampler.pointCount(Self.gridSpace)
        #expect(total == 20)
        var studies: [Study] = []
        for store in stores {
            studies.append(try await Study.open(name: "grid", direction: .maximize, space: Self.gridSpace,
                                                sampler: GridSampler(seed: 3), store: store))
        }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for (i, study) in studies.enumerated() {
                group.addTask {
                    try await study.optimize(trials: 100, worker: "w\(i)") { trial in
                        try await Task.sleep(for: .milliseconds(1))
                        return Double(trial.parameters["depth"]!.number!)
                    }.count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.reduce(0, +) == total)
        let trials = try await studies[0].trials()
        #expect(trials.map(\.number) == Array(0..<total))
        #expect(Set(trials.map(\.parameters)).count == total)
        #expect(Set(trials.map(\.worker)) == ["w0", "w1"])
        // The grid is exhausted: a further call runs nothing.
        #expect(try await studies[1].optimize(trials: 5, worker: "late") { _ in 0 }.isEmpty)
        #expect(try await studies[1].best()?.parameters["depth"] == .int(6))
        for store in stores { try await store.close() }
    }

    @Test("a study resumes after a crash: stale trials fail, counting goes on, failures are counted")
    func resume() async throws {
        let scratch = ScratchTuningStore()
        defer { scratch.remove() }
        let space = Self.quadraticSpace
        // A worker that reserved a trial and died without finishing it.
        do {
            let store = try scratch.open()
            let study = try await Study.open(name: "q", direction: .minimize, space: space, sampler: RandomSampler(seed: 1), store: store)
            try await study.optimize(trials: 3, worker: "first") { Self.quadratic($0) }
            _ = try await store.reserveTrial(study: "q", worker: "crashed") { _ in #"{"x":0,"y":0}"# }
            try await store.close()
        }
        let store = try scratch.open()
        let study = try await Study.open(name: "q", direction: .minimize, space: space, sampler: RandomSampler(seed: 1), store: store)
        try await Task.sleep(for: .milliseconds(20))
        #expect(try await study.failStale(olderThan: 0.01) == [3])
        struct Boom: Error {}
        let ran = try await study.optimize(trials: 4, worker: "second") { trial in
            if trial.number == 5 { throw Boom() }
            if trial.number == 6 { return .nan }
            return Self.quadratic(trial)
        }
        #expect(ran.map(\.number) == [4, 5, 6, 7])
        #expect(ran.map(\.state) == [.complete, .failed, .failed, .complete])
        #expect(try await study.trialCount() == 8)
        let all = try await study.trials()
        #expect(all.map(\.state) == [.complete, .complete, .complete, .failed, .complete, .failed, .failed, .complete])
        let bestValue = all.filter { $0.state == .complete }.compactMap(\.value).min()
        #expect(try await study.best()?.value == bestValue)
        // Reopening with another sampler is refused: the study's settings are stored.
        await #expect(throws: DataError.self) {
            try await Study.open(name: "q", direction: .minimize, space: space, sampler: RandomSampler(seed: 2), store: store)
        }
        try await store.close()
    }

    @Test("a pruned trial keeps its last reported value")
    func prunedValue() async throws {
        let scratch = ScratchTuningStore()
        defer { scratch.remove() }
        let store = try scratch.open()
        let study = try await Study.open(name: "p", direction: .minimize, space: Self.quadraticSpace,
                                         sampler: RandomSampler(seed: 1), store: store)
        let ran = try await study.optimize(trials: 1, worker: "w") { trial in
            try await trial.report(step: 0, value: 4)
            try await trial.report(step: 1, value: 3)
            throw TrialPruned()
        }
        #expect(ran.first?.state == .pruned && ran.first?.value == 3)
        #expect(try await study.trials().first?.intermediate == [0: 4, 1: 3])
        try await store.close()
    }
}

@Suite("Tuning configuration")
struct TuningConfigurationTests {
    @Test("the tune section decodes from YAML-shaped values")
    func decode() throws {
        let json = #"""
        {"direction": "maximize", "sampler": {"type": "tpe", "startupTrials": 10},
         "pruner": {"type": "median", "warmupSteps": 1},
         "space": {"model.eta": {"float": [0.01, 0.3], "log": true}, "model.maxDepth": {"int": [2, 8]},
                   "model.alpha": {"categorical": [0, 0.1, 1]}}}
        """#
        let config = try JSONDecoder().decode(TuneConfiguration.self, from: Data(json.utf8))
        #expect(config.direction == .maximize)
        #expect(config.space.parameters.map(\.name) == ["model.alpha", "model.eta", "model.maxDepth"])
        #expect(config.space.parameters[1].distribution == .float(low: 0.01, high: 0.3, log: true))
        #expect(config.space.parameters[2].distribution == .int(low: 2, high: 8, log: false))
        #expect(try config.makeSampler(seed: 1) is TPESampler)
        let pruner = try config.makePruner() as? MedianPruner
        #expect(pruner?.warmupSteps == 1 && pruner?.startupTrials == 5)
        // The space's configuration form parses back to the same space.
        #expect(try SearchSpace(configuration: config.space.configuration) == config.space)
    }

    @Test("errors name the parameter and what was expected")
    func errors() throws {
        let cases: [(ConfigValue, String)] = [
            (.object(["a": .object(["float": .array([.int(1)])])]), "'a': float expects [low, high]"),
            (.object(["a": .object(["float": .array([.int(2), .int(1)])])]), "'a': float range needs finite low ≤ high"),
            (.object(["a": .object(["float": .array([.int(0), .int(1)]), "log": .bool(true)])]), "'a': log float range needs low > 0"),
            (.object(["b": .object(["int": .array([.double(1.5), .int(3)])])]), "'b': int expects [low, high] with two integers"),
            (.object(["c": .object(["categorical": .array([])])]), "'c': categorical needs at least one choice"),
            (.object(["d": .object(["float": .array([.int(0), .int(1)]), "int": .array([.int(0), .int(1)])])]), "'d': expected {float"),
            (.object(["e": .object(["float": .array([.int(0), .int(1)]), "step": .int(1)])]), "'e': unknown field 'step'"),
            (.object(["f": .int(3)]), "'f': expected {float"),
            (.array([]), "expected a mapping"),
        ]
        for (value, expected) in cases {
            let error = #expect(throws: LearningError.self) { try SearchSpace(configuration: value) }
            #expect(error?.message.contains(expected) == true, "\(error?.message ?? "no error") lacks \(expected)")
        }
        let grid = try TuneConfiguration(configuration: .object([
            "direction": .string("minimize"), "space": .object(["a": .object(["float": .array([.int(0), .int(1)])])]),
        ]))
        let error = #expect(throws: LearningError.self) { try GridSampler(seed: 0).propose(number: 0, history: [], space: grid.space, direction: .minimize) }
        #expect(error?.message.contains("'a' is a float range") == true)
        let badDirection = #expect(throws: LearningError.self) {
            try TuneConfiguration(configuration: .object(["direction": .string("up"), "space": grid.space.configuration]))
        }
        #expect(badDirection?.message.contains("tune.direction") == true)
        let badPruner = #expect(throws: LearningError.self) {
            try TuneConfiguration(configuration: .object(["direction": .string("minimize"), "space": grid.space.configuration,
                                                          "pruner": .object(["type": .string("successive-halving"), "reductionFactor": .int(1)])]))
        }
        #expect(badPruner?.message.contains("reductionFactor") == true)
    }

    @Test("samplers stay inside the space")
    func samplersInRange() throws {
        let space = try SearchSpace(configuration: .object([
            "f": .object(["float": .array([.double(0.01), .double(0.3)]), "log": .bool(true)]),
            "i": .object(["int": .array([.int(1), .int(100)]), "log": .bool(true)]),
            "j": .object(["int": .array([.int(-3), .int(3)])]),
            "c": .object(["categorical": .array([.string("a"), .string("b")])]),
        ]))
        var history: [TrialRecord] = []
        let tpe = try TPESampler(seed: 5, startupTrials: 4)
        for number in 0..<30 {
            let p = try tpe.propose(number: number, history: history, space: space, direction: .minimize)!
            let f = p["f"]!.number!, i = p["i"]!, j = p["j"]!, c = p["c"]!
            #expect(f >= 0.01 && f <= 0.3)
            guard case .int(let iv) = i, case .int(let jv) = j else { Issue.record("ints expected: \(p)"); return }
            #expect((1...100).contains(iv) && (-3...3).contains(jv))
            #expect(c == .string("a") || c == .string("b"))
            history.append(TrialRecord(number: number, state: .complete, parameters: p, value: f * Double(iv)))
        }
    }
}
