#!/usr/bin/python3
"""Learning-rate schedule fixtures for BarbellTorch, from PyTorch 1.13's torch.optim.lr_scheduler.

    /usr/bin/python3 Tests/Fixtures/torch/schedules.py     # writes schedules.json next to this script

The learning rate before each of the steps of: SequentialLR(LinearLR -> CosineAnnealingLR) (warmup then
cosine) and OneCycleLR (cosine, two phases), on a dummy SGD optimizer with base rate 0.1.
"""
import json
import pathlib
import warnings

import torch

warnings.filterwarnings("ignore")
here = pathlib.Path(__file__).resolve().parent


def rates(make, steps):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = make(opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


warm, total = 5, 30
cases = {
    "warmup_cosine": dict(warmup=warm, start=0.1, total=total, minimum=1e-4, rates=rates(
        lambda o: torch.optim.lr_scheduler.SequentialLR(o, [
            torch.optim.lr_scheduler.LinearLR(o, start_factor=0.1, total_iters=warm),
            torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=total - warm, eta_min=1e-4)], milestones=[warm]), total)),
    "one_cycle": dict(total=total, fraction=0.3, div=25.0, final_div=1e4, rates=rates(
        lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=total, pct_start=0.3,
                                                      anneal_strategy="cos", div_factor=25.0, final_div_factor=1e4,
                                                      cycle_momentum=False), total)),
}
(here / "schedules.json").write_text(json.dumps({"library": f"torch {torch.__version__}", "base": 0.1, "cases": cases}))
