import BarbellTorch
import Foundation
import Testing

/// Properties of the convolutional and attention zoo models beyond ZooTests' parity: causality of
/// the convolutions, the market bias's layout and its zero start, the multi-scale lookback check.
@Suite("Convolutional and attention zoo")
struct ConvolutionalZooTests {
    /// ZooTests' fixture configuration (features 3, column 1 volume, column 2 volatility, hidden 8,
    /// 2 layers, 2 heads, kernel 3, scales [2, 4, 7], 3 outputs).
    static func configuration(_ a: SequenceModelConfiguration.Architecture) -> SequenceModelConfiguration {
        ZooTests.configuration(a)
    }

    /// A deterministic `[batch, steps, 3]` float64 input.
    static func input(batch: Int = 3, steps: Int = 9, salt: Double = 0) throws -> Tensor {
        try Tensor((0..<(batch * steps * 3)).map { sin(Double($0) * 0.7 + salt) + 0.1 * Double($0 % 5) }, shape: [batch, steps, 3])
    }

    /// `x` with every value at steps ≥ `t` replaced.
    static func changed(after t: Int, of x: Tensor) throws -> Tensor {
        let steps = x.shape[1]
        let tail = try (x.narrow(dim: 1, start: t, length: steps - t) * -3.0) + 1.0
        return try Tensor.cat([x.narrow(dim: 1, start: 0, length: t), tail], dim: 1)
    }

    @Test("CNN and TCN step features are causal: a change at step t leaves steps < t unchanged and matches the truncated sequence",
          arguments: [SequenceModelConfiguration.Architecture.cnn, .tcn])
    func causal(_ a: SequenceModelConfiguration.Architecture) throws {
        let model = try Self.configuration(a).build(seed: 5, dtype: .float64)
        model.eval()  // batch statistics (training mode) would mix the steps
        let features: (Tensor) throws -> Tensor = { x in
            if let cnn = model as? CNNPredictor { return try cnn.stepFeatures(x) }
            return try #require(model as? TCNPredictor).stepFeatures(x)
        }
        let x = try Self.input()
        let t = 4
        let before = try features(x), after = try features(Self.changed(after: t, of: x))
        let prefix = { (h: Tensor) in try h.narrow(dim: 2, start: 0, length: t).toArray() }
        let suffix = { (h: Tensor) in try h.narrow(dim: 2, start: t, length: h.shape[2] - t).toArray() }
        // Steps before t see only unchanged inputs. (1e-12, not bit equality: libtorch may block a
        // convolution's sums differently for another length.)
        let close = { (u: [Double], v: [Double]) in u.count == v.count && zip(u, v).allSatisfy { abs($0 - $1) <= 1e-12 } }
        #expect(close(try prefix(before), try prefix(after)))
        #expect(!close(try suffix(before), try suffix(after)))  // the change does reach the later steps
        // Streaming consistency: the first t steps of the full sequence are the features of x[:, :t].
        let truncated = try features(x.narrow(dim: 1, start: 0, length: t))
        #expect(close(truncated.toArray(), try prefix(before)))
    }

    @Test("the market bias is a_h·zvol_j + b_h·zσ_j at row batch·heads + h, the same for every query")
    func marketBiasLayout() throws {
        let c = Self.configuration(.marketTransformer)
        let model = try #require(try c.build(seed: 2, dtype: .float64) as? MarketTransformerPredictor)
        var state = model.stateDict()
        let a = [0.5, -1.25, 2.0, 0.75], b = [-0.3, 1.1, 0.2, -2.5]  // [layers = 2, heads = 2]
        state["volume_bias"] = try Tensor(a, shape: [2, 2])
        state["volatility_bias"] = try Tensor(b, shape: [2, 2])
        try model.loadStateDict(state)
        let (batch, steps, heads) = (3, 9, 2)
        let x = try Self.input(batch: batch, steps: steps)
        let values = x.toArray()
        func z(_ row: Int, _ column: Int) -> [Double] {
            let v = (0..<steps).map { values[(row * steps + $0) * 3 + column] }
            let mean = v.reduce(0, +) / Double(steps)
            let variance = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(steps)
            return v.map { ($0 - mean) / (variance + 1e-5).squareRoot() }
        }
        let masks = try model.attentionBias(x)
        #expect(masks.count == 2)
        for (l, mask) in masks.enumerated() {
            #expect(mask.shape == [batch * heads, steps, steps])
            let m = mask.toArray()
            for r in 0..<batch {
                let (zv, zs) = (z(r, 1), z(r, 2))
                for h in 0..<heads {
                    for i in 0..<steps {
                        for j in 0..<steps {
                            let expected = a[l * heads + h] * zv[j] + b[l * heads + h] * zs[j]
                            let got = m[((r * heads + h) * steps + i) * steps + j]
                            #expect(abs(got - expected) <= 1e-12, "layer \(l) row \(r) head \(h) (\(i), \(j))")
                        }
                    }
                }
            }
        }
    }

    @Test("the market Transformer starts with zero bias and then equals the plain Transformer with its weights")
    func marketBiasStartsAtZero() throws {
        let market = try #require(try Self.configuration(.marketTransformer).build(seed: 3, dtype: .float64) as? MarketTransformerPredictor)
        #expect(market.volumeBias.toArray() == [0, 0, 0, 0] && market.volatilityBias.toArray() == [0, 0, 0, 0])
        let plain = try Self.configuration(.transformer).build(seed: 9, dtype: .float64)
        var state = market.stateDict()
        state["volume_bias"] = nil
        state["volatility_bias"] = nil
        try plain.loadStateDict(state)
        market.eval()
        plain.eval()
        let x = try Self.input()
        // A zero mask adds exactly 0 to every score, so the outputs agree bit for bit.
        #expect(try market.forward(x).toArray() == plain.forward(x).toArray())
        var biased = market.stateDict()
        biased["volatility_bias"] = try Tensor([0, 1, 0, 0], shape: [2, 2])
        try market.loadStateDict(biased)
        #expect(try market.forward(x).toArray() != plain.forward(x).toArray())
    }

    @Test("the market bias weights are trained: they receive gradients")
    func marketBiasLearns() throws {
        let market = try #require(try Self.configuration(.marketTransformer).build(seed: 4, dtype: .float64) as? MarketTransformerPredictor)
        market.eval()
        var state = market.stateDict()
        state["volume_bias"] = try Tensor([0.1, 0.2, 0.3, 0.4], shape: [2, 2])  // away from zero: a saddle of nothing
        try market.loadStateDict(state)
        try (market.forward(try Self.input()).pow(2.0).sum()).backward()
        let grad = try #require(try market.volumeBias.grad)
        #expect(grad.toArray().contains { $0 != 0 })
    }

    @Test("multi-scale attention rejects a sequence shorter than its longest scale, naming both")
    func shortSequence() throws {
        let model = try Self.configuration(.multiScaleAttention).build(seed: 1, dtype: .float64)
        do {
            _ = try model.forward(try Self.input(steps: 5))
            Issue.record("a 5-step sequence with scale 7 was accepted")
        } catch let error as TorchError {
            #expect(error.message.contains("5 steps") && error.message.contains("longest scale 7"), "\(error.message)")
        }
        #expect(try model.forward(try Self.input(steps: 7)).shape == [3, 3])
    }

    @Test("wrong input shapes are errors, not crashes",
          arguments: [SequenceModelConfiguration.Architecture.marketTransformer, .multiScaleAttention, .cnn, .cnnLSTM, .tcn])
    func badInput(_ a: SequenceModelConfiguration.Architecture) throws {
        let model = try Self.configuration(a).build(seed: 1, dtype: .float64)
        #expect(throws: TorchError.self) { try model.forward(try Tensor([Double](repeating: 0, count: 4 * 7 * 5), shape: [4, 7, 5])) }
        #expect(throws: TorchError.self) { try model.forward(try Tensor([Double](repeating: 0, count: 4 * 3), shape: [4, 3])) }
        #expect(throws: TorchError.self) { try model.forward(try Tensor([Double](), shape: [4, 0, 3])) }
    }
}
