/// The flat weight list of a stacked, optionally bidirectional recurrent layer,
/// named and ordered exactly as PyTorch's `_flat_weights`: for each layer `k`,
/// for each direction (suffix `""`, then `"_reverse"`): `weight_ih_lk`,
/// `weight_hh_lk`, then `bias_ih_lk`, `bias_hh_lk`. This order is also what
/// libtorch's fused `at::lstm` / `at::gru` expect.
struct RecurrentWeights {
    /// The PyTorch names, in order.
    let names: [String]
    /// The tensors, in the same order.
    var tensors: [Tensor]

    /// Creates the weights for `gates` gates per cell (4 for LSTM, 3 for GRU),
    /// all uniform on ±1/√hidden like PyTorch, drawn in the flat order.
    init(
        gates: Int, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, bidirectional: Bool,
        dtype: DType, generator: SeededGenerator
    ) throws {
        let directions = bidirectional ? 2 : 1
        let bound = ParameterInit.fanInBound(hiddenSize)
        var names: [String] = []
        var tensors: [Tensor] = []
        for layer in 0..<numLayers {
            let layerInput = layer == 0 ? inputSize : hiddenSize * directions
            for direction in 0..<directions {
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                var shapes: [(String, [Int])] = [
                    ("weight_ih" + suffix, [gates * hiddenSize, layerInput]),
                    ("weight_hh" + suffix, [gates * hiddenSize, hiddenSize]),
                ]
                if bias {
                    shapes += [("bias_ih" + suffix, [gates * hiddenSize]), ("bias_hh" + suffix, [gates * hiddenSize])]
                }
                for (name, shape) in shapes {
                    names.append(name)
                    tensors.append(try ParameterInit.uniform(shape, bound: bound, dtype: dtype, generator: generator))
                }
            }
        }
        self.names = names
        self.tensors = tensors
    }
}

/// Checks a recurrent layer's input and optional initial states, naming expected and actual shapes.
enum RecurrentCheck {
    static func input(_ input: Tensor, inputSize: Int, batchFirst: Bool, layer: String) throws {
        try ShapeCheck.require(
            input, ranks: 3...3, last: inputSize, layer: layer,
            expected: batchFirst ? "[batch, sequence, \(inputSize)]" : "[sequence, batch, \(inputSize)]")
    }

    static func state(
        _ state: Tensor, name: String, input: Tensor, stateRows: Int, hiddenSize: Int, batchFirst: Bool,
        layer: String
    ) throws {
        let expected = [stateRows, input.shape[batchFirst ? 0 : 1], hiddenSize]
        guard state.shape == expected else {
            throw TorchError(
                code: .invalidArgument, message: "\(layer) expects \(name) of shape \(expected), got \(state.shape)")
        }
    }
}
