import BarbellTorch
import Testing

@Suite("Tensor basics")
struct TensorTests {
    @Test("float64 values and shape survive host → tensor → host bit-exactly")
    func float64RoundTrip() throws {
        let values: [Double] = [
            0, -0.0, 1, -1, .pi, -.ulpOfOne, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            1e-300, 0.1, 1.0 / 3.0, -2.5e17,
        ]
        let tensor = try Tensor(values, shape: [3, 2, 2])
        #expect(tensor.shape == [3, 2, 2])
        #expect(tensor.dtype == .float64)
        #expect(tensor.count == 12)
        #expect(tensor.toArray().map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test("non-finite float64 values round-trip")
    func nonFiniteRoundTrip() throws {
        let values: [Double] = [.infinity, -.infinity, .nan]
        let back = try Tensor(values, shape: [3]).toArray()
        #expect(back.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test("scalar and empty shapes")
    func degenerateShapes() throws {
        let scalar = try Tensor([42.5], shape: [])
        #expect(scalar.shape == [])
        #expect(scalar.toArray() == [42.5])

        let empty = try Tensor([Double](), shape: [0, 3])
        #expect(empty.shape == [0, 3])
        #expect(empty.toArray().isEmpty)
    }

    @Test("float32 tensors keep their dtype and convert exactly to Double")
    func float32() throws {
        let values: [Float] = [0.1, -3.25, .pi]
        let tensor = try Tensor(float32: values, shape: [3])
        #expect(tensor.dtype == .float32)
        #expect(tensor.toArray() == values.map(Double.init))
    }

    @Test("library version comes from TORCH_VERSION")
    func version() {
        #expect(Torch.version.hasPrefix("1.13"))
    }
}
