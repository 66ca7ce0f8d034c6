#!/usr/bin/env python3
"""Reference Gaussian HMM fits for BarbellRegimes, from hmmlearn 0.3.3 (numpy, scipy 1.17).

    pip install hmmlearn==0.3.3
    python3 Tests/Fixtures/regimes/hmm.py      # writes Tests/Fixtures/regimes/hmm.json

Every fit starts from explicitly set parameters (init_params="", params="stmc", tol=0, so exactly
N_ITER EM iterations run; priors and min_covar at hmmlearn's defaults). Data sets:
(a) "sp1": the last 2,520 S&P 500 daily returns x 100 (Samples/arch_sp500.csv.gz, 100 * pct_change
    of Adj Close), 1-D, K = 2;
(b) "sp2": 2-D [return, realised volatility], the volatility at day t being
    sqrt(mean of the 21 squared returns t-20..t); rows from the 21st return on; K = 3;
(c) "sim": a seeded simulated 3-state Markov-switching 2-D Gaussian series (1,000 rows), K = 3.
Per data set and covariance type (full, diag, spherical, tied), the case "<data>.<type>" stores the
initial parameters (init_*), monitor_.history (per-iteration log-likelihood, before each M-step),
the final parameters (covars_ always as full matrices), score, aic, bic of the final model,
predict (Viterbi path), and predict_proba (posteriors) every 25th row.
Restarts: "<data>.<type>.restarts" (sp2 and sim, full and diag, K = 3) holds hmmlearn's best score over
5 fits from its own k-means initialisation (random_state 0..4, n_iter 100, tol 0.01 — its defaults).
Data: "sp_returns" holds the 2,520 returns and "sim_data" the simulated rows.
"""
import json
import pathlib

import hmmlearn
import numpy as np
import pandas as pd
import scipy
from hmmlearn import hmm

root = pathlib.Path(__file__).resolve().parents[3]
N_ITER = 25


def v(x):
    return [float(a) for a in np.asarray(x, dtype=float).ravel()]


def m(x):
    return [v(r) for r in np.atleast_2d(np.asarray(x, dtype=float))]


def sp_returns():
    df = pd.read_csv(root / "Samples" / "arch_sp500.csv.gz")
    return (100 * df["Adj Close"].pct_change()).dropna().to_numpy()[-2520:]


def realised_vol(r, w=21):
    return np.array([np.sqrt(np.mean(r[t - w + 1:t + 1] ** 2)) for t in range(w - 1, len(r))])


def simulated(n=1000, seed=20261122):
    rng = np.random.default_rng(seed)
    A = np.array([[0.95, 0.04, 0.01], [0.05, 0.90, 0.05], [0.02, 0.08, 0.90]])
    mu = np.array([[0.1, 0.6], [-0.2, 1.5], [-1.0, 3.0]])
    sd = np.array([[0.5, 0.2], [1.0, 0.4], [2.0, 0.8]])
    s = 0
    X = np.empty((n, 2))
    for t in range(n):
        X[t] = mu[s] + sd[s] * rng.standard_normal(2)
        s = rng.choice(3, p=A[s])
    return X


def initial(X, K, ctype):
    """Deterministic starting parameters: quantile means, sticky transitions, scaled data variance."""
    d = X.shape[1]
    order = np.argsort(X[:, -1])
    means = np.array([X[order[int((k + 0.5) * len(X) / K)]] for k in range(K)])
    start = np.full(K, 1.0 / K)
    trans = np.full((K, K), 0.1 / (K - 1)) + np.eye(K) * (0.9 - 0.1 / (K - 1))
    var = X.var(axis=0)
    scale = np.linspace(0.5, 2.0, K)
    if ctype == "full":
        cov = np.cov(X.T).reshape(d, d)
        covars = np.array([s * cov for s in scale])
    elif ctype == "tied":
        covars = np.cov(X.T).reshape(d, d)
    elif ctype == "diag":
        covars = np.array([s * var for s in scale])
    else:
        covars = np.array([s * var.mean() for s in scale])
    return start, trans, means, covars


cases = {}
r = sp_returns()
rv = realised_vol(r)
sim = simulated()
cases["sp_returns"] = {"returns": v(r)}
cases["sim_data"] = {"data": m(sim)}
data = {"sp1": (r[:, None], 2), "sp2": (np.column_stack([r[20:], rv]), 3), "sim": (sim, 3)}
for dname, (X, K) in data.items():
    for ctype in ("full", "diag", "spherical", "tied"):
        start, trans, means, covars = initial(X, K, ctype)
        model = hmm.GaussianHMM(n_components=K, covariance_type=ctype, n_iter=N_ITER, tol=0,
                                init_params="", params="stmc")
        model.startprob_, model.transmat_, model.means_, model.covars_ = start, trans, means, covars
        model.n_features = X.shape[1]
        init_full = model.covars_.copy()
        model.fit(X)
        post = model.predict_proba(X)
        final = model.covars_
        if ctype == "spherical":  # covars_ of a fitted spherical model broadcasts to (K, 1, d, d) copies
            final = np.array([np.eye(X.shape[1]) * c for c in np.asarray(model._covars_).reshape(K, -1)[:, 0]])
        cases[f"{dname}.{ctype}"] = {
            "init_startprob": v(start), "init_transmat": m(trans), "init_means": m(means),
            "init_covars": m(init_full.reshape(K, -1)),
            "history": v(model.monitor_.history),
            "startprob": v(model.startprob_), "transmat": m(model.transmat_), "means": m(model.means_),
            "covars": m(final.reshape(K, -1)),
            "score": float(model.score(X)), "aic": float(model.aic(X)), "bic": float(model.bic(X)),
            "viterbi": v(model.predict(X)), "posteriors_step25": m(post[::25]),
        }

for dname in ("sp2", "sim"):
    X, K = data[dname]
    for ctype in ("full", "diag"):
        scores = [hmm.GaussianHMM(n_components=K, covariance_type=ctype, n_iter=100, random_state=r).fit(X).score(X)
                  for r in range(5)]
        cases[f"{dname}.{ctype}.restarts"] = {"best_score": float(max(scores)), "scores": v(scores)}

out = {"library": f"hmmlearn {hmmlearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}",
       "cases": cases}
(pathlib.Path(__file__).with_suffix(".json")).write_text(json.dumps(out))
