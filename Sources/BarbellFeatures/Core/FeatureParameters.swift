/// Resolved parameter values of one feature, in the order the descriptor declares them.
///
/// Kernels read them once when they are built (`p.int("timeperiod")`), never per bar.
public struct FeatureParameters: Sendable, Hashable {
    public let names: [String]
    public let values: [Double]

    public init(names: [String], values: [Double]) {
        precondition(names.count == values.count)
        self.names = names
        self.values = values
    }

    /// The value of parameter `name`; a kernel asking for a name it did not declare is a bug.
    public func double(_ name: String) -> Double {
        guard let i = names.firstIndex(of: name) else {
            preconditionFailure("feature kernel asked for undeclared parameter '\(name)'; has \(names)")
        }
        return values[i]
    }

    public func int(_ name: String) -> Int { Int(double(name)) }

    public func maType(_ name: String = "matype") -> MovingAverageType {
        MovingAverageType(rawValue: int(name))!
    }

    public subscript(i: Int) -> Double { values[i] }

    /// Parameters for a nested kernel built from these, e.g. an MA inside BBANDS.
    public static func make(_ pairs: KeyValuePairs<String, Double>) -> FeatureParameters {
        FeatureParameters(names: pairs.map(\.key), values: pairs.map(\.value))
    }
}
