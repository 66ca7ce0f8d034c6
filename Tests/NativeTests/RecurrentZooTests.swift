import BarbellTorch
import Testing

/// Checks specific to the zoo's recurrent variants (bilstm-attention, residual-lstm, attention-gru,
/// bigru-fusion) beyond ZooTests' parity, tasks, seeding and learning: attention weights form a
/// distribution over time, wrong inputs name both shapes, and structural identities that hold only
/// if the blocks are wired as documented.
@Suite("Recurrent zoo variants")
struct RecurrentZooTests {
    /// ZooTests' fixture configuration in float64 (features 3, hidden 8, 2 layers, 3 outputs), eval mode.
    func model(_ a: SequenceModelConfiguration.Architecture) throws -> any Predictor {
        let m = try SequenceModelConfiguration(architecture: a, features: 3, hidden: 8, layers: 2, dropout: 0.1,
                                               task: .regression(horizons: 3)).build(seed: 5, dtype: .float64)
        m.eval()
        return m
    }

    /// A deterministic, non-constant `[4, 7, 3]` input.
    static let input: [Double] = (0..<(4 * 7 * 3)).map { (i: Int) -> Double in Double((i * 37) % 23) / 11 - 1 }

    /// Maximum absolute difference of two equally long tensors.
    func maxDifference(_ a: Tensor, _ b: Tensor) -> Double {
        zip(a.toArray(), b.toArray()).map { Swift.abs($0 - $1) }.max() ?? .infinity
    }

    static let variants: [SequenceModelConfiguration.Architecture] = [.biLSTMAttention, .residualLSTM, .attentionGRU, .biGRUFusion]

    @Test("every parameter receives a non-zero gradient: no block is left out of the forward pass", arguments: variants)
    func everyParameterIsUsed(_ a: SequenceModelConfiguration.Architecture) throws {
        let m = try model(a)
        try (try m.forward(try Tensor(Self.input, shape: [4, 7, 3])) * 1.0).pow(2).sum().backward()
        for (name, p) in m.namedParameters {
            let grad = try #require(try p.grad, "\(a.rawValue): \(name) has no gradient")
            #expect(grad.toArray().contains { $0 != 0 }, "\(a.rawValue): \(name) has a zero gradient")
        }
    }

    @Test("dropout acts in training mode only: training outputs vary between calls, evaluation outputs do not", arguments: variants)
    func dropoutOnlyInTraining(_ a: SequenceModelConfiguration.Architecture) throws {
        let m = try model(a)
        let x = try Tensor(Self.input, shape: [4, 7, 3])
        #expect(try m.forward(x).toArray() == (try m.forward(x).toArray()))
        m.train()
        #expect(try m.forward(x).toArray() != (try m.forward(x).toArray()))
    }

    @Test("attention weights are non-negative, sum to one over the steps of each sample, and differ between steps")
    func attentionIsADistributionOverTime() throws {
        let x = try Tensor(Self.input, shape: [4, 7, 3])
        let bilstm = try #require(try model(.biLSTMAttention) as? BiLSTMAttentionPredictor)
        let gru = try #require(try model(.attentionGRU) as? AttentionGRUPredictor)
        for w in [try bilstm.attentionWeights(x), try gru.attentionWeights(x)] {
            #expect(w.shape == [4, 7])
            let values = w.toArray()
            #expect(values.allSatisfy { $0 >= 0 })
            for row in 0..<4 {
                let steps = values[(row * 7)..<(row * 7 + 7)]
                #expect(Swift.abs(steps.reduce(0, +) - 1) < 1e-12)
                // Softmax over random scores is not uniform: the model does weight the steps.
                #expect(steps.max()! - steps.min()! > 1e-6)
            }
        }
    }

    @Test("with a zero score vector, attention pooling is uniform and returns the mean over the steps")
    func zeroScorePoolsToTheMean() throws {
        let pool = try AttentionPooling(width: 3, attention: 5, dtype: .float64, generator: SeededGenerator(seed: 1))
        try pool.score.loadStateDict(["weight": try Tensor([Double](repeating: 0, count: 5), shape: [1, 5])])
        let x = try Tensor(Self.input, shape: [4, 7, 3])
        #expect(maxDifference(try pool.weights(x), try Tensor([Double](repeating: 1.0 / 7, count: 28), shape: [4, 7])) < 1e-15)
        let pooled = try pool(x)
        #expect(pooled.shape == [4, 3])
        #expect(maxDifference(pooled, try x.mean(dim: 1)) < 1e-14)
    }

    @Test("a wrong feature count or rank is an error naming the expected and the actual shape", arguments: [
        SequenceModelConfiguration.Architecture.biLSTMAttention, .residualLSTM, .attentionGRU, .biGRUFusion,
    ])
    func wrongInputNamesShapes(_ a: SequenceModelConfiguration.Architecture) throws {
        let m = try model(a)
        for (shape, actual) in [([4, 7, 5], "[4, 7, 5]"), ([4, 3], "[4, 3]")] {
            let x = try Tensor([Double](repeating: 0.5, count: shape.reduce(1, *)), shape: shape)
            let error = try #require(throws: TorchError.self) { try m.forward(x) }
            #expect(error.message.contains(a.rawValue), "\(error.message)")
            #expect(error.message.contains("[batch, lookback, 3]") && error.message.contains(actual), "\(error.message)")
        }
        let wide = try Tensor([Double](repeating: 0.5, count: 4 * 7 * 5), shape: [4, 7, 5])
        if let attending = m as? BiLSTMAttentionPredictor {
            #expect(throws: TorchError.self) { try attending.attentionWeights(wide) }
        }
        if let attending = m as? AttentionGRUPredictor {
            #expect(throws: TorchError.self) { try attending.attentionWeights(wide) }
        }
    }

    @Test("residual LSTM with all LSTM weights zero reduces to the head of the layer norms of the projection")
    func residualWithZeroLSTMIsLayerNormOfProjection() throws {
        let m = try #require(try model(.residualLSTM) as? ResidualLSTMPredictor)
        // A zero LSTM outputs exactly 0 (c = ½·0, h = ½·tanh 0), so each block is h ← LayerNorm(h).
        for lstm in m.lstms {
            try lstm.loadStateDict(lstm.stateDict().mapValues { try Tensor([Double](repeating: 0, count: $0.count), shape: $0.shape) })
        }
        // Distinct scales and shifts per norm, so applying one twice, or none, shows.
        for (i, norm) in m.norms.enumerated() {
            try norm.loadStateDict([
                "weight": try Tensor((0..<8).map { 0.5 + Double(i) + 0.1 * Double($0) }, shape: [8]),
                "bias": try Tensor((0..<8).map { Double(i) - 0.05 * Double($0) }, shape: [8]),
            ])
        }
        let x = try Tensor(Self.input, shape: [4, 7, 3])
        var expected = try m.projection(try x.lastStep())
        for norm in m.norms { expected = try norm(expected) }
        expected = try m.head(expected)
        let y = try m.forward(x)
        #expect(y.shape == [4, 3])
        #expect(maxDifference(y, expected) < 1e-12)
    }

    @Test("bigru-fusion's summary is the top layer's final hidden state of each direction (PyTorch's h_n)")
    func fusionSummaryIsFinalStates() throws {
        let m = try #require(try model(.biGRUFusion) as? BiGRUFusionPredictor)
        let x = try Tensor(Self.input, shape: [4, 7, 3])
        let h = try m.gru(x).h  // [layers · 2, batch, hidden]: last two rows are the top layer's directions
        let expected = try Tensor.cat([try h.narrow(dim: 0, start: 2, length: 1).squeeze(dim: 0),
                                       try h.narrow(dim: 0, start: 3, length: 1).squeeze(dim: 0)], dim: -1)
        let summary = try m.summary(x)
        #expect(summary.shape == [4, 16])
        #expect(maxDifference(summary, expected) == 0)
    }
}
