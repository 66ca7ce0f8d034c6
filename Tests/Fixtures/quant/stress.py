#!/usr/bin/env python3
"""Reference historical stress replays for BarbellQuant's StressTest, computed with pandas/NumPy
from the bundled prices (an independent implementation of the documented rules):

- an asset's window return runs from its last close on or before the window's first day to its
  last close on or before the last day;
- an asset without prices at both ends gets beta × index return, beta the OLS slope of its daily
  returns on the S&P 500 index's over their common consecutive days (numpy.polyfit);
- a window before the daily index starts (October 1987) uses the compounded monthly market return
  Mkt-RF + RF of the Fama-French file for the months it touches.

    python3 Tests/Fixtures/quant/stress.py      # writes Tests/Fixtures/quant/stress.json
"""
import json
import pathlib

import numpy as np
import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
WEIGHTS = {"AAPL": 0.3, "JPM": 0.3, "XOM": 0.2, "KO": 0.2, "LATE": 0.1}
WINDOWS = {"black_monday_1987": ("1987-10-01", "1987-10-31"), "dotcom_2000_2002": ("2000-03-24", "2002-10-09"),
           "gfc_2008": ("2007-10-09", "2009-03-09"), "covid_2020": ("2020-02-19", "2020-03-23")}


def window_return(series, start, end):
    s = series.dropna()
    before_start, before_end = s[: start], s[: end]
    if before_start.empty or before_end.empty or before_end.index[-1] < pd.Timestamp(start):
        return None
    return before_end.iloc[-1] / before_start.iloc[-1] - 1


def beta(asset, index):
    frame = pd.DataFrame({"a": asset, "i": index}).dropna()
    r = frame.pct_change().dropna()
    return np.polyfit(r["i"].to_numpy(), r["a"].to_numpy(), 1)[0]


def main():
    prices = pd.read_csv(ROOT / "Samples" / "skfolio_sp500_dataset.csv.gz", parse_dates=["Date"]).set_index("Date")
    index = pd.read_csv(ROOT / "Samples" / "skfolio_sp500_index.csv.gz", parse_dates=["Date"]).set_index("Date")["SP500"]
    ff = pd.read_csv(ROOT / "Samples" / "arch_frenchdata.csv.gz")
    market = dict(zip(ff["Date"].astype(int), (ff["Mkt-RF"] + ff["RF"]) / 100))
    late = prices["MSFT"].copy()
    late[late.index < "2010-01-01"] = np.nan
    assets = {t: prices[t] for t in ("AAPL", "JPM", "XOM", "KO")}
    assets["LATE"] = late
    cases = {}
    for name, (start, end) in WINDOWS.items():
        index_return = window_return(index, start, end)
        if index_return is None:
            s, e = pd.Timestamp(start), pd.Timestamp(end)
            months = pd.period_range(s, e, freq="M")
            index_return = float(np.prod([1 + market[p.year * 100 + p.month] for p in months]) - 1)
        returns = {}
        for t, series in assets.items():
            r = window_return(series, start, end)
            returns[t] = r if r is not None else beta(series, index) * index_return
        total = sum(WEIGHTS[t] * returns[t] for t in WEIGHTS)
        cases[name] = {"portfolio": total, "tickers": list(returns), **{f"r_{t}": v for t, v in returns.items()}}
    cases["weights"] = {t: w for t, w in WEIGHTS.items()}
    out = {"library": f"pandas {pd.__version__}, numpy {np.__version__}", "cases": cases}
    (HERE / "stress.json").write_text(json.dumps({**out, "cases": {k: {kk: vv for kk, vv in v.items() if kk != "tickers"} for k, v in cases.items()}}, separators=(",", ":")))


if __name__ == "__main__":
    main()
