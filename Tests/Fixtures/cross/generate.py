#!/usr/bin/env python3
"""Reference values for Barbell's cross-asset, cross-sectional, microstructure and normaliser
tests (Tests/BarbellFeaturesTests/{CrossAsset,Microstructure,Normalization}Tests.swift).

Libraries: pandas (rolling statistics, cross-sectional rank/z-score), numpy (least squares,
percentiles), scipy (percentileofscore) and scikit-learn (StandardScaler, RobustScaler).
Generated with pandas 3.1, numpy 2.4, scipy 1.17 and scikit-learn 1.9 (Python 3.11); the versions used are
written into `versions.txt` next to the output.

Run from the repository root:  python3 Tests/Fixtures/cross/generate.py

Every file is tab-separated and gzip-compressed: input columns first, then one column per
expected output named as `barbell features compute` names it (`RET_CORR(window=20)`,
`BOOK_DEPTH(levels=3).depth`) or, for the non-catalogue APIs, `rank.SYM`, `zscore.SYM`,
`dispersion`, `zscore`, `robust`, `rank`. Values carry 17 significant digits; NaN is `nan`.

Data sets:
  cross_aapl.tsv.gz   AAPL vs an equal-weighted index of the 20 stocks of the bundled
                      Samples/skfolio_sp500_dataset.csv.gz (last 1500 days)
  cross_jnj_nan.tsv.gz JNJ vs the same index with NaN closes at rows 700 and 1100-1101
  section.tsv.gz      daily returns of the 20 stocks (last 400 days), some set to NaN, with
                      pandas' per-day pct rank, z-score and dispersion
  book.tsv.gz         a seeded synthetic 5-level book (some deep levels missing) and trades
  normalize.tsv.gz    AAPL returns: fitted on rows 0..999 (with NaN), applied to all rows
"""
import gzip
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.stats import percentileofscore
from sklearn.preprocessing import RobustScaler, StandardScaler

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
WINDOWS = [20, 60]


def fmt(v):
    v = float(v)
    return "nan" if np.isnan(v) else repr(v) if np.isfinite(v) else ("inf" if v > 0 else "-inf")


def write(name, columns):
    names = list(columns)
    n = len(next(iter(columns.values())))
    with gzip.open(HERE / name, "wt", compresslevel=9) as f:
        f.write("\t".join(names) + "\n")
        arrays = [np.asarray(columns[k], dtype=float) for k in names]
        for i in range(n):
            f.write("\t".join(fmt(a[i]) for a in arrays) + "\n")


def returns(p):
    return p / p.shift(1) - 1


def cross_asset(close, bench):
    out = {"close": close.values, "benchmark": bench.values}
    ra, rb = returns(close), returns(bench)
    for w in WINDOWS:
        out[f"RET_CORR(window={w})"] = ra.rolling(w).corr(rb).values
        out[f"RET_BETA(window={w})"] = (ra.rolling(w).cov(rb) / rb.rolling(w).var()).values
        # Residual volatility by explicit least squares in every window (independent of the
        # moment formula the Swift kernel uses).
        resid = np.full(len(close), np.nan)
        a, b = ra.values, rb.values
        for t in range(w, len(close)):
            y, x = a[t - w + 1:t + 1], b[t - w + 1:t + 1]
            if np.isnan(y).any() or np.isnan(x).any():
                continue
            design = np.column_stack([np.ones(w), x])
            coef, *_ = np.linalg.lstsq(design, y, rcond=None)
            e = y - design @ coef
            resid[t] = np.sqrt(e @ e / (w - 2))
        out[f"RESID_VOL(window={w})"] = resid
        out[f"TRACKING_ERROR(window={w})"] = (ra - rb).rolling(w).std().values
        out[f"REL_STRENGTH(window={w})"] = ((close / close.shift(w)) / (bench / bench.shift(w)) - 1).values
    return out


def main():
    prices = pd.read_csv(ROOT / "Samples/skfolio_sp500_dataset.csv.gz", index_col=0)
    index = (1 + returns(prices).mean(axis=1).fillna(0)).cumprod() * 100
    tail = slice(len(prices) - 1500, len(prices))
    write("cross_aapl.tsv.gz", cross_asset(prices["AAPL"].iloc[tail].reset_index(drop=True),
                                           index.iloc[tail].reset_index(drop=True)))
    jnj = prices["JNJ"].iloc[tail].reset_index(drop=True).copy()
    jnj.iloc[[700, 1100, 1101]] = np.nan
    write("cross_jnj_nan.tsv.gz", cross_asset(jnj, index.iloc[tail].reset_index(drop=True)))

    # Cross-section: daily returns, with holes.
    r = returns(prices).iloc[-400:].reset_index(drop=True).copy()
    rng = np.random.default_rng(7)
    holes = rng.random(r.shape) < 0.05
    r = r.mask(holes)
    r.iloc[10, :] = np.nan          # a day with no data
    r.iloc[11, 1:] = np.nan         # a day with one valid value
    r.iloc[12, :] = 0.0             # a day of all ties
    section = {sym: r[sym].values for sym in r.columns}
    ranks = r.rank(axis=1, pct=True)
    z = r.sub(r.mean(axis=1), axis=0).div(r.std(axis=1), axis=0)
    for sym in r.columns:
        section[f"rank.{sym}"] = ranks[sym].values
    for sym in r.columns:
        section[f"zscore.{sym}"] = z[sym].values
    section["dispersion"] = r.std(axis=1).values
    write("section.tsv.gz", section)

    # Synthetic book and trades.
    rng = np.random.default_rng(42)
    n, levels, tick = 3000, 5, 0.01
    mid = 100 + np.cumsum(rng.normal(0, 0.02, n))
    half = tick * rng.integers(1, 4, n) / 2
    book = {}
    for lv in range(1, levels + 1):
        book[f"bid_price_{lv}"] = np.round((mid - half - (lv - 1) * tick) / tick * 2) * tick / 2
        book[f"bid_size_{lv}"] = np.round(rng.lognormal(3, 1, n), 3)
        book[f"ask_price_{lv}"] = np.round((mid + half + (lv - 1) * tick) / tick * 2) * tick / 2
        book[f"ask_size_{lv}"] = np.round(rng.lognormal(3, 1, n), 3)
    # Thin book: rows where levels 4-5 (or 3-5 on the ask) are missing.
    thin = rng.random(n) < 0.1
    for lv in (4, 5):
        for side in ("bid", "ask"):
            book[f"{side}_price_{lv}"][thin] = np.nan
            book[f"{side}_size_{lv}"][thin] = np.nan
    book["ask_price_3"][thin] = np.nan
    book["ask_size_3"][thin] = np.nan
    # Trades: bid-ask bounce around the mid, sizes lognormal.
    buy = rng.random(n) < 0.5 + 0.2 * np.tanh(np.diff(mid, prepend=mid[0]) / 0.02)
    price = np.where(buy, book["ask_price_1"], book["bid_price_1"])
    size = np.round(rng.lognormal(2, 1, n), 4)
    book["close"] = price
    book["volume"] = size
    bid = pd.DataFrame({lv: book[f"bid_size_{lv}"] for lv in range(1, levels + 1)})
    ask = pd.DataFrame({lv: book[f"ask_size_{lv}"] for lv in range(1, levels + 1)})
    for k in (1, 3, 5):
        # min_count=k: a missing level makes the sum NaN, as in the Swift kernel.
        b = bid.iloc[:, :k].sum(axis=1, min_count=k).values
        a = ask.iloc[:, :k].sum(axis=1, min_count=k).values
        book[f"OBI(levels={k})"] = (b - a) / (b + a)
        book[f"BOOK_DEPTH(levels={k}).biddepth"] = b
        book[f"BOOK_DEPTH(levels={k}).askdepth"] = a
        book[f"BOOK_DEPTH(levels={k}).depth"] = b + a
    bp, bs, ap, az = book["bid_price_1"], book["bid_size_1"], book["ask_price_1"], book["ask_size_1"]
    book["SPREAD"] = ap - bp
    book["REL_SPREAD"] = (ap - bp) / ((ap + bp) / 2)
    book["MICROPRICE"] = (bp * az + ap * bs) / (bs + az)
    p, v = pd.Series(price), pd.Series(size)
    dp = p.diff()
    sign = np.sign(dp).replace(0, np.nan).ffill().fillna(0)
    sign.iloc[0] = np.nan
    q = sign * v
    r = returns(p)
    for w in (20, 50):
        book[f"TRADE_IMBALANCE(window={w})"] = sign.rolling(w).mean().values
        book[f"KYLE_LAMBDA(window={w})"] = (dp.rolling(w).cov(q) / q.rolling(w).var()).values
        book[f"AMIHUD(window={w})"] = (r.abs() / (p * v)).rolling(w).mean().values
        cov = dp.rolling(w).cov(dp.shift(1))
        book[f"ROLL_SPREAD(window={w})"] = np.where(cov < 0, 2 * np.sqrt(-cov.where(cov < 0)), np.nan)
    write("book.tsv.gz", book)

    # Normalisers: fit on the first 1000 returns (with holes), apply to everything.
    x = returns(prices["AAPL"]).iloc[-1500:].reset_index(drop=True).copy()
    x.iloc[[5, 50, 500]] = np.nan
    x.iloc[1400] = 10.0   # far outside the training range
    x.iloc[1401] = -10.0
    train = x.iloc[:1000].dropna().values.reshape(-1, 1)
    allx = x.values.reshape(-1, 1)
    normalize = {"x": x.values}
    normalize["zscore"] = StandardScaler().fit(train).transform(allx).ravel()
    normalize["robust"] = RobustScaler().fit(train).transform(allx).ravel()
    sample = train.ravel()
    normalize["rank"] = np.array([np.nan if np.isnan(v) else percentileofscore(sample, v, kind="weak") / 100
                                  for v in x.values])
    write("normalize.tsv.gz", normalize)

    (HERE / "versions.txt").write_text(
        f"python {sys.version.split()[0]}\npandas {pd.__version__}\nnumpy {np.__version__}\n"
        f"scipy {scipy.__version__}\nscikit-learn {sklearn.__version__}\n")


if __name__ == "__main__":
    main()
