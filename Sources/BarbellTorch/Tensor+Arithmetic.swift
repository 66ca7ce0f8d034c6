internal import CTorch

extension Tensor {
    /// Element-wise sum, broadcasting like torch.
    ///
    /// - Throws: ``TorchError`` (code ``TorchError/Code/torch``) if the shapes are not broadcast-compatible.
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try binary(lhs, rhs, ctorch_tensor_add)
    }

    /// Element-wise product, broadcasting like torch.
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try binary(lhs, rhs, ctorch_tensor_mul)
    }

    /// Matrix product with `other`, following `torch.matmul` semantics
    /// (dot product, matrix–vector, matrix–matrix, batched).
    ///
    /// - Throws: ``TorchError`` if the inner dimensions differ.
    public func matmul(_ other: Tensor) throws -> Tensor {
        try Self.binary(self, other, ctorch_tensor_matmul)
    }

    /// The sum of all elements, as a 0-dimensional tensor.
    public func sum() throws -> Tensor {
        try Tensor.producing { out in
            withExtendedLifetime(self) { ctorch_tensor_sum(handle, out) }
        }
    }

    private static func binary(
        _ lhs: Tensor, _ rhs: Tensor,
        _ op: (OpaquePointer?, OpaquePointer?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    ) throws(TorchError) -> Tensor {
        // Keep both operands alive until the C call returns; otherwise a
        // temporary operand could be freed right after its handle is read.
        try producing { out in
            withExtendedLifetime((lhs, rhs)) { op(lhs.handle, rhs.handle, out) }
        }
    }

    /// Runs a shim call that writes a new handle, and adopts it.
    static func producing(
        _ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32
    ) throws(TorchError) -> Tensor {
        var out: OpaquePointer?
        try TorchError.check(call(&out))
        return try Tensor(adopting: out!)
    }
}
