internal import CTorch

/// Creation of initial parameter values, following PyTorch's default
/// initialisation schemes, with draws from an explicit ``SeededGenerator``.
enum ParameterInit {
    /// I.i.d. uniform draws on [-bound, bound), as a leaf tensor with `requiresGrad`.
    static func uniform(_ shape: [Int], bound: Double, dtype: DType, generator: SeededGenerator) throws -> Tensor {
        let extents = shape.map { Int64($0) }
        let tensor = try Tensor.producing { out in
            withExtendedLifetime(generator) {
                ctorch_nn_uniform(extents, Int64(extents.count), dtype.code, -bound, bound, generator.handle, out)
            }
        }
        try tensor.setRequiresGrad(true)
        return tensor
    }

    /// I.i.d. normal draws N(mean, std²), as a leaf tensor with `requiresGrad`.
    static func normal(
        _ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType, generator: SeededGenerator
    ) throws -> Tensor {
        let extents = shape.map { Int64($0) }
        let tensor = try Tensor.producing { out in
            withExtendedLifetime(generator) {
                ctorch_nn_normal(extents, Int64(extents.count), dtype.code, mean, std, generator.handle, out)
            }
        }
        try tensor.setRequiresGrad(true)
        return tensor
    }

    /// A tensor filled with `value`; a parameter (leaf with `requiresGrad`) unless `requiresGrad` is false.
    static func constant(_ shape: [Int], _ value: Double, dtype: DType, requiresGrad: Bool = true) throws -> Tensor {
        let extents = shape.map { Int64($0) }
        let tensor = try Tensor.producing { out in
            ctorch_nn_full(extents, Int64(extents.count), dtype.code, value, out)
        }
        if requiresGrad { try tensor.setRequiresGrad(true) }
        return tensor
    }

    /// PyTorch's `kaiming_uniform_(a=√5)` and matching bias bound used by Linear and
    /// Conv1d: both reduce to U(-1/√fanIn, 1/√fanIn).
    static func fanInBound(_ fanIn: Int) -> Double {
        fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    }

    /// A detached copy of `source` in `dtype`, as a new leaf tensor.
    static func leaf(copying source: Tensor, dtype: DType, requiresGrad: Bool) throws -> Tensor {
        try Tensor.producing { out in
            withExtendedLifetime(source) { ctorch_nn_parameter(source.handle, dtype.code, requiresGrad, out) }
        }
    }
}

/// Shape checks that name expected and actual shapes, so callers get a clear
/// message before libtorch's lower-level one.
enum ShapeCheck {
    /// Requires `tensor` to have a rank in `ranks` and, if given, trailing extent `last`.
    static func require(
        _ tensor: Tensor, ranks: ClosedRange<Int>, last: Int? = nil, layer: String, expected: String
    ) throws {
        let rankOK = ranks.contains(tensor.shape.count)
        let lastOK = last == nil || tensor.shape.last == last
        guard rankOK && lastOK else {
            throw TorchError(
                code: .invalidArgument,
                message: "\(layer) expects input of shape \(expected), got \(tensor.shape)")
        }
    }
}
