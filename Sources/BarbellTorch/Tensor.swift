internal import CTorch

/// A dense CPU tensor backed by libtorch.
///
/// Operations are out-of-place: they return new tensors and never modify the
/// data of their operands.
///
/// ## Sendable
///
/// `Tensor` is `@unchecked Sendable` because the compiler cannot see through the
/// opaque C handle, but sharing it across concurrency domains is sound:
/// - each instance exclusively owns its handle (never exposed, freed in `deinit`);
/// - the tensor's data, shape and dtype are immutable after creation — every
///   operation is out-of-place, and ``shape`` / ``dtype`` are stored constants;
/// - the only mutations are autograd metadata, made through explicit calls:
///   ``setRequiresGrad(_:)`` and ``backward()`` (which accumulates into leaf
///   gradients under libtorch's own per-leaf lock). Do not race
///   ``setRequiresGrad(_:)`` with other use of the same tensor.
public final class Tensor: @unchecked Sendable {
    /// The owned `ctorch_tensor *`.
    let handle: OpaquePointer

    /// The extent of each dimension; empty for a 0-dimensional (scalar) tensor.
    public let shape: [Int]

    /// The element type.
    public let dtype: DType

    /// Takes ownership of `handle`, freeing it if its metadata cannot be read.
    init(adopting handle: OpaquePointer) throws(TorchError) {
        _ = Torch.defaultThreads  // Every tensor passes here: the first one applies the thread default.
        do {
            var ndim: Int64 = 0
            try TorchError.check(ctorch_tensor_ndim(handle, &ndim))
            var extents = [Int64](repeating: 0, count: Int(ndim))
            try TorchError.check(ctorch_tensor_shape(handle, &extents, ndim))
            var code: Int32 = 0
            try TorchError.check(ctorch_tensor_dtype(handle, &code))
            self.dtype = try DType(code: code)
            self.shape = extents.map { Int($0) }
            self.handle = handle
        } catch {
            ctorch_tensor_free(handle)
            throw error
        }
    }

    /// Creates a float64 tensor by copying `values` (row-major) into the given shape.
    ///
    /// - Parameters:
    ///   - values: The elements in row-major order; `values.count` must equal the product of `shape`.
    ///   - shape: Non-negative extents; `[]` makes a scalar from a single value.
    /// - Throws: ``TorchError`` with code ``TorchError/Code/invalidArgument`` if the values do not fill the shape.
    public convenience init(_ values: [Double], shape: [Int]) throws {
        try self.init(copying: values, dtype: .float64, shape: shape)
    }

    /// Creates a float32 tensor by copying `values` (row-major) into the given shape.
    ///
    /// Labelled so that integer and floating literals unambiguously create float64 tensors.
    ///
    /// - Throws: ``TorchError`` if the values do not fill the shape.
    public convenience init(float32 values: [Float], shape: [Int]) throws {
        try self.init(copying: values, dtype: .float32, shape: shape)
    }

    convenience init<Element>(copying values: [Element], dtype: DType, shape: [Int]) throws(TorchError) {
        let extents = shape.map { Int64($0) }
        var out: OpaquePointer?
        let status = values.withUnsafeBytes { data in
            extents.withUnsafeBufferPointer { dims in
                ctorch_tensor_from_data(
                    data.baseAddress, Int64(values.count), dtype.code,
                    dims.baseAddress, Int64(dims.count), &out)
            }
        }
        try TorchError.check(status)
        try self.init(adopting: out!)
    }

    deinit {
        ctorch_tensor_free(handle)
    }

    /// The number of elements (the product of ``shape``).
    public var count: Int { shape.reduce(1, *) }

    /// Copies the elements out in row-major order, converted to `Double`.
    ///
    /// float32 → float64 conversion is exact, and float64 data round-trips bit for bit.
    public func toArray() -> [Double] {
        let count = self.count
        let result = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            let status = withExtendedLifetime(self) {
                ctorch_tensor_copy_data(handle, buffer.baseAddress, Int64(count), CTORCH_DTYPE_FLOAT64)
            }
            // Cannot fail for a dense CPU float tensor whose count matches its shape.
            precondition(status == CTORCH_OK, "ctorch_tensor_copy_data failed: \(String(cString: ctorch_last_error()))")
            initialized = count
        }
        return result
    }
}
