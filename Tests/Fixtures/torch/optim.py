#!/usr/bin/python3
"""Optimizer fixtures for BarbellTorch, from PyTorch 1.13 (Debian python3-torch, same libtorch).

    /usr/bin/python3 Tests/Fixtures/torch/optim.py     # writes optim.json next to this script

Two float64 parameters p1 (3 x 2) and p2 (4) from torch.manual_seed(3), the loss
L = sum(c1 * p1 * p1) + sum(c2 * p2 * p2 * p2) with fixed coefficient tensors, and 25 steps of
torch.optim.AdamW / SGD (optionally with torch.nn.utils.clip_grad_norm_ before each step).
Stored: the initial parameters, the coefficients, the settings, the final parameters and the
gradient norms clip_grad_norm_ returned.
"""
import json
import pathlib

import torch

here = pathlib.Path(__file__).resolve().parent
torch.manual_seed(3)
p1_0 = torch.randn(3, 2, dtype=torch.float64)
p2_0 = torch.randn(4, dtype=torch.float64)
c1 = torch.rand(3, 2, dtype=torch.float64) + 0.5
c2 = torch.randn(4, dtype=torch.float64)
STEPS = 25

settings = {
    "adamw": dict(kind="adamw", lr=0.05, weight_decay=0.1, clip=None),
    "adamw_clip": dict(kind="adamw", lr=0.05, weight_decay=0.1, clip=1.0),
    "sgd": dict(kind="sgd", lr=0.01, momentum=0.9, dampening=0.1, weight_decay=0.01, nesterov=False, clip=None),
    "sgd_nesterov": dict(kind="sgd", lr=0.01, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=True, clip=0.5),
}
out = {"library": f"torch {torch.__version__}", "p1": p1_0.flatten().tolist(), "p2": p2_0.tolist(),
       "c1": c1.flatten().tolist(), "c2": c2.tolist(), "steps": STEPS, "cases": {}}
for name, s in settings.items():
    p1 = p1_0.clone().requires_grad_(True)
    p2 = p2_0.clone().requires_grad_(True)
    if s["kind"] == "adamw":
        opt = torch.optim.AdamW([p1, p2], lr=s["lr"], weight_decay=s["weight_decay"])
    else:
        opt = torch.optim.SGD([p1, p2], lr=s["lr"], momentum=s["momentum"], dampening=s["dampening"],
                              weight_decay=s["weight_decay"], nesterov=s["nesterov"])
    norms = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = (c1 * p1 * p1).sum() + (c2 * p2 * p2 * p2).sum()
        loss.backward()
        if s["clip"] is not None:
            norms.append(float(torch.nn.utils.clip_grad_norm_([p1, p2], s["clip"])))
        opt.step()
    out["cases"][name] = dict(settings=s, p1=p1.detach().flatten().tolist(), p2=p2.detach().tolist(), norms=norms)
(here / "optim.json").write_text(json.dumps(out))
