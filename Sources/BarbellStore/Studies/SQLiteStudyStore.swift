import BarbellData
import Foundation
import GRDB

/// A ``StudyStore`` in one SQLite file (WAL mode, via GRDB), which may be the market store's.
///
/// Several processes may open the same file: every write runs in a `BEGIN IMMEDIATE`
/// transaction, which takes SQLite's write lock up front, so a reservation's read of the
/// trials and its insert are never interleaved with another process's (a deferred transaction
/// would fail with SQLITE_BUSY when upgrading its read lock instead of waiting).
public final class SQLiteStudyStore: StudyStore {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when missing) the store at `path` and creates its tables when missing.
    ///
    /// - Throws: ``DataError`` `.store` when the file cannot be opened.
    public init(path: String) throws {
        self.path = path
        do {
            pool = try SQLiteConnection.openPool(path: path, label: "BarbellStudyStore")
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try Self.createTables(db)
                    return .commit
                }
            }
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    private static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS tune_studies (
                name TEXT PRIMARY KEY NOT NULL,
                direction TEXT NOT NULL,
                config TEXT NOT NULL,
                created REAL NOT NULL
            );
            CREATE TABLE IF NOT EXISTS tune_trials (
                study TEXT NOT NULL REFERENCES tune_studies(name),
                number INTEGER NOT NULL,
                state TEXT NOT NULL,
                params TEXT NOT NULL,
                value REAL,
                started REAL NOT NULL,
                finished REAL,
                touched REAL NOT NULL,
                worker TEXT NOT NULL,
                PRIMARY KEY (study, number)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS tune_intermediate (
                study TEXT NOT NULL,
                number INTEGER NOT NULL,
                step INTEGER NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY (study, number, step)
            ) WITHOUT ROWID;
            """)
    }

    public func close() async throws {
        try pool.close()
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction.
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw DataError(.store, "transaction produced no result") }
                return result
            }
        } catch let error as ProposalError {
            throw error.underlying
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    // MARK: Studies

    public func openStudy(name: String, direction: StudyDirection, config: String) async throws -> StoredStudy {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DataError(.invalidArgument, "empty study name")
        }
        let now = Date()
        return try await write { db in
            if let stored = try Self.study(db, name) {
                try stored.checkReopen(direction: direction, config: config)
                return stored
            }
            try db.execute(sql: "INSERT INTO tune_studies (name, direction, config, created) VALUES (?, ?, ?, ?)",
                           arguments: [name, direction.rawValue, config, now.timeIntervalSince1970])
            return StoredStudy(name: name, direction: direction, config: config, created: now)
        }
    }

    public func studies() async throws -> [StoredStudy] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT name, direction, config, created FROM tune_studies ORDER BY name")
                .map(Self.study(row:))
        }
    }

    private static func study(_ db: Database, _ name: String) throws -> StoredStudy? {
        try Row.fetchOne(db, sql: "SELECT name, direction, config, created FROM tune_studies WHERE name = ?", arguments: [name])
            .map(study(row:))
    }

    private static func study(row: Row) throws -> StoredStudy {
        let name: String = row[0], direction: String = row[1]
        guard let parsed = StudyDirection(rawValue: direction) else {
            throw DataError(.store, "study '\(name)' has an unknown direction '\(direction)'")
        }
        return StoredStudy(name: name, direction: parsed, config: row[2], created: Date(timeIntervalSince1970: row[3]))
    }

    private static func requireStudy(_ db: Database, _ name: String) throws {
        guard try study(db, name) != nil else { throw DataError(.notFound, "no study named '\(name)'") }
    }

    // MARK: Trials

    public func reserveTrial(study: String, worker: String,
                             propose: @escaping @Sendable ([StoredTrial]) throws -> String) async throws -> StoredTrial {
        try await write { db in
            try Self.requireStudy(db, study)
            let existing = try Self.trials(db, study)
            let params: String
            do { params = try propose(existing) } catch { throw ProposalError(underlying: error) }
            let now = Date().timeIntervalSince1970
            let number = existing.count
            try db.execute(sql: """
                INSERT INTO tune_trials (study, number, state, params, value, started, finished, touched, worker)
                VALUES (?, ?, 'running', ?, NULL, ?, NULL, ?, ?)
                """, arguments: [study, number, params, now, now, worker])
            return StoredTrial(study: study, number: number, state: .running, params: params, value: nil,
                               intermediate: [:], started: Date(timeIntervalSince1970: now), finished: nil, worker: worker)
        }
    }

    public func report(study: String, trial: Int, step: Int, value: Double) async throws {
        try await write { db in
            try Self.requireRunning(db, study, trial)
            try db.execute(sql: "INSERT OR REPLACE INTO tune_intermediate (study, number, step, value) VALUES (?, ?, ?, ?)",
                           arguments: [study, trial, step, value])
            try db.execute(sql: "UPDATE tune_trials SET touched = ? WHERE study = ? AND number = ?",
                           arguments: [Date().timeIntervalSince1970, study, trial])
        }
    }

    public func finishTrial(study: String, trial: Int, state: TrialState, value: Double?) async throws {
        guard state.isFinished else {
            throw DataError(.invalidArgument, "finishing trial \(trial) of '\(study)' needs state complete, pruned or failed, not running")
        }
        try await write { db in
            try Self.requireRunning(db, study, trial)
            let now = Date().timeIntervalSince1970
            try db.execute(sql: "UPDATE tune_trials SET state = ?, value = ?, finished = ?, touched = ? WHERE study = ? AND number = ?",
                           arguments: [state.rawValue, value, now, now, study, trial])
        }
    }

    private static func requireRunning(_ db: Database, _ study: String, _ trial: Int) throws {
        guard let state = try String.fetchOne(db, sql: "SELECT state FROM tune_trials WHERE study = ? AND number = ?",
                                              arguments: [study, trial]) else {
            throw DataError(.notFound, "study '\(study)' has no trial \(trial)")
        }
        guard state == TrialState.running.rawValue else {
            throw DataError(.conflict, "trial \(trial) of study '\(study)' has finished already (\(state))")
        }
    }

    public func trials(study: String) async throws -> [StoredTrial] {
        try await read { db in
            try Self.requireStudy(db, study)
            return try Self.trials(db, study)
        }
    }

    public func trialCount(study: String) async throws -> Int {
        try await read { db in
            try Self.requireStudy(db, study)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tune_trials WHERE study = ?", arguments: [study]) ?? 0
        }
    }

    @discardableResult
    public func failStale(study: String, olderThan: TimeInterval) async throws -> [Int] {
        let cutoff = Date().timeIntervalSince1970 - olderThan
        return try await write { db in
            try Self.requireStudy(db, study)
            let stale = try Int.fetchAll(db, sql: "SELECT number FROM tune_trials WHERE study = ? AND state = 'running' AND touched < ? ORDER BY number",
                                         arguments: [study, cutoff])
            let now = Date().timeIntervalSince1970
            for number in stale {
                try db.execute(sql: "UPDATE tune_trials SET state = 'failed', finished = ?, touched = ? WHERE study = ? AND number = ?",
                               arguments: [now, now, study, number])
            }
            return stale
        }
    }

    private static func trials(_ db: Database, _ study: String) throws -> [StoredTrial] {
        var intermediate: [Int: [Int: Double]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT number, step, value FROM tune_intermediate WHERE study = ?", arguments: [study]) {
            intermediate[row[0], default: [:]][row[1]] = row[2]
        }
        return try Row.fetchAll(db, sql: """
            SELECT number, state, params, value, started, finished, worker FROM tune_trials
            WHERE study = ? ORDER BY number
            """, arguments: [study]).map { row in
            let number: Int = row[0], state: String = row[1]
            guard let parsed = TrialState(rawValue: state) else {
                throw DataError(.store, "trial \(number) of study '\(study)' has an unknown state '\(state)'")
            }
            let finished: Double? = row[5]
            return StoredTrial(study: study, number: number, state: parsed, params: row[2], value: row[3],
                               intermediate: intermediate[number] ?? [:], started: Date(timeIntervalSince1970: row[4]),
                               finished: finished.map(Date.init(timeIntervalSince1970:)), worker: row[6])
        }
    }
}

extension StoredStudy {
    /// Fails when a study is reopened with another direction or configuration.
    func checkReopen(direction: StudyDirection, config: String) throws {
        if direction != self.direction {
            throw DataError(.conflict, "study '\(name)' is stored with direction \(self.direction.rawValue), not \(direction.rawValue)")
        }
        if config != self.config {
            throw DataError(.conflict, "study '\(name)' is stored with configuration \(self.config), not \(config); use another study name")
        }
    }
}
