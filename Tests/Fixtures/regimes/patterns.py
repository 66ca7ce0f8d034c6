#!/usr/bin/env python3
"""Reference similar-pattern search for BarbellRegimes' SimilarPatternSearch: z-normalised windows
(population standard deviation), banded DTW distances from dtaidistance (C library; its
`window=r+1` is a Sakoe-Chiba radius r), and the greedy top-k with an exclusion zone by brute
force over every candidate.

    pip install dtaidistance==2.5.1
    python3 Tests/Fixtures/regimes/patterns.py      # writes Tests/Fixtures/regimes/patterns.json
"""
import json
import pathlib

import dtaidistance
import numpy as np
import pandas as pd
from dtaidistance import dtw

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def znorm(x):
    sd = x.std()
    return (x - x.mean()) / sd if sd > 1e-12 * max(abs(x.mean()), 1) else np.zeros_like(x)


def brute(prices, m, r, exclusion, horizon, top):
    n = len(prices)
    q0 = n - m
    last = min(q0 - m, n - m - horizon)
    query = znorm(prices[q0:])
    costs = [(dtw.distance_fast(query, znorm(prices[s:s + m]), window=r + 1), s) for s in range(last + 1)]
    costs.sort()
    taken = []
    for d, s in costs:
        if all(abs(s - t) >= exclusion for _, t in taken):
            taken.append((d, s))
            if len(taken) == top:
                break
    return taken


def main():
    close = pd.read_csv(ROOT / "Samples" / "arch_sp500.csv.gz")["Adj Close"].to_numpy()
    cases = {}
    for name, (m, r, exclusion, horizon, top) in {"sp500_w30": (30, 3, 30, 20, 10), "sp500_w60_e15": (60, 6, 15, 10, 5)}.items():
        picked = brute(close, m, r, exclusion, horizon, top)
        end = [s + m - 1 for _, s in picked]
        cases[name] = {"window": float(m), "radius": float(r), "exclusion": float(exclusion), "horizon": float(horizon), "top": float(top),
                       "starts": [float(s) for _, s in picked], "distances": [d for d, _ in picked],
                       "forward": [close[e + horizon] / close[e] - 1 for e in end]}
    rng = np.random.default_rng(3)
    pairs = []
    for _ in range(5):
        q, c = rng.standard_normal(40), rng.standard_normal(40).cumsum()
        q, c = znorm(q), znorm(c)
        pairs.append([*q, *c, dtw.distance_fast(q, c, window=5)])
    cases["pairs"] = {"rows": pairs, "length": 40.0, "radius": 4.0}
    out = {"library": f"dtaidistance {dtaidistance.__version__}, numpy {np.__version__}, pandas {pd.__version__}", "cases": cases}
    (HERE / "patterns.json").write_text(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main()
