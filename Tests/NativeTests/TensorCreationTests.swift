import BarbellTorch
import Testing

@Suite("Tensor dtypes and creation")
struct TensorCreationTests {
    @Test("int64 values round-trip exactly, including the extremes")
    func int64RoundTrip() throws {
        let values: [Int64] = [0, -1, 1, .max, .min, 1 << 53 + 1]
        let tensor = try Tensor(int64: values, shape: [2, 3])
        #expect(tensor.dtype == .int64)
        #expect(tensor.shape == [2, 3])
        #expect(tensor.toInt64Array() == values)
    }

    @Test("bool values round-trip and convert to 0/1")
    func boolRoundTrip() throws {
        let values = [true, false, false, true]
        let tensor = try Tensor(bool: values, shape: [4])
        #expect(tensor.dtype == .bool)
        #expect(tensor.toBoolArray() == values)
        #expect(tensor.toArray() == [1, 0, 0, 1])
        #expect(tensor.toInt64Array() == [1, 0, 0, 1])
    }

    @Test("to(_:) converts between every pair of dtypes")
    func conversions() throws {
        let x = try Tensor([-2.75, 0, 1.5, 3], shape: [4])
        #expect(try x.to(.int64).toInt64Array() == [-2, 0, 1, 3])  // truncation toward zero
        #expect(try x.to(.bool).toBoolArray() == [true, false, true, true])
        #expect(try x.to(.float32).dtype == .float32)
        #expect(try x.to(.float32).to(.float64).toArray() == [-2.75, 0, 1.5, 3])  // exactly representable
        #expect(try Tensor(int64: [5, -7], shape: [2]).to(.float64).toArray() == [5, -7])
        for dtype in DType.allCases {
            #expect(try x.to(dtype).dtype == dtype)
        }
    }

    @Test("zeros, ones and full fill the shape in the requested dtype")
    func fills() throws {
        let z = try Tensor.zeros(shape: [2, 3])
        #expect(z.shape == [2, 3] && z.dtype == .float64 && z.toArray() == Array(repeating: 0, count: 6))
        let o = try Tensor.ones(shape: [4], dtype: .int64)
        #expect(o.dtype == .int64 && o.toInt64Array() == [1, 1, 1, 1])
        let f = try Tensor.full(shape: [], value: 2.5, dtype: .float32)
        #expect(f.shape == [] && f.toArray() == [2.5])
        let b = try Tensor.full(shape: [2], value: 1, dtype: .bool)
        #expect(b.toBoolArray() == [true, true])
    }

    @Test("arange follows torch.arange's half-open range")
    func arange() throws {
        #expect(try Tensor.arange(5).toArray() == [0, 1, 2, 3, 4])
        #expect(try Tensor.arange(1, 2, step: 0.25).toArray() == [1, 1.25, 1.5, 1.75])
        let ints = try Tensor.arange(10, 0, step: -3, dtype: .int64)
        #expect(ints.dtype == .int64 && ints.toInt64Array() == [10, 7, 4, 1])
        #expect(throws: TorchError.self) { try Tensor.arange(0, 1, step: 0) }
    }

    @Test("randn and rand are bit-identical for the same seed and differ across seeds")
    func seededRandom() throws {
        for dtype in [DType.float64, .float32] {
            let a = try Tensor.randn(shape: [3, 5], seed: 42, dtype: dtype).toArray()
            // Draw from other seeds in between: no shared state may leak into the next call.
            _ = try Tensor.randn(shape: [100], seed: 7, dtype: dtype)
            _ = try Tensor.rand(shape: [100], seed: 8, dtype: dtype)
            let b = try Tensor.randn(shape: [3, 5], seed: 42, dtype: dtype).toArray()
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
            #expect(try Tensor.randn(shape: [3, 5], seed: 43, dtype: dtype).toArray() != a)

            let u1 = try Tensor.rand(shape: [50], seed: 1, dtype: dtype).toArray()
            let u2 = try Tensor.rand(shape: [50], seed: 1, dtype: dtype).toArray()
            #expect(u1.map(\.bitPattern) == u2.map(\.bitPattern))
            #expect(u1.allSatisfy { $0 >= 0 && $0 < 1 })
        }
    }

    @Test("seeded draws are identical across concurrent threads")
    func seededRandomConcurrent() async throws {
        let reference = try Tensor.randn(shape: [64], seed: 99).toArray()
        try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<8 {
                group.addTask { try Tensor.randn(shape: [64], seed: 99).toArray() }
            }
            for try await draw in group {
                #expect(draw.map(\.bitPattern) == reference.map(\.bitPattern))
            }
        }
    }

    @Test("randn has mean ≈ 0 and variance ≈ 1; rand has mean ≈ 1/2")
    func randomMoments() throws {
        let n = 20_000.0
        let normal = try Tensor.randn(shape: [20_000], seed: 3)
        // 5-sigma bounds: sd(mean) = 1/√n, sd(var) ≈ √(2/n); rand's sd(mean) = √(1/12n).
        #expect(Swift.abs(try normal.mean().toArray()[0]) < 5 / n.squareRoot())
        #expect(Swift.abs(try normal.variance().toArray()[0] - 1) < 5 * (2 / n).squareRoot())
        let uniform = try Tensor.rand(shape: [20_000], seed: 3)
        #expect(Swift.abs(try uniform.mean().toArray()[0] - 0.5) < 5 * (1 / (12 * n)).squareRoot())
    }

    @Test("random draws need a float dtype")
    func randomIntegerDtype() {
        #expect(throws: TorchError.self) { try Tensor.randn(shape: [2], seed: 1, dtype: .int64) }
    }
}
