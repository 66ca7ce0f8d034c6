import BarbellTorch
import Testing

/// Each layer loads the state dict of the equivalent `torch.nn` layer (PyTorch 1.13,
/// `Tests/Fixtures/torch/layers.py`) and must reproduce its eval-mode output in float64.
@Suite("Module parity with PyTorch (outputs and gradients)")
struct ModuleParityTests {
    static let tolerance = 1e-10

    func expectMatches(_ tensor: Tensor, _ fixture: LayerFixtures.Case, _ name: String) throws {
        let expected = try #require(fixture.arrays[name])
        #expect(tensor.shape == expected.shape, "\(name) shape")
        #expect(LayerFixtures.maxDifference(tensor, expected) < Self.tolerance, "\(name) values")
    }

    /// Back-propagates `(output * output).sum()` and compares every parameter's gradient with PyTorch's.
    func expectGradientsMatch(_ module: some Module, output: Tensor, _ fixture: LayerFixtures.Case) throws {
        let expected = try #require(fixture.grads)
        try (output * output).sum().backward()
        let named = module.namedParameters
        #expect(Set(named.map(\.name)) == Set(expected.keys))
        for (name, parameter) in named {
            let grad = try #require(try parameter.grad, "\(name) has a gradient")
            let reference = try #require(expected[name])
            #expect(LayerFixtures.maxDifference(grad, reference) < Self.tolerance, "gradient of \(name)")
        }
    }

    @Test("Linear matches torch.nn.Linear")
    func linear() throws {
        let fixture = try LayerFixtures.named("linear")
        let layer = try Linear(inFeatures: 4, outFeatures: 3, dtype: .float64, generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        layer.eval()
        let output = try layer(fixture.tensor("input"))
        try expectMatches(output, fixture, "output")
        try expectGradientsMatch(layer, output: output, fixture)
    }

    @Test("LayerNorm matches torch.nn.LayerNorm over two trailing dimensions")
    func layerNorm() throws {
        let fixture = try LayerFixtures.named("layer_norm")
        let layer = try LayerNorm(normalizedShape: [3, 4], dtype: .float64)
        try layer.loadStateDict(fixture.stateDict())
        let output = try layer(fixture.tensor("input"))
        try expectMatches(output, fixture, "output")
        try expectGradientsMatch(layer, output: output, fixture)
    }

    @Test("Embedding matches torch.nn.Embedding with a padding index")
    func embedding() throws {
        let fixture = try LayerFixtures.named("embedding")
        let layer = try Embedding(
            numEmbeddings: 7, embeddingDim: 3, paddingIndex: 2, dtype: .float64, generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        let output = try layer(try #require(fixture.indices), shape: try #require(fixture.indexShape))
        try expectMatches(output, fixture, "output")
        // The padding row receives no gradient, as in PyTorch.
        try expectGradientsMatch(layer, output: output, fixture)
    }

    @Test("LSTM outputs, final states and gradients match torch.nn.LSTM", arguments: [
        ("lstm", 1, false, false), ("lstm_stacked_bidirectional", 2, true, true),
    ])
    func lstm(name: String, layers: Int, bidirectional: Bool, batchFirst: Bool) throws {
        let fixture = try LayerFixtures.named(name)
        let layer = try LSTM(
            inputSize: 3, hiddenSize: 4, numLayers: layers, batchFirst: batchFirst, bidirectional: bidirectional,
            dtype: .float64, generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        layer.eval()
        let (output, h, c) = try layer(fixture.tensor("input"))
        try expectMatches(output, fixture, "output")
        try expectMatches(h, fixture, "h")
        try expectMatches(c, fixture, "c")
        try expectGradientsMatch(layer, output: output, fixture)
    }

    @Test("LSTM with a given initial state matches torch.nn.LSTM")
    func lstmInitialState() throws {
        let fixture = try LayerFixtures.named("lstm_initial_state")
        let layer = try LSTM(
            inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true, dtype: .float64,
            generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        let (output, h, c) = try layer(fixture.tensor("input"), initial: (fixture.tensor("h0"), fixture.tensor("c0")))
        try expectMatches(output, fixture, "output")
        try expectMatches(h, fixture, "h")
        try expectMatches(c, fixture, "c")
    }

    @Test("GRU outputs, final state and gradients match torch.nn.GRU", arguments: [
        ("gru", 1, false, false), ("gru_stacked_bidirectional", 2, true, true),
    ])
    func gru(name: String, layers: Int, bidirectional: Bool, batchFirst: Bool) throws {
        let fixture = try LayerFixtures.named(name)
        let layer = try GRU(
            inputSize: 3, hiddenSize: 4, numLayers: layers, batchFirst: batchFirst, bidirectional: bidirectional,
            dtype: .float64, generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        let (output, h) = try layer(fixture.tensor("input"))
        try expectMatches(output, fixture, "output")
        try expectMatches(h, fixture, "h")
        try expectGradientsMatch(layer, output: output, fixture)
    }

    @Test("BatchNorm1d matches torch.nn.BatchNorm1d in eval mode and in a training step")
    func batchNorm() throws {
        let fixture = try LayerFixtures.named("batch_norm")
        let layer = try BatchNorm1d(numFeatures: 3, dtype: .float64)
        try layer.loadStateDict(fixture.stateDict())
        layer.eval()
        try expectMatches(layer(fixture.tensor("input")), fixture, "output")
        // Eval mode leaves the running statistics alone.
        #expect(layer.runningMean.toArray() == fixture.state["running_mean"]?.data)
        #expect(layer.numBatchesTracked == 0)

        layer.train()
        let trainOutput = try layer(fixture.tensor("input"))
        try expectMatches(trainOutput, fixture, "train_output")
        try expectGradientsMatch(layer, output: trainOutput, fixture)
        let after = try #require(fixture.stateAfterTrain)
        let state = layer.stateDict()
        for name in ["running_mean", "running_var", "num_batches_tracked"] {
            let expected = try #require(after[name])
            let actual = try #require(state[name])
            #expect(LayerFixtures.maxDifference(actual, expected) < Self.tolerance, "\(name) after a training step")
        }
        #expect(layer.numBatchesTracked == 1)
    }

    @Test("Conv1d with stride, padding and groups matches torch.nn.Conv1d")
    func conv1d() throws {
        let fixture = try LayerFixtures.named("conv1d")
        let layer = try Conv1d(
            inChannels: 4, outChannels: 6, kernelSize: 3, stride: 2, padding: 1, groups: 2, dtype: .float64,
            generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        let output = try layer(fixture.tensor("input"))
        try expectMatches(output, fixture, "output")
        try expectGradientsMatch(layer, output: output, fixture)
    }

    @Test("MultiheadAttention matches torch.nn.MultiheadAttention (output and averaged weights)")
    func multiheadAttention() throws {
        let fixture = try LayerFixtures.named("multihead_attention")
        let layer = try MultiheadAttention(
            embedDim: 8, numHeads: 2, batchFirst: true, dtype: .float64, generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        layer.eval()
        let (output, weights) = try layer(
            query: fixture.tensor("query"), key: fixture.tensor("key"), value: fixture.tensor("value"))
        try expectMatches(output, fixture, "output")
        try expectMatches(weights, fixture, "weights")
        try expectGradientsMatch(layer, output: output, fixture)
    }

    @Test("TransformerEncoderLayer output and gradients match torch.nn.TransformerEncoderLayer in eval mode")
    func transformerEncoderLayer() throws {
        let fixture = try LayerFixtures.named("transformer_encoder_layer")
        let layer = try TransformerEncoderLayer(
            dModel: 8, nHead: 2, dimFeedforward: 16, dropout: 0.1, batchFirst: true, dtype: .float64,
            generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        layer.eval()
        let output = try layer(fixture.tensor("input"))
        try expectMatches(output, fixture, "output")
        try expectGradientsMatch(layer, output: output, fixture)
    }

    @Test("Sequential(Linear, ReLU, Dropout, LayerNorm, Linear) matches torch.nn.Sequential, names 0.weight...")
    func sequential() throws {
        let fixture = try LayerFixtures.named("sequential")
        let generator = try SeededGenerator(seed: 0)
        let model = Sequential([
            try Linear(inFeatures: 4, outFeatures: 6, dtype: .float64, generator: generator),
            ReLU(),
            try Dropout(p: 0.3, generator: generator),
            try LayerNorm(normalizedShape: [6], dtype: .float64),
            try Linear(inFeatures: 6, outFeatures: 2, dtype: .float64, generator: generator),
        ])
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "3.weight", "3.bias", "4.weight", "4.bias"])
        try model.loadStateDict(fixture.stateDict())
        model.eval()
        let output = try model(fixture.tensor("input"))
        try expectMatches(output, fixture, "output")
        try expectGradientsMatch(model, output: output, fixture)
    }

    @Test("TransformerEncoder (2 layers and a final norm) matches torch.nn.TransformerEncoder")
    func transformerEncoder() throws {
        let fixture = try LayerFixtures.named("transformer_encoder")
        let encoder = try TransformerEncoder(
            numLayers: 2, dModel: 8, nHead: 2, dimFeedforward: 16, batchFirst: true, finalNorm: true, dtype: .float64,
            generator: SeededGenerator(seed: 0))
        try encoder.loadStateDict(fixture.stateDict())
        encoder.eval()
        try expectMatches(encoder(fixture.tensor("input")), fixture, "output")
    }
}

/// Causal and key-padding masks in attention, against PyTorch.
@Suite("Masked attention parity with PyTorch")
struct MaskedAttentionTests {
    @Test("causal mask plus key padding: MultiheadAttention and TransformerEncoderLayer match PyTorch")
    func masked() throws {
        let fixture = try LayerFixtures.named("masked_encoder_layer")
        let layer = try TransformerEncoderLayer(
            dModel: 8, nHead: 2, dimFeedforward: 16, batchFirst: true, dtype: .float64,
            generator: SeededGenerator(seed: 0))
        try layer.loadStateDict(fixture.stateDict())
        layer.eval()
        let input = try fixture.tensor("input")
        let causal = try MultiheadAttention.causalMask(length: 5, dtype: .float64)
        let padding = try fixture.tensor("key_padding")
        let (attended, weights) = try layer.selfAttn(
            query: input, key: input, value: input, attentionMask: causal, keyPaddingMask: padding)
        #expect(LayerFixtures.maxDifference(attended, try #require(fixture.arrays["attention_output"])) < 1e-10)
        #expect(LayerFixtures.maxDifference(weights, try #require(fixture.arrays["attention_weights"])) < 1e-10)
        let output = try layer(input, mask: causal, keyPaddingMask: padding)
        #expect(LayerFixtures.maxDifference(output, try #require(fixture.arrays["output"])) < 1e-10)
        // Closed form: the first query may only see the first key, so its weight row is [1, 0, 0, 0, 0].
        #expect(Array(weights.toArray()[0..<5]) == [1, 0, 0, 0, 0])
    }

    @Test("mis-shaped masks are errors naming the expected shape")
    func badMasks() throws {
        let attention = try MultiheadAttention(
            embedDim: 4, numHeads: 2, batchFirst: true, dtype: .float64, generator: SeededGenerator(seed: 0))
        let x = try Tensor([Double](repeating: 0.5, count: 24), shape: [2, 3, 4])
        #expect { try attention(query: x, key: x, value: x, attentionMask: try MultiheadAttention.causalMask(length: 2, dtype: .float64)) } throws: {
            ($0 as? TorchError)?.message.contains("attention mask must be (3, 3)") == true
        }
        #expect { try attention(query: x, key: x, value: x, keyPaddingMask: try Tensor([0, 0, 0], shape: [1, 3])) } throws: {
            ($0 as? TorchError)?.message.contains("key padding mask must be (2, 3), got [1, 3]") == true
        }
    }
}
