#!/usr/bin/env python3
"""Reference Gaussian mixture fits for BarbellRegimes, from scikit-learn 1.9.1 (numpy, scipy 1.17).

    pip install scikit-learn==1.9.1
    python3 Tests/Fixtures/regimes/gmm.py      # writes Tests/Fixtures/regimes/gmm.json

Data: the data sets of hmm.py, read from the committed hmm.json so both fixtures see the same rows:
(a) "sp1": the last 2,520 S&P 500 daily returns x 100, 1-D, K = 2;
(b) "sp2": 2-D [return, realised volatility] (sqrt of the mean of the 21 squared returns t-20..t), K = 3;
(c) "sim": the seeded simulated 3-state 2-D series (1,000 rows), K = 3.

Parity cases "<data>.<type>" (type full, diag, spherical, tied): GaussianMixture started from explicit
weights_init / means_init / precisions_init (the inverse of the stored init_covars), tol=0 (sklearn stops
when |change| < tol, which never holds at 0) and max_iter=N_ITER, so exactly N_ITER EM iterations run
(reg_covar at its default 1e-6). "history" is sklearn's `lower_bounds_` attribute (the per-iteration lower
bound = mean log-likelihood per sample under the parameters entering each iteration, of the kept
initialisation); the script asserts it equals `lower_bound_` of separate fits with max_iter = 1, 2, ..., N.
Stored: the initial parameters, history, the final weights, means and covariances (always as full
d x d matrices, flattened per component), score (sklearn's: the MEAN log-likelihood per sample), aic, bic,
predict and predict_proba of every 25th row.

Restart cases "<data>.<type>.restarts": sklearn's own k-means initialisation with n_init=5,
random_state=0 and its defaults (max_iter 100, tol 1e-3, reg_covar 1e-6): its best lower_bound_ and the
mean log-likelihood (score) of the model it keeps; and "tight_score", the same with tol=TIGHT_TOL and
max_iter=TIGHT_ITER, i.e. run to convergence, so that two fits reaching the same optimum agree closely.
"""
import json
import pathlib
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

# tol=0 never "converges" by design; sklearn warns about it on every parity fit.
warnings.simplefilter("ignore", ConvergenceWarning)

here = pathlib.Path(__file__).resolve().parent
N_ITER = 20
TIGHT_TOL, TIGHT_ITER = 1e-10, 5000


def v(x):
    return [float(a) for a in np.asarray(x, dtype=float).ravel()]


def m(x):
    return [v(r) for r in np.atleast_2d(np.asarray(x, dtype=float))]


def realised_vol(r, w=21):
    return np.array([np.sqrt(np.mean(r[t - w + 1:t + 1] ** 2)) for t in range(w - 1, len(r))])


def initial(X, K, ctype):
    """Deterministic start: unequal weights, quantile means (hmm.py's), scaled data covariance."""
    d = X.shape[1]
    order = np.argsort(X[:, -1])
    means = np.array([X[order[int((k + 0.5) * len(X) / K)]] for k in range(K)])
    weights = np.linspace(1.0, 2.0, K)
    weights /= weights.sum()
    scale = np.linspace(0.5, 2.0, K)
    cov = np.cov(X.T).reshape(d, d)
    var = X.var(axis=0)
    if ctype == "full":
        covs = np.array([s * cov for s in scale])
        precisions = np.array([np.linalg.inv(c) for c in covs])
    elif ctype == "tied":
        covs = np.array([cov for _ in scale])
        precisions = np.linalg.inv(cov)
    elif ctype == "diag":
        covs = np.array([np.diag(s * var) for s in scale])
        precisions = np.array([1.0 / (s * var) for s in scale])
    else:
        covs = np.array([np.eye(d) * s * var.mean() for s in scale])
        precisions = np.array([1.0 / (s * var.mean()) for s in scale])
    return weights, means, covs, precisions


def full_covariances(g, K, d):
    c = g.covariances_
    if g.covariance_type == "full":
        return c
    if g.covariance_type == "tied":
        return np.array([c for _ in range(K)])
    if g.covariance_type == "diag":
        return np.array([np.diag(row) for row in c])
    return np.array([np.eye(d) * s for s in c])


hmm_fixture = json.loads((here / "hmm.json").read_text())["cases"]
r = np.array(hmm_fixture["sp_returns"]["returns"])
sim = np.array(hmm_fixture["sim_data"]["data"])
data = {"sp1": (r[:, None], 2), "sp2": (np.column_stack([r[20:], realised_vol(r)]), 3), "sim": (sim, 3)}

cases = {}
for dname, (X, K) in data.items():
    n, d = X.shape
    for ctype in ("full", "diag", "spherical", "tied"):
        weights, means, covs, precisions = initial(X, K, ctype)

        def run(iters):
            g = GaussianMixture(n_components=K, covariance_type=ctype, tol=0, max_iter=iters, random_state=0,
                                weights_init=weights, means_init=means, precisions_init=precisions)
            return g.fit(X)

        g = run(N_ITER)
        history = np.asarray(g.lower_bounds_, dtype=float)
        assert len(history) == N_ITER
        # lower_bounds_ against the kept lower_bound_ of shorter runs: the same iterations, bit for bit.
        assert all(run(i).lower_bound_ == history[i - 1] for i in range(1, N_ITER + 1)), (dname, ctype)
        cases[f"{dname}.{ctype}"] = {
            "init_weights": v(weights), "init_means": m(means), "init_covars": m(covs.reshape(K, -1)),
            "history": v(history),
            "weights": v(g.weights_), "means": m(g.means_), "covars": m(full_covariances(g, K, d).reshape(K, -1)),
            "score": float(g.score(X)), "aic": float(g.aic(X)), "bic": float(g.bic(X)),
            "predict_step25": v(g.predict(X)[::25]), "proba_step25": m(g.predict_proba(X)[::25]),
        }
        best = GaussianMixture(n_components=K, covariance_type=ctype, n_init=5, random_state=0).fit(X)
        tight = GaussianMixture(n_components=K, covariance_type=ctype, n_init=5, random_state=0,
                                tol=TIGHT_TOL, max_iter=TIGHT_ITER).fit(X)
        assert tight.converged_, (dname, ctype)
        cases[f"{dname}.{ctype}.restarts"] = {"lower_bound": float(best.lower_bound_), "score": float(best.score(X)),
                                              "n_iter": float(best.n_iter_), "converged": float(best.converged_),
                                              "tight_score": float(tight.score(X)), "tight_n_iter": float(tight.n_iter_)}

out = {"library": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}",
       "cases": cases}
(here / "gmm.json").write_text(json.dumps(out))
