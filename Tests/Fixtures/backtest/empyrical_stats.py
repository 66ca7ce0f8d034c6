"""Reference values for Barbell's return statistics (Tests/BarbellBacktestTests).

Library: empyrical-reloaded 0.7.1 (empyrical's statistics), scipy 1.17 for skew and kurtosis,
numpy/pandas for the inputs. Data: bundled skfolio adjusted closes and S&P 500 index (BSD-3).
Run from the repository root:  python3 Tests/Fixtures/backtest/empyrical_stats.py
"""
import json

import empyrical as ep
import numpy as np
import pandas as pd
import scipy.stats

prices = pd.read_csv("Samples/skfolio_sp500_dataset.csv.gz", index_col=0, parse_dates=True)
index = pd.read_csv("Samples/skfolio_sp500_index.csv.gz", index_col=0, parse_dates=True).iloc[:, 0]
returns = prices.pct_change().iloc[1:]
bench = index.pct_change().iloc[1:]


def max_drawdown_duration(r):
    """Longest run of periods with wealth below its running peak (wealth starts at 1)."""
    wealth = np.concatenate([[1.0], np.cumprod(1 + r)])
    peak = np.maximum.accumulate(wealth)
    longest = run = 0
    for w, p in zip(wealth[1:], peak[1:]):
        run = run + 1 if w < p else 0
        longest = max(longest, run)
    return longest


cases = []
for name, ticker, n, ppy in [("AAPL daily, 10 years", "AAPL", 2520, 252), ("JPM daily, 2 years", "JPM", 504, 252),
                             ("XOM daily, 60 days", "XOM", 60, 252), ("KO weekly, 5 years", "KO", 260, 52)]:
    r = returns[ticker]
    b = bench
    if ppy == 52:
        r = (1 + returns[ticker]).resample("W").prod() - 1
        b = (1 + bench).resample("W").prod() - 1
    r, b = r.iloc[-n:], b.iloc[-n:]
    x, y = r.to_numpy(), b.to_numpy()
    alpha, beta = ep.alpha_beta(x, y, annualization=ppy)
    cases.append({
        "name": name, "periodsPerYear": ppy, "returns": x.tolist(), "benchmark": y.tolist(),
        "totalReturn": float(ep.cum_returns_final(x)),
        "annualReturn": float(ep.annual_return(x, annualization=ppy)),
        "annualVolatility": float(ep.annual_volatility(x, annualization=ppy)),
        "sharpe": float(ep.sharpe_ratio(x, annualization=ppy)),
        "sharpeRiskFree": float(ep.sharpe_ratio(x, risk_free=0.0001, annualization=ppy)),
        "sortino": float(ep.sortino_ratio(x, annualization=ppy)),
        "sortinoRequired": float(ep.sortino_ratio(x, required_return=0.0002, annualization=ppy)),
        "downsideRisk": float(ep.downside_risk(x, annualization=ppy)),
        "maxDrawdown": float(ep.max_drawdown(x)),
        "maxDrawdownDuration": max_drawdown_duration(x),
        "calmar": float(ep.calmar_ratio(x, annualization=ppy)),
        "omega": float(ep.omega_ratio(x, annualization=ppy)),
        "omegaRequired": float(ep.omega_ratio(x, required_return=0.05, annualization=ppy)),
        "tailRatio": float(ep.tail_ratio(x)),
        "valueAtRisk": float(ep.value_at_risk(x)),
        "valueAtRisk01": float(ep.value_at_risk(x, cutoff=0.01)),
        "conditionalValueAtRisk": float(ep.conditional_value_at_risk(x)),
        "skew": float(scipy.stats.skew(x)),
        "kurtosis": float(scipy.stats.kurtosis(x)),
        "alpha": float(alpha), "beta": float(beta),
    })

json.dump({"library": f"empyrical-reloaded {ep.__version__}, scipy {scipy.__version__}", "cases": cases},
          open("Tests/Fixtures/backtest/empyrical_stats.json", "w"), indent=1)
