/// An error from the backtester or its statistics: a stable code and a message that names the
/// series, row or parameter and what was expected.
public struct BacktestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// A parameter outside its domain.
        case invalidArgument
        /// Series whose lengths disagree.
        case shapeMismatch
        /// Too few values for the statistic.
        case insufficientData
        /// NaN or an infinity where a finite value is needed.
        case nonFinite
        /// An input file or series that is not what it should be: a malformed row, or scores
        /// naming symbols or times the prices do not have.
        case malformedInput
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "BacktestError.\(code.rawValue): \(message)" }
}
