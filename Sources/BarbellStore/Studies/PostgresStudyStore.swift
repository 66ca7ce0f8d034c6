import BarbellData
import Foundation
import Logging
import PostgresNIO

/// A ``StudyStore`` in a PostgreSQL schema, shared by workers on every machine that can reach
/// the server.
///
/// A reservation locks the study's row (`SELECT … FOR UPDATE`) before reading its trials, so
/// reservers of one study queue on that lock and each sees every trial reserved before it.
public final class PostgresStudyStore: StudyStore {
    let handle: PostgresHandle

    /// Connects to `url` (see ``PostgresLocation``) and creates the tables when missing.
    public init(url: String) async throws {
        handle = try PostgresHandle(url: url)
        let studies = handle.table("tune_studies"), trials = handle.table("tune_trials"), steps = handle.table("tune_intermediate")
        do {
            try await handle.createTables([
                """
                CREATE TABLE IF NOT EXISTS \(studies) (
                    name text PRIMARY KEY, direction text NOT NULL, config text NOT NULL, created double precision NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS \(trials) (
                    study text NOT NULL REFERENCES \(studies)(name), number bigint NOT NULL, state text NOT NULL,
                    params text NOT NULL, value double precision, started double precision NOT NULL,
                    finished double precision, touched double precision NOT NULL, worker text NOT NULL,
                    PRIMARY KEY (study, number))
                """,
                """
                CREATE TABLE IF NOT EXISTS \(steps) (
                    study text NOT NULL, number bigint NOT NULL, step bigint NOT NULL, value double precision NOT NULL,
                    PRIMARY KEY (study, number, step))
                """,
            ])
        } catch {
            await handle.close()
            throw error
        }
    }

    public func close() async throws { await handle.close() }

    /// Drops the store's schema (tests).
    public func dropSchema() async throws { try await handle.dropSchema() }

    private var studiesTable: String { handle.table("tune_studies") }
    private var trialsTable: String { handle.table("tune_trials") }
    private var stepsTable: String { handle.table("tune_intermediate") }

    public func openStudy(name: String, direction: StudyDirection, config: String) async throws -> StoredStudy {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DataError(.invalidArgument, "empty study name")
        }
        let logger = handle.logger, table = studiesTable
        let now = Date()
        return try await handle.transaction { connection in
            // ON CONFLICT DO NOTHING makes concurrent creators agree on the first one's row.
            try await connection.query("""
                INSERT INTO \(unescaped: table) (name, direction, config, created) VALUES (\(name), \(direction.rawValue), \(config), \(now.timeIntervalSince1970))
                ON CONFLICT (name) DO NOTHING
                """, logger: logger)
            guard let stored = try await Self.study(connection, table: table, name: name, lock: false, logger: logger) else {
                throw DataError(.store, "study '\(name)' vanished while being created")
            }
            try stored.checkReopen(direction: direction, config: config)
            return stored
        }
    }

    public func studies() async throws -> [StoredStudy] {
        let logger = handle.logger, table = studiesTable
        return try await handle.transaction { connection in
            var result: [StoredStudy] = []
            let rows = try await connection.query("SELECT name, direction, config, created FROM \(unescaped: table) ORDER BY name", logger: logger)
            for try await (name, direction, config, created) in rows.decode((String, String, String, Double).self) {
                result.append(try Self.study(name, direction, config, created))
            }
            return result
        }
    }

    private static func study(_ name: String, _ direction: String, _ config: String, _ created: Double) throws -> StoredStudy {
        guard let parsed = StudyDirection(rawValue: direction) else {
            throw DataError(.store, "study '\(name)' has an unknown direction '\(direction)'")
        }
        return StoredStudy(name: name, direction: parsed, config: config, created: Date(timeIntervalSince1970: created))
    }

    private static func study(_ connection: PostgresConnection, table: String, name: String, lock: Bool, logger: Logger) async throws -> StoredStudy? {
        let rows = try await connection.query("""
            SELECT name, direction, config, created FROM \(unescaped: table) WHERE name = \(name) \(unescaped: lock ? "FOR UPDATE" : "")
            """, logger: logger)
        for try await (name, direction, config, created) in rows.decode((String, String, String, Double).self) {
            return try study(name, direction, config, created)
        }
        return nil
    }

    private func requireStudy(_ connection: PostgresConnection, _ name: String, lock: Bool = false) async throws {
        guard try await Self.study(connection, table: studiesTable, name: name, lock: lock, logger: handle.logger) != nil else {
            throw DataError(.notFound, "no study named '\(name)'")
        }
    }

    public func reserveTrial(study: String, worker: String,
                             propose: @escaping @Sendable ([StoredTrial]) throws -> String) async throws -> StoredTrial {
        let logger = handle.logger, table = trialsTable
        return try await handle.transaction { connection in
            try await self.requireStudy(connection, study, lock: true)
            let existing = try await self.trials(connection, study)
            let params: String
            do { params = try propose(existing) } catch { throw ProposalError(underlying: error) }
            let now = Date().timeIntervalSince1970
            let number = existing.count
            try await connection.query("""
                INSERT INTO \(unescaped: table) (study, number, state, params, value, started, finished, touched, worker)
                VALUES (\(study), \(Int64(number)), 'running', \(params), NULL, \(now), NULL, \(now), \(worker))
                """, logger: logger)
            return StoredTrial(study: study, number: number, state: .running, params: params, value: nil,
                               intermediate: [:], started: Date(timeIntervalSince1970: now), finished: nil, worker: worker)
        }
    }

    public func report(study: String, trial: Int, step: Int, value: Double) async throws {
        let logger = handle.logger, trials = trialsTable, steps = stepsTable
        try await handle.transaction { connection in
            try await self.requireRunning(connection, study, trial)
            try await connection.query("""
                INSERT INTO \(unescaped: steps) (study, number, step, value) VALUES (\(study), \(Int64(trial)), \(Int64(step)), \(value))
                ON CONFLICT (study, number, step) DO UPDATE SET value = EXCLUDED.value
                """, logger: logger)
            try await connection.query("""
                UPDATE \(unescaped: trials) SET touched = \(Date().timeIntervalSince1970) WHERE study = \(study) AND number = \(Int64(trial))
                """, logger: logger)
        }
    }

    public func finishTrial(study: String, trial: Int, state: TrialState, value: Double?) async throws {
        guard state.isFinished else {
            throw DataError(.invalidArgument, "finishing trial \(trial) of '\(study)' needs state complete, pruned or failed, not running")
        }
        let logger = handle.logger, trials = trialsTable
        try await handle.transaction { connection in
            try await self.requireRunning(connection, study, trial)
            let now = Date().timeIntervalSince1970
            try await connection.query("""
                UPDATE \(unescaped: trials) SET state = \(state.rawValue), value = \(value), finished = \(now), touched = \(now)
                WHERE study = \(study) AND number = \(Int64(trial))
                """, logger: logger)
        }
    }

    private func requireRunning(_ connection: PostgresConnection, _ study: String, _ trial: Int) async throws {
        let rows = try await connection.query("""
            SELECT state FROM \(unescaped: trialsTable) WHERE study = \(study) AND number = \(Int64(trial)) FOR UPDATE
            """, logger: handle.logger)
        var found: String?
        for try await state in rows.decode(String.self) { found = state }
        guard let state = found else { throw DataError(.notFound, "study '\(study)' has no trial \(trial)") }
        guard state == TrialState.running.rawValue else {
            throw DataError(.conflict, "trial \(trial) of study '\(study)' has finished already (\(state))")
        }
    }

    public func trials(study: String) async throws -> [StoredTrial] {
        try await handle.transaction { connection in
            try await self.requireStudy(connection, study)
            return try await self.trials(connection, study)
        }
    }

    public func trialCount(study: String) async throws -> Int {
        let logger = handle.logger, table = trialsTable
        return try await handle.transaction { connection in
            try await self.requireStudy(connection, study)
            let rows = try await connection.query("SELECT count(*) FROM \(unescaped: table) WHERE study = \(study)", logger: logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }

    @discardableResult
    public func failStale(study: String, olderThan: TimeInterval) async throws -> [Int] {
        let logger = handle.logger, table = trialsTable
        let now = Date().timeIntervalSince1970, cutoff = now - olderThan
        return try await handle.transaction { connection in
            try await self.requireStudy(connection, study, lock: true)
            let rows = try await connection.query("""
                UPDATE \(unescaped: table) SET state = 'failed', finished = \(now), touched = \(now)
                WHERE study = \(study) AND state = 'running' AND touched < \(cutoff) RETURNING number
                """, logger: logger)
            var numbers: [Int] = []
            for try await number in rows.decode(Int64.self) { numbers.append(Int(number)) }
            return numbers.sorted()
        }
    }

    private func trials(_ connection: PostgresConnection, _ study: String) async throws -> [StoredTrial] {
        let logger = handle.logger
        var intermediate: [Int: [Int: Double]] = [:]
        let steps = try await connection.query("SELECT number, step, value FROM \(unescaped: stepsTable) WHERE study = \(study)", logger: logger)
        for try await (number, step, value) in steps.decode((Int64, Int64, Double).self) {
            intermediate[Int(number), default: [:]][Int(step)] = value
        }
        let rows = try await connection.query("""
            SELECT number, state, params, value, started, finished, worker FROM \(unescaped: trialsTable)
            WHERE study = \(study) ORDER BY number
            """, logger: logger)
        var result: [StoredTrial] = []
        for try await (number, state, params, value, started, finished, worker) in rows.decode((Int64, String, String, Double?, Double, Double?, String).self) {
            guard let parsed = TrialState(rawValue: state) else {
                throw DataError(.store, "trial \(number) of study '\(study)' has an unknown state '\(state)'")
            }
            result.append(StoredTrial(study: study, number: Int(number), state: parsed, params: params, value: value,
                                      intermediate: intermediate[Int(number)] ?? [:], started: Date(timeIntervalSince1970: started),
                                      finished: finished.map(Date.init(timeIntervalSince1970:)), worker: worker))
        }
        return result
    }
}
