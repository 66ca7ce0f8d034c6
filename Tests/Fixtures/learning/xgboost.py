"""Reference values for GradientBoosting (Sources/BarbellLearning/Models/Boosting).

Library: XGBoost 1.7.4 (Python package, the same version as Debian's libxgboost-dev 1.7.4 that
the Swift code links), numpy.   pip install xgboost==1.7.4 numpy
Run:     python3 Tests/Fixtures/learning/xgboost.py   -> Tests/Fixtures/learning/xgboost.json

Seeded data; features are rounded to float32 first (XGBoost stores float32) so the Swift and
Python inputs are bit-identical. Each case trains with xgb.train (nthread = 1) and records
predictions, TreeSHAP contributions, importances and, with early stopping, the best iteration.
If Tests/Fixtures/learning/xgboost-swift-model.json (a model saved by the Swift code, written by
GradientBoostingTests with XGB_WRITE_FIXTURE=1) exists, it is loaded here and its predictions on
the regression test rows are recorded as `swiftModelPredict`.
"""
import json
import os
import sys

# This file is itself named xgboost.py: drop its folder from the path so the import finds the library.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import numpy as np  # noqa: E402
import xgboost as xgb  # noqa: E402

assert xgb.__version__ == "1.7.4", xgb.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261122)
COLUMNS = 5


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def features(n):
    x = f32(rng.normal(size=(n, COLUMNS)))
    x[rng.random(size=x.shape) < 0.03] = np.nan  # a few missing values
    return x


def signal(x):
    z = np.nan_to_num(x)
    return 1.5 * z[:, 0] - z[:, 1] * z[:, 2] + 0.5 * np.sin(3 * z[:, 3])


def params(objective, eta, depth, extra=None):
    p = {"objective": objective, "eta": eta, "max_depth": depth, "subsample": 0.8,
         "colsample_bytree": 0.8, "lambda": 1.0, "alpha": 0.1, "min_child_weight": 1.0,
         "tree_method": "hist", "seed": 7, "nthread": 1}
    p.update(extra or {})
    return p


def case(name, objective, y_of, rounds, eta, depth, extra=None, weighted=False, stop=None):
    x, xv, xt = features(160), features(80), features(20)
    y, yv = y_of(x), y_of(xv)
    w = f32(rng.uniform(0.5, 2.0, size=len(y))) if weighted else None
    dtrain = xgb.DMatrix(x, label=y, weight=w)
    evals = [(xgb.DMatrix(xv, label=yv), "valid")] if stop else []
    bst = xgb.train(params(objective, eta, depth, extra), dtrain, num_boost_round=rounds, evals=evals,
                    early_stopping_rounds=stop, verbose_eval=False)
    end = bst.best_iteration + 1 if stop else 0
    dt = xgb.DMatrix(xt)
    pred = bst.predict(dt, iteration_range=(0, end), strict_shape=True)
    margin = bst.predict(dt, iteration_range=(0, end), strict_shape=True, output_margin=True)
    contrib = bst.predict(dt, iteration_range=(0, end), strict_shape=True, pred_contribs=True)
    importance = {}
    for kind in ["weight", "gain", "total_gain", "cover", "total_cover"]:
        score = bst.get_score(importance_type=kind)
        importance[kind] = [float(score.get(f"f{i}", 0.0)) for i in range(COLUMNS)]
    out = {"name": name, "x": nan_list(x), "y": y.tolist(), "weights": None if w is None else w.tolist(),
           "xValid": nan_list(xv) if stop else None, "yValid": yv.tolist() if stop else None,
           "xTest": nan_list(xt), "rounds": rounds, "eta": eta, "maxDepth": depth,
           "earlyStoppingRounds": stop, "bestIteration": bst.best_iteration if stop else None,
           "trainedRounds": bst.num_boosted_rounds(),
           "predict": pred.astype(np.float64).ravel().tolist(),
           "margin": margin.astype(np.float64).ravel().tolist(),
           "contributions": contrib.astype(np.float64).ravel().tolist(), "importance": importance}
    return out, bst


def nan_list(x):
    # JSON has no NaN: missing values are written as null.
    return [[None if np.isnan(v) else float(v) for v in row] for row in x]


reg, _ = case("regression", "reg:squarederror", lambda x: f32(signal(x) + 0.3 * rng.normal(size=len(x))),
              rounds=30, eta=0.1, depth=3, weighted=True)
binary, _ = case("binary", "binary:logistic",
                 lambda x: (signal(x) + rng.normal(size=len(x)) > 0).astype(np.float64),
                 rounds=200, eta=0.3, depth=4, stop=5)
multi, _ = case("multiClass", "multi:softprob",
                lambda x: np.digitize(signal(x) + 0.5 * rng.normal(size=len(x)), [-0.7, 0.7]).astype(np.float64),
                rounds=20, eta=0.3, depth=3, extra={"num_class": 3})
assert binary["bestIteration"] + 1 < binary["trainedRounds"] < 200, "early stopping must trigger"

result = {"library": "xgboost " + xgb.__version__, "columns": COLUMNS, "cases": [reg, binary, multi]}
swift_model = os.path.join(HERE, "xgboost-swift-model.json")
if os.path.exists(swift_model):
    loaded = xgb.Booster(model_file=swift_model)
    xt = np.array([[np.nan if v is None else v for v in row] for row in reg["xTest"]])
    result["swiftModelPredict"] = loaded.predict(xgb.DMatrix(xt)).astype(np.float64).tolist()
with open(os.path.join(HERE, "xgboost.json"), "w") as f:
    json.dump(result, f, separators=(",", ":"))
