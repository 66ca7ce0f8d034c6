#!/usr/bin/env python3
"""Reference for `barbell-bench garch`: arch's GARCH(1,1) fits (constant mean, normal and
Student-t innovations) on the same simulated percent returns.

    swift run -c release barbell-bench garch          # writes /tmp/barbell-garch-returns.f64
    python3 Benchmarks/reference/arch_garch.py [FILE] [REPEATS]

Library: arch 8.0.0 (`pip install arch==8.0.0`; version printed). Times `arch_model(y).fit(disp="off")`
(which, like Barbell's fit, does not compute standard errors until asked), best of REPEATS
(wall clock, and process CPU time for loaded machines).
"""
import sys
import time
import warnings

import arch
import numpy as np
from arch import arch_model

warnings.simplefilter("ignore")
path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/barbell-garch-returns.f64"
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
returns = np.fromfile(path, dtype="<f8")
print(f"arch {arch.__version__}, numpy {np.__version__}: {returns.size} returns from {path}")
for n in (2520, 100_000):
    y = returns[:n]
    for dist in ("normal", "t"):
        best, best_cpu, res = float("inf"), float("inf"), None
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            res = arch_model(y, dist=dist, rescale=False).fit(disp="off")
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - start_cpu)
        params = " ".join(f"{p:.6f}" for p in res.params)
        print(f"garch(1,1) {dist:6s} fit {n:8d} ret  {best * 1000:9.1f} ms (cpu {best_cpu * 1000:.1f} ms)   "
              f"loglik {res.loglikelihood:.6f}, {res.optimization_result.nfev} evaluations, params {params}")
