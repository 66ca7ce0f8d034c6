import BarbellTorch
import Testing

/// One differentiable op under test: its inputs and how to apply it.
struct GradCase: Sendable, CustomTestStringConvertible {
    let name: String
    let inputs: [GradCheck.Input]
    let apply: @Sendable ([Tensor]) throws -> Tensor

    init(_ name: String, _ inputs: [GradCheck.Input], _ apply: @escaping @Sendable ([Tensor]) throws -> Tensor) {
        self.name = name
        self.inputs = inputs
        self.apply = apply
    }

    var testDescription: String { name }
}

// Inputs stay away from kinks (0 for relu/abs, clamp bounds, max ties) so that the
// central difference is measuring a smooth function.
private let a23 = GradCheck.Input([0.3, -1.2, 0.8, 1.7, -0.45, 2.1], [2, 3])
private let b23 = GradCheck.Input([-0.7, 0.9, 1.4, -1.1, 0.35, 0.6], [2, 3])
private let pos23 = GradCheck.Input([0.6, 1.3, 0.9, 2.2, 1.7, 0.75], [2, 3])
private let row3 = GradCheck.Input([0.5, -0.25, 1.5], [3])
private let m34 = GradCheck.Input([0.2, -0.6, 1.1, 0.4, -1.3, 0.7, 0.05, 0.9, 1.6, -0.2, 0.3, -0.8], [3, 4])
private func pattern(_ count: Int, _ f: (Double) -> Double) -> [Double] {
    (0..<count).map { (i: Int) -> Double in f(Double(i)) }
}
private let b234 = GradCheck.Input(pattern(24) { (i: Double) -> Double in
    let cycle: Double = i.truncatingRemainder(dividingBy: 7) * 0.3
    return cycle - 0.8 + i * 0.01
}, [2, 3, 4])
private let b242 = GradCheck.Input(pattern(16) { (i: Double) -> Double in
    let cycle: Double = i.truncatingRemainder(dividingBy: 5) * -0.4
    return cycle + 0.9 - i * 0.02
}, [2, 4, 2])

private let elementwise: [GradCase] = [
    GradCase("add", [a23, b23]) { try $0[0] + $0[1] },
    GradCase("add broadcast", [a23, row3]) { try $0[0] + $0[1] },
    GradCase("sub broadcast", [a23, row3]) { try $0[0] - $0[1] },
    GradCase("mul", [a23, b23]) { try $0[0] * $0[1] },
    GradCase("div", [a23, pos23]) { try $0[0] / $0[1] },
    GradCase("pow tensor", [pos23, b23]) { try $0[0].pow($0[1]) },
    GradCase("pow scalar", [pos23]) { try $0[0].pow(2.5) },
    GradCase("scalar pow", [a23]) { try Tensor.pow(1.7, $0[0]) },
    GradCase("scalar + - * /", [a23]) { try ((2 - $0[0]) * 3 + 1) / 4 },
    GradCase("scalar / tensor", [pos23]) { try 2 / $0[0] - $0[0] * 0.5 + 1.5 },
    GradCase("neg", [a23]) { try -$0[0] },
    GradCase("exp", [a23]) { try $0[0].exp() },
    GradCase("log", [pos23]) { try $0[0].log() },
    GradCase("sqrt", [pos23]) { try $0[0].sqrt() },
    GradCase("abs", [a23]) { try $0[0].abs() },
    GradCase("tanh", [a23]) { try $0[0].tanh() },
    GradCase("sigmoid", [a23]) { try $0[0].sigmoid() },
    GradCase("relu", [a23]) { try $0[0].relu() },
    GradCase("gelu", [a23]) { try $0[0].gelu() },
    GradCase("softplus", [a23]) { try $0[0].softplus() },
    GradCase("clamp", [a23]) { try $0[0].clamp(min: -1, max: 1) },
    GradCase("maximum", [a23, b23]) { try $0[0].maximum($0[1]) },
    GradCase("minimum", [a23, b23]) { try $0[0].minimum($0[1]) },
    GradCase("where", [a23, b23]) { try Tensor.where($0[0] .> $0[1], $0[0], $0[1] * 2) },
]

private let reductions: [GradCase] = [
    GradCase("sum all", [m34]) { try $0[0].sum(dim: nil) },
    GradCase("sum dim", [m34]) { try $0[0].sum(dim: 1, keepDim: true) },
    GradCase("mean all", [m34]) { try $0[0].mean() },
    GradCase("mean dim", [m34]) { try $0[0].mean(dim: 0) },
    GradCase("max all", [m34]) { try $0[0].max() },
    GradCase("max dim", [m34]) { try $0[0].max(dim: 1) },
    GradCase("min dim", [m34]) { try $0[0].min(dim: 0, keepDim: true) },
    GradCase("maxWithIndices values", [m34]) { try $0[0].maxWithIndices(dim: 1).values },
    GradCase("minWithIndices values", [m34]) { try $0[0].minWithIndices(dim: 0).values },
    GradCase("variance unbiased", [m34]) { try $0[0].variance(dim: 1) },
    GradCase("variance biased all", [m34]) { try $0[0].variance(unbiased: false) },
    GradCase("std unbiased all", [m34]) { try $0[0].std() },
    GradCase("std biased dim", [m34]) { try $0[0].std(dim: 0, unbiased: false) },
    GradCase("logsumexp all", [m34]) { try $0[0].logsumexp() },
    GradCase("logsumexp dim", [m34]) { try $0[0].logsumexp(dim: 1) },
    GradCase("softmax", [m34]) { try $0[0].softmax(dim: 1) },
    GradCase("softmax dim 0", [m34]) { try $0[0].softmax(dim: 0) },
    GradCase("logSoftmax", [m34]) { try $0[0].logSoftmax(dim: -1) },
    GradCase("cumsum", [m34]) { try $0[0].cumsum(dim: 1) },
]

private let shapes: [GradCase] = [
    GradCase("reshape", [m34]) { try $0[0].reshape([2, -1]) },
    GradCase("expand", [row3]) { try $0[0].unsqueeze(dim: 0).expand([4, 3]) },
    GradCase("permute", [b234]) { try $0[0].permute([2, 0, 1]) },
    GradCase("transpose", [b234]) { try $0[0].transpose(0, 2) },
    GradCase("squeeze/unsqueeze", [a23]) { try $0[0].unsqueeze(dim: 1).squeeze() },
    GradCase("cat", [a23, b23]) { try Tensor.cat([$0[0], $0[1]], dim: 1) },
    GradCase("stack", [a23, b23]) { try Tensor.stack([$0[0], $0[1]], dim: 0) },
    GradCase("narrow", [m34]) { try $0[0].narrow(dim: 1, start: 1, length: 2) },
    GradCase("indexSelect (repeated index)", [m34]) { try $0[0].indexSelect(dim: 0, [2, 0, 2]) },
    GradCase("contiguous of transpose", [m34]) { try $0[0].t().contiguous() },
    GradCase("to float64 → float64", [a23]) { try $0[0].to(.float64) },
]

private let matrices: [GradCase] = [
    GradCase("matmul", [a23, m34]) { try $0[0].matmul($0[1].narrow(dim: 0, start: 0, length: 3)) },
    GradCase("matmul batched broadcast", [b234, m34]) { try $0[0].matmul($0[1].t()) },
    GradCase("bmm", [b234, b242]) { try $0[0].bmm($0[1]) },
    GradCase("t", [a23]) { try $0[0].t() },
    GradCase("composite MLP-like", [a23, m34]) {
        try $0[0].matmul($0[1].narrow(dim: 0, start: 0, length: 3)).gelu().logSoftmax(dim: 1)
    },
]

@Suite("Gradient checks: autograd vs central differences (float64, h = 1e-6, tol 1e-6)")
struct GradCheckTests {
    @Test("element-wise ops", arguments: elementwise)
    func elementwiseOps(_ op: GradCase) throws { try GradCheck.check(op.inputs, op.apply) }

    @Test("reductions and softmax family", arguments: reductions)
    func reductionOps(_ op: GradCase) throws { try GradCheck.check(op.inputs, op.apply) }

    @Test("shape ops", arguments: shapes)
    func shapeOps(_ op: GradCase) throws { try GradCheck.check(op.inputs, op.apply) }

    @Test("matrix ops", arguments: matrices)
    func matrixOps(_ op: GradCase) throws { try GradCheck.check(op.inputs, op.apply) }

    @Test("the checker catches a wrong gradient")
    func checkerCanFail() throws {
        // detach() hides part of the graph: autograd then sees d/dx (x·stop(x)) = x,
        // while the true derivative is 2x; the checker must see the mismatch.
        let report = try GradCheck.compare([a23]) { try $0[0] * $0[0].detach() }
        #expect(report.worst > 0.1)
    }
}
