// Out-of-place tensor operations. Each result is a new handle.
#include "Shim.hpp"

namespace {

template <class Op>
int32_t binary(const ctorch_tensor *lhs, const ctorch_tensor *rhs, ctorch_tensor **out, Op op) {
    return ctorch::guarded([&] {
        ctorch::require(lhs, "lhs");
        ctorch::require(rhs, "rhs");
        ctorch::require(out, "out");
        *out = ctorch::wrap(op(lhs->value, rhs->value));
    });
}

}  // namespace

extern "C" int32_t ctorch_tensor_add(const ctorch_tensor *lhs, const ctorch_tensor *rhs,
                                     ctorch_tensor **out) {
    return binary(lhs, rhs, out, [](const at::Tensor &a, const at::Tensor &b) { return at::add(a, b); });
}

extern "C" int32_t ctorch_tensor_mul(const ctorch_tensor *lhs, const ctorch_tensor *rhs,
                                     ctorch_tensor **out) {
    return binary(lhs, rhs, out, [](const at::Tensor &a, const at::Tensor &b) { return at::mul(a, b); });
}

extern "C" int32_t ctorch_tensor_matmul(const ctorch_tensor *lhs, const ctorch_tensor *rhs,
                                        ctorch_tensor **out) {
    return binary(lhs, rhs, out, [](const at::Tensor &a, const at::Tensor &b) { return at::matmul(a, b); });
}

extern "C" int32_t ctorch_tensor_sum(const ctorch_tensor *tensor, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = ctorch::wrap(at::sum(tensor->value));
    });
}
