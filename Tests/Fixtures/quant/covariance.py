#!/usr/bin/env python3
"""Reference covariance estimates for BarbellQuant, from PyPortfolioOpt (risk_models) and
scikit-learn (the Ledoit-Wolf and OAS shrinkage PyPortfolioOpt calls).

    pip install PyPortfolioOpt scikit-learn
    python3 Tests/Fixtures/quant/covariance.py      # writes Tests/Fixtures/quant/covariance.json

Returns are passed as returns (`returns_data=True`) with `frequency=1`, so nothing is annualised.
"""
import json
import pathlib
import warnings

import numpy as np
import pandas as pd
import pypfopt
import sklearn
from pypfopt import risk_models
from pypfopt.risk_models import CovarianceShrinkage

warnings.simplefilter("ignore")


def returns(seed, n, assets):
    """Correlated, fat-tailed daily returns: a common factor, sector factors and t noise."""
    r = np.random.default_rng(seed)
    market = r.standard_t(4, size=n) * 0.01
    sector = r.standard_t(5, size=(n, 3)) * 0.006
    loadings = r.uniform(0.5, 1.5, size=assets)
    out = np.empty((n, assets))
    for j in range(assets):
        out[:, j] = loadings[j] * market + sector[:, j % 3] + r.standard_t(6, size=n) * 0.008
    return pd.DataFrame(out, columns=[f"A{j}" for j in range(assets)])


def case(df):
    def m(x):
        return np.asarray(x, dtype=float).tolist()

    shrink = CovarianceShrinkage(df, returns_data=True, frequency=1)
    lw = shrink.ledoit_wolf(shrinkage_target="constant_variance")
    lw_delta = shrink.delta
    cc = shrink.ledoit_wolf(shrinkage_target="constant_correlation")
    cc_delta = shrink.delta
    oas = shrink.oracle_approximating()
    oas_delta = shrink.delta
    sample = risk_models.sample_cov(df, returns_data=True, frequency=1)
    corr = risk_models.cov_to_corr(sample)
    distance = np.sqrt(np.clip((1.0 - corr) / 2.0, a_min=0.0, a_max=1.0))
    return {
        "returns": m(df.values),
        "sample": m(sample),
        "exp_span60": m(risk_models.exp_cov(df, returns_data=True, span=60, frequency=1)),
        "ledoit_wolf": m(lw), "ledoit_wolf_shrinkage": float(lw_delta),
        "constant_correlation": m(cc), "constant_correlation_shrinkage": float(cc_delta),
        "oas": m(oas), "oas_shrinkage": float(oas_delta),
        "correlation": m(corr), "distance": m(distance),
    }


cases = {"long": case(returns(11, 500, 8)), "short": case(returns(12, 30, 12))}
out = {"library": f"PyPortfolioOpt {pypfopt.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
       "cases": cases}
path = pathlib.Path(__file__).with_name("covariance.json")
path.write_text(json.dumps(out))
print(f"wrote {path}")
