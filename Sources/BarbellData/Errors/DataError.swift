/// An error in market data: unreadable files, malformed rows, failed validation, store failures.
///
/// Every error carries a stable ``code`` for programs and a human ``message``; when it comes
/// from a file it also names the file, the 1-based line and the field, so a user can open
/// the file at the right place. The CLI maps these errors to exit code 2.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable category.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let fileNotFound = Code(rawValue: "file-not-found")
        public static let ioFailure = Code(rawValue: "io-failure")
        public static let emptyFile = Code(rawValue: "empty-file")
        public static let noDataRows = Code(rawValue: "no-data-rows")
        public static let badHeader = Code(rawValue: "bad-header")
        public static let fieldCount = Code(rawValue: "field-count")
        public static let badNumber = Code(rawValue: "bad-number")
        public static let badTimestamp = Code(rawValue: "bad-timestamp")
        public static let mixedTimestampUnits = Code(rawValue: "mixed-timestamp-units")
        public static let corruptCompression = Code(rawValue: "corrupt-compression")
        public static let lineTooLong = Code(rawValue: "line-too-long")
        public static let badJSON = Code(rawValue: "bad-json")
        public static let unsupportedFormat = Code(rawValue: "unsupported-format")
        public static let validationFailed = Code(rawValue: "validation-failed")
        public static let adjustment = Code(rawValue: "adjustment")
        public static let invalidArgument = Code(rawValue: "invalid-argument")
        public static let store = Code(rawValue: "store")
        public static let conflict = Code(rawValue: "conflict")
        public static let notFound = Code(rawValue: "not-found")
    }

    public var code: Code
    public var message: String
    public var file: String?
    /// 1-based physical line number in the (decompressed) file.
    public var line: Int?
    /// Column name or JSON key the problem is in.
    public var field: String?

    public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.field = field
    }

    /// `file:line: field 'x': message [code]`, omitting the parts that are unknown.
    public var description: String {
        var location = ""
        if let file { location += file }
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        var text = location.isEmpty ? "" : location + ": "
        if let field { text += "field '\(field)': " }
        return text + message + " [\(code)]"
    }

    /// A copy located in `file` (used when a lower layer did not know the path).
    public func located(in file: String) -> DataError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }
}
