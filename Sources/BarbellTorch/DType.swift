internal import CTorch

/// The element type of a ``Tensor``.
public enum DType: Sendable, Equatable, CaseIterable {
    /// 32-bit IEEE 754 floating point.
    case float32
    /// 64-bit IEEE 754 floating point.
    case float64
    /// 64-bit signed integer (indices, counts).
    case int64
    /// Boolean (results of comparisons, masks).
    case bool

    /// Whether the type is floating point (the only kind autograd differentiates).
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// The shim's `CTORCH_DTYPE_*` code.
    var code: Int32 {
        switch self {
        case .float32: CTORCH_DTYPE_FLOAT32
        case .float64: CTORCH_DTYPE_FLOAT64
        case .int64: CTORCH_DTYPE_INT64
        case .bool: CTORCH_DTYPE_BOOL
        }
    }

    /// Maps a shim dtype code back to a `DType`.
    init(code: Int32) throws(TorchError) {
        switch code {
        case CTORCH_DTYPE_FLOAT32: self = .float32
        case CTORCH_DTYPE_FLOAT64: self = .float64
        case CTORCH_DTYPE_INT64: self = .int64
        case CTORCH_DTYPE_BOOL: self = .bool
        default: throw TorchError(code: .invalidArgument, message: "unknown dtype code \(code)")
        }
    }
}
