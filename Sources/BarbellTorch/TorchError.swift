internal import CTorch

/// An error reported by libtorch or by the CTorch shim.
///
/// C++ exceptions never cross into Swift: the shim catches every exception,
/// returns a status code, and stores the message; ``BarbellTorch`` turns that
/// pair into a thrown `TorchError`.
public struct TorchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of failure, mirroring the shim's `CTORCH_ERROR_*` codes.
    public enum Code: Int32, Sendable {
        /// The shim rejected an argument (for example, values that do not fill the shape).
        case invalidArgument = 1
        /// libtorch raised a `c10::Error` (for example, incompatible shapes).
        case torch = 2
        /// A C++ standard-library exception, such as `std::bad_alloc`.
        case standardLibrary = 3
        /// An exception of unknown type, or an unrecognised status code.
        case unknown = 4
    }

    /// The category of failure.
    public let code: Code
    /// The human-readable message from libtorch or the shim.
    public let message: String

    /// Creates an error from a code and message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// A one-line description: the code followed by the message.
    public var description: String { "TorchError.\(code): \(message)" }
}

extension TorchError {
    /// Throws if `status` is not `CTORCH_OK`.
    ///
    /// Must be called synchronously right after the shim call, on the same
    /// thread, because the message lives in the shim's thread-local storage.
    static func check(_ status: Int32) throws(TorchError) {
        guard status != CTORCH_OK else { return }
        throw TorchError(
            code: Code(rawValue: status) ?? .unknown,
            message: String(cString: ctorch_last_error())
        )
    }
}
