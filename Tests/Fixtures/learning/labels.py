"""Reference labels and sample weights for BarbellLearning's Labels tests.

No established library ships these labels, so this is an independent pandas/numpy transcription of
López de Prado, Advances in Financial Machine Learning (Wiley 2018):
  - snippet 3.1 (getDailyVol: EWM standard deviation of one-bar returns, pandas `ewm(span).std()`),
  - snippets 3.2-3.5 / 3.6-3.7 (applyPtSlOnT1, getEvents with optional side, getBins: triple barrier
    and meta-labels), with the vertical barrier at t + h bars and the 3.9 variant (0 at the vertical
    barrier) as an option,
  - snippets 4.1-4.2 (mpNumCoEvents, mpSampleTW: concurrency and average uniqueness) and 4.10
    (mpSampleW: return-attribution weights, normalised to sum to the sample count),
run over bar positions instead of timestamps, with each label's span (t+1)...(touch) as the window.
Forward returns are close[t+h]/close[t] - 1 and log(close[t+h]/close[t]).

Libraries: pandas 3.1.1, numpy 2.4.6 (`pip install pandas==3.1.1 numpy==2.4.6`); Python 3.
Data: the first 600 rows of Samples/arch_sp500.csv.gz, column Close.
Run: python3 Tests/Fixtures/learning/labels.py  (writes labels.json next to this file)
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
N = 600

close = pd.read_csv(os.path.join(ROOT, "Samples", "arch_sp500.csv.gz"))["Close"].iloc[:N].astype(float)
close = close.reset_index(drop=True)  # bar index = position


def forward(h, log):
    r = close.shift(-h) / close
    r = np.log(r) if log else r - 1
    return r.iloc[: N - h]


def direction(r, thr):
    return [0 if abs(x) <= thr else (1 if x > 0 else -1) for x in r]


def daily_vol(span):
    # Snippet 3.1 on bars: one-bar simple returns, then pandas' EWM std (adjust=True, bias=False).
    ret = close / close.shift(1) - 1
    return ret.iloc[1:].ewm(span=span).std().reindex(close.index)


def triple_barrier(pt, sl, h, span, events, side=None, vertical_zero=False):
    vol = daily_vol(span)
    out = []
    for k, t in enumerate(events):
        s = 1.0 if side is None else float(side[k])
        t1 = t + h
        trgt = vol[t]
        # Snippet 3.3 applyPtSlOnT1: path returns (times side) against the horizontal barriers.
        path = (close[t:t1 + 1] / close[t] - 1) * s
        up = path[path > pt * trgt].index.min() if pt > 0 else np.nan
        dn = path[path < -sl * trgt].index.min() if sl > 0 else np.nan
        touches = [(x, name) for x, name in ((up, "profitTake"), (dn, "stopLoss")) if not pd.isna(x)]
        if touches:
            touch, barrier = min(touches)
        else:
            touch, barrier = t1, "vertical"
        touch = int(touch)
        # Snippet 3.5/3.7 getBins: return (times side); label sign, or 1/0 for a meta-label.
        ret = (close[touch] / close[t] - 1) * s
        if side is not None:
            label = 1 if ret > 0 else 0
        elif barrier == "vertical" and vertical_zero:
            label = 0
        else:
            label = int(np.sign(ret))
        out.append(dict(event=int(t), touch=touch, barrier=barrier, ret=float(ret), label=label,
                        volatility=float(trgt), spanStart=int(t) + 1, spanEnd=touch))
    return out


def weights(labels):
    # Snippets 4.1, 4.2, 4.10 with each sample's window = its span (t+1)...(touch).
    spans = [(x["spanStart"], x["spanEnd"]) for x in labels]
    count = pd.Series(0, index=close.index)
    for a, b in spans:
        count.loc[a:b] += 1
    uniq = [float((1.0 / count.loc[a:b]).mean()) for a, b in spans]
    ret = np.log(close).diff()
    w = pd.Series([float((ret.loc[a:b] / count.loc[a:b]).sum()) for a, b in spans]).abs()
    w *= len(w) / w.sum()
    return dict(concurrency=[int(c) for c in count], uniqueness=uniq, attribution=[float(x) for x in w])


def columns(labels):
    # Column arrays keep the JSON small.
    return {k: [x[k] for x in labels] for k in labels[0]}


def momentum_side(events, lag=5):
    return [1 if close[t] >= close[t - lag] else -1 for t in events]


h = 5
fwd_simple = forward(h, False)
fwd_log = forward(h, True)

A = dict(pt=1.0, sl=1.0, h=10, span=20, warmUp=20)
eventsA = list(range(A["warmUp"], N - A["h"]))
labelsA = triple_barrier(A["pt"], A["sl"], A["h"], A["span"], eventsA)

B = dict(pt=2.0, sl=0.0, h=5, span=50, warmUp=50)
eventsB = list(range(B["warmUp"], N - B["h"]))
labelsB = triple_barrier(B["pt"], B["sl"], B["h"], B["span"], eventsB, vertical_zero=True)

C = dict(pt=1.0, sl=2.0, h=15, span=20)
eventsC = list(range(30, N - C["h"], 3))
sideC = momentum_side(eventsC)
labelsC = triple_barrier(C["pt"], C["sl"], C["h"], C["span"], eventsC, side=sideC)

fixture = dict(
    source="Samples/arch_sp500.csv.gz, first 600 rows, Close",
    close=[float(x) for x in close],
    volatility20=[None if pd.isna(x) else float(x) for x in daily_vol(20)],
    forward=dict(horizon=h, simple=[float(x) for x in fwd_simple], log=[float(x) for x in fwd_log],
                 deadZone=0.01, direction=direction(fwd_simple, 0.01)),
    tripleA=dict(config=A, labels=columns(labelsA)),
    tripleB=dict(config=B, labels=columns(labelsB)),
    metaC=dict(config=C, events=eventsC, side=sideC, labels=columns(labelsC)),
    weightsA=weights(labelsA),
)
with open(os.path.join(HERE, "labels.json"), "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
