"""Reference weights for BarbellBacktest's position sizing and long/short quantile construction
(Tests/BarbellBacktestTests/SizingTests.swift, PortfolioConstructionTests.swift).

numpy 2.4 / pandas 3.1 / scipy 1.17 on real data: daily simple returns (pct_change, no fill) of six
bundled stocks (Samples/pypfopt_stock_prices.csv.gz) over 200 days around BABA's listing, so early
windows hold NaN. Signals per bar and symbol are seeded draws in {-1, 0, +1} with some NaN.
Per bar t, window = returns t-L+1 ... t (numpy mean, std(ddof=1)):
  volatility target:  w = sign * min(target / (std * sqrt(ppy)), maxLeverage)  (std 0 -> maxLeverage)
  fractional Kelly:   k = fraction * mean / std**2; long min(max(k,0),cap), short -min(max(-k,0),cap)
  inverse volatility: w_i = sign_i * (1/std_i) / sum_j(1/std_j) * gross over active symbols with a std
A symbol without a full NaN-free window, or with no active signal, gets 0.
Equal risk contribution (every 10th bar): scipy.optimize.minimize (L-BFGS-B, gradient given) of Spinu's
convex objective 0.5 x'Cx - sum(b log x) on C = np.cov of the signed returns sign_i * r_i, normalised.
Quantiles: pandas rank(method="first") (ties by position = symbol index), m = floor(q*n + 1e-9) per leg,
longs +0.5/m, shorts -0.5/m.
    python3 Tests/Fixtures/backtest/sizing.py
"""
import json

import numpy as np
import pandas as pd
import scipy
from scipy.optimize import minimize

SYMBOLS = ["AAPL", "BABA", "GE", "AMD", "WMT", "XOM"]
LOOKBACK, TARGET, PPY, VOL_CAP = 20, 0.15, 252.0, 1.5
KELLY_FRACTION, KELLY_CAP, GROSS = 0.05, 2.0, 1.0

prices = pd.read_csv("Samples/pypfopt_stock_prices.csv.gz", index_col=0, parse_dates=True)[SYMBOLS]
returns = prices.pct_change(fill_method=None).loc["2014-08-15":].iloc[:200]
R = returns.to_numpy()
bars, n = R.shape
rng = np.random.default_rng(11)
signals = rng.choice([-1.0, 0.0, 1.0], size=(bars, n), p=[0.3, 0.2, 0.5])
signals[rng.random((bars, n)) < 0.05] = np.nan
sign = np.where(np.isfinite(signals), np.sign(np.nan_to_num(signals)), 0.0)


def moments(t, j):
    if t - LOOKBACK + 1 < 0:
        return None
    w = R[t - LOOKBACK + 1:t + 1, j]
    if np.isnan(w).any():
        return None
    return float(np.mean(w)), float(np.std(w, ddof=1))


vol, kelly, inv = (np.zeros((bars, n)) for _ in range(3))
for t in range(bars):
    sig = {}
    for j in range(n):
        m = moments(t, j)
        if sign[t, j] == 0 or m is None:
            continue
        mean, std = m
        annual = std * np.sqrt(PPY)
        vol[t, j] = sign[t, j] * (min(TARGET / annual, VOL_CAP) if annual > 0 else VOL_CAP)
        if std > 0:
            k = KELLY_FRACTION * mean / (std * std)
            kelly[t, j] = sign[t, j] * min(max(sign[t, j] * k, 0.0), KELLY_CAP)
            sig[j] = std
    total = sum(1 / s for s in sig.values())
    for j, s in sig.items():
        inv[t, j] = sign[t, j] * (1 / s) / total * GROSS


def erc(cov):
    k = len(cov)
    b = np.full(k, 1.0 / k)
    f = lambda x: 0.5 * x @ cov @ x - b @ np.log(x)
    g = lambda x: cov @ x - b / x
    x0 = 1 / np.sqrt(np.diag(cov))
    res = minimize(f, x0, jac=g, method="L-BFGS-B", bounds=[(1e-12, None)] * k,
                   options={"ftol": 1e-16, "gtol": 1e-14, "maxiter": 10000})
    return res.x / res.x.sum()


erc_cases = []
for t in range(LOOKBACK - 1, bars, 10):
    held = [j for j in range(n) if sign[t, j] != 0 and moments(t, j) is not None and moments(t, j)[1] > 0]
    if len(held) < 2:
        continue
    window = R[t - LOOKBACK + 1:t + 1][:, held] * sign[t, held]
    cov = np.cov(window, rowvar=False, ddof=1)
    w = np.zeros(n)
    w[held] = sign[t, held] * erc(cov) * GROSS
    erc_cases.append({"bar": t, "held": held, "covariance": cov.ravel().tolist(), "weights": w.tolist()})

# Long/short quantiles on seeded score panels with ties and NaN.
quantile_cases = []
for case, (count, q) in enumerate([(20, 0.2), (20, 0.5), (7, 0.5), (31, 0.1), (100, 0.29), (3, 0.2)]):
    scores = np.round(rng.normal(size=count), 1)  # one decimal: ties are common
    scores[rng.random(count) < 0.1] = np.nan
    s = pd.Series(scores)
    valid = s.dropna()
    m = int(np.floor(q * len(valid) + 1e-9))
    rank = valid.rank(method="first")
    w = np.zeros(count)
    if m > 0:
        w[rank.index[rank <= m]] = -0.5 / m
        w[rank.index[rank > len(valid) - m]] = 0.5 / m
    quantile_cases.append({"quantile": q, "scores": [None if np.isnan(x) else float(x) for x in scores],
                           "weights": w.tolist()})


def rows(a):
    return [[None if np.isnan(x) else float(x) for x in row] for row in a]


out = {
    "library": f"numpy {np.__version__}, pandas {pd.__version__}, scipy {scipy.__version__}",
    "symbols": SYMBOLS,
    "dates": [d.date().isoformat() for d in returns.index],
    "parameters": {"lookback": LOOKBACK, "annualTarget": TARGET, "periodsPerYear": PPY,
                   "volatilityCap": VOL_CAP, "kellyFraction": KELLY_FRACTION, "kellyCap": KELLY_CAP,
                   "grossExposure": GROSS},
    "returns": rows(R),
    "signals": rows(signals),
    "volatilityTarget": vol.tolist(),
    "kelly": kelly.tolist(),
    "inverseVolatility": inv.tolist(),
    "equalRiskContribution": erc_cases,
    "quantiles": quantile_cases,
}
with open("Tests/Fixtures/backtest/sizing.json", "w") as f:
    json.dump(out, f)
print(f"{bars} bars x {n} symbols; {len(erc_cases)} ERC cases; vol cap binding "
      f"{int((np.abs(vol) == VOL_CAP).sum())}, kelly cap binding {int((np.abs(kelly) == KELLY_CAP).sum())}, "
      f"kelly zero-by-direction {int(((kelly == 0) & (vol != 0)).sum())}")
