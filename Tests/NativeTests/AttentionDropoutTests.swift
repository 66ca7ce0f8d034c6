import BarbellTorch
import Testing

/// Attention-weight dropout (PyTorch's `MultiheadAttention(dropout=p)`, which
/// `TransformerEncoderLayer` turns on with its own dropout): training only, seeded, applied to
/// the softmax weights before they weight the values.
@Suite("Attention-weight dropout")
struct AttentionDropoutTests {
    static func input() throws -> Tensor { try Tensor.randn(shape: [2, 5, 4], seed: 3) }

    @Test("in training each weight is dropped or scaled by 1/(1-p); in eval none is; the same seed repeats")
    func dropsWeights() throws {
        let attention = try MultiheadAttention(embedDim: 4, numHeads: 1, dropout: 0.5, batchFirst: true, dtype: .float64,
                                               generator: SeededGenerator(seed: 9))
        let x = try Self.input()
        attention.eval()
        let clean = try attention(query: x, key: x, value: x).weights.toArray()
        attention.train()
        let dropped = try attention(query: x, key: x, value: x).weights.toArray()
        var zeros = 0
        for (d, c) in zip(dropped, clean) {
            if d == 0 { zeros += 1 } else { #expect(abs(d - 2 * c) <= 1e-15 * max(1, abs(c)), "\(d) vs 2 × \(c)") }
        }
        #expect(zeros > 5 && zeros < dropped.count - 5, "\(zeros) of \(dropped.count) dropped")
        #expect(attention.randomGenerators.count == 1)

        let twin = try MultiheadAttention(embedDim: 4, numHeads: 1, dropout: 0.5, batchFirst: true, dtype: .float64,
                                          generator: SeededGenerator(seed: 9))
        twin.train()
        #expect(try twin(query: x, key: x, value: x).weights.toArray() == dropped)
        #expect(throws: TorchError.self) { try MultiheadAttention(embedDim: 4, numHeads: 1, dropout: 1, generator: SeededGenerator(seed: 1)) }
    }

    @Test("an encoder layer's dropout reaches its attention; without dropout the layer has no generator to save")
    func encoderLayer() throws {
        let layer = try TransformerEncoderLayer(dModel: 4, nHead: 2, dimFeedforward: 8, dropout: 0.3, batchFirst: true,
                                                dtype: .float64, generator: SeededGenerator(seed: 2))
        #expect(layer.selfAttn.dropout == 0.3)
        let plain = try MultiheadAttention(embedDim: 4, numHeads: 2, generator: SeededGenerator(seed: 2))
        #expect(plain.randomGenerators.isEmpty)
        // Monte Carlo dropout samples differ only through dropout: an attention-only model varies.
        final class AttentionOnly: Predictor {
            let attention: MultiheadAttention
            var isTraining = true
            init() throws { attention = try MultiheadAttention(embedDim: 4, numHeads: 1, dropout: 0.5, batchFirst: true, dtype: .float64, generator: SeededGenerator(seed: 4)) }
            var localState: [ModuleTensor] { [] }
            var children: [(name: String, module: any Module)] { [("attention", attention)] }
            func forward(_ input: Tensor) throws -> Tensor { try attention(query: input, key: input, value: input).output }
        }
        let model = try AttentionOnly()
        let mc = try model.monteCarloDropout(try Self.input(), samples: 8)
        #expect(mc.standardDeviation.contains { $0 > 0 })
    }
}
