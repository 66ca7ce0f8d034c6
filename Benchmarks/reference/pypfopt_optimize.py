#!/usr/bin/env python3
"""PyPortfolioOpt 1.6.0 timings on the data `barbell-bench portfolio` writes (same returns):
minimum volatility and maximum Sharpe on 100 assets (EfficientFrontier with cvxpy's default
solver, from annualised mean historical returns and sample covariance, construction included),
HRP on 500 assets (HRPOpt(returns).optimize(), correlation and covariance included).

    pip install PyPortfolioOpt==1.6.0
    swift run -c release barbell-bench portfolio              # writes $TMPDIR/barbell-portfolio-bench/
    python3 Benchmarks/reference/pypfopt_optimize.py /tmp/barbell-portfolio-bench
"""
import sys
import time
import warnings

import numpy as np
import pandas as pd
import pypfopt
from pypfopt import EfficientFrontier, HRPOpt, expected_returns, risk_models

warnings.simplefilter("ignore")
folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/barbell-portfolio-bench"
repeats = 10


def best(fn):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter(); out = fn(); times.append(time.perf_counter() - t0)
    return min(times), out


r100 = pd.read_csv(f"{folder}/returns100.csv")
r500 = pd.read_csv(f"{folder}/returns500.csv")
mu = expected_returns.mean_historical_return(r100, returns_data=True)
S = risk_models.sample_cov(r100, returns_data=True)


def min_vol():
    ef = EfficientFrontier(mu, S); ef.min_volatility(); return ef.portfolio_performance()[2]


def max_sharpe():
    ef = EfficientFrontier(mu, S); ef.max_sharpe(); return ef.portfolio_performance()[2]


def hrp():
    h = HRPOpt(returns=r500); return h.optimize()


print(f"PyPortfolioOpt {pypfopt.__version__}")
for name, fn in [("min volatility (100 assets)", min_vol), ("max Sharpe (100 assets)", max_sharpe), ("HRP (500 assets)", hrp)]:
    t, out = best(fn)
    extra = f"  Sharpe {out:.6f}" if isinstance(out, float) else ""
    print(f"{name:<28} {t * 1000:9.1f} ms{extra}")
