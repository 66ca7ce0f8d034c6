internal import CTorch

// Reductions over one dimension (`dim`, negative counts from the end) or, with
// `dim: nil`, over every element. `keepDim` keeps reduced dimensions as size 1.

extension Tensor {
    /// Sum over `dim`, or over everything when `dim` is `nil`.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range.
    public func sum(dim: Int?, keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_REDUCE_SUM, dim, keepDim) }
    /// Arithmetic mean over `dim` or everything (float dtypes only).
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the dtype is not floating point.
    public func mean(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_REDUCE_MEAN, dim, keepDim) }
    /// Maximum values over `dim` or everything (ties share the gradient evenly).
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the tensor is empty.
    public func max(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_REDUCE_MAX, dim, keepDim) }
    /// Minimum values over `dim` or everything (ties share the gradient evenly).
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the tensor is empty.
    public func min(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_REDUCE_MIN, dim, keepDim) }
    /// int64 index of the maximum along `dim`, or into the flattened tensor when `dim` is `nil`.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the tensor is empty.
    public func argmax(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_REDUCE_ARGMAX, dim, keepDim) }
    /// int64 index of the minimum along `dim`, or into the flattened tensor when `dim` is `nil`.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the tensor is empty.
    public func argmin(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_REDUCE_ARGMIN, dim, keepDim) }
    /// `log(sum(exp(x)))` computed stably, over `dim` or everything.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range.
    public func logsumexp(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        try reduce(CTORCH_REDUCE_LOGSUMEXP, dim, keepDim)
    }

    /// Variance over `dim` or everything; `unbiased` divides by `n - 1` (Bessel), otherwise by `n`.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the dtype is not floating point.
    public func variance(dim: Int? = nil, unbiased: Bool = true, keepDim: Bool = false) throws -> Tensor {
        try reduce(unbiased ? CTORCH_REDUCE_VAR_UNBIASED : CTORCH_REDUCE_VAR_BIASED, dim, keepDim)
    }

    /// Standard deviation (square root of ``variance(dim:unbiased:keepDim:)``).
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the dtype is not floating point.
    public func std(dim: Int? = nil, unbiased: Bool = true, keepDim: Bool = false) throws -> Tensor {
        try reduce(unbiased ? CTORCH_REDUCE_STD_UNBIASED : CTORCH_REDUCE_STD_BIASED, dim, keepDim)
    }

    /// Maximum values along `dim` with their int64 indices (`torch.max(x, dim)`).
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the dimension is empty.
    public func maxWithIndices(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extreme(min: false, dim: dim, keepDim: keepDim)
    }

    /// Minimum values along `dim` with their int64 indices (`torch.min(x, dim)`).
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range or the dimension is empty.
    public func minWithIndices(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extreme(min: true, dim: dim, keepDim: keepDim)
    }

    /// Softmax along `dim`: `exp(x) / sum(exp(x))`, each slice summing to 1.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range.
    public func softmax(dim: Int) throws -> Tensor { try along(CTORCH_ALONG_SOFTMAX, dim) }
    /// Log of ``softmax(dim:)``, computed stably.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range.
    public func logSoftmax(dim: Int) throws -> Tensor { try along(CTORCH_ALONG_LOG_SOFTMAX, dim) }
    /// Running sum along `dim`.
    ///
    /// - Throws: ``TorchError`` if `dim` is out of range.
    public func cumsum(dim: Int) throws -> Tensor { try along(CTORCH_ALONG_CUMSUM, dim) }

    private func reduce(_ op: Int32, _ dim: Int?, _ keepDim: Bool) throws(TorchError) -> Tensor {
        try unaryCall { ctorch_tensor_reduce($0, op, dim != nil, Int64(dim ?? 0), keepDim, $1) }
    }

    private func along(_ op: Int32, _ dim: Int) throws(TorchError) -> Tensor {
        try unaryCall { ctorch_tensor_along_dim($0, op, Int64(dim), $1) }
    }

    private func extreme(min: Bool, dim: Int, keepDim: Bool) throws(TorchError) -> (values: Tensor, indices: Tensor) {
        var values: OpaquePointer?
        var indices: OpaquePointer?
        try TorchError.check(withExtendedLifetime(self) {
            ctorch_tensor_extreme_with_indices(handle, min, Int64(dim), keepDim, &values, &indices)
        })
        // Adopt both before anything can throw, so neither handle leaks.
        let valueTensor = Result { () throws(TorchError) in try Tensor(adopting: values!) }
        let indexTensor = Result { () throws(TorchError) in try Tensor(adopting: indices!) }
        return (try valueTensor.get(), try indexTensor.get())
    }
}
