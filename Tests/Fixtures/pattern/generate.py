#!/usr/bin/env python3
"""Candlestick-pattern reference values for Barbell's PatternTests.

The TA-Lib parity fixtures rarely trigger the rarer candlestick patterns, so this writes a long
series built to trigger them: prices on a coarse tick grid (so equal opens, closes and lows
occur), frequent doji, gaps and repeated shapes. Generated with the PyPI `ta-lib` package (TA-Lib
C 0.8.1). Run from the repository root: python3 Tests/Fixtures/pattern/generate.py
"""
import gzip, io
from pathlib import Path
import numpy as np
import talib

HERE = Path(__file__).resolve().parent
PEN = {"CDLABANDONEDBABY": [0.3, 0.0], "CDLDARKCLOUDCOVER": [0.5, 0.1], "CDLEVENINGDOJISTAR": [0.3, 0.0],
       "CDLEVENINGSTAR": [0.3, 0.0], "CDLMATHOLD": [0.5, 0.0], "CDLMORNINGDOJISTAR": [0.3, 0.0],
       "CDLMORNINGSTAR": [0.3, 0.0]}


def series(rows, seed):
    rng = np.random.default_rng(seed)
    tick = 0.1
    o = np.empty(rows); h = np.empty(rows); l = np.empty(rows); c = np.empty(rows)
    price = 30.0
    drift = 0.0
    for i in range(rows):
        if i % 15 == 0:
            drift = rng.choice([-0.6, 0.0, 0.0, 0.6])
        gap = rng.choice([0, 0, 0, 1, -1]) * rng.integers(0, 8) * tick
        op = max(2.0, price + gap)
        kind = rng.random()
        if kind < 0.15:
            body = 0.0
        elif kind < 0.3:
            body = rng.choice([-1, 1]) * tick
        else:
            body = rng.normal(drift, 0.6)
        cl = max(1.0, op + body)
        up = abs(rng.normal(0, 0.4)) * (rng.random() < 0.6)
        dn = abs(rng.normal(0, 0.4)) * (rng.random() < 0.6)
        o[i] = op; c[i] = cl
        h[i] = max(op, cl) + up; l[i] = min(op, cl) - dn
        price = cl
    r = lambda x: np.round(x / tick) * tick
    o, h, l, c = r(o), r(h), r(l), r(c)
    h = np.maximum(h, np.maximum(o, c)); l = np.minimum(l, np.minimum(o, c))
    return {"open": o, "high": h, "low": l, "close": c}


def write_fixture(name, cols):
    out = {}
    for func in talib.get_function_groups()["Pattern Recognition"]:
        f = getattr(talib, func)
        if func in PEN:
            for p in PEN[func]:
                out[f"{func}(penetration={p:g})"] = f(cols["open"], cols["high"], cols["low"], cols["close"], penetration=p)
        else:
            out[func] = f(cols["open"], cols["high"], cols["low"], cols["close"])
    header = list(cols) + list(out)
    data = list(cols.values()) + list(out.values())
    with gzip.GzipFile(HERE / f"{name}.tsv.gz", "wb", mtime=0) as raw, io.TextIOWrapper(raw, newline="") as f:
        f.write("\t".join(header) + "\n")
        for i in range(len(cols["open"])):
            f.write("\t".join(repr(float(d[i])) if j < 4 else str(int(d[i])) for j, d in enumerate(data)) + "\n")
    print(name, {k: int((v != 0).sum()) for k, v in out.items()})


write_fixture("ticks", series(30000, 7))


# Rare multi-candle patterns, as jittered templates after ten ordinary candles: each template is
# a textbook instance (offsets from a base price, as open, high, low, close rows), and the jitter
# makes some instances fail one condition or another, so both sides of each test are exercised.
TEMPLATES = {
    "2crows": [(0, 3.2, -0.2, 3), (4.5, 4.8, 3.5, 3.8), (4.2, 4.3, 1.3, 1.5)],
    "upsidegap2crows": [(0, 3.2, -0.2, 3), (4, 4.2, 3.5, 3.6), (4.3, 4.4, 3.1, 3.3)],
    "3starsinsouth": [(3, 3.1, -4, 0), (1, 1.2, -2, -0.5), (-0.7, -0.68, -1.02, -1.0)],
    "breakaway_down": [(5, 5.1, 1.9, 2), (1.5, 1.7, 0.8, 1), (1.2, 1.5, 0.3, 0.5), (0.8, 1.0, -0.1, 0.1), (0.2, 1.8, 0.1, 1.7)],
    "breakaway_up": [(0, 3.1, -0.1, 3), (3.5, 4.2, 3.3, 4), (3.8, 4.7, 3.5, 4.5), (4.2, 5.1, 4.0, 4.9), (4.8, 4.9, 3.2, 3.3)],
    "concealbabyswall": [(5, 5, 3, 3), (3, 3, 1, 1), (0.5, 1.5, -0.1, 0), (1.7, 1.8, -0.5, -0.4)],
    "mathold": [(0, 3.1, -0.1, 3), (4, 4.1, 3.5, 3.6), (3.3, 3.4, 2.8, 2.9), (3.0, 3.1, 2.5, 2.6), (2.8, 4.6, 2.7, 4.5)],
    "risefall3": [(0, 3.1, -0.1, 3), (2.8, 2.9, 2.3, 2.4), (2.5, 2.6, 2.0, 2.1), (2.2, 2.3, 1.7, 1.8), (2.0, 4.2, 1.9, 4.0)],
    "3linestrike": [(0, 1.1, -0.1, 1), (0.9, 2.1, 0.8, 2), (1.9, 3.1, 1.8, 3), (3.2, 3.3, -0.3, -0.2)],
    "tasuki": [(0, 1.1, -0.1, 1), (1.5, 2.6, 1.4, 2.5), (2.0, 2.1, 1.2, 1.3)],
    "kicking": [(3, 3, 0, 0), (3.5, 6.5, 3.5, 6.5)],
    "3blackcrows": [(0, 3.2, -0.1, 3), (3, 3.1, 2, 2), (2.5, 2.6, 1.0, 1.0), (1.5, 1.6, 0, 0)],
    "xsidegap": [(0, 1.1, -0.1, 1), (1.5, 2.6, 1.4, 2.5), (2.0, 2.1, 0.4, 0.5)],
}


def templates(repeats, seed):
    rng = np.random.default_rng(seed)
    rows = []
    base = 100.0
    for _ in range(repeats):
        for shape in TEMPLATES.values():
            for _ in range(10):
                o = base + rng.normal(0, 0.3)
                c = o + rng.normal(0, 1.0)
                rows.append((o, max(o, c) + abs(rng.normal(0, 0.4)), min(o, c) - abs(rng.normal(0, 0.4)), c))
            scale = rng.choice([1.0, 1.0, 0.6, 1.5])
            jitter = rng.choice([0.0, 0.05, 0.15])
            for (o, h, l, c) in shape:
                o, h, l, c = (base + scale * v + rng.normal(0, jitter) for v in (o, h, l, c))
                rows.append((o, max(h, o, c), min(l, o, c), c))
            base = rows[-1][3]
    a = np.array(rows)
    return {"open": a[:, 0], "high": a[:, 1], "low": a[:, 2], "close": a[:, 3]}


write_fixture("templates", templates(60, 11))
