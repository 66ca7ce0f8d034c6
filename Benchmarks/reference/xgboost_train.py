#!/usr/bin/env python3
"""Reference for `barbell-bench xgboost`: Python xgboost 1.7.4 (pip install xgboost==1.7.4, the
version of Debian's libxgboost-dev) training on the data file the Swift benchmark wrote.

    .build/release/barbell-bench xgboost --threads 1
    python3 Benchmarks/reference/xgboost_train.py --threads 1
"""
import argparse
import sys
import time

import numpy as np

sys.path = [p for p in sys.path if not p.endswith("Benchmarks/reference")]
import xgboost as xgb  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--rows", type=int, default=100_000)
p.add_argument("--columns", type=int, default=50)
p.add_argument("--rounds", type=int, default=100)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--repeat", type=int, default=3)
p.add_argument("--data", default="/tmp/barbell-xgboost-bench.bin")
a = p.parse_args()
raw = np.fromfile(a.data, dtype=np.float32)
x = raw[: a.rows * a.columns].reshape(a.rows, a.columns)
y = raw[a.rows * a.columns:]
params = {"objective": "reg:squarederror", "max_depth": 6, "eta": 0.1, "tree_method": "hist", "nthread": a.threads, "seed": 0}
best = float("inf")
for _ in range(a.repeat):
    start = time.perf_counter()
    booster = xgb.train(params, xgb.DMatrix(x, label=y, nthread=a.threads), num_boost_round=a.rounds)
    best = min(best, time.perf_counter() - start)
first = booster.predict(xgb.DMatrix(x[:1]))[0]
print(f"xgboost {xgb.__version__} train {a.rows} rows x {a.columns} columns, {a.rounds} rounds, depth 6, hist, "
      f"{a.threads} thread(s): best of {a.repeat} {best:.3f} s ({a.rows * a.rounds / best / 1000:.0f} rows·rounds/ms); first prediction {first:.6f}")
