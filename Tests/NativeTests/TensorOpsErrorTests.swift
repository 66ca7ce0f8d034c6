import BarbellTorch
import Testing

/// Misuse of the new ops must surface as a thrown TorchError carrying libtorch's
/// message (the C++ exception is caught in the shim), never a crash.
@Suite("Tensor op errors are thrown TorchErrors")
struct TensorOpsErrorTests {
    let a = try! Tensor.arange(6).reshape([2, 3])

    private func torchError(_ body: () throws -> Tensor, sourceLocation: SourceLocation = #_sourceLocation) -> TorchError? {
        let error = #expect(throws: TorchError.self, sourceLocation: sourceLocation) { _ = try body() }
        if let error {
            #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
            #expect(!error.message.contains("Exception raised from"), "backtrace stripped", sourceLocation: sourceLocation)
        }
        return error
    }

    @Test("broadcast mismatch in sub, div, comparisons, where")
    func broadcastMismatch() throws {
        let b = try Tensor.ones(shape: [4])
        #expect(torchError { try a - b }?.message.contains("must match") == true)
        #expect(torchError { try a / b }?.code == .torch)
        #expect(torchError { try a .< b }?.code == .torch)
        #expect(torchError { try Tensor.where(a .> 1, a, b) }?.code == .torch)
    }

    @Test("matmul and bmm shape mismatches")
    func matrixMismatch() throws {
        #expect(torchError { try a.matmul(Tensor.ones(shape: [2, 2])) }?.message.contains("cannot be multiplied") == true)
        #expect(torchError { try a.bmm(a) }?.message.contains("3D") == true)
        let x = try Tensor.ones(shape: [2, 2, 3])
        #expect(torchError { try x.bmm(Tensor.ones(shape: [3, 2, 2])) }?.code == .torch)
        #expect(torchError { try x.t() }?.code == .torch)
    }

    @Test("cat/stack mismatches and empty lists")
    func joinMismatch() throws {
        #expect(torchError { try Tensor.cat([a, Tensor.ones(shape: [2, 2])], dim: 0) }?.message.contains("Sizes of tensors must match") == true)
        #expect(torchError { try Tensor.stack([a, Tensor.ones(shape: [3, 2])]) }?.code == .torch)
        #expect(torchError { try Tensor.cat([]) }?.code == .invalidArgument)
    }

    @Test("bad dim indices in reductions and shape ops")
    func badDims() throws {
        #expect(torchError { try a.sum(dim: 2) }?.message.contains("Dimension out of range") == true)
        #expect(torchError { try a.softmax(dim: -3) }?.message.contains("Dimension out of range") == true)
        #expect(torchError { try a.maxWithIndices(dim: 5).values }?.code == .torch)
        #expect(torchError { try a.transpose(0, 2) }?.code == .torch)
        #expect(torchError { try a.unsqueeze(dim: 4) }?.code == .torch)
        #expect(torchError { try a.narrow(dim: 1, start: 2, length: 2) }?.code == .torch)
        #expect(torchError { try a.permute([0, 0]) }?.code == .torch)
        #expect(torchError { try a.reshape([4, 2]) }?.message.contains("invalid for input of size 6") == true)
        #expect(torchError { try a.expand([3, 3]) }?.code == .torch)
        #expect(torchError { try a.indexSelect(dim: 0, [5]) }?.code == .torch)
    }

    @Test("wrong dtypes")
    func wrongDtypes() throws {
        let ints = try Tensor(int64: [1, 2, 3], shape: [3])
        // mean of an integer tensor, float index for indexSelect, non-bool where mask,
        // mixing float32 and float64 in matmul.
        #expect(torchError { try ints.mean() }?.code == .torch)
        #expect(torchError { try a.indexSelect(dim: 0, index: Tensor([0], shape: [1])) }?.code == .torch)
        #expect(torchError { try Tensor.where(a, a, a) }?.code == .torch)
        #expect(torchError { try a.matmul(Tensor(float32: [1, 2, 3], shape: [3])) }?.message.lowercased().contains("float") == true)
        #expect(torchError { try ints.variance() }?.message.contains("floating point") == true)
    }

    @Test("autograd misuse: requires_grad on an integer tensor")
    func integerRequiresGrad() throws {
        let ints = try Tensor(int64: [1, 2], shape: [2])
        #expect(throws: TorchError.self) { try ints.setRequiresGrad() }
    }

    @Test("the process keeps working after many errors")
    func stillWorks() throws {
        for _ in 0..<100 { _ = try? a.sum(dim: 9) }
        #expect(try a.sum(dim: 1).toArray() == [3, 12])
    }
}
