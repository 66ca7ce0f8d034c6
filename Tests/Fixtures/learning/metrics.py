"""Reference evaluation metrics for BarbellLearning's Evaluation tests.

Libraries: scipy 1.17.1 (`scipy.stats.pearsonr`, `spearmanr`, `ttest_1samp`), scikit-learn 1.9.1
(`sklearn.metrics.log_loss`, `brier_score_loss`, `accuracy_score`, `confusion_matrix`,
`sklearn.calibration.calibration_curve`), numpy 2.4.6, pandas for the panel grouping.
  pip install scipy==1.17.1 scikit-learn==1.9.1 numpy==2.4.6 pandas
Hit rate, ICIR and the fold summary have no library function: they are numpy transcriptions of the
definitions (sign agreement over non-zero realised values; mean / sample std with ddof = 1).
Data: seeded numpy draws (default_rng(7)) with ties, exact 0/1 probabilities and a panel with
skippable periods.
Run: python3 Tests/Fixtures/learning/metrics.py  (writes metrics.json next to this file)
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.calibration import calibration_curve
from sklearn.metrics import accuracy_score, brier_score_loss, confusion_matrix, log_loss

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)

# --- regression / ranking: rounded draws so both series have ties (average ranks matter)
n = 80
pred = np.round(rng.normal(size=n), 1)
real = np.round(0.3 * pred + rng.normal(size=n), 1)
real[:5] = 0.0  # zero realised values: excluded from the hit rate
pred[5] = 0.0   # a zero prediction against a non-zero realised value: a miss
nz = real != 0
hits = int(np.sum(np.sign(pred[nz]) == np.sign(real[nz])))

# --- per-period ICs summarised (ICIR, t-stat): the ICs themselves are the input
ics = rng.normal(0.04, 0.1, size=24)
ic_summary = dict(
    ics=ics.tolist(), mean=float(np.mean(ics)), std=float(np.std(ics, ddof=1)),
    icir=float(np.mean(ics) / np.std(ics, ddof=1)),
    tStat=float(stats.ttest_1samp(ics, 0.0).statistic), count=len(ics))

# --- panel: 9 periods of 5-8 names, rows shuffled; period 3 has constant predictions,
# period 6 a single row, period 8 constant realised values: all three are skipped.
rows = []
for p in range(9):
    k = 1 if p == 6 else int(rng.integers(5, 9))
    x = np.round(rng.normal(size=k), 1)
    y = np.round(0.5 * x + rng.normal(size=k), 1)
    if p == 3:
        x[:] = 0.7
    if p == 8:
        y[:] = -0.2
    rows += [(p, float(a), float(b)) for a, b in zip(x, y)]
order = rng.permutation(len(rows))
rows = [rows[i] for i in order]
df = pd.DataFrame(rows, columns=["period", "prediction", "realised"])
panel = dict(period=df.period.tolist(), prediction=df.prediction.tolist(), realised=df.realised.tolist())
for method, fn in (("pearson", stats.pearsonr), ("spearman", stats.spearmanr)):
    periods, values, skipped = [], [], []
    for p, g in df.groupby("period"):
        if g.prediction.nunique() < 2 or g.realised.nunique() < 2:
            skipped.append(int(p))
            continue
        periods.append(int(p))
        values.append(float(fn(g.prediction, g.realised).statistic))
    v = np.array(values)
    panel[method] = dict(periods=periods, ics=values, skipped=skipped, mean=float(v.mean()),
                         std=float(v.std(ddof=1)), icir=float(v.mean() / v.std(ddof=1)),
                         tStat=float(stats.ttest_1samp(v, 0.0).statistic))

# --- binary classification: exact 0 and 1 probabilities exercise the eps clipping
nb = 60
yb = rng.integers(0, 2, size=nb)
pb = np.round(rng.uniform(size=nb), 2)
pb[0], pb[1] = (0.0 if yb[0] == 1 else 1.0), (1.0 if yb[1] == 1 else 0.0)  # one confidently wrong, one exact
pb[2:6] = [0.2, 0.4, 0.6, 0.8]  # on uniform 5-bin edges
binary = dict(labels=yb.tolist(), probabilities=pb.tolist(),
              logLoss=float(log_loss(yb, pb, labels=[0, 1])),
              brier=float(brier_score_loss(yb, pb)),
              accuracy=float(accuracy_score(yb, (pb > 0.5).astype(int))))
# calibration: uniform 5 and 10 bins (probabilities avoid [0.4, 0.5] so a 10-bin curve has an empty bin), quantile 4
pc = pb.copy()
pc[(pc >= 0.4) & (pc <= 0.5)] = 0.55
binary["calibrationProbabilities"] = pc.tolist()
curves = []
for bins, strategy in ((5, "uniform"), (10, "uniform"), (4, "quantile"), (7, "quantile")):
    t, pr = calibration_curve(yb, pc, n_bins=bins, strategy=strategy)
    # the edges calibration_curve bins by (its own two lines), compared exactly: a probability on an edge
    edges = np.percentile(pc, np.linspace(0, 1, bins + 1) * 100) if strategy == "quantile" else np.linspace(0.0, 1.0, bins + 1)
    curves.append(dict(bins=bins, strategy=strategy, edges=edges.tolist(), onEdge=int(np.isin(pc, edges[1:-1]).sum()),
                       fractionPositive=t.tolist(), meanPredicted=pr.tolist()))
binary["calibration"] = curves

# --- multi-class (3 classes): Dirichlet rows, one true-class probability exactly 0
nm = 50
ym = rng.integers(0, 3, size=nm)
pm = rng.dirichlet([2, 2, 2], size=nm)
pm[0] = [0.0, 0.0, 0.0]; pm[0][(ym[0] + 1) % 3] = 1.0
pm[1] = [0.5, 0.25, 0.25]
yhat = pm.argmax(axis=1)
multi = dict(labels=ym.tolist(), probabilities=pm.tolist(), predicted=yhat.tolist(),
             logLoss=float(log_loss(ym, pm, labels=[0, 1, 2])),
             brier=float(brier_score_loss(ym, pm, labels=[0, 1, 2])),
             accuracy=float(accuracy_score(ym, yhat)),
             confusion=confusion_matrix(ym, yhat, labels=[2, 0, 1]).tolist(), confusionLabels=[2, 0, 1])
# two-column rows: sklearn halves the multi-class Brier score there (scale_by_half="auto")
two = np.column_stack([1 - pb, pb])
binary["brierTwoColumn"] = float(brier_score_loss(yb, two, labels=[0, 1]))

# --- fold summary
folds = rng.normal(0.55, 0.03, size=5)
obs = rng.integers(40, 60, size=5)
summary = dict(values=folds.tolist(), observations=obs.tolist(), mean=float(folds.mean()),
               std=float(folds.std(ddof=1)), count=5, totalObservations=int(obs.sum()))

out = dict(
    prediction=pred.tolist(), realised=real.tolist(),
    pearson=float(stats.pearsonr(pred, real).statistic),
    spearman=float(stats.spearmanr(pred, real).statistic),
    hitRate=dict(rate=hits / int(nz.sum()), hits=hits, count=int(nz.sum()), excluded=int((~nz).sum())),
    icSummary=ic_summary, panel=panel, binary=binary, multi=multi, summary=summary)
with open(os.path.join(HERE, "metrics.json"), "w") as f:
    json.dump(out, f, indent=1)
