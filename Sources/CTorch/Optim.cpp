// Optimizer steps of PyTorch 1.13 (torch/optim/_functional single-tensor paths), in place.
#include "Shim.hpp"
#include "CTorchOptim.h"

#include <ATen/core/grad_mode.h>
#include <cmath>

extern "C" int32_t ctorch_adamw_step(ctorch_tensor *param, ctorch_tensor *exp_avg, ctorch_tensor *exp_avg_sq,
                                     int64_t step, double lr, double beta1, double beta2, double eps,
                                     double weight_decay) {
    return ctorch::guarded([&] {
        ctorch::require(param, "param");
        ctorch::require(exp_avg, "exp_avg");
        ctorch::require(exp_avg_sq, "exp_avg_sq");
        if (step < 1) throw ctorch::InvalidArgument("step must be >= 1");
        at::NoGradGuard noGrad;
        at::Tensor &p = param->value;
        const at::Tensor &grad = p.grad();
        if (!grad.defined()) return;
        at::Tensor &m = exp_avg->value, &v = exp_avg_sq->value;
        p.mul_(1 - lr * weight_decay);
        m.mul_(beta1).add_(grad, 1 - beta1);
        v.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        const double bias1 = 1 - std::pow(beta1, static_cast<double>(step));
        const double bias2 = 1 - std::pow(beta2, static_cast<double>(step));
        at::Tensor denom = (v.sqrt() / std::sqrt(bias2)).add_(eps);
        p.addcdiv_(m, denom, -lr / bias1);
    });
}

extern "C" int32_t ctorch_sgd_step(ctorch_tensor *param, ctorch_tensor *momentum_buffer, bool first, double lr,
                                   double momentum, double dampening, double weight_decay, bool nesterov) {
    return ctorch::guarded([&] {
        ctorch::require(param, "param");
        if (momentum != 0) ctorch::require(momentum_buffer, "momentum_buffer");
        at::NoGradGuard noGrad;
        at::Tensor &p = param->value;
        const at::Tensor &grad = p.grad();
        if (!grad.defined()) return;
        at::Tensor d = weight_decay != 0 ? grad.add(p, weight_decay) : grad;
        if (momentum != 0) {
            at::Tensor &buffer = momentum_buffer->value;
            if (first) {
                buffer.copy_(d);
            } else {
                buffer.mul_(momentum).add_(d, 1 - dampening);
            }
            d = nesterov ? d.add(buffer, momentum) : buffer;
        }
        p.add_(d, -lr);
    });
}

extern "C" int32_t ctorch_clip_grad_norm(ctorch_tensor *const *params, int64_t count, double max_norm,
                                         double *total_norm) {
    return ctorch::guarded([&] {
        ctorch::require(total_norm, "total_norm");
        if (count > 0) ctorch::require(params, "params");
        at::NoGradGuard noGrad;
        std::vector<at::Tensor> norms;
        std::vector<at::Tensor> grads;
        for (int64_t i = 0; i < count; ++i) {
            ctorch::require(params[i], "params[i]");
            const at::Tensor &g = params[i]->value.grad();
            if (!g.defined()) continue;
            grads.push_back(g);
            norms.push_back(at::linalg_vector_norm(g, 2));
        }
        if (grads.empty()) {
            *total_norm = 0;
            return;
        }
        at::Tensor total = at::linalg_vector_norm(at::stack(norms), 2);
        at::Tensor coefficient = at::clamp_max(max_norm / (total + 1e-6), 1.0);
        for (auto &g : grads) g.mul_(coefficient.to(g.dtype()));
        *total_norm = total.item<double>();
    });
}
