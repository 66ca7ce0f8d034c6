#!/usr/bin/env python3
"""Reference values for BarbellRegimes' Student-t HMM, from numpy 2.4 and scipy 1.17.

    pip install numpy==2.4.* scipy==1.17.* pandas
    python3 Tests/Fixtures/regimes/student_t_hmm.py   # writes Tests/Fixtures/regimes/student_t_hmm.json

(1) "logpdf.*": scipy.stats.multivariate_t(loc, shape, df).logpdf on a grid of points reaching
    far into the tails (x rows, loc, shape as a matrix, df, logpdf), for d = 1, 2, 3 and
    ν from 2.05 to 1e4.
(2) "ecm.<data>.<type>[.fixed]": a reference ECM for a t-emission HMM written here in
    numpy/scipy, independently of the Swift code: log densities by scipy's multivariate_t,
    forward-backward in log space with scipy.special.logsumexp (Swift uses the scaled
    recursions), and Peel & McLachlan's (2000) CM-steps: weights u = (nu + d)/(nu + delta),
    mu = sum(g u x)/sum(g u), Sigma = sum(g u r r^T)/sum(g) (diag: its diagonal; spherical: mean
    diagonal; tied: pooled over states / n), start/transitions as normalised expected counts, and
    nu the root of log(nu/2) - digamma(nu/2) + 1 + c (c from the E-step) by scipy.optimize.brentq,
    confined to [2.1, 200] (the end point when there is no root inside). ".fixed" holds nu.
    Exactly N_ITER iterations from explicit initial parameters (init_*); stores the per-iteration
    log-likelihood (before each M-step, like hmmlearn's monitor) and the final parameters.
    Data: "sp1" the last 2,520 S&P 500 daily returns x 100 (Samples/arch_sp500.csv.gz, 1-D,
    K = 2); "sim" 600 rows of a seeded 3-state 2-D Markov-switching series with t(5) emissions
    (parameters in `simulated`), K = 3. Data under "data.sp1" / "data.sim".
"""
import json
import pathlib

import numpy as np
import pandas as pd
import scipy
from scipy import optimize, special, stats

root = pathlib.Path(__file__).resolve().parents[3]
N_ITER = 30
NU_RANGE = (2.1, 200.0)


def v(x):
    return [float(a) for a in np.asarray(x, dtype=float).ravel()]


def m(x):
    return [v(r) for r in np.atleast_2d(np.asarray(x, dtype=float))]


# ---------------------------------------------------------------- (1) log densities
cases = {}
rng = np.random.default_rng(7)
logpdf_cases = {
    "d1": (np.array([0.3]), np.array([[2.0]]), [2.05, 4.0, 30.0, 1e4]),
    "d2": (np.array([0.1, -0.4]), np.array([[1.5, 0.6], [0.6, 0.8]]), [2.5, 5.0, 150.0]),
    "d3": (np.array([1.0, 0.0, -2.0]), np.array([[2.0, 0.3, -0.4], [0.3, 1.0, 0.2], [-0.4, 0.2, 0.5]]), [3.0, 12.0]),
}
for name, (loc, shape, dfs) in logpdf_cases.items():
    d = len(loc)
    L = np.linalg.cholesky(shape)
    z = rng.standard_normal((12, d)) * np.array([0.1, 1, 3, 10, 100, 1e3] * 2)[:, None]
    x = loc + z @ L.T
    x = np.vstack([x, loc])  # the mode itself
    for df in dfs:
        cases[f"logpdf.{name}.nu{df:g}"] = {
            "x": m(x), "loc": v(loc), "shape": m(shape), "df": float(df),
            "logpdf": v(np.atleast_1d(stats.multivariate_t(loc=loc, shape=shape, df=df).logpdf(x))),
        }


# ---------------------------------------------------------------- (2) reference ECM
def log_densities(X, means, scales, nus):
    return np.column_stack([np.atleast_1d(stats.multivariate_t(loc=means[k], shape=scales[k], df=nus[k]).logpdf(X))
                            for k in range(len(nus))]).reshape(len(X), len(nus))


def mahalanobis(X, means, scales):
    out = []
    for k in range(len(means)):
        r = X - means[k]
        out.append(np.einsum("ti,ij,tj->t", r, np.linalg.inv(scales[k]), r))
    return np.column_stack(out)


def forward_backward(logB, start, trans):
    n, K = logB.shape
    logA = np.log(trans)
    la = np.empty((n, K))
    lb = np.zeros((n, K))
    la[0] = np.log(start) + logB[0]
    for t in range(1, n):
        la[t] = special.logsumexp(la[t - 1][:, None] + logA, axis=0) + logB[t]
    for t in range(n - 2, -1, -1):
        lb[t] = special.logsumexp(logA + (logB[t + 1] + lb[t + 1])[None, :], axis=1)
    ll = special.logsumexp(la[-1])
    gamma = np.exp(la + lb - ll)
    xi = np.zeros((K, K))
    for t in range(n - 1):
        xi += np.exp(la[t][:, None] + logA + (logB[t + 1] + lb[t + 1])[None, :] - ll)
    return ll, gamma, xi


def nu_root(c):
    g = lambda nu: np.log(nu / 2) - special.digamma(nu / 2) + 1 + c
    lo, hi = NU_RANGE
    if g(lo) <= 0:
        return lo
    if g(hi) >= 0:
        return hi
    return optimize.brentq(g, lo, hi, xtol=1e-13, rtol=4 * np.finfo(float).eps, maxiter=200)


def ecm(X, ctype, start, trans, means, scales, nus, fixed):
    n, d = X.shape
    K = len(nus)
    history = []
    for _ in range(N_ITER):
        logB = log_densities(X, means, scales, nus)
        ll, gamma, xi = forward_backward(logB, start, trans)
        history.append(ll)
        delta = mahalanobis(X, means, scales)
        u = (nus + d) / (nus + delta)
        start = gamma[0] / gamma[0].sum()
        trans = xi / xi.sum(axis=1, keepdims=True)
        w = gamma * u
        mass = gamma.sum(axis=0)
        new_means = (w.T @ X) / w.sum(axis=0)[:, None]
        scatter = np.array([(w[:, k, None] * (X - new_means[k])).T @ (X - new_means[k]) for k in range(K)])
        new_scales = scatter / mass[:, None, None]
        if ctype == "diag":
            new_scales = np.array([np.diag(np.diag(s)) for s in new_scales])
        elif ctype == "spherical":
            new_scales = np.array([np.eye(d) * np.trace(s) / d for s in new_scales])
        elif ctype == "tied":
            new_scales = np.array([scatter.sum(axis=0) / n] * K)
        if not fixed:
            c = (gamma * (np.log(u) - u)).sum(axis=0) / mass + special.digamma((nus + d) / 2) - np.log((nus + d) / 2)
            nus = np.array([nu_root(ck) for ck in c])
        means, scales = new_means, new_scales
    return history, start, trans, means, scales, nus


def sp_returns():
    df = pd.read_csv(root / "Samples" / "arch_sp500.csv.gz")
    return (100 * df["Adj Close"].pct_change()).dropna().to_numpy()[-2520:]


def simulated(n=600, seed=20261122):
    rng = np.random.default_rng(seed)
    A = np.array([[0.95, 0.04, 0.01], [0.05, 0.90, 0.05], [0.02, 0.08, 0.90]])
    mu = np.array([[0.1, 0.6], [-0.2, 1.5], [-1.0, 3.0]])
    L = [np.linalg.cholesky(np.array(S)) for S in ([[0.25, 0.02], [0.02, 0.04]], [[1.0, 0.1], [0.1, 0.16]],
                                                   [[4.0, -0.3], [-0.3, 0.64]])]
    s = 0
    X = np.empty((n, 2))
    for t in range(n):
        X[t] = mu[s] + (L[s] @ rng.standard_normal(2)) * np.sqrt(5 / rng.chisquare(5))
        s = rng.choice(3, p=A[s])
    return X


def initial(X, K, ctype):
    """Deterministic start: quantile means of the last feature, sticky transitions, scaled data
    covariance reduced to the type, nu = 8, 10, 12, ..."""
    d = X.shape[1]
    order = np.argsort(X[:, -1])
    means = np.array([X[order[int((k + 0.5) * len(X) / K)]] for k in range(K)])
    start = np.full(K, 1.0 / K)
    trans = np.full((K, K), 0.1 / (K - 1)) + np.eye(K) * (0.9 - 0.1 / (K - 1))
    cov = np.cov(X.T).reshape(d, d)
    factor = np.linspace(0.5, 1.5, K)
    if ctype == "full":
        scales = np.array([f * cov for f in factor])
    elif ctype == "diag":
        scales = np.array([f * np.diag(np.diag(cov)) for f in factor])
    elif ctype == "spherical":
        scales = np.array([f * np.eye(d) * np.trace(cov) / d for f in factor])
    else:
        scales = np.array([cov] * K)
    nus = 8.0 + 2.0 * np.arange(K)
    return start, trans, means, scales, nus


data = {"sp1": (sp_returns()[:, None], 2), "sim": (simulated(), 3)}
cases["data.sp1"] = {"data": m(data["sp1"][0])}
cases["data.sim"] = {"data": m(data["sim"][0])}
runs = [("sp1", "full", False), ("sp1", "full", True), ("sim", "full", False), ("sim", "diag", False),
        ("sim", "spherical", False), ("sim", "tied", False), ("sim", "full", True)]
for dname, ctype, fixed in runs:
    X, K = data[dname]
    start, trans, means, scales, nus = initial(X, K, ctype)
    history, s1, a1, mu1, sc1, nu1 = ecm(X, ctype, start, trans, means, scales, nus, fixed)
    name = f"ecm.{dname}.{ctype}" + (".fixed" if fixed else "")
    cases[name] = {
        "init_startprob": v(start), "init_transmat": m(trans), "init_means": m(means),
        "init_scales": m(scales.reshape(K, -1)), "init_nu": v(nus),
        "history": v(history), "startprob": v(s1), "transmat": m(a1), "means": m(mu1),
        "scales": m(sc1.reshape(K, -1)), "nu": v(nu1),
        "score": float(forward_backward(log_densities(X, mu1, sc1, nu1), s1, a1)[0]),
    }

out = {"library": f"numpy {np.__version__}, scipy {scipy.__version__} (stats.multivariate_t, special.digamma, "
                  f"special.logsumexp, optimize.brentq)", "cases": cases}
(pathlib.Path(__file__).with_suffix(".json")).write_text(json.dumps(out))
