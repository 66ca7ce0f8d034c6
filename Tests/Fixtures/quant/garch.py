#!/usr/bin/env python3
"""Reference GARCH-family fits for BarbellQuant, from the `arch` package (Kevin Sheppard), version 8.0.0.

    pip install arch==8.0.0
    python3 Tests/Fixtures/quant/garch.py      # writes Tests/Fixtures/quant/garch.json

Data: (a) the S&P 500 daily Adj Close bundled in Samples/arch_sp500.csv.gz (the file `arch` ships),
returns = 100 * pct_change, the last 2,520 days ("sp500_2520") and all ~5,030 ("sp500_full");
(b) a seeded simulated GJR-GARCH(1,1,1) series with Student-t(6) innovations ("simulated", 2,000).
For every data set and every model (garch, gjr, egarch = EGARCH(1,1,1)) x dist (normal, t, skewt)
x mean (constant, zero) the case stores: params (arch's order), loglik, aic, bic, robust and
classic standard errors, every 25th conditional volatility (vol_step25), analytic variance forecasts
for horizons 1..10 from the last observation (GARCH/GJR; EGARCH horizon 1), and for exactness tests
the log-likelihood of the same model evaluated at a fixed parameter vector (loglik_at_fixed).
The returns themselves are stored once per data set (case "<data>_returns").
"""
import json
import pathlib
import warnings

import arch
import numpy as np
import pandas as pd
from arch import arch_model

warnings.simplefilter("ignore")
root = pathlib.Path(__file__).resolve().parents[3]


def sp500():
    df = pd.read_csv(root / "Samples" / "arch_sp500.csv.gz")
    return (100 * df["Adj Close"].pct_change()).dropna().to_numpy()


def simulated(n=2000, seed=20240611):
    rng = np.random.default_rng(seed)
    omega, alpha, gamma, beta, nu = 0.03, 0.05, 0.10, 0.86, 6.0
    z = rng.standard_t(nu, size=n + 500) / np.sqrt(nu / (nu - 2))
    e = np.zeros(n + 500)
    s = omega / (1 - alpha - gamma / 2 - beta)
    for t in range(n + 500):
        e[t] = np.sqrt(s) * z[t]
        s = omega + (alpha + gamma * (e[t] < 0)) * e[t] ** 2 + beta * s
    return 0.05 + e[500:]


MODELS = {"garch": dict(vol="GARCH", p=1, o=0, q=1), "gjr": dict(vol="GARCH", p=1, o=1, q=1),
          "egarch": dict(vol="EGARCH", p=1, o=1, q=1)}
FIXED = {"garch": [0.02, 0.08, 0.9], "gjr": [0.02, 0.02, 0.12, 0.88], "egarch": [0.01, 0.12, -0.1, 0.97]}
SHAPES = {"normal": [], "t": [7.0], "skewt": [7.0, -0.1]}


def v(x):
    return [float(a) for a in np.asarray(x, dtype=float).ravel()]


cases = {}
data = {"sp500_2520": sp500()[-2520:], "sp500_full": sp500(), "simulated": simulated()}
for dname, y in data.items():
    cases[f"{dname}_returns"] = {"returns": v(y)}
    for mname, spec in MODELS.items():
        for dist in ("normal", "t", "skewt"):
            for mean in ("constant", "zero"):
                m = arch_model(y, mean="Constant" if mean == "constant" else "Zero", dist=dist, rescale=False, **spec)
                r = m.fit(disp="off")
                classic = m.fit(disp="off", cov_type="classic")
                horizon = 10 if mname != "egarch" else 1
                f = r.forecast(horizon=horizon, reindex=False)
                fixed = ([0.05] if mean == "constant" else []) + FIXED[mname] + SHAPES[dist]
                llf_fixed = -m._loglikelihood(np.array(fixed), np.zeros(len(y)), r.model._backcast, m._var_bounds)
                cases[f"{dname}.{mname}.{dist}.{mean}"] = {
                    "params": v(r.params), "loglik": float(r.loglikelihood), "aic": float(r.aic), "bic": float(r.bic),
                    "se_robust": v(r.std_err), "se_classic": v(classic.std_err),
                    "vol_step25": v(np.asarray(r.conditional_volatility)[::25]),
                    "forecast": v(f.variance.values[-1]), "fixed_params": v(fixed), "loglik_at_fixed": float(llf_fixed),
                    "converged": float(r.convergence_flag == 0), "backcast": float(r.model._backcast),
                }

out = {"library": f"arch {arch.__version__}, numpy {np.__version__}, pandas {pd.__version__}", "cases": cases}
path = pathlib.Path(__file__).with_name("garch.json")
path.write_text(json.dumps(out))
print(f"wrote {path} ({path.stat().st_size} bytes)")
