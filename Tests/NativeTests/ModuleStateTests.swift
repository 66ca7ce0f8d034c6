import BarbellTorch
import Testing

/// Naming, counting, strict state-dict loading, train/eval mode and seeded initialisation.
@Suite("Module state and modes")
struct ModuleStateTests {
    func linear(seed: UInt64 = 0) throws -> Linear {
        try Linear(inFeatures: 4, outFeatures: 3, dtype: .float64, generator: SeededGenerator(seed: seed))
    }

    @Test("parameters are named like PyTorch and counted")
    func naming() throws {
        let lstm = try LSTM(
            inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, generator: SeededGenerator(seed: 1))
        let names = lstm.namedParameters.map(\.name)
        #expect(names.prefix(5) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse"])
        #expect(names.last == "bias_hh_l1_reverse")
        // Layer 0: 2 directions × (16·3 + 16·4 + 16 + 16); layer 1 input is 8 wide: 2 × (16·8 + 16·4 + 32).
        #expect(lstm.parameterCount == 2 * (48 + 64 + 32) + 2 * (128 + 64 + 32))
        #expect(lstm.parameters.allSatisfy { $0.requiresGrad })

        let encoder = try TransformerEncoderLayer(dModel: 8, nHead: 2, dimFeedforward: 16, generator: SeededGenerator(seed: 1))
        #expect(encoder.namedParameters.map(\.name) == [
            "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
            "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
            "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias",
        ])
        #expect(encoder.parameterCount == (24 * 8 + 24 + 64 + 8) + (16 * 8 + 16) + (8 * 16 + 8) + 4 * 8)
    }

    @Test("buffers are in the state dict but not among the parameters")
    func buffers() throws {
        let norm = try BatchNorm1d(numFeatures: 3)
        #expect(norm.namedParameters.map(\.name) == ["weight", "bias"])
        #expect(Set(norm.stateDict().keys) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"])
        #expect(norm.parameterCount == 6)
        #expect(!norm.runningMean.requiresGrad)
    }

    @Test("a state dict with missing, unexpected and mis-shaped entries is rejected, naming each")
    func strictLoading() throws {
        let layer = try linear()
        let before = layer.weight.toArray()
        let dict: [String: Tensor] = [
            "weight": try Tensor([Double](repeating: 0, count: 8), shape: [2, 4]),
            "extra.weight": try Tensor([1], shape: [1]),
        ]
        do {
            try layer.loadStateDict(dict)
            Issue.record("loading should have failed")
        } catch let error as TorchError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("missing: bias"))
            #expect(error.message.contains("unexpected: extra.weight"))
            #expect(error.message.contains("weight (expected [3, 4], got [2, 4])"))
        }
        // A failed load changes nothing.
        #expect(layer.weight.toArray() == before)
    }

    @Test("loading copies the tensors into float leaf parameters of the module's dtype")
    func loadingCopies() throws {
        let layer = try Linear(inFeatures: 2, outFeatures: 1, dtype: .float32, generator: SeededGenerator(seed: 0))
        let weight = try Tensor([0.5, -2], shape: [1, 2])
        try layer.loadStateDict(["weight": weight, "bias": try Tensor([0.25], shape: [1])])
        #expect(layer.weight.dtype == .float32)
        #expect(layer.weight.requiresGrad)
        #expect(!weight.requiresGrad)
        #expect(layer.weight.toArray() == [0.5, -2])
        // Gradients reach the loaded parameters: d/dW sum(x Wᵀ + b) = x.
        let output = try layer(try Tensor(float32: [3, 4], shape: [1, 2]))
        try output.sum().backward()
        #expect(try layer.weight.grad?.toArray() == [3, 4])
    }

    @Test("a state dict round-trips between two modules")
    func roundTrip() throws {
        let source = try GRU(inputSize: 2, hiddenSize: 3, dtype: .float64, generator: SeededGenerator(seed: 1))
        let target = try GRU(inputSize: 2, hiddenSize: 3, dtype: .float64, generator: SeededGenerator(seed: 2))
        #expect(source.parameters[0].toArray() != target.parameters[0].toArray())
        try target.loadStateDict(source.stateDict())
        for (a, b) in zip(source.parameters, target.parameters) { #expect(a.toArray() == b.toArray()) }
    }

    @Test("the same seed gives bit-identical initial weights; a different seed does not")
    func seededInit() throws {
        let a = try LSTM(inputSize: 3, hiddenSize: 4, generator: SeededGenerator(seed: 42))
        let b = try LSTM(inputSize: 3, hiddenSize: 4, generator: SeededGenerator(seed: 42))
        let c = try LSTM(inputSize: 3, hiddenSize: 4, generator: SeededGenerator(seed: 43))
        for (x, y) in zip(a.parameters, b.parameters) { #expect(x.toArray() == y.toArray()) }
        #expect(a.parameters[0].toArray() != c.parameters[0].toArray())
    }

    @Test("default initialisation stays within PyTorch's bounds")
    func initBounds() throws {
        let layer = try Linear(inFeatures: 16, outFeatures: 8, generator: SeededGenerator(seed: 3))
        let bound = 1 / 4.0  // 1/√16
        let values = layer.weight.toArray() + (layer.bias?.toArray() ?? [])
        #expect(values.allSatisfy { abs($0) <= bound })
        #expect(values.contains { abs($0) > bound / 2 })  // not degenerate
        let norm = try LayerNorm(normalizedShape: [3])
        #expect(norm.weight?.toArray() == [1, 1, 1])
        #expect(norm.bias?.toArray() == [0, 0, 0])
        let embedding = try Embedding(numEmbeddings: 4, embeddingDim: 2, paddingIndex: 1, generator: SeededGenerator(seed: 3))
        #expect(Array(embedding.weight.toArray()[2..<4]) == [0, 0])
    }

    @Test("Dropout is the identity in eval mode and a seeded inverted mask in training mode")
    func dropout() throws {
        let input = try Tensor((1...200).map(Double.init), shape: [10, 20])
        let layer = try Dropout(p: 0.25, seed: 9)
        layer.eval()
        #expect(try layer(input).toArray() == input.toArray())

        layer.train()
        let first = try layer(input).toArray()
        let kept = zip(first, input.toArray()).filter { $0.0 != 0 }
        #expect(kept.allSatisfy { abs($0.0 - $0.1 / 0.75) <= 1e-12 * $0.1 })
        #expect(kept.count > 100 && kept.count < 200)
        // Same seed → same masks; the stream advances between calls.
        let again = try Dropout(p: 0.25, seed: 9)
        #expect(try again(input).toArray() == first)
        #expect(try layer(input).toArray() != first)
        #expect(throws: TorchError.self) { try Dropout(p: 1.5, seed: 0) }
    }

    @Test("train() and eval() reach every child")
    func modes() throws {
        let encoder = try TransformerEncoderLayer(dModel: 4, nHead: 2, dimFeedforward: 8, generator: SeededGenerator(seed: 1))
        encoder.eval()
        #expect(!encoder.isTraining && !encoder.dropout.isTraining && !encoder.selfAttn.outProj.isTraining)
        encoder.train()
        #expect(encoder.isTraining && encoder.dropout1.isTraining && encoder.norm2.isTraining)
    }

    @Test("BatchNorm1d normalises with batch statistics in training mode and running statistics in eval mode")
    func batchNormModes() throws {
        let norm = try BatchNorm1d(numFeatures: 2, momentum: 0.5, dtype: .float64)
        let input = try Tensor([1, 10, 3, 20], shape: [2, 2])
        norm.eval()
        // Running mean 0, variance 1, weight 1, bias 0: eval is x / √(1 + eps).
        let evalOut = try norm(input).toArray()
        for (a, b) in zip(evalOut, input.toArray()) { #expect(abs(a - b / (1 + 1e-5).squareRoot()) < 1e-12) }
        norm.train()
        let trainOut = try norm(input).toArray()
        // Two values per feature normalise to ∓1 (biased variance), up to eps.
        for (a, b) in zip(trainOut, [-1.0, -1, 1, 1]) { #expect(abs(a - b) < 1e-4) }
        // running = 0.5·old + 0.5·batch: means (2, 15), unbiased variances (2, 50).
        #expect(norm.runningMean.toArray() == [1, 7.5])
        #expect(norm.runningVar.toArray() == [1.5, 25.5])
    }

    @Test("wrong input shapes throw errors naming expected and actual shapes")
    func badShapes() throws {
        let layer = try linear()
        let wrong = try Tensor([1, 2, 3], shape: [1, 3])
        #expect { try layer(wrong) } throws: { error in
            (error as? TorchError)?.message.contains("expects input of shape [..., 4], got [1, 3]") == true
        }
        let lstm = try LSTM(inputSize: 3, hiddenSize: 2, generator: SeededGenerator(seed: 0))
        #expect(throws: TorchError.self) { try lstm(try Tensor([1, 2, 3], shape: [1, 3])) }
        let badState = try Tensor([0, 0], shape: [1, 1, 2])
        let sequence = try Tensor([Double](repeating: 0, count: 12), shape: [2, 2, 3])
        #expect { try lstm(sequence, initial: (badState, badState)) } throws: { error in
            (error as? TorchError)?.message.contains("h0 of shape [1, 2, 2], got [1, 1, 2]") == true
        }
        let conv = try Conv1d(inChannels: 2, outChannels: 2, kernelSize: 5, generator: SeededGenerator(seed: 0))
        // Right channels but shorter than the kernel: libtorch's own error, not a crash.
        #expect(throws: TorchError.self) { try conv(try Tensor([1, 2, 3, 4], shape: [1, 2, 2])) }
        let embedding = try Embedding(numEmbeddings: 3, embeddingDim: 2, generator: SeededGenerator(seed: 0))
        #expect { try embedding([0, 3], shape: [2]) } throws: { error in
            (error as? TorchError)?.message.contains("index 3 is outside 0..<3") == true
        }
        let norm = try BatchNorm1d(numFeatures: 3)
        #expect(throws: TorchError.self) { try norm(try Tensor(float32: [1, 2], shape: [1, 2])) }
    }

    @Test("a generator's saved state replays the same dropout masks; a malformed state is refused")
    func generatorState() throws {
        let g = try SeededGenerator(seed: 11)
        let dropout = try Dropout(p: 0.5, generator: g)
        let x = try Tensor.ones(shape: [64])
        _ = try dropout(x)
        let saved = try g.state()
        let first = try dropout(x).toArray()
        let second = try dropout(x).toArray()
        #expect(first != second)
        try g.restore(state: saved)
        #expect(try dropout(x).toArray() == first)
        try g.restore(state: try saved.to(.float64))   // as a state dict file returns it
        #expect(try dropout(x).toArray() == first)
        #expect(throws: TorchError.self) { try g.restore(state: try Tensor([1.5], shape: [1])) }
        #expect(throws: TorchError.self) { try g.restore(state: try Tensor([1, 2, 3], shape: [3])) }
        #expect(try dropout(x).toArray() == second)   // the refused states left it unchanged
        #expect(try LSTM(inputSize: 2, hiddenSize: 3, numLayers: 2, dropout: 0.2, generator: g).randomGenerators.count == 1)
    }
}
