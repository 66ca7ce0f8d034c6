import BarbellTorch
import Testing

/// Inter-layer dropout of stacked LSTM / GRU: seeded, training-only, and the
/// layer-by-layer path it needs computes the same recurrence as the fused stack.
@Suite("Recurrent inter-layer dropout")
struct RecurrentDropoutTests {
    func lstm(dropout: Double, seed: UInt64 = 7) throws -> LSTM {
        let layer = try LSTM(
            inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true, bidirectional: true, dropout: dropout,
            dtype: .float64, generator: SeededGenerator(seed: seed))
        try layer.loadStateDict(LayerFixtures.named("lstm_stacked_bidirectional").stateDict())
        return layer
    }

    @Test("with a negligible dropout probability, the per-layer training path matches PyTorch's fused output")
    func perLayerPathMatchesFused() throws {
        let fixture = try LayerFixtures.named("lstm_stacked_bidirectional")
        // p = 1e-12: every mask element is kept with overwhelming probability and
        // scaled by 1/(1 - 1e-12), so only the per-layer decomposition is exercised.
        let layer = try lstm(dropout: 1e-12)
        layer.train()
        let (output, h, c) = try layer(fixture.tensor("input"))
        for (tensor, name) in [(output, "output"), (h, "h"), (c, "c")] {
            let expected = try #require(fixture.arrays[name])
            #expect(LayerFixtures.maxDifference(tensor, expected) < 1e-10, "\(name)")
        }

        let gruFixture = try LayerFixtures.named("gru_stacked_bidirectional")
        let gru = try GRU(
            inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true, bidirectional: true, dropout: 1e-12,
            dtype: .float64, generator: SeededGenerator(seed: 7))
        try gru.loadStateDict(gruFixture.stateDict())
        let (gruOutput, gruH) = try gru(gruFixture.tensor("input"))
        #expect(LayerFixtures.maxDifference(gruOutput, try #require(gruFixture.arrays["output"])) < 1e-10)
        #expect(LayerFixtures.maxDifference(gruH, try #require(gruFixture.arrays["h"])) < 1e-10)
    }

    @Test("dropout changes training outputs reproducibly per seed and never affects eval mode")
    func seededAndTrainingOnly() throws {
        let fixture = try LayerFixtures.named("lstm_stacked_bidirectional")
        let input = try fixture.tensor("input")
        let expected = try #require(fixture.arrays["output"])
        let a = try lstm(dropout: 0.5, seed: 1)
        let b = try lstm(dropout: 0.5, seed: 1)
        let c = try lstm(dropout: 0.5, seed: 2)
        let outA = try a(input).output.toArray()
        #expect(try b(input).output.toArray() == outA)
        #expect(try c(input).output.toArray() != outA)
        #expect(zip(outA, expected.data).contains { abs($0 - $1) > 1e-6 })
        a.eval()
        #expect(LayerFixtures.maxDifference(try a(input).output, expected) < 1e-10)
        #expect(throws: TorchError.self) {
            try LSTM(inputSize: 1, hiddenSize: 1, dropout: 2, generator: SeededGenerator(seed: 0))
        }
    }
}
