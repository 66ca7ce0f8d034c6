import BarbellTorch
import Foundation
import Testing

/// The last-position attention weights of the Transformer-style zoo models: PyTorch's weights on
/// the zoo fixtures' state dicts (Tests/Fixtures/torch/attention.py), a distribution over the
/// steps, uniform when every query is zero (all scores equal), the market bias steering it to the
/// high-volume step, and multi-scale weights confined to the longest scale's steps.
@Suite("Transformer attention weights")
struct TransformerAttentionWeightsTests {
    static func model(_ a: SequenceModelConfiguration.Architecture) throws -> any Predictor {
        let m = try ZooTests.configuration(a).build(seed: 5, dtype: .float64)
        m.eval()
        return m
    }

    /// Rows of `[batch, steps]` as arrays.
    static func rows(_ w: Tensor) -> [[Double]] {
        let v = w.toArray(), steps = w.shape[1]
        return (0..<w.shape[0]).map { Array(v[($0 * steps)..<(($0 + 1) * steps)]) }
    }

    struct Fixture: Decodable {
        struct Case: Decodable { let input: [Double]; let weights: [Double] }
        let cases: [String: Case]
    }

    @Test("PyTorch's attention weights on the zoo fixtures' weights and inputs",
          arguments: [SequenceModelConfiguration.Architecture.transformer, .marketTransformer, .multiScaleAttention])
    func parity(_ a: SequenceModelConfiguration.Architecture) throws {
        let data = try Data(contentsOf: ZooTests.directory.appendingPathComponent("attention.json"))
        let fixture = try #require(try JSONDecoder().decode(Fixture.self, from: data).cases[a.rawValue])
        let m = try Self.model(a)
        try m.load(from: ZooTests.directory.appendingPathComponent("zoo_\(a.rawValue).pt").path)
        m.eval()
        let x = try Tensor(fixture.input, shape: [4, 7, 3])
        let w: Tensor = switch m {
        case let t as TransformerPredictor: try t.attentionWeights(x)
        case let t as MarketTransformerPredictor: try t.attentionWeights(x)
        case let t as MultiScaleAttentionPredictor: try t.attentionWeights(x)
        default: throw TorchError(code: .invalidArgument, message: "not an attention model")
        }
        #expect(w.shape == [4, 7])
        let got = w.toArray()
        #expect(zip(got, fixture.weights).allSatisfy { Swift.abs($0 - $1) < 1e-10 }, "\(got) vs \(fixture.weights)")
    }

    @Test("every model's rows are non-negative, sum to one and have one weight per step",
          arguments: [SequenceModelConfiguration.Architecture.transformer, .marketTransformer, .multiScaleAttention])
    func distribution(_ a: SequenceModelConfiguration.Architecture) throws {
        let x = try ConvolutionalZooTests.input()
        let m = try Self.model(a)
        let w: Tensor = switch m {
        case let t as TransformerPredictor: try t.attentionWeights(x)
        case let t as MarketTransformerPredictor: try t.attentionWeights(x)
        case let t as MultiScaleAttentionPredictor: try t.attentionWeights(x)
        default: throw TorchError(code: .invalidArgument, message: "not an attention model")
        }
        #expect(w.shape == [3, 9])
        for row in Self.rows(w) {
            #expect(row.allSatisfy { $0 >= 0 })
            #expect(Swift.abs(row.reduce(0, +) - 1) < 1e-12)
            #expect(row.max()! - row.min()! > 1e-6)
        }
    }

    @Test("zero query projections make every score equal, so the weights are uniform")
    func uniformWithZeroQueries() throws {
        let m = try #require(try Self.model(.transformer) as? TransformerPredictor)
        for layer in m.encoder.layers {
            let e = layer.selfAttn.embedDim
            var w = layer.selfAttn.inProjWeight.toArray()
            for i in 0..<(e * e) { w[i] = 0 }  // the first E rows: the query projection
            var state = layer.selfAttn.stateDict()
            state["in_proj_weight"] = try Tensor(w, shape: [3 * e, e])
            try layer.selfAttn.loadStateDict(state)
        }
        for row in Self.rows(try m.attentionWeights(try ConvolutionalZooTests.input())) {
            #expect(row.allSatisfy { Swift.abs($0 - 1.0 / 9) < 1e-12 })
        }
    }

    @Test("the market Transformer starts as the plain one; a large volume bias attends to the loudest step")
    func marketBias() throws {
        let plain = try #require(try Self.model(.transformer) as? TransformerPredictor)
        let market = try #require(try Self.model(.marketTransformer) as? MarketTransformerPredictor)
        var state = plain.stateDict()
        state["volume_bias"] = try Tensor([Double](repeating: 0, count: 4), shape: [2, 2])
        state["volatility_bias"] = try Tensor([Double](repeating: 0, count: 4), shape: [2, 2])
        try market.loadStateDict(state)
        let x = try ConvolutionalZooTests.input()
        #expect(try market.attentionWeights(x).toArray() == plain.attentionWeights(x).toArray())

        state["volume_bias"] = try Tensor([Double](repeating: 60, count: 4), shape: [2, 2])
        try market.loadStateDict(state)
        let volume = x.toArray()
        for (b, row) in Self.rows(try market.attentionWeights(x)).enumerated() {
            let loudest = (0..<9).max { volume[(b * 9 + $0) * 3 + 1] < volume[(b * 9 + $1) * 3 + 1] }!
            #expect(row[loudest] > 0.9, "sample \(b): \(row)")
        }
    }

    @Test("multi-scale weights are zero before the longest scale's window")
    func multiScaleSupport() throws {
        let m = try #require(try Self.model(.multiScaleAttention) as? MultiScaleAttentionPredictor)
        for row in Self.rows(try m.attentionWeights(try ConvolutionalZooTests.input())) {
            #expect(row.prefix(2) == [0, 0])  // 9 steps, longest scale 7
            #expect(row.dropFirst(2).allSatisfy { $0 > 0 })
        }
    }
}
