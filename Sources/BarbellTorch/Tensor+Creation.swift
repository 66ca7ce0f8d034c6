internal import CTorch

extension Tensor {
    /// Creates an int64 tensor by copying `values` (row-major) into the given shape.
    ///
    /// - Throws: ``TorchError`` if the values do not fill the shape.
    public convenience init(int64 values: [Int64], shape: [Int]) throws {
        try self.init(copying: values, dtype: .int64, shape: shape)
    }

    /// Creates a bool tensor by copying `values` (row-major) into the given shape.
    ///
    /// - Throws: ``TorchError`` if the values do not fill the shape.
    public convenience init(bool values: [Bool], shape: [Int]) throws {
        // Swift's Bool is one byte holding 0 or 1, the layout torch uses for kBool.
        try self.init(copying: values, dtype: .bool, shape: shape)
    }

    /// Copies the elements out in row-major order, converted to `Int64`
    /// (floating values truncate toward zero, like torch's conversion).
    public func toInt64Array() -> [Int64] { copyOut(as: Int64.self, dtype: .int64) }

    /// Copies the elements out in row-major order, converted to `Bool` (non-zero is `true`).
    public func toBoolArray() -> [Bool] { copyOut(as: Bool.self, dtype: .bool) }

    /// Copies the elements out in row-major order, converted to `Float`.
    public func toFloatArray() -> [Float] { copyOut(as: Float.self, dtype: .float32) }

    private func copyOut<Element>(as _: Element.Type, dtype: DType) -> [Element] {
        let count = self.count
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            let status = withExtendedLifetime(self) {
                ctorch_tensor_copy_data(handle, buffer.baseAddress, Int64(count), dtype.code)
            }
            // Cannot fail: the count matches the shape and every DType converts to every other.
            precondition(status == CTORCH_OK, "ctorch_tensor_copy_data failed: \(String(cString: ctorch_last_error()))")
            initialized = count
        }
    }

    /// This tensor converted to `dtype` (differentiable between float dtypes).
    ///
    /// - Throws: ``TorchError`` if libtorch rejects the conversion.
    public func to(_ dtype: DType) throws -> Tensor {
        try unaryCall { ctorch_tensor_to_dtype($0, dtype.code, $1) }
    }

    /// A tensor of `shape` filled with `value`.
    ///
    /// - Parameters:
    ///   - shape: Non-negative extents.
    ///   - value: The fill value, converted to `dtype`.
    ///   - dtype: The element type (default float64).
    ///   - device: Where the tensor lives (default CPU).
    /// - Throws: ``TorchError`` for a negative extent or an unavailable device.
    public static func full(shape: [Int], value: Double, dtype: DType = .float64, device: Device = .cpu) throws -> Tensor {
        let extents = shape.map(Int64.init)
        let tensor = try producing { out in
            extents.withUnsafeBufferPointer { ctorch_tensor_full($0.baseAddress, Int64($0.count), value, dtype.code, out) }
        }
        return try tensor.to(device: device)
    }

    /// A tensor of `shape` filled with zeros.
    ///
    /// - Throws: ``TorchError`` for a negative extent or an unavailable device.
    public static func zeros(shape: [Int], dtype: DType = .float64, device: Device = .cpu) throws -> Tensor {
        try full(shape: shape, value: 0, dtype: dtype, device: device)
    }

    /// A tensor of `shape` filled with ones.
    ///
    /// - Throws: ``TorchError`` for a negative extent or an unavailable device.
    public static func ones(shape: [Int], dtype: DType = .float64, device: Device = .cpu) throws -> Tensor {
        try full(shape: shape, value: 1, dtype: dtype, device: device)
    }

    /// The 1-D tensor `start, start + step, ...` up to but excluding `end` (`torch.arange`).
    ///
    /// - Throws: ``TorchError`` if `step` is zero or has the wrong sign.
    public static func arange(_ start: Double, _ end: Double, step: Double = 1, dtype: DType = .float64) throws -> Tensor {
        try producing { ctorch_tensor_arange(start, end, step, dtype.code, $0) }
    }

    /// The 1-D tensor `0, 1, ..., end - 1` (for integral `end`), like `torch.arange(end)`.
    ///
    /// - Throws: ``TorchError`` if `end` is negative.
    public static func arange(_ end: Double, dtype: DType = .float64) throws -> Tensor {
        try arange(0, end, dtype: dtype)
    }

    /// Standard-normal samples drawn from a private generator seeded with `seed`.
    ///
    /// The same seed, shape and dtype give bit-identical values on every call and
    /// thread; no global random state is read or advanced. The values are drawn on
    /// the CPU and then moved, so they do not depend on `device` either.
    ///
    /// - Throws: ``TorchError`` if `dtype` is not a float type.
    public static func randn(shape: [Int], seed: UInt64, dtype: DType = .float64, device: Device = .cpu) throws -> Tensor {
        try random(CTORCH_RANDOM_NORMAL, shape: shape, seed: seed, dtype: dtype).to(device: device)
    }

    /// Uniform samples on [0, 1) drawn from a private generator seeded with `seed`
    /// (deterministic like ``randn(shape:seed:dtype:device:)``).
    ///
    /// - Throws: ``TorchError`` if `dtype` is not a float type.
    public static func rand(shape: [Int], seed: UInt64, dtype: DType = .float64, device: Device = .cpu) throws -> Tensor {
        try random(CTORCH_RANDOM_UNIFORM, shape: shape, seed: seed, dtype: dtype).to(device: device)
    }

    private static func random(_ distribution: Int32, shape: [Int], seed: UInt64, dtype: DType) throws(TorchError) -> Tensor {
        let extents = shape.map(Int64.init)
        return try producing { out in
            extents.withUnsafeBufferPointer {
                ctorch_tensor_random(distribution, $0.baseAddress, Int64($0.count), seed, dtype.code, out)
            }
        }
    }

    /// Runs a shim call taking this tensor's handle and writing a new one, keeping `self` alive across it.
    func unaryCall(
        _ call: (OpaquePointer, UnsafeMutablePointer<OpaquePointer?>) -> Int32
    ) throws(TorchError) -> Tensor {
        try Tensor.producing { out in withExtendedLifetime(self) { call(handle, out) } }
    }

    /// Runs a shim call taking two handles, keeping both tensors alive across it.
    static func binaryCall(
        _ lhs: Tensor, _ rhs: Tensor,
        _ call: (OpaquePointer, OpaquePointer, UnsafeMutablePointer<OpaquePointer?>) -> Int32
    ) throws(TorchError) -> Tensor {
        try producing { out in withExtendedLifetime((lhs, rhs)) { call(lhs.handle, rhs.handle, out) } }
    }
}
