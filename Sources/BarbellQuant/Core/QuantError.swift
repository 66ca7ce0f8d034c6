/// An error from the quant core: a stable code for programs and a message for people that names
/// what was wrong and what was expected.
public struct QuantError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable category.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Matrix or vector shapes that do not fit the operation.
        public static let shapeMismatch = Code(rawValue: "shape-mismatch")
        /// A matrix that the operation needs non-singular is singular (to working precision).
        public static let singularMatrix = Code(rawValue: "singular-matrix")
        /// A matrix that must be symmetric positive definite is not.
        public static let notPositiveDefinite = Code(rawValue: "not-positive-definite")
        /// An iterative LAPACK routine did not converge.
        public static let noConvergence = Code(rawValue: "no-convergence")
        /// NaN or infinity where finite numbers are required.
        public static let nonFinite = Code(rawValue: "non-finite")
        /// An argument outside its valid range.
        public static let invalidArgument = Code(rawValue: "invalid-argument")
        /// Fewer observations than a fit or test needs; the message states the minimum.
        public static let insufficientData = Code(rawValue: "insufficient-data")
        /// An optimisation problem whose constraints no point satisfies.
        public static let infeasible = Code(rawValue: "infeasible")
        /// An optimisation problem whose objective has no finite optimum.
        public static let unbounded = Code(rawValue: "unbounded")
        /// An optimiser that stopped without converging (iteration cap, round-off, solver failure).
        public static let optimizerFailed = Code(rawValue: "optimizer-failed")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
