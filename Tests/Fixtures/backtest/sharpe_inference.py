"""Reference values for the probabilistic and deflated Sharpe ratios (Tests/BarbellBacktestTests).

A transcription with scipy 1.17 (scipy.stats.norm, skew, kurtosis) of Bailey & López de Prado,
"The Sharpe Ratio Efficient Frontier" (2012), eq. for PSR, and "The Deflated Sharpe Ratio" (2014),
eq. 9 for SR0, on the returns stored in empyrical_stats.json (bundled skfolio data).
Run from the repository root:  python3 Tests/Fixtures/backtest/sharpe_inference.py
"""
import json

import numpy as np
import scipy
from scipy.stats import kurtosis, norm, skew

cases = json.load(open("Tests/Fixtures/backtest/empyrical_stats.json"))["cases"]
out = []
for c in cases:
    r = np.array(c["returns"])
    n = len(r)
    sr = r.mean() / r.std(ddof=1)
    g3, g4 = skew(r), kurtosis(r, fisher=False)

    def psr(benchmark):
        return norm.cdf((sr - benchmark) * np.sqrt(n - 1) / np.sqrt(1 - g3 * sr + (g4 - 1) / 4 * sr**2))

    row = {"name": c["name"], "periodSharpe": sr, "psr0": psr(0.0), "psr005": psr(0.05), "deflated": []}
    for trials, variance in [(10, 0.0004), (100, 0.0004), (1000, 0.001)]:
        emc = 0.5772156649015329
        sr0 = np.sqrt(variance) * ((1 - emc) * norm.ppf(1 - 1 / trials) + emc * norm.ppf(1 - 1 / (trials * np.e)))
        row["deflated"].append({"trials": trials, "variance": variance, "sr0": sr0, "dsr": psr(sr0)})
    out.append(row)

json.dump({"library": f"scipy {scipy.__version__} transcription of Bailey & López de Prado", "cases": out},
          open("Tests/Fixtures/backtest/sharpe_inference.json", "w"), indent=1)
