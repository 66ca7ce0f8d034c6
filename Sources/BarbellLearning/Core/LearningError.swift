/// An error from the learning pipeline: a stable code and a message that names the offending
/// row, fold, field or parameter and what was expected.
public struct LearningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is (stable, for programs).
    public enum Code: String, Sendable, Equatable {
        /// A parameter outside its domain (a horizon of 0, a barrier ≤ 0, k < 2 folds).
        case invalidArgument
        /// Inputs whose lengths or shapes disagree.
        case shapeMismatch
        /// Too few rows for what was asked (folds, windows, a warm-up).
        case insufficientData
        /// NaN or an infinity where a finite value is needed.
        case nonFinite
        /// A split in which a training sample's label window overlaps the test period.
        case leakage
        /// An iterative fit that stopped at its iteration cap before meeting its tolerance (never
        /// returned as if it were a result).
        case notConverged
        /// A saved model artifact that is corrupt, edited, of another format or version, or whose
        /// weights no longer restore.
        case invalidArtifact
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "LearningError.\(code.rawValue): \(message)" }
}
