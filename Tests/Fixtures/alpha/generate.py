#!/usr/bin/env python3
"""Reference values for Barbell's Alpha158 / Alpha360 parity tests, computed by Qlib itself.

Engine: pyqlib's own expression engine (`qlib.data.ops`, its Cython `rolling_slope/rsquare/resi`
and the pandas rolling kernels it calls). The feature expressions are taken verbatim from
`qlib.contrib.data.loader.Alpha158DL.get_feature_config` (with the Alpha158 handler's config:
kbar, price windows [0] for OPEN/HIGH/LOW/VWAP, rolling defaults) and
`Alpha360DL.get_feature_config`, parsed with `qlib.utils.parse_field` and evaluated with
`Expression.load`, exactly as Qlib's `ExpressionProvider` does.

The only thing replaced is the leaf loader: `Feature._load_internal` returns float64 columns
from the data sets below instead of reading Qlib's `.bin` store. (Qlib's store keeps float32, so
values from a real Qlib data directory differ from these in about the 7th significant digit;
that is input quantisation, not a different formula. Barbell works in float64 throughout.)

Run from the repository root:  python3 Tests/Fixtures/alpha/generate.py
Versions used are written to `versions.txt` next to the output.

Data sets (`<name>.tsv.gz`, tab-separated, gzip, 17 significant digits, NaN as `nan`):
  sp500     the last 400 daily bars of Samples/arch_sp500.csv.gz; the sample has no VWAP, so
            vwap = (high + low + close) / 3 (the typical price)
  walk      a seeded 400-bar random walk with consistent OHLC, vwap = (h + l + c) / 3, closes
            repeated on about 8% of bars and volume repeated on about 5% (ties for Rank/Quantile,
            zero changes for the SUMP/CNTP/WVMA families)
  walk_nan  the same walk with NaN gaps (3 leading NaN bars, NaN closes at 150-151, a NaN high
            at 200, a NaN volume at 260) to pin down Qlib's NaN behaviour
  flat      the walk with degenerate stretches (see `flat()`): constant prices, zero and
            negative volumes, a 1e4x price spike
Columns: open, high, low, close, volume, vwap, then every Alpha158 feature in Qlib's order, then
every Alpha360 feature not already present (OPEN0, HIGH0, LOW0 and VWAP0 are identical in both).
"""
import gzip
import io
import platform
from pathlib import Path

import numpy as np
import pandas as pd
import qlib
from qlib.contrib.data.loader import Alpha158DL, Alpha360DL
from qlib.data import base as qbase
from qlib.data.cache import H
from qlib.data.ops import Operators  # noqa: F401  (used by the parsed expressions)
from qlib.utils import parse_field

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
N = 400

ALPHA158_CONFIG = {
    "kbar": {},
    "price": {"windows": [0], "feature": ["OPEN", "HIGH", "LOW", "VWAP"]},
    "rolling": {},
}


def sp500():
    df = pd.read_csv(ROOT / "Samples/arch_sp500.csv.gz")
    df = df.tail(N).reset_index(drop=True)
    out = pd.DataFrame({
        "open": df["Open"].astype(float), "high": df["High"].astype(float),
        "low": df["Low"].astype(float), "close": df["Close"].astype(float),
        "volume": df["Volume"].astype(float),
    })
    out["vwap"] = (out["high"] + out["low"] + out["close"]) / 3
    return out


def walk(nan_gaps=False):
    rng = np.random.default_rng(20260322)
    o = np.empty(N); h = np.empty(N); l = np.empty(N); c = np.empty(N); v = np.empty(N)
    price = 50.0
    vol = 1e6
    for i in range(N):
        op = price
        cl = op * np.exp(0.015 * rng.standard_normal())
        if rng.random() < 0.08 and i > 0:
            cl = c[i - 1]          # unchanged close: ties and zero changes
        cl = round(cl, 2)
        hi = max(op, cl) * np.exp(abs(0.006 * rng.standard_normal()))
        lo = min(op, cl) * np.exp(-abs(0.006 * rng.standard_normal()))
        if rng.random() >= 0.05 or i == 0:
            vol = float(round(1e6 * np.exp(0.4 * rng.standard_normal())))
        o[i], h[i], l[i], c[i], v[i] = op, hi, lo, cl, vol
        price = cl
    df = pd.DataFrame({"open": o, "high": h, "low": l, "close": c, "volume": v})
    df["vwap"] = (df["high"] + df["low"] + df["close"]) / 3
    if nan_gaps:
        df.iloc[0:3, :] = np.nan
        df.loc[150:151, "close"] = np.nan
        df.loc[200, "high"] = np.nan
        df.loc[260, "volume"] = np.nan
    return df


def flat():
    """The walk with degenerate stretches: 80 bars of a constant price (every rolling spread 0,
    so pandas' recompute-on-cancellation, Qlib's 2e-5 Std masks and the equal-value shortcuts
    all fire), zero volumes (Log(0) = -inf and x/0 = inf become NaN inside pandas), a price jump of
    1e4 that then leaves the windows, and a negative volume (Log of a negative number)."""
    df = walk()
    df.loc[100:179, ["open", "high", "low", "close", "vwap"]] = 50.0
    df.loc[120:125, "volume"] = 0.0
    df.loc[140:179, "volume"] = 7.0e5
    df.loc[250, ["high", "close"]] = [5.0e5, 5.0e5]
    df.loc[300, "volume"] = -1.0
    return df


CURRENT = {}


def load_leaf(self, instrument, start_index, end_index, freq):
    return CURRENT["df"][self._name].copy()


def evaluate(df, fields):
    CURRENT["df"] = df
    H["f"].clear()
    result = {}
    for field, name in fields:
        expr = eval(parse_field(field))
        series = expr.load("X", 0, len(df) - 1, "day")
        result[name] = np.asarray(series, dtype=float)
    return result


def main():
    import tempfile
    qlib.init(provider_uri=tempfile.mkdtemp(prefix="qlib-empty-"), region="us", kernels=1)
    qbase.Feature._load_internal = load_leaf

    f158, n158 = Alpha158DL.get_feature_config(ALPHA158_CONFIG)
    f360, n360 = Alpha360DL.get_feature_config()
    assert len(n158) == 158 and len(n360) == 360
    fields = list(zip(f158, n158))
    seen = set(n158)
    for f, n in zip(f360, n360):
        if n in seen:
            assert dict(zip(n158, f158))[n] == f, n
            continue
        fields.append((f, n))

    sets = {"sp500": sp500(), "walk": walk(), "walk_nan": walk(nan_gaps=True), "flat": flat()}
    for name, df in sets.items():
        values = evaluate(df, fields)
        cols = ["open", "high", "low", "close", "volume", "vwap"] + [n for _, n in fields]
        table = {c: np.asarray(df[c], dtype=float) for c in cols[:6]}
        table.update(values)
        buf = io.StringIO()
        buf.write("\t".join(cols) + "\n")
        for i in range(len(df)):
            buf.write("\t".join("nan" if np.isnan(table[c][i]) else repr(float(table[c][i])) if np.isinf(table[c][i])
                                else format(table[c][i], ".17g") for c in cols) + "\n")
        with gzip.GzipFile(HERE / f"{name}.tsv.gz", "wb", mtime=0) as fh:
            fh.write(buf.getvalue().encode())
        print(name, len(df), "rows", len(cols), "columns")

    (HERE / "names.txt").write_text("ALPHA158\t" + ",".join(n158) + "\nALPHA360\t" + ",".join(n360) + "\n")
    (HERE / "versions.txt").write_text(
        f"python {platform.python_version()}\npyqlib {qlib.__version__}\npandas {pd.__version__}\nnumpy {np.__version__}\n"
    )


if __name__ == "__main__":
    main()
