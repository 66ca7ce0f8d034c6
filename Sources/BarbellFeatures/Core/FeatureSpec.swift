/// A feature as a user writes it: a name and the parameters given explicitly.
///
/// `RSI(timeperiod=14)`, `MACD(fastperiod=12,slowperiod=26,signalperiod=9)`, `CDLDOJI` or,
/// positionally, `BBANDS(20,2,2,0)`. Omitted parameters take the catalogue's defaults when the
/// spec is resolved. Specs are plain data so feature sets can be stored and hashed.
public struct FeatureSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    /// Explicit parameters in the order written.
    public var parameters: [Parameter]

    public struct Parameter: Sendable, Hashable, Codable {
        /// nil for a positional value.
        public var name: String?
        public var value: Double
        public init(name: String?, value: Double) {
            self.name = name
            self.value = value
        }
    }

    public init(_ name: String, _ parameters: [Parameter] = []) {
        self.name = name
        self.parameters = parameters
    }

    public init(_ name: String, _ named: KeyValuePairs<String, Double>) {
        self.init(name, named.map { Parameter(name: $0.key, value: $0.value) })
    }

    public var description: String {
        guard !parameters.isEmpty else { return name }
        let args = parameters.map { p in
            (p.name.map { "\($0)=" } ?? "") + ParameterDescriptor.format(p.value)
        }
        return name + "(" + args.joined(separator: ",") + ")"
    }
}

extension FeatureSpec {
    /// Parses one spec such as `RSI(timeperiod=14)`; names are case-insensitive and stored
    /// upper-case (TA-Lib's spelling).
    public static func parse(_ text: Substring) throws(FeatureError) -> FeatureSpec {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw FeatureError(.badSyntax, "empty feature name") }
        guard let open = trimmed.firstIndex(of: "(") else {
            try checkName(trimmed, in: text)
            return FeatureSpec(String(trimmed).uppercased())
        }
        guard trimmed.last == ")" else {
            throw FeatureError(.badSyntax, "'\(text)': missing ')' after the parameters")
        }
        let name = trimmed[..<open].trimmingWhitespace()
        try checkName(name, in: text)
        let body = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        var parameters: [Parameter] = []
        if !body.trimmingWhitespace().isEmpty {
            for part in body.split(separator: ",", omittingEmptySubsequences: false) {
                parameters.append(try parseParameter(part, in: text))
            }
        }
        return FeatureSpec(String(name).uppercased(), parameters)
    }

    /// Parses a comma-separated list, splitting only at commas outside parentheses.
    public static func parseList(_ text: String) throws(FeatureError) -> [FeatureSpec] {
        var specs: [FeatureSpec] = []
        var depth = 0
        var start = text.startIndex
        for i in text.indices {
            switch text[i] {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 { throw FeatureError(.badSyntax, "'\(text)': unbalanced ')'") }
            case "," where depth == 0:
                specs.append(try parse(text[start..<i]))
                start = text.index(after: i)
            default: break
            }
        }
        if depth != 0 { throw FeatureError(.badSyntax, "'\(text)': unbalanced '('") }
        specs.append(try parse(text[start...]))
        return specs
    }

    private static func checkName(_ name: Substring, in text: Substring) throws(FeatureError) {
        let ok = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        if !ok {
            throw FeatureError(.badSyntax, "'\(text)': a feature name is letters, digits and '_' (e.g. RSI, CDLDOJI)")
        }
    }

    private static func parseParameter(_ part: Substring, in text: Substring) throws(FeatureError) -> Parameter {
        let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let rawValue = (pieces.count == 2 ? pieces[1] : pieces[0]).trimmingWhitespace()
        guard let value = Double(rawValue), value.isFinite else {
            throw FeatureError(.badSyntax, "'\(text)': parameter value '\(rawValue)' is not a number")
        }
        guard pieces.count == 2 else { return Parameter(name: nil, value: value) }
        let name = pieces[0].trimmingWhitespace()
        guard !name.isEmpty else { throw FeatureError(.badSyntax, "'\(text)': parameter name missing before '='") }
        return Parameter(name: String(name).lowercased(), value: value)
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
