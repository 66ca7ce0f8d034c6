/// Streams one resolved feature bar by bar, applying its ``NaNPolicy`` exactly as batch
/// computation does, so `runner.update` over a series equals `feature.compute` on it.
public struct FeatureStreamRunner {
    public let feature: ResolvedFeature
    private var stream: any FeatureStream
    private var started: Bool
    private var outputs: [Double]

    public init(_ feature: ResolvedFeature) {
        self.feature = feature
        self.stream = feature.descriptor.stream(feature.parameters)
        self.started = feature.descriptor.nanPolicy == .passThrough
        self.outputs = [Double](repeating: feature.descriptor.warmupValue, count: feature.descriptor.outputs.count)
    }

    /// Consumes one bar's inputs (descriptor order) and returns the outputs for it.
    public mutating func update(_ inputs: [Double]) -> [Double] {
        inputs.withUnsafeBufferPointer { update($0) }
        return outputs
    }

    /// As ``update(_:)-([Double])`` without allocating; read ``latest`` afterwards.
    public mutating func update(_ inputs: UnsafeBufferPointer<Double>) {
        if !started {
            if inputs.contains(where: \.isNaN) {
                for i in outputs.indices { outputs[i] = feature.descriptor.warmupValue }
                return
            }
            started = true
        }
        outputs.withUnsafeMutableBufferPointer { out in
            stream.update(inputs, out)
        }
    }

    /// Outputs of the most recent update.
    public var latest: [Double] { outputs }
}
