#!/usr/bin/env python3
"""Reference values for BarbellQuant's linear algebra, from NumPy (LAPACK underneath).

    python3 Tests/Fixtures/quant/linalg.py      # writes Tests/Fixtures/quant/linalg.json

Cases are seeded (NumPy's PCG64, seed per case) and written with 17 significant digits, so the
Swift tests read exactly these matrices. NumPy's version is recorded in the output.
"""
import json
import pathlib

import numpy as np


def rng(seed):
    return np.random.default_rng(seed)


def covariance(seed, n, assets):
    """A sample covariance of correlated returns: symmetric positive definite."""
    r = rng(seed)
    mix = r.normal(size=(assets, assets))
    returns = r.normal(size=(n, assets)) @ mix * 0.01
    return np.cov(returns, rowvar=False)


def nearest_pd(a, floor=None):
    """Higham 1988, Theorem 2.1, with a positive eigenvalue floor (the definition BarbellQuant documents)."""
    s = (a + a.T) / 2
    w, v = np.linalg.eigh(s)
    if floor is None:
        floor = max(1e-10 * np.abs(w).max(), np.finfo(float).tiny)
    out = (v * np.maximum(w, floor)) @ v.T
    return (out + out.T) / 2


def m(x):
    return np.asarray(x, dtype=float).tolist()


cases = {}

# solve: a well-conditioned 6×6 system with two right-hand sides.
a = rng(1).normal(size=(6, 6)) + 6 * np.eye(6)
b = rng(2).normal(size=(6, 2))
cases["solve"] = {"a": m(a), "b": m(b), "x": m(np.linalg.solve(a, b))}

# least squares: overdetermined full rank, and rank-deficient (a repeated column).
a = rng(3).normal(size=(40, 4))
b = rng(4).normal(size=40)
x, _, rank, s = np.linalg.lstsq(a, b, rcond=None)
cases["lstsq_full"] = {"a": m(a), "b": m(b), "x": m(x), "rank": int(rank), "s": m(s)}
a = np.column_stack([a, a[:, 1] * 2.0])
x, _, rank, s = np.linalg.lstsq(a, b, rcond=None)
cases["lstsq_deficient"] = {"a": m(a), "b": m(b), "x": m(x), "rank": int(rank), "s": m(s)}

# Cholesky, symmetric eigendecomposition, nearest PD of a 12-asset covariance.
c = covariance(5, 250, 12)
w, v = np.linalg.eigh(c)
cases["covariance"] = {"a": m(c), "cholesky": m(np.linalg.cholesky(c)), "eigenvalues": m(w), "eigenvectors": m(v)}

# SVD and pseudo-inverse of a rank-3 8×5 matrix.
a = rng(6).normal(size=(8, 3)) @ rng(7).normal(size=(3, 5))
u, s, vt = np.linalg.svd(a, full_matrices=False)
cases["svd"] = {"a": m(a), "s": m(s), "pinv": m(np.linalg.pinv(a))}

# Nearest positive definite: a correlation matrix made indefinite by hand-edited entries.
corr = np.corrcoef(rng(8).normal(size=(60, 5)), rowvar=False)
corr[0, 1] = corr[1, 0] = 0.95
corr[0, 2] = corr[2, 0] = 0.95
corr[1, 2] = corr[2, 1] = -0.6
cases["nearest_pd"] = {"a": m(corr), "eigenvalues_before": m(np.linalg.eigvalsh(corr)), "nearest": m(nearest_pd(corr)),
                       "nearest_floor_0.01": m(nearest_pd(corr, 0.01))}

out = {"library": f"numpy {np.__version__}", "cases": cases}
path = pathlib.Path(__file__).with_name("linalg.json")
path.write_text(json.dumps(out, indent=1))
print(f"wrote {path}")
