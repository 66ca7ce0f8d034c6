// Training losses as ATen expressions, so autograd differentiates them (see CTorchLosses.h).
#include "Shim.hpp"
#include "CTorchLosses.h"

#include <cmath>

namespace {

double param(const double *params, int64_t count, int64_t index, const char *name) {
    if (index >= count) throw ctorch::InvalidArgument(std::string("missing loss parameter '") + name + "'");
    return params[index];
}

/// Predictions and targets as one series each (N), for the trading losses.
void require_series(const at::Tensor &p, const at::Tensor &y) {
    if (p.numel() != y.numel() || p.numel() < 2) {
        throw ctorch::InvalidArgument("prediction has " + std::to_string(p.numel()) + " elements and target " +
                                      std::to_string(y.numel()) + ": expected the same number, at least 2");
    }
}

/// Strategy returns of positions tanh(k · prediction) held over the target returns.
at::Tensor strategy_returns(const at::Tensor &p, const at::Tensor &y, double k) {
    return at::tanh(p.reshape({-1}) * k) * y.reshape({-1});
}

at::Tensor loss(int32_t kind, const at::Tensor &p, const at::Tensor &y, const double *params, int64_t count) {
    switch (kind) {
    case CTORCH_LOSS_MSE:
        return at::mse_loss(p, y);
    case CTORCH_LOSS_HUBER:
        return at::huber_loss(p, y, at::Reduction::Mean, param(params, count, 0, "delta"));
    case CTORCH_LOSS_CROSS_ENTROPY:
        return at::cross_entropy_loss(p, y.to(at::kLong));
    case CTORCH_LOSS_PINBALL: {
        if (count < 1) throw ctorch::InvalidArgument("pinball loss: expected at least one quantile");
        if (p.dim() != 2 || p.size(1) != count || p.size(0) != y.numel()) {
            throw ctorch::InvalidArgument("pinball loss: expected prediction N x " + std::to_string(count) +
                                          " (one column per quantile) and target N");
        }
        at::Tensor q = at::tensor(at::ArrayRef<double>(params, count), p.options()).reshape({1, count});
        at::Tensor e = y.reshape({-1, 1}) - p;  // positive when the target is above the quantile
        return at::maximum(q * e, (q - 1) * e).mean();
    }
    case CTORCH_LOSS_DIRECTIONAL: {
        require_series(p, y);
        const double k = param(params, count, 0, "sharpness");
        at::Tensor s = at::sign(y.reshape({-1}));
        at::Tensor weight = at::abs(s);  // zero returns have no direction to get right
        return (weight * at::sigmoid(-k * p.reshape({-1}) * s)).sum() / at::clamp_min(weight.sum(), 1.0);
    }
    case CTORCH_LOSS_NEGATIVE_SHARPE: {
        require_series(p, y);
        at::Tensor r = strategy_returns(p, y, param(params, count, 0, "sharpness"));
        const double eps = param(params, count, 1, "epsilon");
        return -r.mean() / (r.std(/*unbiased=*/false) + eps);
    }
    case CTORCH_LOSS_MAX_DRAWDOWN: {
        require_series(p, y);
        at::Tensor equity = at::cumsum(strategy_returns(p, y, param(params, count, 0, "sharpness")), 0);
        at::Tensor peak = std::get<0>(at::cummax(equity, 0));
        return at::clamp_min(peak, 0).sub(equity).max();  // the running peak starts at 0 (flat)
    }
    case CTORCH_LOSS_CVAR: {
        require_series(p, y);
        at::Tensor r = strategy_returns(p, y, param(params, count, 0, "sharpness"));
        const double alpha = param(params, count, 1, "alpha");
        if (!(alpha > 0 && alpha <= 1)) throw ctorch::InvalidArgument("cvar loss: alpha must be in (0, 1]");
        const int64_t tail = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(alpha * static_cast<double>(r.numel()))));
        return std::get<0>(at::topk(-r, tail)).mean();  // mean loss of the worst tail, a positive number
    }
    default:
        throw ctorch::InvalidArgument("unknown loss kind " + std::to_string(kind));
    }
}

}  // namespace

extern "C" int32_t ctorch_loss(int32_t kind, const ctorch_tensor *prediction, const ctorch_tensor *target,
                               const double *params, int64_t count, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(prediction, "prediction");
        ctorch::require(target, "target");
        ctorch::require(out, "out");
        if (count > 0) ctorch::require(params, "params");
        *out = ctorch::wrap(loss(kind, prediction->value, target->value, params, count));
    });
}
