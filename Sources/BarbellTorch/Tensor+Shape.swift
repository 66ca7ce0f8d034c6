internal import CTorch

// Shape operations. Results may share storage with their input inside libtorch,
// but no API mutates tensor data, so the sharing is never observable: every
// result behaves as an independent value. Dims may be negative (from the end).

extension Tensor {
    /// The same elements in a new shape; one extent may be `-1` (inferred).
    ///
    /// - Throws: ``TorchError`` if the element counts differ.
    public func reshape(_ shape: [Int]) throws -> Tensor {
        try withExtents(shape) { ctorch_tensor_reshape($0, $1, $2, $3) }
    }

    /// Broadcasts size-1 dimensions (and new leading ones) to `shape`; `-1` keeps an extent.
    ///
    /// - Throws: ``TorchError`` if a non-1 extent would have to change.
    public func expand(_ shape: [Int]) throws -> Tensor {
        try withExtents(shape) { ctorch_tensor_expand($0, $1, $2, $3) }
    }

    /// Broadcasts to `shape` (NumPy's name for ``expand(_:)``).
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public func broadcast(to shape: [Int]) throws -> Tensor { try expand(shape) }

    /// Reorders dimensions: dimension `i` of the result is dimension `dims[i]` of `self`.
    ///
    /// - Throws: ``TorchError`` if `dims` is not a permutation of the dimensions.
    public func permute(_ dims: [Int]) throws -> Tensor {
        try withExtents(dims) { ctorch_tensor_permute($0, $1, $2, $3) }
    }

    /// Swaps two dimensions.
    ///
    /// - Throws: ``TorchError`` if a dim is out of range.
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        try unaryCall { ctorch_tensor_transpose($0, Int64(dim0), Int64(dim1), $1) }
    }

    /// Removes dimension `dim` if it has size 1, or every size-1 dimension when `dim` is `nil`.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range.
    public func squeeze(dim: Int? = nil) throws -> Tensor {
        try unaryCall { ctorch_tensor_squeeze($0, dim != nil, Int64(dim ?? 0), $1) }
    }

    /// Inserts a size-1 dimension at `dim`.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range.
    public func unsqueeze(dim: Int) throws -> Tensor {
        try unaryCall { ctorch_tensor_unsqueeze($0, Int64(dim), $1) }
    }

    /// Joins tensors along an existing dimension; all other extents must match.
    ///
    /// - Throws: ``TorchError`` for an empty list, mismatched shapes or dtypes, or a bad `dim`.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor { try join(tensors, dim: dim, stack: false) }

    /// Joins same-shape tensors along a new dimension `dim`.
    ///
    /// - Throws: ``TorchError`` for an empty list, differing shapes, or a bad `dim`.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor { try join(tensors, dim: dim, stack: true) }

    /// The slice `start ..< start + length` of dimension `dim`.
    ///
    /// - Throws: ``TorchError`` if the range does not fit.
    public func narrow(dim: Int, start: Int, length: Int) throws -> Tensor {
        try unaryCall { ctorch_tensor_narrow($0, Int64(dim), Int64(start), Int64(length), $1) }
    }

    /// Slices of dimension `dim` at the positions in `index` (a 1-D int64 tensor), in that order.
    ///
    /// - Throws: ``TorchError`` if `index` is not int64 or holds an out-of-range position.
    public func indexSelect(dim: Int, index: Tensor) throws -> Tensor {
        try Tensor.binaryCall(self, index) { ctorch_tensor_index_select($0, Int64(dim), $1, $2) }
    }

    /// Slices of dimension `dim` at the given positions.
    ///
    /// - Throws: ``TorchError`` if a position is out of range.
    public func indexSelect(dim: Int, _ positions: [Int]) throws -> Tensor {
        try indexSelect(dim: dim, index: Tensor(int64: positions.map(Int64.init), shape: [positions.count]))
    }

    /// A tensor with the same values laid out densely in row-major order.
    public func contiguous() throws -> Tensor { try unaryCall { ctorch_tensor_contiguous($0, $1) } }

    /// Whether the elements are laid out densely in row-major order (false after a transpose, say).
    public var isContiguous: Bool {
        var flag = false
        let status = withExtendedLifetime(self) { ctorch_tensor_is_contiguous(handle, &flag) }
        precondition(status == CTORCH_OK, "ctorch_tensor_is_contiguous failed")  // Cannot fail for a valid handle.
        return flag
    }

    private func withExtents(
        _ values: [Int],
        _ call: (OpaquePointer, UnsafePointer<Int64>?, Int64, UnsafeMutablePointer<OpaquePointer?>) -> Int32
    ) throws(TorchError) -> Tensor {
        let extents = values.map(Int64.init)
        return try unaryCall { handle, out in
            extents.withUnsafeBufferPointer { call(handle, $0.baseAddress, Int64($0.count), out) }
        }
    }

    private static func join(_ tensors: [Tensor], dim: Int, stack: Bool) throws(TorchError) -> Tensor {
        let handles: [OpaquePointer?] = tensors.map(\.handle)
        return try producing { out in
            withExtendedLifetime(tensors) {
                handles.withUnsafeBufferPointer {
                    ctorch_tensor_cat($0.baseAddress, Int64($0.count), Int64(dim), stack, out)
                }
            }
        }
    }
}

extension Tensor {
    /// Batched matrix product: `[b, n, m] × [b, m, p] → [b, n, p]`.
    ///
    /// - Throws: ``TorchError`` if either operand is not 3-D or the batch or inner sizes differ.
    public func bmm(_ other: Tensor) throws -> Tensor {
        try Tensor.binaryCall(self, other) { ctorch_tensor_bmm($0, $1, $2) }
    }

    /// Transpose of a matrix (1-D and 0-D tensors are returned unchanged).
    ///
    /// - Throws: ``TorchError`` if the tensor has more than 2 dimensions.
    public func t() throws -> Tensor { try unaryCall { ctorch_tensor_t($0, $1) } }
}
