import BarbellTorch
import Testing

/// Each case makes libtorch (or the shim) throw a C++ exception; the test
/// passing proves it was caught in C++ and surfaced as a Swift error.
@Suite("Errors cross the boundary as TorchError")
struct TorchErrorTests {
    @Test("shape mismatch in + is a thrown TorchError")
    func addShapeMismatch() throws {
        let a = try Tensor([1, 2], shape: [2])
        let b = try Tensor([1, 2, 3], shape: [3])
        let error = try #require(throws: TorchError.self) { try a + b }
        #expect(error.code == .torch)
        #expect(error.message.contains("must match"))
        #expect(!error.message.contains("Exception raised from"), "backtrace should be stripped")
    }

    @Test("inner-dimension mismatch in matmul is a thrown TorchError")
    func matmulShapeMismatch() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let error = try #require(throws: TorchError.self) { try a.matmul(a) }
        #expect(error.code == .torch)
        #expect(!error.message.isEmpty)
    }

    @Test("values that do not fill the shape are rejected by the shim")
    func countMismatch() {
        let error = #expect(throws: TorchError.self) { try Tensor([1, 2, 3], shape: [2, 2]) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "shape holds 4 elements but 3 values were given")
    }

    @Test("negative extents are rejected")
    func negativeExtent() {
        let error = #expect(throws: TorchError.self) { try Tensor([Double](), shape: [-1]) }
        #expect(error?.code == .invalidArgument)
    }

    @Test("backward on a non-scalar is a thrown TorchError")
    func backwardNonScalar() throws {
        let x = try Tensor([1, 2], shape: [2])
        try x.setRequiresGrad()
        let y = try x * x
        let error = try #require(throws: TorchError.self) { try y.backward() }
        #expect(error.code == .torch)
        #expect(error.message.contains("scalar"))
    }

    @Test("backward without any tensor requiring grad is a thrown TorchError")
    func backwardWithoutGrad() throws {
        let y = try Tensor([1, 2], shape: [2]).sum()
        #expect(throws: TorchError.self) { try y.backward() }
    }

    @Test("clearing requires_grad on a non-leaf is a thrown TorchError (std::exception path)")
    func nonLeafRequiresGrad() throws {
        let x = try Tensor([1, 2], shape: [2])
        try x.setRequiresGrad()
        let y = try x.sum()
        let error = try #require(throws: TorchError.self) { try y.setRequiresGrad(false) }
        // libtorch 1.13 raises this one as a plain std::runtime_error, not c10::Error.
        #expect(error.code == .standardLibrary)
        #expect(error.message.contains("leaf"))
    }

    @Test("the process is still healthy after errors")
    func stillWorks() throws {
        let a = try Tensor([1, 2], shape: [2])
        _ = try? a + (try Tensor([1, 2, 3], shape: [3]))
        #expect(try (a + a).toArray() == [2, 4])
    }

    @Test("description names the code and message")
    func description() {
        let error = TorchError(code: .torch, message: "boom")
        #expect(error.description == "TorchError.torch: boom")
    }
}
