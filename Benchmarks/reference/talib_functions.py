#!/usr/bin/env python3
"""Reference timings for `barbell-bench talib`: every classic TA-Lib function at its default
parameters over the same 1M-bar OHLCV arrays, through the PyPI `ta-lib` package (C library).

    python3 Benchmarks/reference/talib_functions.py --bars 1000000 --out /tmp/talib-times.json

Writes the input arrays to /tmp/barbell-bench-ohlcv-<bars>.f64 (little-endian float64,
columns open, high, low, close, volume, periods, one after another) so the Swift benchmark reads
exactly the same data, and the best-of-N seconds per function as JSON.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import talib
from talib import abstract

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "talib"))
from generate import GROUPS, random_walk  # noqa: E402  (same data model as the parity fixtures)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bars", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", default="/tmp/talib-times.json")
    ap.add_argument("--only", default="")
    args = ap.parse_args()

    cols = random_walk(args.bars, 42)
    cols["periods"] = np.random.default_rng(43).integers(2, 30, args.bars).astype(float)
    data_path = Path(f"/tmp/barbell-bench-ohlcv-{args.bars}.f64")
    np.concatenate([cols[k] for k in ("open", "high", "low", "close", "volume", "periods")]).astype("<f8").tofile(data_path)

    only = set(args.only.split(",")) if args.only else None
    times = {}
    for funcs in GROUPS.values():
        for name in funcs:
            if only and name not in only:
                continue
            f = abstract.Function(name)
            if name == "MAVP":
                f.set_input_names({"price": "close", "periods": "periods"})
            f.run(cols)  # warm up
            best = float("inf")
            for _ in range(args.repeat):
                t = time.perf_counter()
                f.run(cols)
                best = min(best, time.perf_counter() - t)
            times[name] = best
            print(f"{name:22s} {best * 1e3:9.2f} ms  {args.bars / best / 1e6:8.1f} M bars/s", flush=True)
    Path(args.out).write_text(json.dumps({"bars": args.bars, "talib": talib.__version__,
                                          "seconds": times}, indent=1))
    print(f"wrote {args.out} and {data_path}")


if __name__ == "__main__":
    main()
