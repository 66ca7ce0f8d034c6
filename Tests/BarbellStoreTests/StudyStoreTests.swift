import BarbellData
import BarbellStore
import Foundation
import Testing

@Suite("Study store")
struct StudyStoreTests {
    @Test("a study is created once and reopened with the same settings", arguments: StoreKind.enabled)
    func createAndReopen(kind: StoreKind) async throws {
        try await ScratchStudyStores.with(kind) { stores in
            let store = stores[0]
            let created = try await store.openStudy(name: "s", direction: .maximize, config: #"{"a":1}"#)
            let again = try await store.openStudy(name: "s", direction: .maximize, config: #"{"a":1}"#)
            #expect(again.name == "s" && again.direction == .maximize && again.config == #"{"a":1}"#)
            #expect(abs(again.created.timeIntervalSince(created.created)) < 0.001)
            _ = try await store.openStudy(name: "other", direction: .minimize, config: "{}")
            #expect(try await store.studies().map(\.name) == ["other", "s"])
        }
    }

    @Test("reopening with another direction or configuration names both", arguments: StoreKind.enabled)
    func reopenMismatch(kind: StoreKind) async throws {
        try await ScratchStudyStores.with(kind) { stores in
            let store = stores[0]
            _ = try await store.openStudy(name: "s", direction: .maximize, config: #"{"a":1}"#)
            let direction = await #expect(throws: DataError.self) {
                try await store.openStudy(name: "s", direction: .minimize, config: #"{"a":1}"#)
            }
            #expect(direction?.code == .conflict)
            #expect(direction?.message.contains("maximize") == true && direction?.message.contains("minimize") == true)
            let config = await #expect(throws: DataError.self) {
                try await store.openStudy(name: "s", direction: .maximize, config: #"{"a":2}"#)
            }
            #expect(config?.message.contains(#"{"a":1}"#) == true && config?.message.contains(#"{"a":2}"#) == true)
            await #expect(throws: DataError.self) { try await store.openStudy(name: " ", direction: .maximize, config: "{}") }
        }
    }

    @Test("trials are numbered, report, finish and count in every state", arguments: StoreKind.enabled)
    func trialLifecycle(kind: StoreKind) async throws {
        try await ScratchStudyStores.with(kind) { stores in
            let store = stores[0]
            _ = try await store.openStudy(name: "s", direction: .minimize, config: "{}")
            var seen: [Int] = []
            for i in 0..<4 {
                let trial = try await store.reserveTrial(study: "s", worker: "w") { existing in
                    #expect(existing.count == i)
                    return #"{"x":\#(i)}"#
                }
                seen.append(trial.number)
                #expect(trial.state == .running && trial.params == #"{"x":\#(i)}"#)
            }
            #expect(seen == [0, 1, 2, 3])
            try await store.report(study: "s", trial: 0, step: 0, value: 1.5)
            try await store.report(study: "s", trial: 0, step: 2, value: 0.5)
            try await store.report(study: "s", trial: 0, step: 2, value: 0.25)
            try await store.finishTrial(study: "s", trial: 0, state: .complete, value: 0.25)
            try await store.finishTrial(study: "s", trial: 1, state: .pruned, value: 3)
            try await store.finishTrial(study: "s", trial: 2, state: .failed, value: nil)
            let trials = try await store.trials(study: "s")
            #expect(trials.map(\.state) == [.complete, .pruned, .failed, .running])
            #expect(trials[0].intermediate == [0: 1.5, 2: 0.25])
            #expect(trials[0].value == 0.25 && trials[2].value == nil && trials[0].finished != nil && trials[3].finished == nil)
            #expect(try await store.trialCount(study: "s") == 4)
        }
    }

    @Test("unknown studies and trials, finished trials and a running finish state are refused", arguments: StoreKind.enabled)
    func malformedCalls(kind: StoreKind) async throws {
        try await ScratchStudyStores.with(kind) { stores in
            let store = stores[0]
            _ = try await store.openStudy(name: "s", direction: .minimize, config: "{}")
            let noStudy = await #expect(throws: DataError.self) { try await store.reserveTrial(study: "nope", worker: "w") { _ in "{}" } }
            #expect(noStudy?.code == .notFound)
            let noTrial = await #expect(throws: DataError.self) { try await store.finishTrial(study: "s", trial: 7, state: .complete, value: 1) }
            #expect(noTrial?.code == .notFound && noTrial?.message.contains("7") == true)
            await #expect(throws: DataError.self) { try await store.report(study: "s", trial: 0, step: 0, value: 1) }
            _ = try await store.reserveTrial(study: "s", worker: "w") { _ in "{}" }
            let running = await #expect(throws: DataError.self) { try await store.finishTrial(study: "s", trial: 0, state: .running, value: nil) }
            #expect(running?.code == .invalidArgument)
            try await store.finishTrial(study: "s", trial: 0, state: .complete, value: 1)
            let twice = await #expect(throws: DataError.self) { try await store.finishTrial(study: "s", trial: 0, state: .failed, value: nil) }
            #expect(twice?.code == .conflict)
            await #expect(throws: DataError.self) { try await store.report(study: "s", trial: 0, step: 1, value: 1) }
            await #expect(throws: DataError.self) { try await store.trialCount(study: "nope") }
        }
    }

    @Test("an error thrown by propose passes through and stores nothing", arguments: StoreKind.enabled)
    func proposeError(kind: StoreKind) async throws {
        struct Exhausted: Error {}
        try await ScratchStudyStores.with(kind) { stores in
            let store = stores[0]
            _ = try await store.openStudy(name: "s", direction: .minimize, config: "{}")
            await #expect(throws: Exhausted.self) { try await store.reserveTrial(study: "s", worker: "w") { _ in throw Exhausted() } }
            #expect(try await store.trialCount(study: "s") == 0)
        }
    }

    @Test("stale running trials are marked failed", arguments: StoreKind.enabled)
    func stale(kind: StoreKind) async throws {
        try await ScratchStudyStores.with(kind) { stores in
            let store = stores[0]
            _ = try await store.openStudy(name: "s", direction: .minimize, config: "{}")
            for _ in 0..<3 { _ = try await store.reserveTrial(study: "s", worker: "w") { _ in "{}" } }
            try await store.finishTrial(study: "s", trial: 1, state: .complete, value: 1)
            #expect(try await store.failStale(study: "s", olderThan: 3600).isEmpty)
            try await Task.sleep(for: .milliseconds(50))
            #expect(try await store.failStale(study: "s", olderThan: 0.01) == [0, 2])
            #expect(try await store.trials(study: "s").map(\.state) == [.failed, .complete, .failed])
        }
    }

    @Test("concurrent reservers on separate store instances never share a number or a grid point", arguments: StoreKind.enabled)
    func concurrentReservations(kind: StoreKind) async throws {
        let instances = 4, perTask = 10, tasksPerInstance = 2
        let total = instances * perTask * tasksPerInstance
        try await ScratchStudyStores.with(kind, count: instances) { stores in
            _ = try await stores[0].openStudy(name: "grid", direction: .minimize, config: "{}")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (i, store) in stores.enumerated() {
                    for t in 0..<tasksPerInstance {
                        group.addTask {
                            for _ in 0..<perTask {
                                // A grid-like proposal: the lowest point no trial holds yet.
                                let trial = try await store.reserveTrial(study: "grid", worker: "w\(i).\(t)") { existing in
                                    let taken = Set(existing.map(\.params))
                                    let point = (0..<total).first { !taken.contains(#"{"p":\#($0)}"#) }!
                                    return #"{"p":\#(point)}"#
                                }
                                try await store.finishTrial(study: "grid", trial: trial.number, state: .complete, value: 0)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let trials = try await stores[1].trials(study: "grid")
            #expect(trials.map(\.number) == Array(0..<total))
            #expect(Set(trials.map(\.params)).count == total)
            #expect(Set(trials.map(\.worker)).count == instances * tasksPerInstance)
            #expect(try await stores[2].trialCount(study: "grid") == total)
        }
    }

    @Test("bad locations are invalid arguments")
    func badLocations() async throws {
        for location in ["", "mysql://db/x", "postgres://h/db?schema=Bad-Name"] {
            let error = await #expect(throws: DataError.self) { try await openStudyStore(location) }
            #expect(error?.code == .invalidArgument, "\(location)")
            let experiments = await #expect(throws: DataError.self) { try await openExperimentStore(location) }
            #expect(experiments?.code == .invalidArgument, "\(location)")
        }
    }

    @Test("the study tables share a file with the market data")
    func sharesMarketFile() async throws {
        let (location, cleanup) = try ScratchStudyStores.location(.sqlite)
        let market = try await openMarketDataStore(location)
        let studies = try await openStudyStore(location)
        let experiments = try await openExperimentStore(location)
        _ = try await studies.openStudy(name: "s", direction: .minimize, config: "{}")
        #expect(try await market.listSeries().isEmpty)
        try await market.close()
        try await studies.close()
        try await experiments.close()
        // Reopening in the other order still works: each schema is created idempotently.
        let again = try await openStudyStore(location)
        #expect(try await again.studies().map(\.name) == ["s"])
        let marketAgain = try await openMarketDataStore(location)
        try await marketAgain.close()
        try await again.close()
        await cleanup()
    }
}
