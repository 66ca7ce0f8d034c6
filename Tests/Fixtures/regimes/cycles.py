#!/usr/bin/env python3
"""Reference values for BarbellRegimes' cycle tools (periodogram, dominant cycles with Fisher's g,
Lomb-Scargle, STL), from SciPy 1.17 and statsmodels 0.15.

    pip install numpy scipy==1.17.* statsmodels==0.15.* pandas
    python3 Tests/Fixtures/regimes/cycles.py      # writes Tests/Fixtures/regimes/cycles.json

Data: the S&P 500 daily Adj Close in Samples/arch_sp500.csv.gz (1999-2018); returns are
100 * pct_change. Synthetic series come from numpy's seeded default_rng and are stored with the
case, so the Swift tests read the exact input.

- periodogram_<data>_<detrend>_<scaling>: scipy.signal.periodogram(x, fs, window='boxcar',
  detrend=..., scaling=..., return_onesided=True) -> freqs, power. Data: the last 512 returns
  (even n, fs = 1) and a seeded trend + noise series of odd length 301 (fs = 252).
- cycles_<data>: an independent numpy implementation of the dominant-cycle search (np.fft.rfft
  ordinates, local peaks over k = 1..m, m = (n-1)//2) and Fisher's g with its exact p-value
  computed in rational arithmetic (fractions.Fraction), so no cancellation in the alternating sum.
- lombscargle_<data>_<options>: scipy.signal.lombscargle(t, y, w, precenter=..., normalize=...,
  floating_mean=...) with angular frequencies w = 2 pi / period for periods 2..200 days; data: 400
  S&P 500 returns with t = calendar days since the first (weekends and holidays as real gaps), and
  a seeded irregular sine + noise.
- stl_<data>_<variant>: statsmodels.tsa.seasonal.STL(y, period, ...).fit() -> trend, seasonal,
  resid, weights. Data: log S&P 500 weekly (Friday) closes, last 520 weeks, period 52; monthly mean
  log closes, period 12; a seeded monthly trend + season + noise (240 points, with outliers).
"""
import json
import math
import pathlib
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import scipy
import statsmodels
from scipy import signal
from statsmodels.tsa.seasonal import STL

warnings.simplefilter("ignore")
root = pathlib.Path(__file__).resolve().parents[3]
px = pd.read_csv(root / "Samples/arch_sp500.csv.gz", index_col=0, parse_dates=True)["Adj Close"]
rets = (100 * px.pct_change()).dropna()
rng = np.random.default_rng(20261122)
cases = {}


def vec(a):
    return [float(v) for v in np.asarray(a, dtype=float)]


# Periodogram
data = {
    "sp500": (rets.values[-512:], 1.0),
    "trendnoise": (0.05 * np.arange(301) + np.sin(2 * np.pi * np.arange(301) / 17) + rng.standard_normal(301), 252.0),
}
for name, (x, fs) in data.items():
    cases[f"periodogram_{name}_input"] = {"x": vec(x), "fs": fs}
    for detrend in ["none", "constant", "linear"]:
        for scaling in ["density", "spectrum"]:
            f, p = signal.periodogram(x, fs=fs, window="boxcar", detrend=False if detrend == "none" else detrend,
                                      scaling=scaling, return_onesided=True)
            cases[f"periodogram_{name}_{detrend}_{scaling}"] = {"freqs": vec(f), "power": vec(p)}


# Dominant cycles and Fisher's g (independent implementation)
def fisher_p_exact(g, m):
    g = Fraction(g)
    total = Fraction(0)
    j = 1
    while j <= m and j * g < 1:
        total += (-1) ** (j - 1) * math.comb(m, j) * (1 - j * g) ** (m - 1)
        j += 1
    return float(min(max(total, 0), 1))


def dominant(x, k=3):
    n = len(x)
    y = x - x.mean()
    power = np.abs(np.fft.rfft(y)) ** 2 / n
    power[1:(n + 1) // 2] *= 2  # one-sided (Nyquist, for even n, not doubled)
    m = (n - 1) // 2
    total = power[1:].sum()
    peaks = [j for j in range(1, m + 1)
             if (j == 1 or power[j] > power[j - 1]) and (j == m or power[j] >= power[j + 1])]
    peaks.sort(key=lambda j: (-power[j], j))
    top = peaks[:k]
    g = power[1:m + 1].max() / power[1:m + 1].sum()
    return {"x": vec(x), "index": vec(top), "period": vec([n / j for j in top]), "power": vec(power[top]),
            "share": vec(power[top] / total), "g": float(g), "m": float(m), "p": fisher_p_exact(g, m)}


t = np.arange(400)
cases["cycles_whitenoise"] = dominant(rng.standard_normal(257))
cases["cycles_sine"] = dominant(0.6 * np.sin(2 * np.pi * t / 20) + rng.standard_normal(400))
cases["cycles_weaksine"] = dominant(0.25 * np.sin(2 * np.pi * t / 25 + 1) + rng.standard_normal(400))
cases["cycles_sp500"] = dominant(rets.values[-512:])

# Lomb-Scargle
periods = np.linspace(2, 200, 200)
w = 2 * np.pi / periods
seg = rets.iloc[-400:]
days = (seg.index - seg.index[0]).days.values.astype(float)
tt = np.sort(rng.uniform(0, 300, 250))
irregular = {"sp500": (days, seg.values), "sine": (tt, 2 + np.sin(2 * np.pi * tt / 23) + 0.5 * rng.standard_normal(250))}
for name, (tx, y) in irregular.items():
    cases[f"lombscargle_{name}_input"] = {"t": vec(tx), "y": vec(y), "w": vec(w)}
    for label, kw in {"plain": {}, "precenter": {"precenter": True}, "normalize": {"normalize": True},
                      "floating": {"floating_mean": True},
                      "floating_normalize": {"floating_mean": True, "normalize": True}}.items():
        cases[f"lombscargle_{name}_{label}"] = {"power": vec(signal.lombscargle(tx, y, w, **kw))}

# STL
weekly = np.log(px.resample("W-FRI").last().dropna()).values[-520:]
monthly = np.log(px.resample("ME").mean().dropna()).values
tm = np.arange(240)
synthetic = 0.02 * tm + 0.5 * np.sin(2 * np.pi * tm / 12) + 0.2 * np.cos(4 * np.pi * tm / 12) + 0.15 * rng.standard_normal(240)
synthetic[[30, 95, 170]] += [3.0, -2.5, 4.0]  # outliers for the robust fit to down-weight
stl_data = {"weekly": (weekly, 52), "monthly": (monthly, 12), "synthetic": (synthetic, 12)}
variants = {
    "default": {},
    "robust": {"robust": True},
    "windows": {"seasonal": 13, "trend": 25, "low_pass": 15, "seasonal_deg": 0, "trend_deg": 1, "low_pass_deg": 0},
    "jumps": {"seasonal": 11, "seasonal_jump": 2, "trend_jump": 3, "low_pass_jump": 2, "robust": True},
}
for name, (y, period) in stl_data.items():
    cases[f"stl_{name}_input"] = {"y": vec(y), "period": float(period)}
    for label, kw in variants.items():
        if name == "weekly" and label in ("windows", "jumps"):
            continue
        r = STL(y, period=period, **kw).fit()
        case = {"trend": vec(r.trend), "seasonal": vec(r.seasonal), "resid": vec(r.resid)}
        if kw.get("robust"):
            case["weights"] = vec(r.weights)
        cases[f"stl_{name}_{label}"] = case

out = {"library": f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}, pandas {pd.__version__}",
       "cases": cases}
(pathlib.Path(__file__).with_suffix(".json")).write_text(json.dumps(out, separators=(",", ":")))
