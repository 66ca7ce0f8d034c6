internal import CTorch

extension Tensor {
    /// Zeros with this tensor's shape, dtype and device.
    func zerosLike() throws -> Tensor {
        try Tensor.zeros(shape: shape, dtype: dtype, device: device)
    }

    /// An independent copy (a new tensor, so later in-place updates of either do not show in the other).
    func copy() throws -> Tensor {
        try zerosLike() + self
    }

    /// `torch.nn.utils.clip_grad_norm_` over `parameters`; returns the norm before clipping.
    static func clipGradientNorm(_ parameters: [Tensor], maxNorm: Double) throws -> Double {
        var norm = 0.0
        let handles: [OpaquePointer?] = parameters.map(\.handle)
        try handles.withUnsafeBufferPointer { h in
            try TorchError.check(ctorch_clip_grad_norm(h.baseAddress, Int64(parameters.count), maxNorm, &norm))
        }
        return norm
    }
}
