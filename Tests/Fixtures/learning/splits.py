"""Reference splits for Tests/BarbellLearningTests/SplitsTests.swift.

Libraries: scikit-learn 1.9.1 (`sklearn.model_selection.TimeSeriesSplit`) and skfolio 1.12.2
(`skfolio.model_selection.CombinatorialPurgedCV`):

    pip install scikit-learn==1.9.1 skfolio==1.12.2

Purged k-fold and span-based purging have no established library, so they come from an
independent numpy transcription of López de Prado, Advances in Financial Machine Learning,
snippet 7.1 (getTrainTimes: drop training labels that start in, end in, or envelop a test
period) with snippet 7.2 (getEmbargoTimes: push each test period's end `embargo` bars later),
test periods per fold (k-fold) or per test group (CPCV, ch. 12), each from the first test
sample's label start to the latest test label end.

Run: python3 Tests/Fixtures/learning/splits.py  (writes splits.json beside this file)
"""
import itertools
import json
import os

import numpy as np
import sklearn
import skfolio
from sklearn.model_selection import TimeSeriesSplit
from skfolio.model_selection import CombinatorialPurgedCV

assert sklearn.__version__ == "1.9.1", sklearn.__version__
assert skfolio.__version__ == "1.12.2", skfolio.__version__


def ints(a):
    return [int(x) for x in a]


def tss_cases():
    out = []
    for n, kw in [
        (20, dict(n_splits=3)),
        (20, dict(n_splits=4, test_size=3, gap=2)),
        (25, dict(n_splits=5, max_train_size=6, gap=1)),
        (17, dict(n_splits=2, test_size=5, max_train_size=4)),
        (30, dict(n_splits=6, test_size=2, gap=3, max_train_size=10)),
    ]:
        cv = TimeSeriesSplit(**kw)
        splits = [dict(train=ints(tr), test=ints(te)) for tr, te in cv.split(np.zeros((n, 1)))]
        out.append(dict(n=n, n_splits=kw["n_splits"], test_size=kw.get("test_size"), gap=kw.get("gap", 0),
                        max_train_size=kw.get("max_train_size"), splits=splits))
    return out


def cpcv_cases():
    out = []
    for n, folds, tests, purged, embargo in [
        (12, 3, 2, 1, 0),
        (30, 5, 2, 0, 0),
        (30, 5, 2, 1, 1),
        (40, 6, 3, 2, 1),
        (23, 4, 2, 1, 2),
        (50, 7, 4, 0, 3),
    ]:
        cv = CombinatorialPurgedCV(n_folds=folds, n_test_folds=tests, purged_size=purged, embargo_size=embargo)
        splits = [dict(train=ints(tr), tests=[ints(t) for t in te]) for tr, te in cv.split(np.zeros((n, 1)))]
        out.append(dict(n=n, n_folds=folds, n_test_folds=tests, purged_size=purged, embargo_size=embargo,
                        n_test_paths=int(cv.n_test_paths),
                        test_set_index=cv.test_set_index.tolist(),
                        recombined_paths=cv.recombined_paths.tolist(),
                        splits=splits))
    return out


# --- AFML 7.1 / 7.2, on positions: sample i has label bars [t0[i], t1[i]] --------------------
def afml_train(t0, t1, candidates, periods):
    """Snippet 7.1: drop a training label that starts within, ends within, or envelops a period."""
    keep = []
    for i in candidates:
        drop = False
        for a, b in periods:
            if (a <= t0[i] <= b) or (a <= t1[i] <= b) or (t0[i] <= a and b <= t1[i]):
                drop = True
        if not drop:
            keep.append(i)
    return keep


def afml_split(t0, t1, test_groups, embargo, last_bar):
    """Each test group is one test period; snippet 7.2 moves its end `embargo` bars later."""
    n = len(t0)
    test = sorted(i for g in test_groups for i in g)
    candidates = [i for i in range(n) if i not in set(test)]
    periods = [(t0[g[0]], max(t1[i] for i in g)) for g in test_groups]
    kept0 = afml_train(t0, t1, candidates, periods)
    mbrg = [(a, min(b + embargo, last_bar)) for a, b in periods]
    kept = afml_train(t0, t1, candidates, mbrg)
    purged = [i for i in candidates if i not in kept0]
    embargoed = [i for i in kept0 if i not in kept]
    return dict(train=kept, test=test, purged=purged, embargoed=embargoed)


def spans_for(n, max_h, seed):
    # Sample i decided at bar i; its label reads bars i+1 ... i+h_i with h_i in 1...max_h.
    rng = np.random.default_rng(seed)
    h = rng.integers(1, max_h + 1, size=n)
    t0 = np.arange(n) + 1
    t1 = np.arange(n) + h
    return ints(t0), ints(t1)


def kfold_cases():
    out = []
    for n, k, max_h, embargo, seed in [(30, 5, 4, 0, 1), (41, 4, 6, 3, 2), (25, 3, 1, 2, 3), (17, 2, 8, 1, 4)]:
        t0, t1 = spans_for(n, max_h, seed)
        folds = np.array_split(np.arange(n), k)
        splits = [afml_split(t0, t1, [ints(f)], embargo, n + max_h) for f in folds]
        out.append(dict(n=n, k=k, embargo=embargo, starts=t0, ends=t1, splits=splits))
    return out


def cpcv_span_cases():
    out = []
    for n, folds, tests, max_h, embargo, seed in [(30, 5, 2, 4, 1, 5), (43, 6, 3, 6, 2, 6)]:
        t0, t1 = spans_for(n, max_h, seed)
        m = n // folds
        groups = [list(range(g * m, n if g == folds - 1 else (g + 1) * m)) for g in range(folds)]
        splits = [afml_split(t0, t1, [groups[g] for g in c], embargo, n + max_h)
                  for c in itertools.combinations(range(folds), tests)]
        out.append(dict(n=n, n_folds=folds, n_test_folds=tests, embargo=embargo, starts=t0, ends=t1, splits=splits))
    return out


fixture = dict(
    time_series_split=tss_cases(),
    cpcv=cpcv_cases(),
    purged_kfold=kfold_cases(),
    cpcv_spans=cpcv_span_cases(),
)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "splits.json")
with open(path, "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
print(path, os.path.getsize(path), "bytes")
