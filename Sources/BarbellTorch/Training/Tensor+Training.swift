internal import CTorch

extension Tensor {
    /// The rows `indices` along the first dimension (a mini-batch).
    /// - Throws: ``TorchError`` for an index out of range.
    public func rows(_ indices: [Int]) throws -> Tensor {
        try indexSelect(dim: 0, index: Tensor(int64: indices.map(Int64.init), shape: [indices.count]))
    }

    /// The last step of a batch-first sequence, `x[:, -1]` (`[B, T, H]` → `[B, H]`).
    /// - Throws: ``TorchError`` for fewer than two dimensions or an empty sequence.
    public func lastStep() throws -> Tensor {
        guard shape.count >= 2, shape[1] >= 1 else {
            throw TorchError(code: .invalidArgument, message: "lastStep: expected [batch, steps, ...] with at least one step, got \(shape)")
        }
        return try narrow(dim: 1, start: shape[1] - 1, length: 1).squeeze(dim: 1)
    }

    /// The first row (along the first dimension) holding NaN or an infinity, or nil.
    public func firstNonFiniteRow() throws -> Int? {
        var row: Int64 = -1
        try TorchError.check(ctorch_first_nonfinite_row(handle, &row))
        return row < 0 ? nil : Int(row)
    }
}
