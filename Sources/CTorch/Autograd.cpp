// Autograd: requires_grad flag, backward pass, gradient snapshots.
#include "Shim.hpp"

#include <torch/csrc/autograd/autograd.h>

extern "C" int32_t ctorch_tensor_set_requires_grad(ctorch_tensor *tensor, bool requires_grad) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        tensor->value.requires_grad_(requires_grad);
    });
}

extern "C" int32_t ctorch_tensor_requires_grad(const ctorch_tensor *tensor, bool *out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = tensor->value.requires_grad();
    });
}

extern "C" int32_t ctorch_tensor_backward(ctorch_tensor *tensor) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        // Implicit gradient (ones) is only defined for one-element outputs; torch checks that.
        torch::autograd::backward({tensor->value});
    });
}

extern "C" int32_t ctorch_tensor_grad(const ctorch_tensor *tensor, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        const at::Tensor &grad = tensor->value.grad();
        // Snapshot: later backward passes accumulate into the live grad, not this copy.
        *out = grad.defined() ? ctorch::wrap(grad.detach().clone()) : nullptr;
    });
}
