#!/usr/bin/env python3
"""Reference value-at-risk and expected-shortfall figures for BarbellQuant's ValueAtRisk, and VaR
backtest statistics, from NumPy and SciPy.

    python3 Tests/Fixtures/quant/var.py      # writes Tests/Fixtures/quant/var.json

Conventions (the Swift side documents the same): simple returns, VaR and ES as positive losses;
historical = NumPy's default (linear) quantile and the mean of returns at or below it, over
overlapping compounded h-period returns for h > 1; normal = scipy.stats.norm with the sample mean
and n−1 standard deviation, scaled mean×h, sd×√h; Cornish-Fisher with scipy.stats.skew/kurtosis
(bias=True) and ES as the tail mean of the Cornish-Fisher quantile function (scipy.integrate.quad);
filtered historical simulation as arch's documentation computes it on an arch GARCH(1,1) fit;
Student-t from scipy.stats.t.fit (maximum likelihood, tightened simplex) with\nsquare-root-of-time scaling; Kupiec and Christoffersen likelihood ratios with scipy.stats.chi2 p-values.
"""
import json
import pathlib

import numpy as np
import pandas as pd
import arch
import scipy
from arch import arch_model
from scipy import integrate, optimize, stats

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def returns():
    close = pd.read_csv(ROOT / "Samples" / "arch_sp500.csv.gz")["Adj Close"].to_numpy()
    return (close[1:] / close[:-1] - 1)[-2520:]


def historical(r, c, h):
    if h > 1:
        r = np.array([np.prod(1 + r[s:s + h]) - 1 for s in range(len(r) - h + 1)])
    q = np.quantile(r, 1 - c)
    return -q, -r[r <= q].mean()


def normal(r, c, h):
    mu, sd = r.mean() * h, r.std(ddof=1) * np.sqrt(h)
    z = stats.norm.ppf(1 - c)
    return -(mu + sd * z), -(mu - sd * stats.norm.pdf(z) / (1 - c))


def cornish_fisher(r, c, h):
    s, k = stats.skew(r), stats.kurtosis(r)
    mu, sd = r.mean() * h, r.std(ddof=1) * np.sqrt(h)

    def zcf(p):
        z = stats.norm.ppf(p)
        return z + (z**2 - 1) * s / 6 + (z**3 - 3 * z) * k / 24 - (2 * z**3 - 5 * z) * s**2 / 36

    tail = 1 - c
    integral, _ = integrate.quad(zcf, 0, tail, epsabs=1e-14, epsrel=1e-13, limit=500)
    return -(mu + sd * zcf(tail)), -(mu + sd * integral / tail)


def student_t(r, c, h):
    def tight(func, x0, args=(), disp=0):
        x = optimize.fmin(func, x0, args=args, xtol=1e-12, ftol=1e-14, maxiter=100000, maxfun=100000, disp=0)
        return x
    nu, loc, scale = stats.t.fit(r, optimizer=tight)
    q = stats.t.ppf(1 - c, nu)
    mu, s = loc * h, scale * np.sqrt(h)
    tail = stats.t.pdf(q, nu) * (nu + q * q) / ((nu - 1) * (1 - c))
    return -(mu + s * q), -(mu - s * tail), nu, loc, scale, float(np.sum(stats.t.logpdf(r, nu, loc, scale)))


def backtest(flags, c):
    p = 1 - c
    t, x = len(flags), int(flags.sum())

    def logb(s, f, pi):
        return (s * np.log(pi) if s > 0 else 0.0) + (f * np.log1p(-pi) if f > 0 else 0.0)

    pof = max(0.0, 2 * (logb(x, t - x, x / t) - logb(x, t - x, p)))
    n = np.zeros((2, 2))
    for a, b in zip(flags[:-1], flags[1:]):
        n[int(a), int(b)] += 1
    pi01 = n[0, 1] / max(n[0, 0] + n[0, 1], 1)
    pi11 = n[1, 1] / max(n[1, 0] + n[1, 1], 1)
    pi = (n[0, 1] + n[1, 1]) / (t - 1)
    ind = max(0.0, 2 * (logb(n[0, 1], n[0, 0], pi01) + logb(n[1, 1], n[1, 0], pi11) - logb(n[0, 1] + n[1, 1], n[0, 0] + n[1, 0], pi)))
    return {"violations": float(x), "kupiec": pof, "kupiec_p": float(stats.chi2.sf(pof, 1)),
            "independence": ind, "independence_p": float(stats.chi2.sf(ind, 1)),
            "cc": pof + ind, "cc_p": float(stats.chi2.sf(pof + ind, 2))}


def main():
    r = returns()
    cases = {"series": {"returns": r.tolist()}}
    for c in (0.95, 0.99):
        for h in (1, 10):
            case = {}
            for name, f in (("historical", historical), ("normal", normal), ("cornish_fisher", cornish_fisher)):
                v, es = f(r, c, h)
                case[f"{name}_var"], case[f"{name}_es"] = float(v), float(es)
            v, es, nu, loc, scale, ll = student_t(r, c, h)
            case.update({"student_t_var": float(v), "student_t_es": float(es), "t_df": nu, "t_loc": loc, "t_scale": scale, "t_loglik": ll})
            cases[f"c{int(c * 100)}_h{h}"] = case
    # Filtered historical simulation on arch's GARCH(1,1) (normal QMLE, constant mean, returns x 100):
    # standardised residuals re-scaled by the one-step volatility forecast (arch's documented recipe).
    res = arch_model(r * 100, mean="Constant", vol="GARCH", p=1, q=1, dist="normal").fit(disp="off")
    z = np.asarray(res.resid / res.conditional_volatility)
    sigma = float(np.sqrt(res.forecast(horizon=1).variance.to_numpy()[-1, 0]))
    mu = float(res.params["mu"])
    for c in (0.95, 0.99):
        sample = (mu + sigma * z) / 100
        q = np.quantile(sample, 1 - c)
        cases[f"c{int(c * 100)}_h1"].update({"fhs_var": float(-q), "fhs_es": float(-sample[sample <= q].mean()), "fhs_sigma": sigma / 100})
    # Rolling one-step normal VaR over a 250-day window: the forecast for day t uses days t-250..t-1.
    window, c = 250, 0.99
    flags = []
    for t in range(window, len(r)):
        v, _ = normal(r[t - window:t], c, 1)
        flags.append(-r[t] > v)
    flags = np.array(flags)
    cases["rolling_normal_99"] = {"window": float(window), **backtest(flags, c)}
    rng = np.random.default_rng(7)
    clustered = np.zeros(1000, dtype=bool)
    for start in rng.choice(990, 8, replace=False):
        clustered[start:start + 3] = True
    cases["clustered_95"] = {"flags": clustered.astype(float).tolist(), **backtest(clustered, 0.95)}
    out = {"library": f"numpy {np.__version__}, scipy {scipy.__version__}, pandas {pd.__version__}, arch {arch.__version__}", "cases": cases}
    (HERE / "var.json").write_text(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main()
