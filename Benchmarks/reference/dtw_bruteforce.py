#!/usr/bin/env python3
"""Reference for `barbell-bench patterns`: the brute-force similar-pattern search with
dtaidistance's banded DTW in C (`distance_matrix_fast`, one query row against every window, not
parallel), on the prices the Swift benchmark wrote. Windows are z-normalised with NumPy before
timing starts; only the DTW distances and the greedy top-10 selection are timed.

    pip install dtaidistance==2.5.1
    python3 Benchmarks/reference/dtw_bruteforce.py /tmp/barbell-patterns.f64 60 6
"""
import sys
import time

import dtaidistance
import numpy as np
from dtaidistance import dtw
from numpy.lib.stride_tricks import sliding_window_view


def main():
    path, m, r = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    horizon, top, exclusion = 20, 10, m
    prices = np.fromfile(path, dtype="<f8")
    n = len(prices)
    q0 = n - m
    last = min(q0 - m, n - m - horizon)
    windows = sliding_window_view(prices, m)[: last + 1]
    mean = windows.mean(axis=1, keepdims=True)
    sd = windows.std(axis=1, keepdims=True)
    z = np.ascontiguousarray((windows - mean) / sd)
    q = prices[q0:]
    q = (q - q.mean()) / q.std()
    data = np.vstack([q[None, :], z])
    start = time.perf_counter()
    d = dtw.distance_matrix_fast(data, block=((0, 1), (1, len(data))), window=r + 1, compact=True, parallel=False)
    order = np.lexsort((np.arange(len(d)), d))
    taken = []
    for s in order:
        if all(abs(s - t) >= exclusion for t in taken):
            taken.append(int(s))
            if len(taken) == top:
                break
    seconds = time.perf_counter() - start
    print(f"dtaidistance {dtaidistance.__version__} brute-force banded DTW: {len(d)} windows in {seconds * 1000:.1f} ms")
    print("  starts " + ",".join(map(str, taken)))
    print("  distances " + ",".join(f"{d[s]:.6f}" for s in taken))


if __name__ == "__main__":
    main()
