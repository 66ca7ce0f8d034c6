internal import CTorch

extension Tensor {
    /// Whether autograd records operations on this tensor.
    public var requiresGrad: Bool {
        var flag = false
        let status = withExtendedLifetime(self) { ctorch_tensor_requires_grad(handle, &flag) }
        // Cannot fail for a valid handle.
        precondition(status == CTORCH_OK, "ctorch_tensor_requires_grad failed: \(String(cString: ctorch_last_error()))")
        return flag
    }

    /// Turns gradient tracking on or off for this leaf tensor.
    ///
    /// - Throws: ``TorchError`` if the tensor is not a leaf (the result of an
    ///   operation) and `flag` is `false`, as libtorch forbids that.
    public func setRequiresGrad(_ flag: Bool = true) throws {
        try TorchError.check(withExtendedLifetime(self) { ctorch_tensor_set_requires_grad(handle, flag) })
    }

    /// Back-propagates from this one-element tensor, accumulating gradients
    /// into the ``grad`` of every leaf that requires gradients.
    ///
    /// - Throws: ``TorchError`` if the tensor has more than one element or
    ///   does not depend on any tensor that requires gradients.
    public func backward() throws {
        try TorchError.check(withExtendedLifetime(self) { ctorch_tensor_backward(handle) })
    }

    /// A snapshot of the accumulated gradient, or `nil` before any ``backward()``
    /// reached this tensor. Later backward passes do not change a returned snapshot.
    public var grad: Tensor? {
        get throws {
            var out: OpaquePointer?
            try TorchError.check(withExtendedLifetime(self) { ctorch_tensor_grad(handle, &out) })
            guard let out else { return nil }
            return try Tensor(adopting: out)
        }
    }
}
