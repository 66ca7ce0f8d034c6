/// One two-layer perceptron per output on a shared input, outputs concatenated, like
/// `torch.nn.ModuleList([nn.Sequential(nn.Linear(n, n), nn.ReLU(), nn.Linear(n, 1)) for _ in outputs])`
/// applied as `torch.cat([h(x) for h in heads], -1)`.
///
/// Each horizon (or quantile, or class logit) gets its own hidden layer, so a trunk that summarises
/// the sequence once can serve horizons whose relation to it differs (the multi-horizon decoders of
/// MQ-RNN-style forecasters). State dict: `0.0.weight`, `0.2.bias`, ...
public final class MultiHorizonHead: UnaryModule {
    /// One head per output, in output order.
    public let heads: [Sequential]
    public var isTraining = true

    /// - Parameters:
    ///   - inFeatures: Width of the shared representation.
    ///   - outputs: Number of heads (one output each).
    public init(inFeatures: Int, outputs: Int, dtype: DType, generator: SeededGenerator) throws {
        heads = try (0..<outputs).map { _ in
            Sequential([
                try Linear(inFeatures: inFeatures, outFeatures: inFeatures, dtype: dtype, generator: generator),
                ReLU(),
                try Linear(inFeatures: inFeatures, outFeatures: 1, dtype: dtype, generator: generator),
            ])
        }
    }

    public var localState: [ModuleTensor] { [] }
    public var children: [(name: String, module: any Module)] { heads.enumerated().map { (String($0.offset), $0.element) } }

    /// `[batch, inFeatures]` → `[batch, outputs]`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try Tensor.cat(try heads.map { try $0(input) }, dim: -1)
    }
}

extension SequenceModelConfiguration {
    /// The configured head from a `[batch, inFeatures]` summary to `[batch, task.outputs]`: a
    /// ``Linear`` (state dict `head.weight`) or a ``MultiHorizonHead`` (`head.0.0.weight`, ...).
    public func makeHead(inFeatures: Int, dtype: DType, generator: SeededGenerator) throws -> any UnaryModule {
        switch head {
        case .linear: try Linear(inFeatures: inFeatures, outFeatures: task.outputs, dtype: dtype, generator: generator)
        case .multiHorizon: try MultiHorizonHead(inFeatures: inFeatures, outputs: task.outputs, dtype: dtype, generator: generator)
        }
    }
}
