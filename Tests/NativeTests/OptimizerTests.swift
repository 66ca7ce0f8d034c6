import BarbellTorch
import Foundation
import Testing

/// AdamW and SGD against torch.optim 1.13 on the same loss from the same start
/// (Tests/Fixtures/torch/optim.py), gradient clipping included, and exact resumption.
@Suite("Optimizers: AdamW and SGD against torch.optim")
struct OptimizerTests {
    struct Settings: Decodable {
        let kind: String
        let lr: Double
        let weight_decay: Double
        let momentum: Double?
        let dampening: Double?
        let nesterov: Bool?
        let clip: Double?
    }
    struct Case: Decodable { let settings: Settings; let p1: [Double]; let p2: [Double]; let norms: [Double] }
    struct Fixture: Decodable {
        let p1: [Double], p2: [Double], c1: [Double], c2: [Double]
        let steps: Int
        let cases: [String: Case]
    }

    static let fixture: Fixture = try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf:
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch/optim.json")))

    /// Fresh parameters, the fixture's loss, and an optimizer for `s`.
    static func setUp(_ s: Settings) throws -> (p1: Tensor, p2: Tensor, loss: () throws -> Tensor, optimizer: Optimizer) {
        let f = fixture
        let p1 = try Tensor(f.p1, shape: [3, 2]), p2 = try Tensor(f.p2, shape: [4])
        try p1.setRequiresGrad()
        try p2.setRequiresGrad()
        let c1 = try Tensor(f.c1, shape: [3, 2]), c2 = try Tensor(f.c2, shape: [4])
        let loss = { try (c1 * p1 * p1).sum() + (c2 * p2 * p2 * p2).sum() }
        let optimizer: Optimizer = s.kind == "adamw"
            ? try AdamW([p1, p2], learningRate: s.lr, weightDecay: s.weight_decay)
            : try SGD([p1, p2], learningRate: s.lr, momentum: s.momentum ?? 0, dampening: s.dampening ?? 0,
                      weightDecay: s.weight_decay, nesterov: s.nesterov ?? false)
        return (p1, p2, loss, optimizer)
    }

    static func train(_ o: Optimizer, _ loss: () throws -> Tensor, steps: Int, clip: Double?) throws -> [Double] {
        var norms = [Double]()
        for _ in 0..<steps {
            try o.zeroGrad()
            try loss().backward()
            if let clip { norms.append(try o.clipGradientNorm(clip)) }
            try o.step()
        }
        return norms
    }

    @Test("25 steps land on torch.optim's parameters", arguments: ["adamw", "adamw_clip", "sgd", "sgd_nesterov"])
    func matchesTorchOptim(_ name: String) throws {
        let c = try #require(Self.fixture.cases[name])
        let (p1, p2, loss, optimizer) = try Self.setUp(c.settings)
        let norms = try Self.train(optimizer, loss, steps: Self.fixture.steps, clip: c.settings.clip)
        // The same update formulas on the same libtorch kernels; summation order may differ in the
        // last bits, and 25 steps carry it along: 1e-12 relative.
        for (a, b) in zip(p1.toArray() + p2.toArray(), c.p1 + c.p2) {
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(name): \(a) vs \(b)")
        }
        #expect(norms.count == c.norms.count)
        for (a, b) in zip(norms, c.norms) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
        #expect(optimizer.stepCount == Self.fixture.steps)
    }

    @Test("a checkpoint of parameters and optimizer state resumes bit for bit", arguments: ["adamw", "sgd"])
    func resumesExactly(_ name: String) throws {
        let s = try #require(Self.fixture.cases[name]).settings
        let straight = try Self.setUp(s)
        _ = try Self.train(straight.optimizer, straight.loss, steps: 20, clip: 1.0)

        let first = try Self.setUp(s)
        _ = try Self.train(first.optimizer, first.loss, steps: 8, clip: 1.0)
        let state = try first.optimizer.state()
        // A new run: parameters restored by value into its own tensors, then the optimizer state.
        let p1 = try Tensor(first.p1.toArray(), shape: [3, 2]), p2 = try Tensor(first.p2.toArray(), shape: [4])
        try p1.setRequiresGrad()
        try p2.setRequiresGrad()
        let c1 = try Tensor(Self.fixture.c1, shape: [3, 2]), c2 = try Tensor(Self.fixture.c2, shape: [4])
        let optimizer: Optimizer = s.kind == "adamw"
            ? try AdamW([p1, p2], learningRate: s.lr, weightDecay: s.weight_decay)
            : try SGD([p1, p2], learningRate: s.lr, momentum: s.momentum ?? 0, dampening: s.dampening ?? 0,
                      weightDecay: s.weight_decay, nesterov: s.nesterov ?? false)
        try optimizer.load(state: state)
        _ = try Self.train(optimizer, { try (c1 * p1 * p1).sum() + (c2 * p2 * p2 * p2).sum() }, steps: 12, clip: 1.0)
        #expect(p1.toArray() == straight.p1.toArray())
        #expect(p2.toArray() == straight.p2.toArray())
        #expect(optimizer.stepCount == 20)
    }

    @Test("invalid settings and mismatched state are errors")
    func badInput() throws {
        let p = try Tensor([1, 2], shape: [2])
        #expect(throws: TorchError.self) { try AdamW([p], learningRate: -1) }
        #expect(throws: TorchError.self) { try SGD([p], learningRate: 0.1, nesterov: true) }
        let o = try AdamW([p])
        #expect(throws: TorchError.self) { try o.load(state: [:]) }
        #expect(throws: TorchError.self) {
            try o.load(state: ["step": try Tensor([1], shape: [1]), "0.exp_avg": try Tensor([1, 2, 3], shape: [3]),
                               "0.exp_avg_sq": try Tensor([1, 2], shape: [2])])
        }
    }
}
