#!/usr/bin/env python3
"""Reference for `barbell-bench trades-to-bars`: pandas resample of in-memory trades to 1-minute
OHLCV + VWAP + trade count, on the same synthetic process (exponential 5 ms inter-arrivals).
Library: pandas (version printed), numpy.
"""
import sys, time
import numpy as np
import pandas as pd

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000_000
rng = np.random.default_rng(7)
t = pd.Timestamp("2024-01-01").value + np.cumsum((rng.exponential(5e6, n)).astype("int64"))
price = 100 * np.cumprod(1 + 1e-4 * rng.standard_normal(n))
size = rng.random(n)
df = pd.DataFrame({"price": price, "size": size, "pq": price * size}, index=pd.DatetimeIndex(t))

def bars():
    g = df.resample("1min")
    out = g["price"].ohlc()
    out["volume"] = g["size"].sum()
    out["vwap"] = g["pq"].sum() / out["volume"]
    out["trades"] = g["price"].count()
    return out.dropna()

best = float("inf")
for _ in range(3):
    s = time.perf_counter(); r = bars(); best = min(best, time.perf_counter() - s)
print(f"pandas {pd.__version__}: {n} trades -> {len(r)} 1m bars in {best*1000:.1f} ms = {n/best/1e6:.2f} M trades/s")
