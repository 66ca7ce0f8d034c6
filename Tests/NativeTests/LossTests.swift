import BarbellTorch
import Foundation
import Testing

/// Each loss's value and gradient against PyTorch 1.13 (Tests/Fixtures/torch/losses.py, where
/// the trading losses are written out in plain PyTorch from their documented formulas).
@Suite("Losses: values and gradients against PyTorch")
struct LossTests {
    struct Case: Decodable {
        let prediction: [Double]
        let prediction_shape: [Int]
        let target: [Double]
        let target_shape: [Int]
        let params: [Double]
        let value: Double
        let gradient: [Double]
    }
    struct Fixture: Decodable { let cases: [String: Case] }

    static let fixture: Fixture = try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf:
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch/losses.json")))

    static func loss(_ name: String, _ params: [Double]) -> Loss {
        switch name {
        case "mse": return .mse
        case "huber": return .huber(delta: params[0])
        case "cross_entropy": return .crossEntropy
        case "pinball": return .pinball(quantiles: params)
        case "directional": return .directional(sharpness: params[0])
        case "negative_sharpe": return .negativeSharpe(sharpness: params[0], epsilon: params[1])
        case "max_drawdown": return .maxDrawdown(sharpness: params[0])
        case "cvar": return .cvar(alpha: params[1], sharpness: params[0])
        default: return .weighted([.init(1, .mse), .init(0.5, .maxDrawdown(sharpness: 3))])
        }
    }

    @Test("value and gradient with respect to the prediction match PyTorch's autograd",
          arguments: ["mse", "huber", "cross_entropy", "pinball", "directional", "negative_sharpe", "max_drawdown", "cvar", "weighted"])
    func matchesPyTorch(_ name: String) throws {
        let c = try #require(Self.fixture.cases[name])
        let p = try Tensor(c.prediction, shape: c.prediction_shape)
        try p.setRequiresGrad()
        let y = try Tensor(c.target, shape: c.target_shape)
        let value = try Self.loss(name, c.params)(p, y)
        #expect(value.shape == [])
        // Same kernels in the same libtorch; the only differences are summation order (1e-12).
        #expect(abs(value.toArray()[0] - c.value) <= 1e-12 * max(1, abs(c.value)), "\(value.toArray()[0]) vs \(c.value)")
        try value.backward()
        let g = try #require(try p.grad).toArray()
        #expect(g.count == c.gradient.count)
        let worst = zip(g, c.gradient).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .infinity
        #expect(worst <= 1e-12, "worst gradient difference \(worst)")
    }

    @Test("a float32 prediction gives a float32 loss, weighted combinations included")
    func keepsDtype() throws {
        let p = try Tensor(float32: [0.1, -0.2, 0.3], shape: [3])
        let y = try Tensor(float32: [0.01, 0.02, -0.01], shape: [3])
        #expect(try Loss.mse(p, y).dtype == .float32)
        #expect(try Loss.weighted([.init(1, .mse), .init(2, .negativeSharpe(sharpness: 2))])(p, y).dtype == .float32)
    }

    @Test("shape mismatches and bad parameters throw instead of crashing")
    func badInput() throws {
        let p = try Tensor([1, 2, 3, 4], shape: [4])
        #expect(throws: TorchError.self) { try Loss.mse(p, try Tensor([1, 2, 3], shape: [3])) }
        #expect(throws: TorchError.self) { try Loss.pinball(quantiles: [0.1, 0.9])(try Tensor([1, 2, 3], shape: [3, 1]), try Tensor([1, 2, 3], shape: [3])) }
        #expect(throws: TorchError.self) { try Loss.cvar(alpha: 0, sharpness: 1)(p, p) }
        #expect(throws: TorchError.self) { try Loss.negativeSharpe(sharpness: 1)(p, try Tensor([1, 2], shape: [2])) }
        #expect(throws: TorchError.self) { try Loss.crossEntropy(try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), try Tensor([0, 5], shape: [2])) }
        #expect(throws: TorchError.self) { try Loss.weighted([])(p, p) }
    }
}
