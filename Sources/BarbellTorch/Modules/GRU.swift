internal import CTorch

/// A stacked, optionally bidirectional GRU running on libtorch's fused
/// `at::gru` kernel, like `torch.nn.GRU`.
///
/// State dict: `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, then
/// `..._l0_reverse` when bidirectional, then layer 1, and so on (gate order
/// reset, update, new), all initialised uniform on ±1/√hidden.
public final class GRU: Module {
    /// Features per time step.
    public let inputSize: Int
    /// Hidden state size per direction.
    public let hiddenSize: Int
    /// Stacked layers.
    public let numLayers: Int
    /// Whether each layer also runs backwards in time (outputs are concatenated).
    public let bidirectional: Bool
    /// Whether input and output are `[batch, sequence, feature]` (otherwise `[sequence, batch, feature]`).
    public let batchFirst: Bool
    /// Whether the cells have biases.
    public let hasBiases: Bool
    /// Dropout probability on the outputs of every layer but the last, in training mode.
    public let dropout: Double
    /// Where the inter-layer dropout masks are drawn from (the construction generator).
    public let generator: SeededGenerator
    var weights: RecurrentWeights
    /// Training mode: inter-layer dropout is applied only while training.
    public var isTraining = true

    /// Creates a GRU with PyTorch's default initialisation.
    public init(
        inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
        bidirectional: Bool = false, dropout: Double = 0, dtype: DType = .float32, generator: SeededGenerator
    ) throws {
        guard dropout >= 0 && dropout <= 1 else {
            throw TorchError(code: .invalidArgument, message: "dropout probability must be in [0, 1], got \(dropout)")
        }
        self.dropout = dropout
        self.generator = generator
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bidirectional = bidirectional
        self.batchFirst = batchFirst
        self.hasBiases = bias
        weights = try RecurrentWeights(
            gates: 3, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
            bidirectional: bidirectional, dtype: dtype, generator: generator)
    }

    /// The flat weights in PyTorch's order.
    /// The dropout generator, saved in checkpoints.
    public var ownGenerators: [SeededGenerator] { [generator] }

    public var localState: [ModuleTensor] {
        weights.names.indices.map { index in
            ModuleTensor(weights.names[index], .parameter, weights.tensors[index]) { self.weights.tensors[index] = $0 }
        }
    }

    /// Runs the sequence.
    ///
    /// - Parameters:
    ///   - input: `[batch, sequence, inputSize]` if ``batchFirst``, else `[sequence, batch, inputSize]`.
    ///   - initial: Initial hidden state `[numLayers · directions, batch, hiddenSize]`; zeros if `nil`.
    /// - Returns: The top layer's output at every step and the final hidden state of every layer and direction.
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func callAsFunction(_ input: Tensor, initial: Tensor? = nil) throws -> (output: Tensor, h: Tensor) {
        try RecurrentCheck.input(input, inputSize: inputSize, batchFirst: batchFirst, layer: "GRU")
        if let initial {
            try RecurrentCheck.state(
                initial, name: "h0", input: input, stateRows: numLayers * (bidirectional ? 2 : 1),
                hiddenSize: hiddenSize, batchFirst: batchFirst, layer: "GRU")
        }
        let params = weights.tensors
        var output: OpaquePointer?
        var h: OpaquePointer?
        let status = withExtendedLifetime((input, initial, params, generator)) {
            let handles: [OpaquePointer?] = params.map(\.handle)
            return ctorch_nn_gru(
                input.handle, initial?.handle, handles, Int64(handles.count), hasBiases, Int64(numLayers),
                bidirectional, batchFirst, dropout, isTraining, generator.handle, &output, &h)
        }
        try TorchError.check(status)
        return (try Tensor(adopting: output!), try Tensor(adopting: h!))
    }
}
