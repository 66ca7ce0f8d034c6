#!/usr/bin/env python3
"""Edge-case reference values for the moving-average momentum family (MomentumMATests).

Generated with the PyPI `ta-lib` package (0.8.2, TA-Lib C 0.8.1) on the `walk_nan` input of
Tests/Fixtures/talib (leading NaN bars and interior NaN gaps). Covers parameter corners the
shared fixture does not: swapped fast/slow periods, period-1 smoothing, equal periods, signal
period 1, TRIX(1), fastk_period 1 and default parameters.

Run from the repository root:  python3 Tests/Fixtures/momentumma/generate.py
"""
import csv
import gzip
import io
from pathlib import Path

import numpy as np
import talib

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "talib" / "walk_nan.tsv.gz"

CASES = {
    "APO": [{"fastperiod": 20, "slowperiod": 5, "matype": 0}, {"fastperiod": 12, "slowperiod": 26, "matype": 1},
            {"fastperiod": 7, "slowperiod": 7, "matype": 2}],
    "PPO": [{"fastperiod": 20, "slowperiod": 5, "matype": 1}, {"fastperiod": 12, "slowperiod": 26, "matype": 1}],
    "MACD": [{"fastperiod": 26, "slowperiod": 12, "signalperiod": 9}, {"fastperiod": 12, "slowperiod": 26, "signalperiod": 1},
             {"fastperiod": 8, "slowperiod": 8, "signalperiod": 3}],
    "MACDEXT": [{"fastperiod": 13, "fastmatype": 2, "slowperiod": 5, "slowmatype": 0, "signalperiod": 1, "signalmatype": 1},
                {"fastperiod": 12, "fastmatype": 1, "slowperiod": 26, "slowmatype": 1, "signalperiod": 1, "signalmatype": 1},
                {"fastperiod": 12, "fastmatype": 0, "slowperiod": 26, "slowmatype": 0, "signalperiod": 9, "signalmatype": 0}],
    "MACDFIX": [{"signalperiod": 1}, {"signalperiod": 9}],
    "STOCH": [{"fastk_period": 1, "slowk_period": 1, "slowk_matype": 0, "slowd_period": 1, "slowd_matype": 0},
              {"fastk_period": 14, "slowk_period": 1, "slowk_matype": 1, "slowd_period": 5, "slowd_matype": 2},
              {"fastk_period": 5, "slowk_period": 3, "slowk_matype": 0, "slowd_period": 3, "slowd_matype": 0}],
    "STOCHF": [{"fastk_period": 1, "fastd_period": 1, "fastd_matype": 0}, {"fastk_period": 14, "fastd_period": 1, "fastd_matype": 1}],
    "STOCHRSI": [{"timeperiod": 2, "fastk_period": 1, "fastd_period": 1, "fastd_matype": 0},
                 {"timeperiod": 14, "fastk_period": 14, "fastd_period": 3, "fastd_matype": 1}],
    "TRIX": [{"timeperiod": 1}, {"timeperiod": 2}, {"timeperiod": 30}],
}

def main():
    with gzip.open(SOURCE, "rt") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    header, body = rows[0], rows[1:]
    cols = {name: np.array([float(r[i]) for r in body]) for i, name in enumerate(header)}
    inputs = ["open", "high", "low", "close", "volume"]
    out = {name: cols[name] for name in inputs}
    for func, sets in CASES.items():
        f = getattr(talib, func)
        for params in sets:
            spec = func + "(" + ",".join(f"{k}={v}" for k, v in params.items()) + ")"
            if func in ("STOCH", "STOCHF"):
                result = f(cols["high"], cols["low"], cols["close"], **params)
            else:
                result = f(cols["close"], **params)
            names = {"MACD": ["macd", "macdsignal", "macdhist"], "MACDEXT": ["macd", "macdsignal", "macdhist"],
                     "MACDFIX": ["macd", "macdsignal", "macdhist"], "STOCH": ["slowk", "slowd"],
                     "STOCHF": ["fastk", "fastd"], "STOCHRSI": ["fastk", "fastd"]}.get(func)
            if names:
                for n, r in zip(names, result):
                    out[f"{spec}.{n}"] = r
            else:
                out[spec] = result
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(list(out))
    for i in range(len(body)):
        w.writerow(["nan" if np.isnan(v[i]) else repr(float(v[i])) for v in out.values()])
    with gzip.open(HERE / "edge_cases.tsv.gz", "wt") as f:
        f.write(buf.getvalue())
    print("wrote", HERE / "edge_cases.tsv.gz", len(out) - len(inputs), "columns")

if __name__ == "__main__":
    main()
