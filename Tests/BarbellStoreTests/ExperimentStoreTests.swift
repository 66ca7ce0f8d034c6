import BarbellData
import BarbellStore
import Foundation
import Testing

@Suite("Experiment store")
struct ExperimentStoreTests {
    static func run(_ id: String, name: String, created: Double, artifact: Bool = false) -> ExperimentRun {
        ExperimentRun(id: id, name: name, created: Date(timeIntervalSince1970: created), durationSeconds: 12.5,
                      status: "completed", configYAML: "model:\n  type: linear\n", configSHA256: "c0ffee",
                      dataHash: "d474", featureSetHash: "fea7", codeVersion: "abc123", seed: UInt64.max - 1,
                      modelType: "linear", metricsJSON: #"{"ic":0.03}"#, foldMetricsJSON: #"[{"ic":0.02},{"ic":0.04}]"#,
                      artifactPath: artifact ? "/tmp/model" : nil, artifactSHA256: artifact ? "a5a5" : nil)
    }

    static func withStore(_ kind: StoreKind, _ body: (any ExperimentStore) async throws -> Void) async throws {
        let (location, cleanup) = try ScratchStudyStores.location(kind)
        let store = try await openExperimentStore(location)
        do {
            try await body(store)
        } catch {
            if let pg = store as? PostgresExperimentStore { try? await pg.dropSchema() }
            try? await store.close()
            await cleanup()
            throw error
        }
        if let pg = store as? PostgresExperimentStore { try? await pg.dropSchema() }
        try? await store.close()
        await cleanup()
    }

    @Test("a recorded run reads back field for field", arguments: StoreKind.enabled)
    func roundTrip(kind: StoreKind) async throws {
        try await Self.withStore(kind) { store in
            let first = Self.run("11111111-aaaa", name: "ic", created: 1_700_000_000, artifact: true)
            let second = Self.run("22222222-bbbb", name: "ic", created: 1_700_000_100)
            try await store.record(first)
            try await store.record(second)
            #expect(try await store.run(id: first.id) == first)
            #expect(try await store.run(id: second.id) == second)
            #expect(try await store.run(id: "2222") == second)
            #expect(try await store.run(id: "3") == nil)
        }
    }

    @Test("runs list newest first, optionally by name", arguments: StoreKind.enabled)
    func listing(kind: StoreKind) async throws {
        try await Self.withStore(kind) { store in
            try await store.record(Self.run("a1", name: "x", created: 100))
            try await store.record(Self.run("a2", name: "y", created: 300))
            try await store.record(Self.run("a3", name: "x", created: 200))
            #expect(try await store.runs().map(\.id) == ["a2", "a3", "a1"])
            #expect(try await store.runs(name: "x").map(\.id) == ["a3", "a1"])
            #expect(try await store.runs(name: "none").isEmpty)
            #expect(try await store.runs(name: "y").first == RunSummary(Self.run("a2", name: "y", created: 300)))
        }
    }

    @Test("ambiguous prefixes, duplicate ids and empty fields are refused", arguments: StoreKind.enabled)
    func malformed(kind: StoreKind) async throws {
        try await Self.withStore(kind) { store in
            try await store.record(Self.run("ab1", name: "x", created: 1))
            try await store.record(Self.run("ab2", name: "x", created: 2))
            let ambiguous = await #expect(throws: DataError.self) { try await store.run(id: "ab") }
            #expect(ambiguous?.code == .conflict && ambiguous?.message.contains("ab1") == true)
            // `_` is a literal character in a prefix, not a LIKE wildcard.
            #expect(try await store.run(id: "a_") == nil)
            let duplicate = await #expect(throws: DataError.self) { try await store.record(Self.run("ab1", name: "x", created: 3)) }
            #expect(duplicate?.code == .conflict)
            await #expect(throws: DataError.self) { try await store.record(Self.run("", name: "x", created: 3)) }
            await #expect(throws: DataError.self) { try await store.record(Self.run("c", name: " ", created: 3)) }
            await #expect(throws: DataError.self) { try await store.run(id: "") }
            #expect(try await store.runs().count == 2)
        }
    }
}
