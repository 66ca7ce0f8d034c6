import BarbellTorch
import Foundation
import Testing

@Suite("Element-wise operations")
struct ElementwiseTests {
    let xs: [Double] = [-3.5, -1, -0.25, 0.5, 2, 4.75]
    var x: Tensor { get throws { try Tensor(xs, shape: [2, 3]) } }

    /// Unary ops against Foundation's scalar functions (float64).
    @Test("unary ops match scalar math")
    func unary() throws {
        let cases: [(String, (Tensor) throws -> Tensor, (Double) -> Double)] = [
            ("neg", { try -$0 }, { -$0 }),
            ("exp", { try $0.exp() }, { Foundation.exp($0) }),
            ("abs", { try $0.abs() }, { Swift.abs($0) }),
            ("tanh", { try $0.tanh() }, { Foundation.tanh($0) }),
            ("sigmoid", { try $0.sigmoid() }, { 1 / (1 + Foundation.exp(-$0)) }),
            ("relu", { try $0.relu() }, { Swift.max($0, 0) }),
        ]
        for (name, op, reference) in cases {
            let result = try op(x)
            #expect(result.shape == [2, 3], "\(name)")
            expectClose(result.toArray(), xs.map(reference), tolerance: 1e-15)
        }
    }

    @Test("log and sqrt on positive values; NaN below zero")
    func logSqrt() throws {
        let positive: [Double] = [0.25, 1, 2, 9]
        let p = try Tensor(positive, shape: [4])
        expectClose(try p.log().toArray(), positive.map { Foundation.log($0) }, tolerance: 1e-15)
        expectClose(try p.sqrt().toArray(), positive.map { $0.squareRoot() }, tolerance: 1e-15)
        #expect(try Tensor([-1], shape: [1]).sqrt().toArray()[0].isNaN)
    }

    @Test("sub, div, pow broadcast like torch")
    func binary() throws {
        let row = try Tensor([1, 2, 4], shape: [3])
        let x = try x
        expectClose(try (x - row).toArray(), [-4.5, -3, -4.25, -0.5, 0, 0.75], tolerance: 0)
        expectClose(try (x / row).toArray(), [-3.5, -0.5, -0.0625, 0.5, 1, 1.1875], tolerance: 0)
        expectClose(try x.pow(row).toArray(), [-3.5, 1, -0.25 * -0.25 * -0.25 * -0.25, 0.5, 4, pow(4.75, 4)], tolerance: 1e-15)
        expectClose(try x.maximum(row).toArray(), [1, 2, 4, 1, 2, 4.75], tolerance: 0)
        expectClose(try x.minimum(row).toArray(), [-3.5, -1, -0.25, 0.5, 2, 4], tolerance: 0)
    }

    @Test("scalar variants on either side")
    func scalars() throws {
        let x = try x
        #expect(try (x + 1).toArray() == xs.map { $0 + 1 })
        #expect(try (1 + x).toArray() == xs.map { 1 + $0 })
        #expect(try (x - 1).toArray() == xs.map { $0 - 1 })
        #expect(try (10 - x).toArray() == xs.map { 10 - $0 })
        #expect(try (x * 3).toArray() == xs.map { $0 * 3 })
        #expect(try (3 * x).toArray() == xs.map { 3 * $0 })
        #expect(try (x / 4).toArray() == xs.map { $0 / 4 })
        #expect(try (1 / x).toArray() == xs.map { 1 / $0 })
        #expect(try x.pow(2).toArray() == xs.map { $0 * $0 })
        expectClose(try Tensor.pow(2, x).toArray(), xs.map { Foundation.pow(2, $0) }, tolerance: 1e-15)
    }

    @Test("a Double scalar does not widen float32; int64 with a fraction becomes float32")
    func scalarPromotion() throws {
        let f = try Tensor(float32: [1, 2], shape: [2])
        #expect(try (f * 0.5).dtype == .float32)
        let i = try Tensor(int64: [1, 2], shape: [2])
        #expect(try (i + 1).dtype == .int64)  // an integral Double acts as a Python int
        #expect(try (i * 3).toInt64Array() == [3, 6])
        #expect(try (i + 0.5).dtype == .float32)
        #expect(try (i / 2).dtype == .float32)  // true division
    }

    @Test("comparisons return bool tensors")
    func comparisons() throws {
        let a = try Tensor([1, 2, 3], shape: [3])
        let b = try Tensor([3, 2, 1], shape: [3])
        let lt = try a .< b
        #expect(lt.dtype == .bool)
        #expect(lt.toBoolArray() == [true, false, false])
        #expect(try (a .<= b).toBoolArray() == [true, true, false])
        #expect(try (a .> b).toBoolArray() == [false, false, true])
        #expect(try (a .>= b).toBoolArray() == [false, true, true])
        #expect(try (a .== b).toBoolArray() == [false, true, false])
        #expect(try (a .!= b).toBoolArray() == [true, false, true])
        #expect(try (a .> 1.5).toBoolArray() == [false, true, true])
        #expect(try (a .== 3).toBoolArray() == [false, false, true])
        let both = try (a .> 1).logicalAnd(a .< 3)
        #expect(both.toBoolArray() == [false, true, false])
        #expect(try both.logicalNot().toBoolArray() == [true, false, true])
        #expect(try (a .< 2).logicalOr(a .> 2).toBoolArray() == [true, false, true])
    }

    @Test("clamp with one or both bounds; where selects by a mask")
    func clampWhere() throws {
        let x = try x
        #expect(try x.clamp(min: -1, max: 2).toArray() == xs.map { Swift.min(Swift.max($0, -1), 2) })
        #expect(try x.clamp(min: 0).toArray() == xs.map { Swift.max($0, 0) })
        #expect(try x.clamp(max: 0).toArray() == xs.map { Swift.min($0, 0) })
        #expect(throws: TorchError.self) { try x.clamp() }

        let chosen = try Tensor.where(x .> 0, x, Tensor.zeros(shape: [1]))
        #expect(chosen.toArray() == xs.map { $0 > 0 ? $0 : 0 })
    }

    @Test("gelu, softplus identities: gelu(x) - gelu(-x) = x, softplus(x) - softplus(-x) = x")
    func activationIdentities() throws {
        let x = try x
        // Closed forms: Φ(x) + Φ(-x) = 1 and log(1+e^x) - log(1+e^-x) = x.
        expectClose(try (x.gelu() - (-x).gelu()).toArray(), xs, tolerance: 1e-15)
        expectClose(try (x.softplus() - (-x).softplus()).toArray(), xs, tolerance: 1e-14)
        expectClose(try Tensor.zeros(shape: [1]).gelu().toArray(), [0], tolerance: 0)
        expectClose(try Tensor.zeros(shape: [1]).softplus().toArray(), [Foundation.log(2)], tolerance: 1e-16)
    }
}
