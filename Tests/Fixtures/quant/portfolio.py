#!/usr/bin/env python3
"""Reference portfolio optimisations for BarbellQuant's Portfolio folder, from PyPortfolioOpt
1.6.0 (EfficientFrontier, HRPOpt, BlackLittermanModel, EfficientCVaR; cvxpy with its default
solver, Clarabel) and, for equal risk contribution (which PyPortfolioOpt lacks), SciPy 1.17
(L-BFGS-B on Spinu's convex problem, polished by `scipy.optimize.root` on its first-order
conditions).

    pip install PyPortfolioOpt==1.6.0 scipy cvxpy
    python3 Tests/Fixtures/quant/portfolio.py      # writes Tests/Fixtures/quant/portfolio.json

Prices are real adjusted closes from Samples/skfolio_sp500_dataset.csv.gz (20 S&P 500 stocks):
  - "sp20": all 20 stocks over 2018-2019;
  - "sp8gap": 8 stocks over 2016, with the first 60 and 120 prices of two of them set to NaN
    (listings that start later), which exercises the pairwise NaN handling;
  - "listings": real later listings from Samples/pypfopt_stock_prices.csv.gz (PyPortfolioOpt's
    own test prices, MIT): 8 stocks over 2012-2015, FB listed from 2012-05-18, BABA from 2014-09-19.
The prices themselves are stored, so the Swift tests start from the same numbers.
"""
import json
import pathlib
import warnings

import cvxpy as cp
import numpy as np
import pandas as pd
import pypfopt
import scipy
from pypfopt import BlackLittermanModel, EfficientCVaR, EfficientFrontier, HRPOpt, expected_returns, risk_models
from pypfopt.black_litterman import market_implied_prior_returns, market_implied_risk_aversion
from scipy.optimize import minimize, root

warnings.simplefilter("ignore")
ROOT = pathlib.Path(__file__).resolve().parents[3]
prices_all = pd.read_csv(ROOT / "Samples/skfolio_sp500_dataset.csv.gz", index_col=0, parse_dates=True)


def m(x):
    return np.asarray(x, dtype=float).tolist()


def perf(opt, rf=0.0):
    r, v, s = opt.portfolio_performance(risk_free_rate=rf)
    return [r, v, s]


def erc(cov):
    """Equal risk contribution: argmin ½xᵀΣx − Σ log(x)/n, normalised."""
    n = len(cov)
    b = np.full(n, 1.0 / n)
    f = lambda x: 0.5 * x @ cov @ x - b @ np.log(x)
    g = lambda x: cov @ x - b / x
    x0 = 1 / np.sqrt(np.diag(cov))
    x = minimize(f, x0, jac=g, method="L-BFGS-B", bounds=[(1e-12, None)] * n, options={"ftol": 1e-16, "gtol": 1e-14}).x
    x = root(g, x, jac=lambda x: cov + np.diag(b / x**2), tol=1e-15).x
    return x / x.sum()


def case(prices, rf=0.02):
    tickers = list(prices.columns)
    n = len(tickers)
    mu = expected_returns.mean_historical_return(prices)
    S = risk_models.sample_cov(prices)
    # JSON has no NaN: a missing price is stored as -1 (prices are positive).
    out = {"prices": m(prices.fillna(-1.0).values), "mu": m(mu), "cov_sample": m(S),
           "cov_ledoit_wolf": m(risk_models.CovarianceShrinkage(prices).ledoit_wolf()),
           "cov_exp": m(risk_models.exp_cov(prices))}

    ef = EfficientFrontier(mu, S); ef.min_volatility()
    out["min_volatility"] = m(ef.weights)
    out["min_volatility_perf"] = perf(ef, rf)
    ef = EfficientFrontier(mu, S); ef.max_sharpe(risk_free_rate=rf)
    out["max_sharpe"] = m(ef.weights); out["max_sharpe_perf"] = perf(ef, rf)
    bounds = (0.0, 0.2) if n > 10 else (0.05, 0.3)
    out["bounds"] = list(bounds)
    ef = EfficientFrontier(mu, S, weight_bounds=bounds); ef.min_volatility()
    out["min_volatility_bounded"] = m(ef.weights)
    ef = EfficientFrontier(mu, S, weight_bounds=bounds); ef.max_sharpe(risk_free_rate=rf)
    out["max_sharpe_bounded"] = m(ef.weights)
    # Efficient return / risk between the minimum-volatility and the best single asset.
    mv = out["min_volatility_perf"]
    target_return = mv[0] + 0.5 * (float(mu.max()) - mv[0])
    target_vol = mv[1] * 1.3
    out["target_return"] = target_return; out["target_volatility"] = target_vol
    ef = EfficientFrontier(mu, S); ef.efficient_return(target_return)
    out["efficient_return"] = m(ef.weights); out["efficient_return_perf"] = perf(ef, rf)
    ef = EfficientFrontier(mu, S); ef.efficient_risk(target_vol)
    out["efficient_risk"] = m(ef.weights); out["efficient_risk_perf"] = perf(ef, rf)
    ef = EfficientFrontier(mu, S, weight_bounds=(-1, 1)); ef.efficient_return(0.1, market_neutral=True)
    out["market_neutral_return"] = m(ef.weights)
    # Groups: assets alternate between sectors "a", "b", "c"; a ≤ 0.2, b ≥ 0.5.
    mapper = {t: "abc"[i % 3] for i, t in enumerate(tickers)}
    ef = EfficientFrontier(mu, S); ef.add_sector_constraints(mapper, {"b": 0.5}, {"a": 0.2})
    ef.min_volatility(); out["min_volatility_groups"] = m(ef.weights)
    ef = EfficientFrontier(mu, S); ef.add_sector_constraints(mapper, {"b": 0.5}, {"a": 0.2})
    ef.max_sharpe(risk_free_rate=rf); out["max_sharpe_groups"] = m(ef.weights)
    # Turnover: at most 0.5 away from equal weights (L1).
    w0 = np.full(n, 1 / n)
    ef = EfficientFrontier(mu, S); ef.add_constraint(lambda w: cp.norm(w - w0, 1) <= 0.5)
    ef.min_volatility(); out["min_volatility_turnover"] = m(ef.weights)

    hrp = HRPOpt(returns=expected_returns.returns_from_prices(prices)); hrp.optimize()
    out["hrp"] = m(hrp.weights)
    out["hrp_linkage"] = m(hrp.clusters)
    out["hrp_perf"] = list(hrp.portfolio_performance(risk_free_rate=rf))

    # Black-Litterman: market caps 1..n (billions), δ from an equal-weight index of the prices.
    caps = pd.Series(np.arange(1, n + 1, dtype=float) * 1e9, index=tickers)
    index = (prices / prices.bfill().iloc[0]).mean(axis=1)
    delta = market_implied_risk_aversion(index)
    prior = market_implied_prior_returns(caps, delta, S)
    P = np.zeros((3, n)); P[0, 0] = 1; P[1, 1] = 1; P[2, 2] = 1; P[2, 3] = -1
    Q = np.array([0.10, -0.05, 0.03])
    conf = [0.6, 0.3, 0.9]
    out.update({"market_caps": m(caps), "market_index": m(index), "bl_delta": float(delta), "bl_prior": m(prior),
                "bl_P": m(P), "bl_Q": m(Q), "bl_confidences": conf})
    bl = BlackLittermanModel(S, pi=prior, P=P, Q=Q, risk_aversion=delta)
    out["bl_returns"] = m(bl.bl_returns()); out["bl_cov"] = m(bl.bl_cov()); out["bl_omega"] = m(bl.omega)
    out["bl_weights"] = m(pd.Series(bl.bl_weights(delta))[tickers])
    bl = BlackLittermanModel(S, pi=prior, P=P, Q=Q, omega="idzorek", view_confidences=conf, risk_aversion=delta)
    out["bl_idzorek_returns"] = m(bl.bl_returns()); out["bl_idzorek_cov"] = m(bl.bl_cov())
    out["bl_idzorek_omega"] = m(bl.omega)

    returns = expected_returns.returns_from_prices(prices)
    cv = EfficientCVaR(mu, returns); cv.min_cvar()
    out["min_cvar"] = m(cv.weights); out["min_cvar_value"] = float(cv.portfolio_performance()[1])

    out["risk_parity"] = m(erc(S.values))
    return out


sp20 = prices_all.loc["2018-01-01":"2019-12-31"]
gap = prices_all.loc["2016-01-01":"2016-12-31", ["AAPL", "AMD", "CVX", "JNJ", "KO", "MSFT", "PG", "XOM"]].copy()
gap.iloc[:60, 1] = np.nan
gap.iloc[:120, 5] = np.nan
listings = pd.read_csv(ROOT / "Samples/pypfopt_stock_prices.csv.gz", index_col=0, parse_dates=True)
listings = listings.loc["2012-01-01":"2015-12-31", ["AAPL", "FB", "BABA", "AMZN", "GE", "JPM", "SBUX", "XOM"]]
cases = {"sp20": case(sp20), "sp8gap": case(gap), "listings": case(listings)}
out = {"library": f"PyPortfolioOpt {pypfopt.__version__}, cvxpy {cp.__version__}, scipy {scipy.__version__}, pandas {pd.__version__}, numpy {np.__version__}",
       "cases": cases}
path = pathlib.Path(__file__).with_name("portfolio.json")
path.write_text(json.dumps(out))
print(f"wrote {path} ({path.stat().st_size} bytes)")
