#!/usr/bin/env python3
"""Reference for `barbell-bench csv-parse`: pandas.read_csv + the same validation checks.

Reads the file written by `barbell-bench gen-csv` and runs the checks Barbell's validator runs:
missing values, duplicate / non-increasing timestamps, OHLC consistency, non-positive prices,
negative volume, robust z-score return outliers and stale runs. Prints best-of-N seconds.
Library: pandas (version printed), numpy.
"""
import sys, time
import numpy as np
import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/barbell-bench-ohlcv.csv"
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3

def parse():
    return pd.read_csv(path, parse_dates=["timestamp"])

def validate(df):
    ts = df["timestamp"].values.astype("int64")
    o, h, l, c, v = (df[k].values for k in ("open", "high", "low", "close", "volume"))
    issues = {}
    issues["missing"] = int(df[["open", "high", "low", "close", "volume"]].isna().sum().sum())
    d = np.diff(ts)
    issues["duplicate"] = int((d == 0).sum())
    issues["not_increasing"] = int((d < 0).sum())
    issues["ohlc"] = int(((h < np.maximum(o, c)) | (h < l) | (l > np.minimum(o, c))).sum())
    issues["non_positive"] = int(((o <= 0) | (h <= 0) | (l <= 0) | (c <= 0)).sum())
    issues["negative_volume"] = int((v < 0).sum())
    r = np.log(c[1:] / c[:-1])
    med = np.median(r)
    mad = np.median(np.abs(r - med))
    issues["outliers"] = int((np.abs(r - med) / (1.4826 * mad) > 10).sum()) if mad > 0 else 0
    change = np.concatenate(([True], c[1:] != c[:-1]))
    run_id = np.cumsum(change)
    issues["stale_runs"] = int((np.bincount(run_id) >= 10).sum())
    return issues

def best(f, *a):
    b, r = float("inf"), None
    for _ in range(repeats):
        t = time.perf_counter(); r = f(*a); b = min(b, time.perf_counter() - t)
    return b, r

tp, df = best(parse)
tv, issues = best(validate, df)
n = len(df)
print(f"pandas {pd.__version__}, numpy {np.__version__}")
print(f"read_csv           {n} rows  {tp*1000:9.1f} ms  {n/tp/1e6:8.2f} M rows/s")
print(f"validate           {n} rows  {tv*1000:9.1f} ms  {n/tv/1e6:8.2f} M rows/s")
print(f"read_csv+validate  {n} rows  {(tp+tv)*1000:9.1f} ms  {n/(tp+tv)/1e6:8.2f} M rows/s")
print(issues)
