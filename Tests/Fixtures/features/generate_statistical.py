#!/usr/bin/env python3
"""Reference values for Barbell's Statistical, Realized Volatility, Tail Risk and Regime features.

Run from the repository root:  python3 Tests/Fixtures/features/generate_statistical.py

Libraries: pandas (rolling mean/std/skew/kurt/quantile/rank, Series.autocorr, ewm().corr),
numpy (histogram, lstsq, percentile) and scipy (stats.entropy, stats.linregress). Where no library
has the estimator (Hurst R/S and DFA, Lo-MacKinlay variance ratio, Hill, Yang-Zhang, bipower
jump share, drawdown speed/recovery, ...) the published formula is implemented here directly with
numpy, independently of the Swift code. The versions used are written to
`statistical_versions.txt`.

Writes `statistical_<name>.tsv.gz`: the input columns (open, high, low, close, volume,
benchmark) followed by one column per feature, named as `barbell features compute` names it
(`ROLLING_SKEW(window=20)`, every parameter in the catalogue's order). Values are printed with
17 significant digits; NaN is `nan`.

Data sets:
  sp500  the last 600 daily bars of the bundled S&P 500 sample (Samples/arch_sp500.csv.gz) with a
         seeded random-walk benchmark
  walk   a seeded 600-bar geometric random walk with consistent OHLC and a correlated benchmark

Returns are log returns ln(C_t / C_{t-1}) computed as np.log(c / c.shift(1)), exactly as the
Swift kernels compute them.
"""
import csv
import gzip
import io
import math
import platform
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
from scipy import stats

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
ROWS = 600
LN2 = math.log(2.0)


def fmt_value(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v)


def name(func, params):
    if not params:
        return func
    return func + "(" + ",".join(f"{k}={fmt_value(v)}" for k, v in params.items()) + ")"


def load_sp500(rows, seed):
    with gzip.open(ROOT / "Samples" / "arch_sp500.csv.gz", "rt") as f:
        data = list(csv.DictReader(f))[-rows:]
    cols = {k: np.array([float(r[src]) for r in data]) for k, src in
            [("open", "Open"), ("high", "High"), ("low", "Low"), ("close", "Close"), ("volume", "Volume")]}
    rng = np.random.default_rng(seed)
    cols["benchmark"] = 1000 * np.exp(np.cumsum(rng.normal(0, 0.01, rows)))
    return cols


def random_walk(rows, seed):
    rng = np.random.default_rng(seed)
    market = rng.normal(0, 0.01, rows)
    benchmark = 1000 * np.exp(np.cumsum(market))
    close = 100 * np.exp(np.cumsum(0.8 * market + 20 * market ** 2 + rng.normal(0, 0.01, rows)))
    open_ = np.concatenate([[100.0], close[:-1]]) * np.exp(rng.normal(0, 0.004, rows))
    wick = np.abs(rng.normal(0, 0.008, (2, rows)))
    high = np.maximum(open_, close) * np.exp(wick[0])
    low = np.minimum(open_, close) * np.exp(-wick[1])
    volume = np.round(rng.lognormal(13, 0.5, rows))
    return {"open": open_, "high": high, "low": low, "close": close, "volume": volume, "benchmark": benchmark}


def rolling_apply(x, window, f):
    """f over each full window of the array x (NaN-free windows only), aligned to the end."""
    out = np.full(len(x), np.nan)
    for t in range(window - 1, len(x)):
        w = x[t - window + 1:t + 1]
        if not np.isnan(w).any():
            out[t] = f(w)
    return out


def log_returns(c):
    s = pd.Series(c)
    return (np.log(s / s.shift(1))).to_numpy()


# --- estimators without a library implementation --------------------------------------------

def hurst_sizes(n):
    sizes = []
    s = 8
    while s <= n // 2:
        sizes.append(s)
        s *= 2
    return sizes


def hurst_rs(w):
    n = len(w)
    xs, ys = [], []
    for s in hurst_sizes(n):
        m = n // s
        boxes = w[n - m * s:].reshape(m, s)
        values = []
        for b in boxes:
            y = np.cumsum(b - b.mean())
            sd = b.std()
            if sd > 0:
                values.append((y.max() - y.min()) / sd)
        if not values:
            return np.nan
        xs.append(s)
        ys.append(np.mean(values))
    return np.polyfit(np.log(xs), np.log(ys), 1)[0]


def hurst_dfa(w):
    n = len(w)
    profile = np.cumsum(w - w.mean())
    xs, ys = [], []
    for s in hurst_sizes(n):
        m = n // s
        boxes = profile[n - m * s:].reshape(m, s)
        k = np.arange(s)
        residuals = 0.0
        for b in boxes:
            coef = np.polyfit(k, b, 1)
            residuals += np.sum((b - np.polyval(coef, k)) ** 2)
        f = math.sqrt(residuals / (m * s))
        if f == 0:
            return np.nan
        xs.append(s)
        ys.append(f)
    return np.polyfit(np.log(xs), np.log(ys), 1)[0]


def variance_ratio(w, q):
    t = len(w)
    if 2 * q > t:
        return np.nan
    mu = w.mean()
    var_a = np.sum((w - mu) ** 2) / (t - 1)
    sums = np.convolve(w, np.ones(q), mode="valid")  # r_t + ... + r_{t-q+1}
    m = q * (t - q + 1) * (1 - q / t)
    var_c = np.sum((sums - q * mu) ** 2) / m
    return var_c / var_a


def entropy(w, bins):
    if w.max() == w.min():
        return 0.0
    counts, _ = np.histogram(w, bins=bins)
    return stats.entropy(counts)


def worst_drawdown(w):
    depth, peak, trough = 0.0, 0, 0
    high, high_at = w[0], 0
    for i, x in enumerate(w):
        if x >= high:
            high, high_at = x, i
        dd = 1 - x / high
        if dd > depth:
            depth, peak, trough = dd, high_at, i
    return depth, peak, trough


def max_drawdown(w):
    return np.max(1 - w / np.maximum.accumulate(w))


def drawdown_speed(w):
    depth, peak, trough = worst_drawdown(w)
    return 0.0 if depth == 0 else depth / (trough - peak)


def recovery_time(w):
    depth, peak, trough = worst_drawdown(w)
    if depth == 0:
        return 0.0
    after = np.nonzero(w[trough + 1:] >= w[peak])[0]
    return float(after[0] + 1) if len(after) else float(len(w) - 1 - trough)


def cvar(w, confidence):
    threshold = np.quantile(w, 1 - confidence)
    return -w[w <= threshold].mean()


def hill(w, k):
    losses = np.sort(-w)[::-1]
    if k >= len(w) or losses[k] <= 0:
        return np.nan
    xi = np.mean(np.log(losses[:k] / losses[k]))
    return 1 / xi if xi > 0 else np.nan


def tail_ratio(w, confidence):
    left = abs(np.percentile(w, 100 * (1 - confidence)))
    return abs(np.percentile(w, 100 * confidence)) / left if left > 0 else np.nan


def jump_share(w):
    n = len(w)
    rv = np.sum(w ** 2)
    bv = (math.pi / 2) * (n / (n - 1)) * np.sum(np.abs(w[1:]) * np.abs(w[:-1]))
    return 0.0 if rv == 0 else max(0.0, (rv - bv) / rv)


def convexity(r, m):
    design = np.column_stack([np.ones_like(m), m, m ** 2])
    return np.linalg.lstsq(design, r, rcond=None)[0][2]


def autocorr(w, lag):
    return pd.Series(w).autocorr(lag)


def trend(w, which):
    fit = stats.linregress(np.arange(len(w), dtype=float), w)
    if which == "t":
        return fit.slope / fit.stderr if fit.stderr > 0 else np.nan
    return math.copysign(fit.rvalue ** 2, fit.slope)


# --- features --------------------------------------------------------------------------------

def compute(cols):
    o, h, l, c, b = (cols[k] for k in ["open", "high", "low", "close", "benchmark"])
    r = log_returns(c)
    rs = pd.Series(r)
    cs = pd.Series(c)
    out = {}

    def put(func, params, values):
        out[name(func, params)] = np.asarray(values, dtype=float)

    # Statistical
    for w in [20, 5]:
        put("ROLLING_MEAN", {"window": w}, rs.rolling(w).mean())
        put("ROLLING_STD", {"window": w}, rs.rolling(w).std())
        put("ZSCORE", {"window": w}, (cs - cs.rolling(w).mean()) / cs.rolling(w).std())
    # pandas' rolling skew/kurt (same G1/G2 convention) for the usual windows. On very short
    # windows of nearly equal returns pandas' incremental update loses up to half the digits
    # (pandas issues #62946, #66659), so windows 3 and 5 are checked against scipy's exact
    # per-window skew(bias=False) / kurtosis(bias=False) instead.
    for w in [20, 60]:
        put("ROLLING_SKEW", {"window": w}, rs.rolling(w).skew())
        put("ROLLING_KURT", {"window": w}, rs.rolling(w).kurt())
    put("ROLLING_SKEW", {"window": 3}, rolling_apply(r, 3, lambda x: stats.skew(x, bias=False)))
    put("ROLLING_SKEW", {"window": 5}, rolling_apply(r, 5, lambda x: stats.skew(x, bias=False)))
    put("ROLLING_KURT", {"window": 5}, rolling_apply(r, 5, lambda x: stats.kurtosis(x, bias=False)))
    for w, q in [(20, 0.5), (20, 0.1), (50, 0.9), (7, 0.25)]:
        put("ROLLING_QUANTILE", {"window": w, "q": q}, rs.rolling(w).quantile(q, interpolation="linear"))
    for w, lag in [(60, 1), (60, 5), (20, 2)]:
        put("AUTOCORR", {"window": w, "lag": lag}, rolling_apply(r, w, lambda x: autocorr(x, lag)))
    for w in [128, 64, 100]:
        put("HURST_RS", {"window": w}, rolling_apply(r, w, hurst_rs))
        put("HURST_DFA", {"window": w}, rolling_apply(r, w, hurst_dfa))
    for w, q in [(100, 5), (60, 2), (100, 10)]:
        put("VARIANCE_RATIO", {"window": w, "lag": q}, rolling_apply(r, w, lambda x: variance_ratio(x, q)))
    for w, bins in [(50, 10), (30, 5)]:
        put("ENTROPY", {"window": w, "bins": bins}, rolling_apply(r, w, lambda x: entropy(x, bins)))
    for w in [252, 20]:
        put("MAX_DRAWDOWN", {"window": w}, rolling_apply(c, w, max_drawdown))
    for w, ann in [(60, 252.0), (20, 1.0)]:
        put("ROLLING_SHARPE", {"window": w, "annualization": ann},
            math.sqrt(ann) * rs.rolling(w).mean() / rs.rolling(w).std())

    # Realized volatility
    hl2 = pd.Series(np.log(h / l) ** 2)
    gk = pd.Series(0.5 * np.log(h / l) ** 2 - (2 * LN2 - 1) * np.log(c / o) ** 2)
    rsat = pd.Series(np.log(h / c) * np.log(h / o) + np.log(l / c) * np.log(l / o))
    overnight = pd.Series(np.log(o / cs.shift(1).to_numpy()))
    body = pd.Series(np.log(c / o))
    for w, ann in [(20, 252.0), (10, 1.0)]:
        p = {"window": w, "annualization": ann}
        put("VOL_CC", p, np.sqrt(ann) * rs.rolling(w).std())
        put("VOL_PARKINSON", p, np.sqrt(ann * hl2.rolling(w).mean() / (4 * LN2)))
        put("VOL_GK", p, np.sqrt(ann * gk.rolling(w).mean()))
        put("VOL_RS", p, np.sqrt(ann * rsat.rolling(w).mean()))
        k = 0.34 / (1.34 + (w + 1) / (w - 1))
        # Yang-Zhang: the window covers bars t-w+1..t, each with its own overnight return.
        yz = overnight.rolling(w).var() + k * body.shift(0).where(overnight.notna()).rolling(w).var() \
            + (1 - k) * rsat.where(overnight.notna()).rolling(w).mean()
        put("VOL_YZ", p, np.sqrt(ann * yz))

    # Tail risk
    for w, conf in [(250, 0.95), (100, 0.99), (60, 0.9)]:
        p = {"window": w, "confidence": conf}
        put("VAR_HIST", p, -rs.rolling(w).quantile(1 - conf, interpolation="linear"))
        put("CVAR_HIST", p, rolling_apply(r, w, lambda x: cvar(x, conf)))
        put("TAIL_RATIO", p, rolling_apply(r, w, lambda x: tail_ratio(x, conf)))
    for w, kk in [(250, 25), (100, 10)]:
        put("HILL_TAIL", {"window": w, "k": kk}, rolling_apply(r, w, lambda x: hill(x, kk)))
    for w, ann in [(20, 252.0), (60, 1.0)]:
        p = {"window": w, "annualization": ann}
        put("DOWNSIDE_DEV", p, rolling_apply(r, w, lambda x: math.sqrt(ann * np.mean(np.minimum(x, 0) ** 2))))
        put("UPSIDE_DEV", p, rolling_apply(r, w, lambda x: math.sqrt(ann * np.mean(np.maximum(x, 0) ** 2))))
    for w in [60, 20]:
        put("OMEGA_RATIO", {"window": w}, rolling_apply(r, w, lambda x: np.maximum(x, 0).sum() / np.maximum(-x, 0).sum()))
    for w in [20, 50]:
        put("JUMP_SHARE", {"window": w}, rolling_apply(r, w, jump_share))
    for w, vw in [(20, 20), (30, 10)]:
        vol = rs.rolling(vw).std()
        put("VOL_OF_VOL", {"window": w, "volwindow": vw}, vol.rolling(w).std() / vol.rolling(w).mean())
    rb = log_returns(b)
    for w in [60, 30]:
        values = np.full(len(r), np.nan)
        for t in range(w, len(r)):
            values[t] = convexity(r[t - w + 1:t + 1], rb[t - w + 1:t + 1])
        put("CONVEXITY", {"window": w}, values)
    for w in [252, 60]:
        put("DRAWDOWN_SPEED", {"window": w}, rolling_apply(c, w, drawdown_speed))
        put("RECOVERY_TIME", {"window": w}, rolling_apply(c, w, recovery_time))

    # Regime
    lc = np.log(c)
    for w in [20, 60]:
        put("TREND_TSTAT", {"window": w}, rolling_apply(lc, w, lambda x: trend(x, "t")))
        put("TREND_R2", {"window": w}, rolling_apply(lc, w, lambda x: trend(x, "r2")))
    for w, rw in [(20, 252), (10, 50)]:
        vol = rs.rolling(w).std()
        put("VOL_PERCENTILE", {"window": w, "rankwindow": rw}, vol.rolling(rw).rank(method="max", pct=True))
    signs = np.sign(r)
    for w in [20, 60]:
        put("SIGN_PERSISTENCE", {"window": w}, rolling_apply(signs, w, lambda x: autocorr(x, 1)))
    for decay, mp in [(0.94, 20), (0.97, 50)]:
        put("EWMA_CORR", {"decay": decay, "minperiods": mp},
            rs.ewm(alpha=1 - decay, min_periods=mp).corr(pd.Series(rb)))
    return out


def write(name_, cols):
    out = compute(cols)
    inputs = ["open", "high", "low", "close", "volume", "benchmark"]
    header = inputs + list(out)
    buf = io.StringIO()
    buf.write("\t".join(header) + "\n")
    n = len(cols["close"])
    columns = [cols[k] for k in inputs] + list(out.values())
    for i in range(n):
        buf.write("\t".join("nan" if np.isnan(col[i]) else repr(float(col[i])) for col in columns) + "\n")
    with gzip.GzipFile(HERE / f"statistical_{name_}.tsv.gz", "wb", mtime=0) as f:
        f.write(buf.getvalue().encode())


def main():
    write("sp500", load_sp500(ROWS, 21))
    write("walk", random_walk(ROWS, 23))
    (HERE / "statistical_versions.txt").write_text(
        f"python {platform.python_version()}\nnumpy {np.__version__}\npandas {pd.__version__}\nscipy {scipy.__version__}\n")


if __name__ == "__main__":
    main()
