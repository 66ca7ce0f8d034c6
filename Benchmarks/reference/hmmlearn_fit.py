"""hmmlearn reference for `barbell-bench hmm` (pip install hmmlearn==0.3.3 numpy).

Fits GaussianHMM with the benchmark's fixed initial parameters (init_params="", tol=-inf so
all n_iter=100 iterations run) on the observations `barbell-bench hmm` writes (n x 2 little-endian float64),
best of 3 for 2,520 rows and 1 run for 100,000, and times hmmlearn's forward pass on one
bar at a time as the closest analogue of the online update.

    python3 Benchmarks/reference/hmmlearn_fit.py /tmp/barbell-hmm-obs.f64 2520,100000 100
"""
import sys
import time

import numpy as np
import hmmlearn
from hmmlearn import hmm
import logging

logging.getLogger("hmmlearn").setLevel(logging.ERROR)  # tol=-inf: rounding-level decreases are expected

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/barbell-hmm-obs.f64"
sizes = [int(s) for s in (sys.argv[2] if len(sys.argv) > 2 else "2520,100000").split(",")]
n_iter = int(sys.argv[3]) if len(sys.argv) > 3 else 100
flat = np.fromfile(path, dtype="<f8").reshape(-1, 2)
print(f"hmmlearn {hmmlearn.__version__}, numpy {np.__version__}")


def initial(kind, d):
    m = hmm.GaussianHMM(n_components=3, covariance_type=kind, n_iter=n_iter, tol=-np.inf, init_params="", params="stmc")
    m.startprob_ = np.array([0.3, 0.4, 0.3])
    m.transmat_ = np.array([[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9]])
    m.means_ = np.array([[-0.5, -0.2], [0.1, 0.0], [0.8, 0.3]])[:, :d]
    v = np.array([0.5, 1.0, 2.0])
    if kind == "diag":
        m.covars_ = np.repeat(v[:, None], d, axis=1)
    else:
        m.covars_ = np.array([[[vi if i == j else 0.3 * vi for j in range(d)] for i in range(d)] for vi in v])
    return m


for n in sizes:
    for d in (1, 2):
        x = np.ascontiguousarray(flat[:n, :d])
        for kind in ("diag", "full"):
            best = best_cpu = np.inf
            for _ in range(1 if n > 10_000 else 3):
                m = initial(kind, d)
                t0, c0 = time.perf_counter(), time.thread_time()
                m.fit(x)
                best = min(best, time.perf_counter() - t0)
                best_cpu = min(best_cpu, time.thread_time() - c0)
            h = list(m.monitor_.history)
            print(f"hmmlearn fit {kind:5s} n={n:<7d} d={d} k=3  {m.monitor_.iter:4d} iter  {best * 1000:10.2f} ms wall {best_cpu * 1000:10.2f} ms cpu  logL(last history) {h[-1]:.10f}")

# Online analogue: hmmlearn has no incremental filter; predict_proba on a 1-row array per bar
# (what a live system would have to do) for 4 states, 1-D, over 2,000 bars.
m = hmm.GaussianHMM(n_components=4, covariance_type="full", init_params="")
m.startprob_ = np.full(4, 0.25)
m.transmat_ = np.full((4, 4), 0.01) + np.eye(4) * 0.96
m.means_ = np.array([[-1.0], [0.0], [0.5], [1.0]])
m.covars_ = np.array([0.25, 1, 2, 4]).reshape(4, 1, 1)
bars = 2000
t0, c0 = time.perf_counter(), time.thread_time()
for t in range(bars):
    m.predict_proba(flat[t:t + 1, :1])
print(f"hmmlearn predict_proba per single bar (k=4, d=1): {(time.perf_counter() - t0) / bars * 1e6:.1f} us/bar wall, "
      f"{(time.thread_time() - c0) / bars * 1e6:.1f} us/bar cpu")
