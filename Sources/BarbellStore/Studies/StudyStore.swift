import BarbellData
import Foundation

/// Persistent studies and trials shared by every tuning process that opens the same store.
///
/// The store holds generic records and knows nothing of samplers: parameters and configuration
/// are JSON text. Two implementations share this contract: ``SQLiteStudyStore`` (one file,
/// several processes on one machine) and ``PostgresStudyStore`` (a server, several machines).
/// Use ``openStudyStore(_:)`` to pick one from a path or URL.
///
/// Every trial ever reserved is kept, whatever its state, because the backtest's deflated
/// Sharpe ratio needs the number of trials tried, not just the number that succeeded.
public protocol StudyStore: Sendable {
    /// Creates the study, or loads it when it exists with the same direction and configuration.
    ///
    /// - Throws: ``DataError`` `.conflict` naming the stored and the given direction or
    ///   configuration when they differ; `.invalidArgument` for an empty name.
    func openStudy(name: String, direction: StudyDirection, config: String) async throws -> StoredStudy

    /// Every study, ordered by name.
    func studies() async throws -> [StoredStudy]

    /// Reserves the study's next trial.
    ///
    /// `propose` runs inside one write transaction that serialises every reserver of every
    /// process, on a consistent snapshot of all the study's trials (running ones included), and
    /// returns the new trial's parameters as JSON text; the trial is stored as running with the
    /// next number. So concurrent workers never share a trial number, and a sampler that avoids
    /// the points it sees never proposes one twice. An error thrown by `propose` is rethrown as
    /// is and nothing is stored.
    ///
    /// - Throws: ``DataError`` `.notFound` for an unknown study, or `propose`'s error.
    func reserveTrial(study: String, worker: String,
                      propose: @escaping @Sendable ([StoredTrial]) throws -> String) async throws -> StoredTrial

    /// Records a running trial's intermediate value at `step` (replacing one reported before).
    ///
    /// - Throws: ``DataError`` `.notFound` for an unknown trial, `.conflict` when it has finished.
    func report(study: String, trial: Int, step: Int, value: Double) async throws

    /// Marks a running trial complete, pruned or failed with its value.
    ///
    /// - Throws: ``DataError`` `.notFound` for an unknown trial, `.conflict` when it has
    ///   finished already, `.invalidArgument` for `state == .running`.
    func finishTrial(study: String, trial: Int, state: TrialState, value: Double?) async throws

    /// Every trial of the study, ordered by number.
    func trials(study: String) async throws -> [StoredTrial]

    /// The number of trials in every state: what the deflated Sharpe ratio counts.
    func trialCount(study: String) async throws -> Int

    /// Marks failed the running trials last touched (reserved or reported) more than
    /// `olderThan` seconds ago, whose workers presumably died, so a resumed study moves on.
    ///
    /// - Returns: The numbers of the trials marked failed.
    @discardableResult
    func failStale(study: String, olderThan: TimeInterval) async throws -> [Int]

    /// Releases connections and files.
    func close() async throws
}

/// Opens the study store at `location`: a `postgres://` or `postgresql://` URL opens a
/// ``PostgresStudyStore``, anything else is a SQLite file path (`~` is the home folder).
///
/// The tables live beside the market data's, so ``defaultStorePath`` holds both.
/// - Throws: ``DataError`` `.invalidArgument` or `.store`.
public func openStudyStore(_ location: String = defaultStorePath) async throws -> any StudyStore {
    switch try StoreLocation(location) {
    case .postgres(let url): return try await PostgresStudyStore(url: url)
    case .sqlite(let path): return try SQLiteStudyStore(path: path)
    }
}
