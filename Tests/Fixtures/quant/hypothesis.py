#!/usr/bin/env python3
"""Reference hypothesis tests for BarbellQuant, from scipy.stats 1.17 (ttest_ind with
equal_var=False, ttest_rel, mannwhitneyu, kstest / ks_1samp, ks_2samp, jarque_bera) and
statsmodels 0.15 (acorr_ljungbox, het_arch, adfuller with mackinnonp / mackinnoncrit,
multipletests).

    pip install scipy==1.17.* statsmodels==0.15.* pandas numpy
    python3 Tests/Fixtures/quant/hypothesis.py      # writes Tests/Fixtures/quant/hypothesis.json

Data: seeded NumPy samples, the S&P 500 adjusted close of Samples/arch_sp500.csv.gz (its log
price and daily log returns, stored in the JSON so the Swift tests need no CSV reader), and a
seeded Gaussian random walk. Booleans are stored as 0/1.
"""
import json
import pathlib
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.diagnostic import acorr_ljungbox, het_arch
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.stattools import adfuller

warnings.simplefilter("ignore")
root = pathlib.Path(__file__).resolve().parents[3]
prices = pd.read_csv(root / "Samples" / "arch_sp500.csv.gz")["Adj Close"].to_numpy(dtype=float)
log_price = np.log(prices)
returns = np.diff(log_price)

rng = np.random.default_rng(2024)
cases = {"data": {"log_price": log_price.tolist(), "returns": returns.tolist()}}
ALTS = ["two-sided", "less", "greater"]

# t-tests
x = rng.normal(0.1, 1.0, 40)
y = rng.normal(-0.2, 2.0, 55)
px = rng.normal(0.0, 1.0, 30)
py = px + rng.normal(0.15, 0.5, 30)
case = {"x": x.tolist(), "y": y.tolist(), "px": px.tolist(), "py": py.tolist()}
for alt in ALTS:
    r = stats.ttest_ind(x, y, equal_var=False, alternative=alt)
    case[f"welch_{alt}"] = [float(r.statistic), float(r.pvalue), float(r.df)]
    r = stats.ttest_rel(px, py, alternative=alt)
    case[f"paired_{alt}"] = [float(r.statistic), float(r.pvalue), float(r.df)]
cases["ttest"] = case

# Mann-Whitney: continuous (asymptotic), tied (asymptotic), small without ties (exact).
samples = {
    "continuous": (rng.normal(0.3, 1, 30), rng.normal(0, 1, 45), "asymptotic"),
    "ties": (np.round(rng.normal(0.2, 1, 35) * 2) / 2, np.round(rng.normal(0, 1, 28) * 2) / 2, "asymptotic"),
    "small": (rng.normal(0.8, 1, 6), rng.normal(0, 1, 9), "exact"),
    "small_auto": (rng.normal(0.5, 1, 8), rng.normal(0, 1, 12), "auto"),
}
for name, (a, b, method) in samples.items():
    case = {"x": a.tolist(), "y": b.tolist()}
    for alt in ALTS:
        r = stats.mannwhitneyu(a, b, alternative=alt, method=method)
        case[alt] = [float(r.statistic), float(r.pvalue)]
    cases[f"mwu_{name}"] = case

# Kolmogorov-Smirnov one-sample (scipy's exact kstwo for these n <= 140) and two-sample.
ks1 = {
    "t5_vs_t5": (stats.t(5).rvs(60, random_state=rng), ("t", 5.0, 0.0, 1.0)),
    "t5_vs_normal": (stats.t(3).rvs(120, random_state=rng), ("normal", 0.0, 1.0)),
    "shifted_small": (rng.normal(0.6, 1, 12), ("normal", 0.0, 1.0)),
    "chi2_far": (rng.chisquare(3, 80) * 1.6, ("chi2", 3.0)),
}
for name, (data, dist) in ks1.items():
    if dist[0] == "t":
        frozen = stats.t(dist[1], dist[2], dist[3])
    elif dist[0] == "normal":
        frozen = stats.norm(dist[1], dist[2])
    else:
        frozen = stats.chi2(dist[1])
    r = stats.kstest(data, frozen.cdf)
    cases[f"ks1_{name}"] = {"x": data.tolist(), "result": [float(r.statistic), float(r.pvalue)]}
ks2 = {
    "unequal": (rng.normal(0, 1, 40), rng.normal(0.5, 1.3, 60)),
    "equal": (rng.normal(0, 1, 50), rng.standard_t(3, 50)),
    "ties": (np.round(rng.normal(0, 1, 25), 1), np.round(rng.normal(0.4, 1, 33), 1)),
    "coprime": (rng.normal(0, 1, 17), rng.normal(1, 1, 23)),
}
# Above 10 000 observations scipy switches to kstwo.sf(D, round(n1 n2 / (n1 + n2))); rounded
# to 3 decimals to keep the JSON small (the ties are harmless).
ks2["asymptotic"] = (np.round(rng.normal(0, 1, 12000), 3), np.round(rng.normal(0.08, 1, 10500), 3))
for name, (a, b) in ks2.items():
    r = stats.ks_2samp(a, b)
    cases[f"ks2_{name}"] = {"x": a.tolist(), "y": b.tolist(), "result": [float(r.statistic), float(r.pvalue)]}

# Jarque-Bera
normal = rng.normal(0, 1, 500)
for name, data in {"returns": returns, "normal": normal, "short": rng.normal(0, 1, 5)}.items():
    r = stats.jarque_bera(data)
    cases[f"jb_{name}"] = {"x": data.tolist() if name != "returns" else [], "result": [float(r.statistic), float(r.pvalue)]}

# Ljung-Box on returns and squared returns
for name, data in {"returns": returns, "squared": returns ** 2}.items():
    case = {}
    for lags in (1, 5, 10, 20):
        for model_df in (0, 2):
            if model_df >= lags:
                continue
            r = acorr_ljungbox(data, lags=[lags], model_df=model_df)
            case[f"lags{lags}_df{model_df}"] = [float(r["lb_stat"].iloc[0]), float(r["lb_pvalue"].iloc[0])]
    cases[f"lb_{name}"] = case

# ARCH-LM on demeaned returns
resid = returns - returns.mean()
case = {}
for lags in (1, 5, 12):
    for ddof in (0, 3):
        r = het_arch(resid, nlags=lags, ddof=ddof, result_object=True)
        case[f"lags{lags}_ddof{ddof}"] = [float(r.lm), float(r.lmpval), float(r.fval), float(r.fpval)]
short = rng.standard_t(5, 40)
r = het_arch(short, nlags=3, result_object=True)
case["short"] = [float(r.lm), float(r.lmpval), float(r.fval), float(r.fpval)]
case["short_x"] = short.tolist()
cases["arch"] = case

# ADF: log prices (unit root), returns (stationary), a seeded random walk, a short AR(1).
walk = np.cumsum(rng.normal(0, 1, 600))
ar = np.zeros(150)
eps = rng.normal(0, 1, 150)
for t in range(1, 150):
    ar[t] = 0.6 * ar[t - 1] + eps[t]
cases["adf_series"] = {"walk": walk.tolist(), "ar": ar.tolist()}
for series_name, series in {"logprice": log_price, "returns": returns, "walk": walk, "ar": ar}.items():
    case = {}
    for reg in ("n", "c", "ct"):
        for label, kwargs in {"aic": {"autolag": "AIC"}, "bic": {"autolag": "BIC"},
                              "fixed0": {"maxlag": 0, "autolag": None}, "fixed4": {"maxlag": 4, "autolag": None},
                              "aic8": {"maxlag": 8, "autolag": "AIC"}}.items():
            r = adfuller(series, regression=reg, result_object=True, **kwargs)
            case[f"{reg}_{label}"] = [float(r.statistic), float(r.pvalue), float(r.lags), float(r.nobs),
                                      float(r.critical_values["1%"]), float(r.critical_values["5%"]),
                                      float(r.critical_values["10%"])]
            if r.icbest is not None:  # JSON has no NaN: the best IC is appended only when searched
                case[f"{reg}_{label}"].append(float(r.icbest))
    cases[f"adf_{series_name}"] = case

# Multiple testing
pv = np.concatenate([rng.uniform(0, 0.01, 5), rng.uniform(0, 0.1, 5), rng.uniform(0, 1, 15), [0.04, 0.04]])
case = {"p": pv.tolist()}
for method in ("bonferroni", "holm", "fdr_bh"):
    for alpha in (0.05, 0.1):
        reject, corrected, _, _ = multipletests(pv, alpha=alpha, method=method)
        case[f"{method}_{alpha}_adjusted"] = corrected.tolist()
        case[f"{method}_{alpha}_reject"] = reject.astype(float).tolist()
cases["multiple"] = case

assert "NaN" not in json.dumps(cases)
out = {"library": f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}",
       "cases": cases}
path = pathlib.Path(__file__).with_name("hypothesis.json")
path.write_text(json.dumps(out))
print(f"wrote {path}")
