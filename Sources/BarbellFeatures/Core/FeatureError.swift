/// An error from the feature engine: an unknown feature, a bad parameter, a malformed feature
/// list or inputs that do not line up.
///
/// Like `DataError` it carries a stable ``code`` for programs and a human ``message`` that names
/// what was wrong and what was expected (valid names, the allowed range), so the CLI can print it
/// as is and exit with status 2.
public struct FeatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable category.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The feature name is not in the catalogue.
        public static let unknownFeature = Code(rawValue: "unknown-feature")
        /// A parameter name the feature does not take.
        public static let unknownParameter = Code(rawValue: "unknown-parameter")
        /// A parameter value outside its range or of the wrong kind.
        public static let invalidParameter = Code(rawValue: "invalid-parameter")
        /// The feature list or a feature set file could not be parsed.
        public static let badSyntax = Code(rawValue: "bad-syntax")
        /// An input column the feature needs is missing.
        public static let missingInput = Code(rawValue: "missing-input")
        /// Input columns, or panel members, differ in length or timestamps.
        public static let mismatchedInputs = Code(rawValue: "mismatched-inputs")
        /// A normaliser was applied before it was fitted, or fitted on nothing.
        public static let notFitted = Code(rawValue: "not-fitted")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}
