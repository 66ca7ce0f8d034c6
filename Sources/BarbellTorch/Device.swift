internal import CTorch

/// Where a ``Tensor``'s data lives.
public enum Device: Sendable, Equatable, CustomStringConvertible {
    /// Host memory.
    case cpu
    /// CUDA device with the given ordinal.
    case cuda(Int)

    /// CUDA device 0 when libtorch has CUDA and a device exists, otherwise the CPU.
    public static var auto: Device { Torch.cudaDeviceCount > 0 ? .cuda(0) : .cpu }

    /// `"cpu"` or `"cuda:N"`, as torch prints devices.
    public var description: String {
        switch self {
        case .cpu: "cpu"
        case .cuda(let index): "cuda:\(index)"
        }
    }
}

extension Tensor {
    /// The device holding this tensor's data.
    public var device: Device {
        var type: Int32 = 0
        var index: Int64 = -1
        let status = withExtendedLifetime(self) { ctorch_tensor_device(handle, &type, &index) }
        // Only CPU and CUDA tensors can be created through this API.
        precondition(status == CTORCH_OK, "ctorch_tensor_device failed: \(String(cString: ctorch_last_error()))")
        return type == CTORCH_DEVICE_CUDA ? .cuda(Int(Swift.max(index, 0))) : .cpu
    }

    /// A copy on `device` (this tensor itself, shared, when it is already there). Differentiable.
    ///
    /// - Throws: ``TorchError`` if the device is not available.
    public func to(device: Device) throws -> Tensor {
        if device == self.device { return self }
        return try unaryCall { handle, out in
            switch device {
            case .cpu: ctorch_tensor_to_device(handle, CTORCH_DEVICE_CPU, 0, out)
            case .cuda(let index): ctorch_tensor_to_device(handle, CTORCH_DEVICE_CUDA, Int64(index), out)
            }
        }
    }
}
