// Element-wise unary, binary (tensor ⊕ tensor, tensor ⊕ scalar), clamp and where.
#include "OpsShim.hpp"

#include <cmath>

namespace {

at::Tensor apply_unary(const at::Tensor &x, int32_t op) {
    switch (op) {
    case CTORCH_UNARY_NEG: return at::neg(x);
    case CTORCH_UNARY_EXP: return at::exp(x);
    case CTORCH_UNARY_LOG: return at::log(x);
    case CTORCH_UNARY_SQRT: return at::sqrt(x);
    case CTORCH_UNARY_ABS: return at::abs(x);
    case CTORCH_UNARY_TANH: return at::tanh(x);
    case CTORCH_UNARY_SIGMOID: return at::sigmoid(x);
    case CTORCH_UNARY_RELU: return at::relu(x);
    case CTORCH_UNARY_GELU: return at::gelu(x);
    case CTORCH_UNARY_SOFTPLUS: return at::softplus(x);
    case CTORCH_UNARY_LOGICAL_NOT: return at::logical_not(x);
    default: throw ctorch::InvalidArgument(ctorch::op_error("unary", op));
    }
}

at::Tensor apply_binary(const at::Tensor &a, const at::Tensor &b, int32_t op) {
    switch (op) {
    case CTORCH_BINARY_ADD: return at::add(a, b);
    case CTORCH_BINARY_SUB: return at::sub(a, b);
    case CTORCH_BINARY_MUL: return at::mul(a, b);
    case CTORCH_BINARY_DIV: return at::div(a, b);
    case CTORCH_BINARY_POW: return at::pow(a, b);
    case CTORCH_BINARY_EQ: return at::eq(a, b);
    case CTORCH_BINARY_NE: return at::ne(a, b);
    case CTORCH_BINARY_LT: return at::lt(a, b);
    case CTORCH_BINARY_LE: return at::le(a, b);
    case CTORCH_BINARY_GT: return at::gt(a, b);
    case CTORCH_BINARY_GE: return at::ge(a, b);
    case CTORCH_BINARY_MAXIMUM: return at::maximum(a, b);
    case CTORCH_BINARY_MINIMUM: return at::minimum(a, b);
    case CTORCH_BINARY_LOGICAL_AND: return at::logical_and(a, b);
    case CTORCH_BINARY_LOGICAL_OR: return at::logical_or(a, b);
    default: throw ctorch::InvalidArgument(ctorch::op_error("binary", op));
    }
}

}  // namespace

extern "C" int32_t ctorch_tensor_unary(const ctorch_tensor *tensor, int32_t op, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) { return apply_unary(x, op); });
}

extern "C" int32_t ctorch_tensor_binary(const ctorch_tensor *lhs, const ctorch_tensor *rhs,
                                        int32_t op, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(lhs, "lhs");
        ctorch::require(rhs, "rhs");
        ctorch::require(out, "out");
        *out = ctorch::wrap(apply_binary(lhs->value, rhs->value, op));
    });
}

extern "C" int32_t ctorch_tensor_binary_scalar(const ctorch_tensor *tensor, double scalar,
                                               bool scalar_first, int32_t op, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        // A "wrapped number" is how torch represents a Python scalar: it takes part
        // in type promotion as a scalar category only, so x(float32) * 2.0 stays float32.
        // Swift has one scalar type (Double) where Python has int and float; an
        // integral value next to an integral/bool tensor acts as a Python int, so
        // int64 + 1 stays int64 while int64 + 0.5 is a float result, as in torch.
        const bool integral_tensor = at::isIntegralType(tensor->value.scalar_type(), /*includeBool=*/true);
        const bool integral_value = std::nearbyint(scalar) == scalar && std::fabs(scalar) < 9.0e18;
        at::Tensor number = integral_tensor && integral_value
            ? at::scalar_tensor(static_cast<int64_t>(scalar), at::TensorOptions().dtype(at::kLong))
            : at::scalar_tensor(scalar, at::TensorOptions().dtype(at::kDouble));
        number.unsafeGetTensorImpl()->set_wrapped_number(true);
        *out = ctorch::wrap(scalar_first ? apply_binary(number, tensor->value, op)
                                         : apply_binary(tensor->value, number, op));
    });
}

extern "C" int32_t ctorch_tensor_clamp(const ctorch_tensor *tensor, bool has_min, double min,
                                       bool has_max, double max, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) {
        const c10::optional<at::Scalar> low = has_min ? c10::optional<at::Scalar>(min) : c10::nullopt;
        const c10::optional<at::Scalar> high = has_max ? c10::optional<at::Scalar>(max) : c10::nullopt;
        return at::clamp(x, low, high);
    });
}

extern "C" int32_t ctorch_tensor_where(const ctorch_tensor *condition, const ctorch_tensor *a,
                                       const ctorch_tensor *b, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(condition, "condition");
        ctorch::require(a, "a");
        ctorch::require(b, "b");
        ctorch::require(out, "out");
        *out = ctorch::wrap(at::where(condition->value, a->value, b->value));
    });
}
