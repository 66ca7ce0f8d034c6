#!/usr/bin/env python3
"""Reference values for Barbell's TA-Lib parity tests.

Library: PyPI `ta-lib` (the TA-Lib Python wrapper over the bundled TA-Lib C library).
Generated with ta-lib 0.8.2 (C library 0.8.1) and numpy 2.4; the versions actually used are
written into `versions.txt` next to the output.

Run from the repository root:  python3 Tests/Fixtures/talib/generate.py

For each data set it writes `<name>.tsv.gz` (tab-separated, gzip): the input columns (open, high, low, close, volume,
periods) followed by one column per indicator output, named the way `barbell features
compute` names them: `FUNC(param=value,...)` with every parameter in TA-Lib's order, plus
`.output` when the function has several outputs. Functions without parameters are `FUNC`.
Values are printed with 17 significant digits so doubles round-trip exactly; NaN is `nan`.

Data sets:
  sp500     the last 700 daily bars of the bundled S&P 500 sample (Samples/arch_sp500.csv.gz)
  walk      a seeded 700-bar geometric random walk with consistent OHLC
  walk_nan  the same walk with NaN gaps: 6 leading NaN bars, NaN closes at 300-301 and a
            NaN high at 450, to pin down TA-Lib's NaN propagation
"""
import gzip
import io
import csv
import sys
from collections import OrderedDict
from pathlib import Path

import numpy as np
import talib
from talib import abstract

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent

# The classic TA-Lib 0.6 function set, math operators and transforms excluded (issue #3).
GROUPS = OrderedDict([
    ("overlap", ["ACCBANDS", "BBANDS", "DEMA", "EMA", "HT_TRENDLINE", "KAMA", "MA", "MAMA", "MAVP",
                 "MIDPOINT", "MIDPRICE", "SAR", "SAREXT", "SMA", "T3", "TEMA", "TRIMA", "WMA"]),
    ("momentum", ["ADX", "ADXR", "APO", "AROON", "AROONOSC", "BOP", "CCI", "CMO", "DX", "IMI", "MACD",
                  "MACDEXT", "MACDFIX", "MFI", "MINUS_DI", "MINUS_DM", "MOM", "PLUS_DI", "PLUS_DM", "PPO",
                  "ROC", "ROCP", "ROCR", "ROCR100", "RSI", "STOCH", "STOCHF", "STOCHRSI", "TRIX",
                  "ULTOSC", "WILLR"]),
    ("volume", ["AD", "ADOSC", "OBV"]),
    ("volatility", ["ATR", "NATR", "TRANGE"]),
    ("price", ["AVGDEV", "AVGPRICE", "MEDPRICE", "TYPPRICE", "WCLPRICE"]),
    ("cycle", ["HT_DCPERIOD", "HT_DCPHASE", "HT_PHASOR", "HT_SINE", "HT_TRENDMODE"]),
    ("statistic", ["BETA", "CORREL", "LINEARREG", "LINEARREG_ANGLE", "LINEARREG_INTERCEPT",
                   "LINEARREG_SLOPE", "STDDEV", "TSF", "VAR"]),
    ("pattern", talib.get_function_groups()["Pattern Recognition"]),
])

# Parameter sets beyond the defaults: short and long windows, every moving-average type where
# a function takes one, non-default multipliers.
VARIANTS = {
    "SMA": [{"timeperiod": 5}, {"timeperiod": 2}, {"timeperiod": 200}],
    "EMA": [{"timeperiod": 5}, {"timeperiod": 50}],
    "WMA": [{"timeperiod": 7}],
    "DEMA": [{"timeperiod": 10}],
    "TEMA": [{"timeperiod": 10}],
    "TRIMA": [{"timeperiod": 10}, {"timeperiod": 11}],
    "KAMA": [{"timeperiod": 10}],
    "T3": [{"timeperiod": 7, "vfactor": 0.5}],
    "MA": [{"timeperiod": 10, "matype": m} for m in range(9)],
    "BBANDS": [{"timeperiod": 10, "nbdevup": 1.5, "nbdevdn": 2.5, "matype": m} for m in range(9)],
    "MAMA": [{"fastlimit": 0.3, "slowlimit": 0.1}],
    "MAVP": [{"minperiod": 3, "maxperiod": 20, "matype": m} for m in range(9)],
    "MIDPOINT": [{"timeperiod": 5}],
    "MIDPRICE": [{"timeperiod": 5}],
    "SAR": [{"acceleration": 0.01, "maximum": 0.1}],
    "SAREXT": [{"startvalue": 0.5, "offsetonreverse": 0.01, "accelerationinitlong": 0.01,
                "accelerationlong": 0.03, "accelerationmaxlong": 0.25, "accelerationinitshort": 0.015,
                "accelerationshort": 0.025, "accelerationmaxshort": 0.3}],
    "ACCBANDS": [{"timeperiod": 10}],
    "ADX": [{"timeperiod": 7}], "ADXR": [{"timeperiod": 7}], "DX": [{"timeperiod": 7}],
    "APO": [{"fastperiod": 5, "slowperiod": 20, "matype": m} for m in range(9)],
    "PPO": [{"fastperiod": 5, "slowperiod": 20, "matype": m} for m in range(9)],
    "AROON": [{"timeperiod": 7}], "AROONOSC": [{"timeperiod": 7}],
    "CCI": [{"timeperiod": 20}], "CMO": [{"timeperiod": 7}], "IMI": [{"timeperiod": 7}],
    "MACD": [{"fastperiod": 5, "slowperiod": 13, "signalperiod": 4}],
    "MACDEXT": [{"fastperiod": 5, "fastmatype": a, "slowperiod": 13, "slowmatype": b,
                 "signalperiod": 4, "signalmatype": c} for (a, b, c) in
                [(1, 1, 1), (0, 2, 3), (4, 5, 6), (8, 0, 1), (6, 7, 2)]],
    "MACDFIX": [{"signalperiod": 5}],
    "MFI": [{"timeperiod": 7}], "MINUS_DI": [{"timeperiod": 7}], "MINUS_DM": [{"timeperiod": 7}],
    "PLUS_DI": [{"timeperiod": 7}], "PLUS_DM": [{"timeperiod": 7}],
    "MOM": [{"timeperiod": 1}], "ROC": [{"timeperiod": 3}], "ROCP": [{"timeperiod": 3}],
    "ROCR": [{"timeperiod": 3}], "ROCR100": [{"timeperiod": 3}],
    "RSI": [{"timeperiod": 2}, {"timeperiod": 30}],
    "STOCH": [{"fastk_period": 9, "slowk_period": 4, "slowk_matype": a, "slowd_period": 2,
               "slowd_matype": b} for (a, b) in [(1, 1), (2, 4), (6, 8), (3, 5), (7, 0)]],
    "STOCHF": [{"fastk_period": 9, "fastd_period": 4, "fastd_matype": m} for m in range(9)],
    "STOCHRSI": [{"timeperiod": 10, "fastk_period": 4, "fastd_period": 2, "fastd_matype": m}
                 for m in (0, 1, 2, 5, 8)],
    "TRIX": [{"timeperiod": 9}],
    "ULTOSC": [{"timeperiod1": 3, "timeperiod2": 9, "timeperiod3": 20}],
    "WILLR": [{"timeperiod": 7}],
    "ADOSC": [{"fastperiod": 5, "slowperiod": 15}],
    "ATR": [{"timeperiod": 5}, {"timeperiod": 1}], "NATR": [{"timeperiod": 5}],
    "AVGDEV": [{"timeperiod": 5}],
    "BETA": [{"timeperiod": 20}], "CORREL": [{"timeperiod": 10}],
    "LINEARREG": [{"timeperiod": 5}], "LINEARREG_ANGLE": [{"timeperiod": 5}],
    "LINEARREG_INTERCEPT": [{"timeperiod": 5}], "LINEARREG_SLOPE": [{"timeperiod": 5}],
    "TSF": [{"timeperiod": 5}],
    "STDDEV": [{"timeperiod": 10, "nbdev": 2}], "VAR": [{"timeperiod": 10, "nbdev": 2}],
    "CDLABANDONEDBABY": [{"penetration": 0.1}], "CDLDARKCLOUDCOVER": [{"penetration": 0.3}],
    "CDLEVENINGDOJISTAR": [{"penetration": 0.1}], "CDLEVENINGSTAR": [{"penetration": 0.1}],
    "CDLMATHOLD": [{"penetration": 0.2}], "CDLMORNINGDOJISTAR": [{"penetration": 0.1}],
    "CDLMORNINGSTAR": [{"penetration": 0.1}],
}


def fmt_value(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v)


def column_name(func, params, output, n_outputs):
    name = func
    if params:
        name += "(" + ",".join(f"{k}={fmt_value(v)}" for k, v in params.items()) + ")"
    if n_outputs > 1:
        name += "." + output
    return name


def load_sp500(rows):
    with gzip.open(ROOT / "Samples" / "arch_sp500.csv.gz", "rt") as f:
        data = list(csv.DictReader(f))[-rows:]
    cols = {k: np.array([float(r[src]) for r in data]) for k, src in
            [("open", "Open"), ("high", "High"), ("low", "Low"), ("close", "Close"), ("volume", "Volume")]}
    return cols


def random_walk(rows, seed):
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.015, rows)))
    open_ = np.concatenate([[100.0], close[:-1]]) * np.exp(rng.normal(0, 0.004, rows))
    wick = np.abs(rng.normal(0, 0.008, (2, rows)))
    high = np.maximum(open_, close) * np.exp(wick[0])
    low = np.minimum(open_, close) * np.exp(-wick[1])
    # Occasional doji-like and gap bars so candlestick rules are exercised.
    doji = rng.random(rows) < 0.08
    close[doji] = open_[doji] * (1 + rng.normal(0, 0.0003, doji.sum()))
    high = np.maximum(high, np.maximum(open_, close))
    low = np.minimum(low, np.minimum(open_, close))
    volume = np.round(rng.lognormal(13, 0.5, rows))
    return {"open": open_, "high": high, "low": low, "close": close, "volume": volume}


def with_periods(cols, seed):
    rng = np.random.default_rng(seed)
    n = len(cols["close"])
    cols["periods"] = rng.integers(1, 40, n).astype(float)
    return cols


def with_nan_gaps(cols):
    cols = {k: v.copy() for k, v in cols.items()}
    for k in cols:
        cols[k][:6] = np.nan
    cols["close"][300:302] = np.nan
    cols["high"][450] = np.nan
    return cols


def compute(cols):
    out = OrderedDict()
    for group, funcs in GROUPS.items():
        for func in funcs:
            f = abstract.Function(func)
            defaults = OrderedDict(f.parameters)
            sets = [OrderedDict()] + [OrderedDict(v) for v in VARIANTS.get(func, [])]
            for overrides in sets:
                params = OrderedDict(defaults)
                for k, v in overrides.items():
                    params[k] = type(defaults[k])(v)
                f = abstract.Function(func)
                f.set_parameters(params)
                inputs = dict(cols)
                if func in ("MAVP",):
                    f.set_input_names({"price": "close", "periods": "periods"})
                result = f.run(inputs)
                outputs = result if isinstance(result, list) else [result]
                names = f.output_names
                for name, values in zip(names, outputs):
                    out[column_name(func, params, name, len(names))] = np.asarray(values, dtype=float)
    return out


def write(name, cols):
    results = compute(cols)
    header = list(cols.keys()) + list(results.keys())
    columns = list(cols.values()) + list(results.values())
    path = HERE / f"{name}.tsv.gz"
    # mtime=0 keeps the gzip bytes identical between runs.
    with gzip.GzipFile(path, "wb", mtime=0) as raw, io.TextIOWrapper(raw, newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        w.writerow(header)
        for i in range(len(columns[0])):
            w.writerow(["nan" if np.isnan(c[i]) else repr(float(c[i])) for c in columns])
    print(f"{path.name}: {len(columns[0])} rows, {len(results)} indicator columns")


def main():
    rows = 700
    sp = with_periods(load_sp500(rows), 11)
    walk = with_periods(random_walk(rows, 7), 13)
    write("sp500", sp)
    write("walk", walk)
    write("walk_nan", with_nan_gaps(walk))
    (HERE / "versions.txt").write_text(
        f"ta-lib (python) {talib.__version__}\nTA-Lib C {talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__}\n"
        f"numpy {np.__version__}\npython {sys.version.split()[0]}\n")


if __name__ == "__main__":
    main()
