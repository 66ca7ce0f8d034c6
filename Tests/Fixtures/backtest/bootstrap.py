"""Reference values for Barbell's stationary bootstrap (Tests/BarbellBacktestTests/BootstrapTests).

Library: arch 8.0.0 (Kevin Sheppard), `arch.bootstrap.optimal_block_length` (Politis & White 2004 with
the Patton, Politis & White 2009 correction) and `arch.bootstrap.StationaryBootstrap` percentile
intervals; numpy/pandas for the inputs. Data: bundled skfolio adjusted closes (BSD-3) and seeded
synthetic series (white noise, AR(1), a short series, a random walk, a sine that hits the cap). Run from the repository root:
    python3 Tests/Fixtures/backtest/bootstrap.py
"""
import json

import arch
import numpy as np
import pandas as pd
from arch.bootstrap import StationaryBootstrap, optimal_block_length

prices = pd.read_csv("Samples/skfolio_sp500_dataset.csv.gz", index_col=0, parse_dates=True)
returns = prices.pct_change().iloc[1:]

rng = np.random.default_rng(20240817)
ar = np.zeros(800)
shocks = rng.standard_normal(800)
for t in range(1, 800):
    ar[t] = 0.6 * ar[t - 1] + shocks[t]

series = [
    ("AAPL daily returns, 1000 days", returns["AAPL"].to_numpy()[-1000:]),
    ("JPM absolute daily returns, 750 days (volatility clustering)", np.abs(returns["JPM"].to_numpy()[-750:])),
    ("white noise, 500", rng.standard_normal(500) * 0.01),
    ("AR(1) phi 0.6, 800", ar),
    ("short: 40 values", rng.standard_normal(40)),
    ("random walk, 300", np.cumsum(rng.standard_normal(300))),
    ("sine, period 20, 100 values (capped at b_max = 30)", np.sin(2 * np.pi * np.arange(100) / 20)),
]

block_lengths = []
for name, x in series:
    opt = optimal_block_length(x)
    block_lengths.append({"name": name, "values": [float(v) for v in x],
                          "stationary": float(opt["stationary"].iloc[0]),
                          "circular": float(opt["circular"].iloc[0])})


def sharpe(x):
    """Per-period Sharpe ratio (mean over sample standard deviation, ddof 1)."""
    return x.mean() / x.std(ddof=1)


def max_drawdown(x):
    """empyrical's maximum drawdown: wealth starts at 1 before the first return."""
    wealth = np.concatenate([[1.0], np.cumprod(1 + x)])
    peak = np.maximum.accumulate(wealth)
    return float(((wealth - peak) / peak).min())


# Distribution-level reference: arch's percentile interval with the same expected block length.
x = returns["AAPL"].to_numpy()[-1000:]
block = 10.0
reps = 2000
intervals = []
for stat_name, func in [("sharpe", sharpe), ("maxDrawdown", max_drawdown)]:
    bs = StationaryBootstrap(block, x, seed=12345)
    ci = bs.conf_int(func, reps=reps, method="percentile", size=0.95)
    intervals.append({"statistic": stat_name, "lower": float(ci[0, 0]), "upper": float(ci[1, 0]),
                      "estimate": float(func(x))})

json.dump({"library": f"arch {arch.__version__}", "blockLengths": block_lengths,
           "interval": {"values": [float(v) for v in x], "blockLength": block, "resamples": reps,
                        "confidence": 0.95, "statistics": intervals}},
          open("Tests/Fixtures/backtest/bootstrap.json", "w"), indent=1)
