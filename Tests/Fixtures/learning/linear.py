"""Reference fits for BarbellLearning's linear baselines (Ridge, Lasso, binary LogisticRegression).

Library: scikit-learn 1.9.1 with numpy 2.4.6 (`pip install scikit-learn==1.9.1 numpy==2.4.6`); Python 3.
  - Ridge(alpha, fit_intercept, solver="cholesky")
  - Lasso(alpha, fit_intercept, tol=1e-10, max_iter=100000)
  - LogisticRegression(C, fit_intercept, solver="lbfgs", tol=1e-10, max_iter=10000)  (L2, binary)
  - LogisticRegression(C, ...) on three classes (multinomial, the default for > 2 classes)
  - and, for the same problems, LogisticRegression(solver="newton-cholesky", tol=1e-12): L-BFGS at
    tol=1e-10 stops ~5e-8 short of the optimum in probability, so the 1e-8 checks use Newton's optimum
each with and without sample weights.
Data: numpy default_rng(20261122), n = 200 training rows, p = 6 columns of unequal scale and mean, with
columns 1 and 3 strongly correlated with columns 0 and 2; 20 further rows for predictions.
Run: python3 Tests/Fixtures/learning/linear.py  (writes linear.json next to this file)
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import Lasso, LogisticRegression, Ridge

assert sklearn.__version__ == "1.9.1", sklearn.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261122)
N, P, M = 200, 6, 20

z = rng.normal(size=(N + M, P))
x = np.empty_like(z)
x[:, 0] = z[:, 0]
x[:, 1] = 0.9 * z[:, 0] + 0.3 * z[:, 1]          # corr(x0, x1) ~ 0.95
x[:, 2] = 2.0 * z[:, 2] + 1.0
x[:, 3] = -0.8 * x[:, 2] + 0.5 * z[:, 3]
x[:, 4] = 0.5 * z[:, 4] - 2.0
x[:, 5] = 3.0 * z[:, 5]
beta = np.array([1.5, -0.7, 0.4, 0.0, 2.0, 0.0])
y = x @ beta + 3.0 + 0.8 * rng.normal(size=N + M)
eta = x @ np.array([0.8, -0.5, 0.3, 0.0, 1.0, 0.1]) + 1.5
cls = (rng.uniform(size=N + M) < 1.0 / (1.0 + np.exp(-eta))).astype(float)
w = rng.uniform(0.3, 2.5, size=N)
# Three classes: the argmax of linear scores plus Gumbel noise (a multinomial logit draw).
scores = x @ np.array([[0.8, 0, 0.3, 0, 0.5, 0], [0, -0.5, 0, 0.4, 0, 0.2], [0] * 6]).T
cls3 = (scores + rng.gumbel(size=(N + M, 3))).argmax(axis=1).astype(float) * 2.0 - 1.0  # labels -1, 1, 3

xt, yt, ct = x[:N], y[:N], cls[:N]
xp = x[N:]


def ridge(alpha, intercept, weighted):
    m = Ridge(alpha=alpha, fit_intercept=intercept, solver="cholesky")
    m.fit(xt, yt, sample_weight=w if weighted else None)
    return dict(alpha=alpha, fitIntercept=intercept, weighted=weighted, coef=m.coef_.tolist(),
                intercept=float(m.intercept_), predict=m.predict(xp).tolist())


def lasso(alpha, intercept, weighted):
    m = Lasso(alpha=alpha, fit_intercept=intercept, tol=1e-10, max_iter=100000)
    m.fit(xt, yt, sample_weight=w if weighted else None)
    return dict(alpha=alpha, fitIntercept=intercept, weighted=weighted, coef=m.coef_.tolist(),
                intercept=float(m.intercept_), predict=m.predict(xp).tolist(), nIter=int(m.n_iter_))


def logistic(c, intercept, weighted):
    m = LogisticRegression(C=c, fit_intercept=intercept, solver="lbfgs", tol=1e-10, max_iter=10000)
    m.fit(xt, ct, sample_weight=w if weighted else None)
    e = LogisticRegression(C=c, fit_intercept=intercept, solver="newton-cholesky", tol=1e-12, max_iter=1000)
    e.fit(xt, ct, sample_weight=w if weighted else None)
    return dict(C=c, fitIntercept=intercept, weighted=weighted, coef=m.coef_[0].tolist(),
                intercept=float(m.intercept_[0]), probability=m.predict_proba(xp)[:, 1].tolist(),
                predict=m.predict(xp).tolist(), coefNewton=e.coef_[0].tolist(),
                interceptNewton=float(e.intercept_[0]), probabilityNewton=e.predict_proba(xp)[:, 1].tolist())


def multinomial(c, intercept, weighted):
    fits = []
    for solver, tol in [("lbfgs", 1e-10), ("newton-cholesky", 1e-12)]:
        m = LogisticRegression(C=c, fit_intercept=intercept, solver=solver, tol=tol, max_iter=10000)
        m.fit(xt, cls3[:N], sample_weight=w if weighted else None)
        fits.append(m)
    m, e = fits
    return dict(C=c, fitIntercept=intercept, weighted=weighted, classes=m.classes_.tolist(),
                coef=m.coef_.tolist(), intercept=m.intercept_.tolist(), predict=m.predict(xp).tolist(),
                coefNewton=e.coef_.tolist(), interceptNewton=e.intercept_.tolist(),
                probabilityNewton=e.predict_proba(xp).tolist())


out = dict(
    x=xt.tolist(), y=yt.tolist(), classes=ct.tolist(), weights=w.tolist(), xPredict=xp.tolist(),
    ridge=[ridge(a, i, s) for a, i, s in [(1.0, True, False), (25.0, True, False), (1.0, False, False),
                                         (5.0, True, True)]],
    lasso=[lasso(a, i, s) for a, i, s in [(0.05, True, False), (0.4, True, False), (0.1, False, False),
                                         (0.1, True, True), (100.0, True, False)]],
    logistic=[logistic(c, i, s) for c, i, s in [(1.0, True, False), (0.05, True, False), (1.0, False, False),
                                               (0.5, True, True)]],
    classes3=cls3[:N].tolist(),
    multinomial=[multinomial(c, i, s) for c, i, s in [(1.0, True, False), (0.1, False, False), (0.5, True, True)]],
)
with open(os.path.join(HERE, "linear.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
