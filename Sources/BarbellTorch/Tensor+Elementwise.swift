internal import CTorch

// Element-wise operations. Tensor ⊕ tensor broadcasts like torch; tensor ⊕ Double
// treats the Double like a Python number: it does not widen a float32 tensor, and
// next to an int64/bool tensor an integral value keeps the result integral.

extension Tensor {
    // MARK: Unary

    /// Element-wise negation.
    public static prefix func - (x: Tensor) throws -> Tensor { try x.unary(CTORCH_UNARY_NEG) }
    /// Element-wise `e^x`.
    public func exp() throws -> Tensor { try unary(CTORCH_UNARY_EXP) }
    /// Element-wise natural logarithm (`-inf` at 0, NaN below).
    public func log() throws -> Tensor { try unary(CTORCH_UNARY_LOG) }
    /// Element-wise square root (NaN below 0).
    public func sqrt() throws -> Tensor { try unary(CTORCH_UNARY_SQRT) }
    /// Element-wise absolute value.
    public func abs() throws -> Tensor { try unary(CTORCH_UNARY_ABS) }
    /// Element-wise hyperbolic tangent.
    public func tanh() throws -> Tensor { try unary(CTORCH_UNARY_TANH) }
    /// Element-wise logistic function `1 / (1 + e^-x)`.
    public func sigmoid() throws -> Tensor { try unary(CTORCH_UNARY_SIGMOID) }
    /// Element-wise `max(x, 0)`.
    public func relu() throws -> Tensor { try unary(CTORCH_UNARY_RELU) }
    /// Element-wise GELU, exact form `x · Φ(x)` (`torch.nn.functional.gelu`, approximate "none").
    public func gelu() throws -> Tensor { try unary(CTORCH_UNARY_GELU) }
    /// Element-wise `log(1 + e^x)` (torch's softplus: beta 1, linear above 20).
    public func softplus() throws -> Tensor { try unary(CTORCH_UNARY_SOFTPLUS) }
    /// Element-wise logical NOT, as a bool tensor (non-zero is `true`).
    public func logicalNot() throws -> Tensor { try unary(CTORCH_UNARY_LOGICAL_NOT) }

    // MARK: Binary, tensor ⊕ tensor

    /// Element-wise difference, broadcasting.
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(rhs, CTORCH_BINARY_SUB) }
    /// Element-wise true division, broadcasting (integer inputs give a float result).
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(rhs, CTORCH_BINARY_DIV) }
    /// Element-wise `self ^ exponent`, broadcasting.
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public func pow(_ exponent: Tensor) throws -> Tensor { try binary(exponent, CTORCH_BINARY_POW) }
    /// Element-wise maximum of two tensors, broadcasting.
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public func maximum(_ other: Tensor) throws -> Tensor { try binary(other, CTORCH_BINARY_MAXIMUM) }
    /// Element-wise minimum of two tensors, broadcasting.
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public func minimum(_ other: Tensor) throws -> Tensor { try binary(other, CTORCH_BINARY_MINIMUM) }
    /// Element-wise logical AND as a bool tensor.
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public func logicalAnd(_ other: Tensor) throws -> Tensor { try binary(other, CTORCH_BINARY_LOGICAL_AND) }
    /// Element-wise logical OR as a bool tensor.
    ///
    /// - Throws: ``TorchError`` if the shapes are not broadcast-compatible.
    public func logicalOr(_ other: Tensor) throws -> Tensor { try binary(other, CTORCH_BINARY_LOGICAL_OR) }

    // MARK: Comparisons (bool results; the `.` operators follow SIMD's point-wise spelling)

    /// Element-wise `==`, as a bool tensor.
    public static func .== (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(rhs, CTORCH_BINARY_EQ) }
    /// Element-wise `!=`, as a bool tensor.
    public static func .!= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(rhs, CTORCH_BINARY_NE) }
    /// Element-wise `<`, as a bool tensor.
    public static func .< (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(rhs, CTORCH_BINARY_LT) }
    /// Element-wise `<=`, as a bool tensor.
    public static func .<= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(rhs, CTORCH_BINARY_LE) }
    /// Element-wise `>`, as a bool tensor.
    public static func .> (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(rhs, CTORCH_BINARY_GT) }
    /// Element-wise `>=`, as a bool tensor.
    public static func .>= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(rhs, CTORCH_BINARY_GE) }

    /// Element-wise `==` against a number, as a bool tensor.
    public static func .== (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_EQ) }
    /// Element-wise `!=` against a number, as a bool tensor.
    public static func .!= (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_NE) }
    /// Element-wise `<` against a number, as a bool tensor.
    public static func .< (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_LT) }
    /// Element-wise `<=` against a number, as a bool tensor.
    public static func .<= (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_LE) }
    /// Element-wise `>` against a number, as a bool tensor.
    public static func .> (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_GT) }
    /// Element-wise `>=` against a number, as a bool tensor.
    public static func .>= (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_GE) }

    // MARK: Scalar variants

    /// Adds a number to every element.
    public static func + (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_ADD) }
    /// Adds a number to every element.
    public static func + (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.scalar(lhs, CTORCH_BINARY_ADD, first: true) }
    /// Subtracts a number from every element.
    public static func - (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_SUB) }
    /// Subtracts every element from a number.
    public static func - (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.scalar(lhs, CTORCH_BINARY_SUB, first: true) }
    /// Multiplies every element by a number.
    public static func * (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_MUL) }
    /// Multiplies every element by a number.
    public static func * (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.scalar(lhs, CTORCH_BINARY_MUL, first: true) }
    /// Divides every element by a number.
    public static func / (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.scalar(rhs, CTORCH_BINARY_DIV) }
    /// Divides a number by every element.
    public static func / (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.scalar(lhs, CTORCH_BINARY_DIV, first: true) }
    /// Raises every element to a fixed power.
    public func pow(_ exponent: Double) throws -> Tensor { try scalar(exponent, CTORCH_BINARY_POW) }
    /// Raises a number to the power of every element.
    public static func pow(_ base: Double, _ exponent: Tensor) throws -> Tensor {
        try exponent.scalar(base, CTORCH_BINARY_POW, first: true)
    }

    // MARK: Clamp and where

    /// Clamps every element to `[min, max]`; a `nil` bound is open.
    ///
    /// - Throws: ``TorchError`` if both bounds are `nil`.
    public func clamp(min: Double? = nil, max: Double? = nil) throws -> Tensor {
        try unaryCall { ctorch_tensor_clamp($0, min != nil, min ?? 0, max != nil, max ?? 0, $1) }
    }

    /// Chooses `a` where `condition` (a bool tensor) is true and `b` elsewhere, broadcasting all three.
    ///
    /// - Throws: ``TorchError`` if `condition` is not bool or the shapes are not broadcast-compatible.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        try producing { out in
            withExtendedLifetime((condition, a, b)) { ctorch_tensor_where(condition.handle, a.handle, b.handle, out) }
        }
    }

    // MARK: Plumbing

    private func unary(_ op: Int32) throws(TorchError) -> Tensor {
        try unaryCall { ctorch_tensor_unary($0, op, $1) }
    }

    private func binary(_ other: Tensor, _ op: Int32) throws(TorchError) -> Tensor {
        try Tensor.binaryCall(self, other) { ctorch_tensor_binary($0, $1, op, $2) }
    }

    private func scalar(_ value: Double, _ op: Int32, first: Bool = false) throws(TorchError) -> Tensor {
        try unaryCall { ctorch_tensor_binary_scalar($0, value, first, op, $1) }
    }
}
