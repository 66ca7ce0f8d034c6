#!/usr/bin/python3
"""Loss fixtures for BarbellTorch, from PyTorch 1.13 (Debian python3-torch, the same libtorch).

    /usr/bin/python3 Tests/Fixtures/torch/losses.py     # writes losses.json next to this script

Each case: a float64 prediction and target (torch.manual_seed(11)), the loss value, and its
gradient with respect to the prediction from autograd. The trading losses are written here in
plain PyTorch from their documented formulas (Sources/BarbellTorch/Losses/Loss.swift):
positions w = tanh(k p), strategy returns r = w * y.
"""
import json
import math
import pathlib

import torch
import torch.nn.functional as F

here = pathlib.Path(__file__).resolve().parent
torch.manual_seed(11)
N = 40


def strategy(p, y, k):
    return torch.tanh(k * p.reshape(-1)) * y.reshape(-1)


def directional(p, y, k):
    s = torch.sign(y.reshape(-1))
    w = s.abs()
    return (w * torch.sigmoid(-k * p.reshape(-1) * s)).sum() / w.sum().clamp_min(1.0)


def neg_sharpe(p, y, k, eps):
    r = strategy(p, y, k)
    return -r.mean() / (r.std(unbiased=False) + eps)


def max_drawdown(p, y, k):
    e = torch.cumsum(strategy(p, y, k), 0)
    peak = torch.cummax(e, 0).values.clamp_min(0)
    return (peak - e).max()


def cvar(p, y, k, alpha):
    r = strategy(p, y, k)
    tail = max(1, math.ceil(alpha * r.numel()))
    return torch.topk(-r, tail).values.mean()


def pinball(p, y, qs):
    q = torch.tensor(qs, dtype=p.dtype).reshape(1, -1)
    e = y.reshape(-1, 1) - p
    return torch.maximum(q * e, (q - 1) * e).mean()


returns = torch.randn(N, dtype=torch.float64) * 0.01
series_prediction = torch.randn(N, dtype=torch.float64)
cases = {
    "mse": (torch.randn(N, 3, dtype=torch.float64), torch.randn(N, 3, dtype=torch.float64), F.mse_loss, []),
    "huber": (torch.randn(N, dtype=torch.float64) * 2, torch.randn(N, dtype=torch.float64),
              lambda p, y: F.huber_loss(p, y, delta=0.7), [0.7]),
    "cross_entropy": (torch.randn(N, 3, dtype=torch.float64), torch.randint(0, 3, (N,)).double(),
                      lambda p, y: F.cross_entropy(p, y.long()), []),
    "pinball": (torch.randn(N, 3, dtype=torch.float64), torch.randn(N, dtype=torch.float64),
                lambda p, y: pinball(p, y, [0.1, 0.5, 0.9]), [0.1, 0.5, 0.9]),
    "directional": (series_prediction.clone(), returns.clone(), lambda p, y: directional(p, y, 10.0), [10.0]),
    "negative_sharpe": (series_prediction.clone(), returns.clone(), lambda p, y: neg_sharpe(p, y, 3.0, 1e-8), [3.0, 1e-8]),
    "max_drawdown": (series_prediction.clone(), returns.clone(), lambda p, y: max_drawdown(p, y, 3.0), [3.0]),
    "cvar": (series_prediction.clone(), returns.clone(), lambda p, y: cvar(p, y, 3.0, 0.1), [3.0, 0.1]),
}
out = {"library": f"torch {torch.__version__}", "cases": {}}
for name, (p, y, f, params) in cases.items():
    p = p.clone().requires_grad_(True)
    value = f(p, y)
    value.backward()
    out["cases"][name] = {
        "prediction": p.detach().flatten().tolist(), "prediction_shape": list(p.shape),
        "target": y.flatten().tolist(), "target_shape": list(y.shape),
        "params": params, "value": value.item(), "gradient": p.grad.flatten().tolist(),
    }
# A weighted combination: 1·MSE + 0.5·max drawdown on the series.
p = series_prediction.clone().requires_grad_(True)
value = F.mse_loss(p, returns) + 0.5 * max_drawdown(p, returns, 3.0)
value.backward()
out["cases"]["weighted"] = {"prediction": p.detach().tolist(), "prediction_shape": [N], "target": returns.tolist(),
                            "target_shape": [N], "params": [], "value": value.item(), "gradient": p.grad.tolist()}
(here / "losses.json").write_text(json.dumps(out))
