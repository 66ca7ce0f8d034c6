#!/usr/bin/env python3
"""Reference extreme-value fits for BarbellQuant's TailRisk, from SciPy's `genpareto` and
`genextreme` maximum-likelihood fits.

    python3 Tests/Fixtures/quant/evt.py      # writes Tests/Fixtures/quant/evt.json

SciPy's default optimiser (Nelder-Mead with loose tolerances) stops ~1e-4 short of the optimum,
so the fits here run the same simplex to 1e-13 and then polish with L-BFGS-B; the Swift tests
require our log-likelihood to be no worse than this reference and the parameters to agree.
Peaks-over-threshold VaR/ES use McNeil & Frey's formulas on SciPy's parameters; the Hill
estimate and the mean-excess function are the textbook formulas in NumPy.
"""
import gzip
import json
import pathlib

import numpy as np
import pandas as pd
import scipy
from scipy import optimize, stats

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def tight(func, x0, args=(), disp=0):
    x = optimize.fmin(func, x0, args=args, xtol=1e-13, ftol=1e-14, maxiter=200000, maxfun=200000, disp=0)
    res = optimize.minimize(lambda p: func(p, *args), x, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-12})
    return res.x if res.fun <= func(x, *args) else x


def sp500_losses():
    frame = pd.read_csv(ROOT / "Samples" / "arch_sp500.csv.gz")
    close = frame["Adj Close"].to_numpy()
    return -(close[1:] / close[:-1] - 1)


def pot_case(losses, q, confidences):
    u = float(np.quantile(losses, q))
    y = losses[losses > u] - u
    c, _, scale = stats.genpareto.fit(y, floc=0, optimizer=tight)
    ll = float(np.sum(stats.genpareto.logpdf(y, c, 0, scale)))
    rate = len(y) / len(losses)
    var = [u + scale / c * (((1 - p) / rate) ** (-c) - 1) for p in confidences]
    es = [(v + scale - c * u) / (1 - c) for v in var]
    return {"losses": losses.tolist(), "threshold_quantile": q, "threshold": u, "count": float(len(y)),
            "shape": c, "scale": scale, "loglik": ll, "confidences": confidences, "var": var, "es": es}


def gev_case(maxima):
    c, loc, scale = stats.genextreme.fit(maxima, optimizer=tight)
    ll = float(np.sum(stats.genextreme.logpdf(maxima, c, loc, scale)))
    levels = [0.01, 0.05, 0.1]
    return {"maxima": maxima.tolist(), "shape": -c, "location": loc, "scale": scale, "loglik": ll,
            "probabilities": levels, "return_levels": [float(stats.genextreme.isf(p, c, loc, scale)) for p in levels]}


def hill(values, k):
    d = np.sort(values)[::-1]
    return float(np.mean(np.log(d[:k] / d[k])))


def main():
    rng = np.random.default_rng(20261122)
    losses = sp500_losses()
    cases = {
        "sp500_pot": pot_case(losses, 0.95, [0.99, 0.995, 0.999]),
        "gpd_heavy": pot_case(stats.genpareto.rvs(0.3, scale=1.0, size=4000, random_state=rng), 0.9, [0.95, 0.99]),
        "gpd_bounded": pot_case(stats.genpareto.rvs(-0.2, scale=2.0, size=4000, random_state=rng), 0.8, [0.9, 0.99]),
    }
    blocks = losses[: len(losses) // 21 * 21].reshape(-1, 21).max(axis=1)
    cases["sp500_gev"] = gev_case(blocks)
    cases["gev_weibull"] = gev_case(stats.genextreme.rvs(0.25, loc=1.0, scale=0.5, size=600, random_state=rng))
    pareto = stats.pareto.rvs(3.0, size=5000, random_state=rng)
    cases["hill"] = {"values": pareto.tolist(), "k": 250.0, "shape": hill(pareto, 250),
                     "sp500_k": 200.0, "sp500_shape": hill(losses, 200)}
    sorted_losses = np.sort(losses)
    probs = [0.5, 0.8, 0.9, 0.95, 0.98]
    me = []
    for p in probs:
        u = float(np.quantile(losses, p))
        me.append(float(np.mean(sorted_losses[sorted_losses > u] - u)))
    cases["mean_excess"] = {"probabilities": probs, "mean_excess": me}
    out = {"library": f"scipy {scipy.__version__}, numpy {np.__version__}", "cases": cases}
    (HERE / "evt.json").write_text(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main()
