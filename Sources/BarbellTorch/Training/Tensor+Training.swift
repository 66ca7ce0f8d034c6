internal import CTorch

extension Tensor {
    /// The rows `indices` along the first dimension (a mini-batch).
    /// - Throws: ``TorchError`` for an index out of range.
    public func rows(_ indices: [Int]) throws -> Tensor {
        let i64 = indices.map(Int64.init)
        var out: OpaquePointer?
        try i64.withUnsafeBufferPointer { p in
            try TorchError.check(ctorch_take_rows(handle, p.baseAddress, Int64(i64.count), &out))
        }
        return try Tensor(adopting: out!)
    }

    /// The last step of a batch-first sequence, `x[:, -1]` (`[B, T, H]` → `[B, H]`).
    /// - Throws: ``TorchError`` for fewer than two dimensions or an empty sequence.
    public func lastStep() throws -> Tensor {
        var out: OpaquePointer?
        try TorchError.check(ctorch_select(handle, 1, -1, &out))
        return try Tensor(adopting: out!)
    }

    /// Whether every element is finite.
    public func isAllFinite() throws -> Bool {
        var ok = false
        try TorchError.check(ctorch_all_finite(handle, &ok))
        return ok
    }

    /// The first row (along the first dimension) holding NaN or an infinity, or nil.
    public func firstNonFiniteRow() throws -> Int? {
        var row: Int64 = -1
        try TorchError.check(ctorch_first_nonfinite_row(handle, &row))
        return row < 0 ? nil : Int(row)
    }
}
