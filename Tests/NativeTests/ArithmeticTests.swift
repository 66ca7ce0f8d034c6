import BarbellTorch
import Testing

@Suite("Tensor arithmetic")
struct ArithmeticTests {
    @Test("matmul of 2×3 and 3×2 matches hand-computed values")
    func matmul() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = try Tensor([7, 8, 9, 10, 11, 12], shape: [3, 2])
        let c = try a.matmul(b)
        // [1 2 3]   [ 7  8]   [1·7+2·9+3·11  1·8+2·10+3·12]   [ 58  64]
        // [4 5 6] × [ 9 10] = [4·7+5·9+6·11  4·8+5·10+6·12] = [139 154]
        //           [11 12]
        #expect(c.shape == [2, 2])
        #expect(c.toArray() == [58, 64, 139, 154])
    }

    @Test("matrix–vector matmul")
    func matrixVector() throws {
        let m = try Tensor([1, 0, -1, 2, 3, 4], shape: [2, 3])
        let v = try Tensor([1, 2, 3], shape: [3])
        let r = try m.matmul(v)
        #expect(r.shape == [2])
        #expect(r.toArray() == [-2, 20])
    }

    @Test("element-wise add, multiply and sum")
    func elementwise() throws {
        let a = try Tensor([1, 2, 3, 4], shape: [2, 2])
        let b = try Tensor([10, 20, 30, 40], shape: [2, 2])
        #expect(try (a + b).toArray() == [11, 22, 33, 44])
        #expect(try (a * b).toArray() == [10, 40, 90, 160])
        let total = try (a + b).sum()
        #expect(total.shape == [])
        #expect(total.toArray() == [110])
    }

    @Test("operands created inline stay alive across the native call")
    func temporaries() throws {
        let r = try (try Tensor([1, 2], shape: [2]) + (try Tensor([3, 4], shape: [2]))).sum()
        #expect(r.toArray() == [10])
    }
}
