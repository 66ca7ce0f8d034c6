/// One parameter a feature takes: its TA-Lib name, kind, default and valid range.
public struct ParameterDescriptor: Sendable, Equatable {
    /// How a value is interpreted and printed.
    public enum Kind: String, Sendable, Codable {
        /// A whole number such as a period; given as `14`, never `14.5`.
        case integer
        /// A real number such as a band width or a penetration.
        case real
        /// TA-Lib's moving-average type code, 0...8 (see ``MovingAverageType``).
        case maType
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: Double
    /// Inclusive bounds, TA-Lib's own where TA-Lib has the parameter.
    public var range: ClosedRange<Double>
    public var summary: String

    public init(_ name: String, _ kind: Kind, default defaultValue: Double, range: ClosedRange<Double>, summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.range = range
        self.summary = summary
    }

    /// A period-like integer parameter, `timeperiod` in TA-Lib.
    public static func integer(_ name: String, default value: Int, range: ClosedRange<Int>, _ summary: String) -> Self {
        Self(name, .integer, default: Double(value), range: Double(range.lowerBound)...Double(range.upperBound), summary: summary)
    }

    /// A real-valued parameter.
    public static func real(_ name: String, default value: Double, range: ClosedRange<Double>, _ summary: String) -> Self {
        Self(name, .real, default: value, range: range, summary: summary)
    }

    /// A moving-average type parameter (0 = SMA ... 8 = T3).
    public static func maType(_ name: String = "matype", default value: MovingAverageType = .sma, _ summary: String = "moving-average type: 0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3") -> Self {
        Self(name, .maType, default: Double(value.rawValue), range: 0...8, summary: summary)
    }

    /// Checks `value` against kind and range; the error names the feature, parameter and range.
    func validate(_ value: Double, feature: String) throws(FeatureError) {
        if value.isNaN || !range.contains(value) {
            throw FeatureError(.invalidParameter, "\(feature): \(name)=\(ParameterDescriptor.format(value)) is out of range; expected \(rangeDescription)")
        }
        if kind != .real, value.rounded() != value {
            throw FeatureError(.invalidParameter, "\(feature): \(name)=\(ParameterDescriptor.format(value)) must be a whole number in \(rangeDescription)")
        }
    }

    /// `2...100000` or `0...3e+37`.
    public var rangeDescription: String {
        "\(ParameterDescriptor.format(range.lowerBound))...\(ParameterDescriptor.format(range.upperBound))"
    }

    /// Shortest round-tripping text: integral values without a fraction (`14`, `2`), others as
    /// Swift prints them (`0.3`, `1.5`), so column names read like TA-Lib calls.
    public static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
