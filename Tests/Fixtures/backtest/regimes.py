"""Reference values for Barbell's performance by regime (Tests/BarbellBacktestTests/RegimePerformanceTests).

Library: pandas 3.1.1 groupby over the regime labels (numpy 2.4 for the drawdown). Returns: AAPL's
last 1000 daily returns from the bundled skfolio adjusted closes (BSD-3). Labels: terciles (0 calm,
1 normal, 2 turbulent) of the S&P 500 index's trailing 20-day volatility, −1 (unknown) while the
window fills, and one day relabelled 3 so a one-period regime is covered. Run from the repository root:
    python3 Tests/Fixtures/backtest/regimes.py
"""
import json

import numpy as np
import pandas as pd

prices = pd.read_csv("Samples/skfolio_sp500_dataset.csv.gz", index_col=0, parse_dates=True)
index = pd.read_csv("Samples/skfolio_sp500_index.csv.gz", index_col=0, parse_dates=True).iloc[:, 0]
returns = prices["AAPL"].pct_change().iloc[-1000:]
vol = index.pct_change().rolling(20).std().reindex(returns.index)
# Terciles over the days where the window is full; the first 19 of the 1000 days stay unknown.
known = vol.iloc[19:]
labels = pd.Series(-1, index=returns.index)
labels.iloc[19:] = pd.qcut(known, 3, labels=False).astype(int)
labels.iloc[500] = 3
ppy = 252


def max_drawdown(x):
    wealth = np.concatenate([[1.0], np.cumprod(1 + x)])
    peak = np.maximum.accumulate(wealth)
    return float(((wealth - peak) / peak).min())


def nullable(v):
    return None if not np.isfinite(v) else float(v)


rows = []
for label, r in returns.groupby(labels):
    x = r.to_numpy()
    std = r.std(ddof=1)
    rows.append({
        "label": int(label),
        "periods": int(len(x)),
        "fraction": len(x) / len(returns),
        "meanAnnualReturn": float(r.mean() * ppy),
        "compoundedAnnualReturn": float(np.prod(1 + x) ** (ppy / len(x)) - 1),
        "annualVolatility": nullable(std * np.sqrt(ppy)),
        "sharpe": nullable(r.mean() / std * np.sqrt(ppy)) if len(x) > 1 else None,
        "maxDrawdown": max_drawdown(x),
        "hitRate": float((r > 0).mean()),
    })

json.dump({"library": f"pandas {pd.__version__}", "periodsPerYear": ppy,
           "dates": [d.strftime("%Y-%m-%d") for d in returns.index],
           "returns": [float(v) for v in returns], "labels": [int(v) for v in labels],
           "regimes": rows}, open("Tests/Fixtures/backtest/regimes.json", "w"), indent=1)
