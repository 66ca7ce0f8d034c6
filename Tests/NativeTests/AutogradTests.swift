import BarbellTorch
import Testing

@Suite("Autograd")
struct AutogradTests {
    @Test("d/dx sum(x * x) == 2x")
    func squareGradient() throws {
        let values: [Double] = [-1.5, 0, 0.25, 3, 7.125, -42]
        let x = try Tensor(values, shape: [2, 3])
        #expect(!x.requiresGrad)
        #expect(try x.grad == nil)

        try x.setRequiresGrad()
        #expect(x.requiresGrad)

        let y = try (x * x).sum()
        #expect(y.requiresGrad)
        try y.backward()

        let grad = try #require(try x.grad)
        #expect(grad.shape == [2, 3])
        #expect(grad.toArray() == values.map { 2 * $0 })
    }

    @Test("gradient through matmul and add")
    func matmulGradient() throws {
        // y = sum(W·v + b): dy/dW[i][j] = v[j], dy/db = 1.
        let w = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let v = try Tensor([0.5, -1, 2], shape: [3])
        let b = try Tensor([10, 20], shape: [2])
        try w.setRequiresGrad()
        try b.setRequiresGrad()

        let y = try (w.matmul(v) + b).sum()
        // W·v = [0.5 - 2 + 6, 2 - 5 + 12] = [4.5, 9]; + b = [14.5, 29]; sum = 43.5
        #expect(y.toArray() == [43.5])
        try y.backward()

        #expect(try #require(try w.grad).toArray() == [0.5, -1, 2, 0.5, -1, 2])
        #expect(try #require(try b.grad).toArray() == [1, 1])
        #expect(try v.grad == nil)
    }

    @Test("gradients accumulate; snapshots do not change")
    func accumulation() throws {
        let x = try Tensor([1, 2], shape: [2])
        try x.setRequiresGrad()
        try x.sum().backward()
        let first = try #require(try x.grad)
        try x.sum().backward()
        #expect(first.toArray() == [1, 1])
        #expect(try #require(try x.grad).toArray() == [2, 2])
    }
}
