#!/usr/bin/env python3
"""Reference factor-model results for BarbellQuant's Factors, from statsmodels (OLS with classical,
HC0 and Newey-West HAC covariances; RollingOLS) and scikit-learn (PCA).

    pip install statsmodels scikit-learn pandas
    python3 Tests/Fixtures/quant/factors.py      # writes Tests/Fixtures/quant/factors.json

Data: the bundled Fama-French monthly factors (Samples/arch_frenchdata.csv.gz, percent) and the
bundled adjusted closes of 20 S&P 500 stocks (Samples/skfolio_sp500_dataset.csv.gz). Monthly
returns are month-end to month-end (last available close of each calendar month).
"""
import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.decomposition import PCA
from statsmodels.regression.rolling import RollingOLS

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def main():
    ff = pd.read_csv(ROOT / "Samples" / "arch_frenchdata.csv.gz")
    ff["period"] = ff["Date"].astype(int)
    ff = ff.set_index("period")[["Mkt-RF", "SMB", "HML", "RF"]] / 100
    prices = pd.read_csv(ROOT / "Samples" / "skfolio_sp500_dataset.csv.gz", parse_dates=["Date"]).set_index("Date")
    cases = {}
    for ticker in ("AAPL", "XOM"):
        monthly = prices[ticker].dropna().resample("ME").last()
        returns = monthly.pct_change().dropna()
        periods = returns.index.year * 100 + returns.index.month
        frame = pd.DataFrame({"r": returns.to_numpy()}, index=periods).join(ff, how="inner")
        y = frame["r"] - frame["RF"]
        x = sm.add_constant(frame[["Mkt-RF", "SMB", "HML"]])
        n = len(y)
        lags = int(np.floor(4 * (n / 100) ** (2 / 9)))
        classical = sm.OLS(y, x).fit()
        white = sm.OLS(y, x).fit(cov_type="HC0")
        hac = sm.OLS(y, x).fit(cov_type="HAC", cov_kwds={"maxlags": lags})
        rolling = RollingOLS(y.to_numpy(), x.to_numpy(), window=36).fit()
        params = rolling.params[35:]
        cases[ticker] = {
            "periods": [float(p) for p in periods], "returns": returns.to_numpy().tolist(),
            "first": float(frame.index[0]), "last": float(frame.index[-1]), "observations": float(n), "lags": float(lags),
            "params": classical.params.tolist(), "rsquared": classical.rsquared, "rsquared_adj": classical.rsquared_adj,
            "bse_classical": classical.bse.tolist(), "p_classical": classical.pvalues.tolist(),
            "bse_white": white.bse.tolist(), "p_white": white.pvalues.tolist(),
            "bse_hac": hac.bse.tolist(), "p_hac": hac.pvalues.tolist(),
            "rolling_params": params.tolist(),
        }
    window = prices.loc["2020-01-01":"2022-12-31"].dropna(axis=1)
    daily = window.pct_change().dropna()
    pca = PCA(n_components=5).fit(daily.to_numpy())
    cases["pca"] = {"returns": daily.to_numpy().tolist(), "components": pca.components_.tolist(),
                    "explained_variance": pca.explained_variance_.tolist(),
                    "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
                    "scores_head": pca.transform(daily.to_numpy()[:10]).tolist()}
    out = {"library": f"statsmodels {statsmodels.__version__}, scikit-learn {sklearn.__version__}, pandas {pd.__version__}",
           "cases": cases}
    (HERE / "factors.json").write_text(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main()
