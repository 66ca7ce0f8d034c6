/// A feature spec checked against the catalogue: its descriptor, every parameter value (defaults
/// filled in) and its canonical column names.
public struct ResolvedFeature: Sendable {
    public let descriptor: FeatureDescriptor
    public let parameters: FeatureParameters

    public init(descriptor: FeatureDescriptor, parameters: FeatureParameters) {
        self.descriptor = descriptor
        self.parameters = parameters
    }

    /// The spec with every parameter named, in declaration order: `RSI(timeperiod=14)`; a feature
    /// without parameters is just its name (`CDLDOJI`).
    public var canonicalName: String {
        guard !descriptor.parameters.isEmpty else { return descriptor.name }
        let args = zip(descriptor.parameters, parameters.values).map { d, v in "\(d.name)=\(ParameterDescriptor.format(v))" }
        return descriptor.name + "(" + args.joined(separator: ",") + ")"
    }

    /// One column per output: the canonical name, plus `.output` when there are several
    /// (`MACD(fastperiod=12,slowperiod=26,signalperiod=9).macdsignal`).
    public var columnNames: [String] {
        let base = canonicalName
        return descriptor.outputs.count == 1 ? [base] : descriptor.outputs.map { "\(base).\($0)" }
    }

    public var lookback: Int { descriptor.lookback(parameters) }

    /// The spec that resolves to this feature, all parameters named.
    public var spec: FeatureSpec {
        FeatureSpec(descriptor.name, zip(descriptor.parameters, parameters.values).map { .init(name: $0.name, value: $1) })
    }
}
