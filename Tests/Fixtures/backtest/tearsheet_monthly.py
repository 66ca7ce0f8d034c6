"""Reference values for the tearsheet's derived series (Tests/BarbellBacktestTests/TearsheetDerivedTests).

Library: pandas (version recorded in the output's "pandas" field; written with pandas 3.1.1, numpy 2.4.6).
Monthly and yearly returns: (1 + r).groupby([year, month]).prod() - 1 over UTC calendar months (NaN returns skipped,
as pandas' prod does). Rolling statistics: r.rolling(w).mean() / r.rolling(w).std() * sqrt(ppy) and
r.rolling(w).std() * sqrt(ppy) (pandas' default min_periods = w, so a window with a NaN gives NaN, written as null).
Histogram: numpy.histogram(r.dropna(), bins=50).
Data: seeded synthetic returns (numpy default_rng), daily business days and hourly 24/7 bars with a gap.
Run from the repository root:  python3 Tests/Fixtures/backtest/tearsheet_monthly.py
"""
import json
import math

import numpy as np
import pandas as pd


def none_if_nan(values):
    return [None if (v is None or (isinstance(v, float) and math.isnan(v))) else float(v) for v in values]


def case(name, index, returns, window, ppy):
    r = pd.Series(returns, index=index)
    monthly = (1 + r).groupby([r.index.year, r.index.month]).prod() - 1
    yearly = (1 + r).groupby(r.index.year).prod() - 1
    mean = r.rolling(window).mean()
    std = r.rolling(window).std()
    counts, edges = np.histogram(r.dropna().to_numpy(), bins=50)
    return {
        "name": name,
        "histogramCounts": [int(c) for c in counts],
        "histogramEdges": [float(e) for e in edges],
        "timestamps": [int(t) for t in index.as_unit("ns").asi8],
        "returns": none_if_nan(returns),
        "window": window,
        "periodsPerYear": ppy,
        "monthly": [{"year": int(y), "month": int(m), "value": float(v)} for (y, m), v in monthly.items()],
        "yearly": [{"year": int(y), "value": float(v)} for y, v in yearly.items()],
        "rollingSharpe": none_if_nan((mean / std * math.sqrt(ppy)).tolist()),
        "rollingVolatility": none_if_nan((std * math.sqrt(ppy)).tolist()),
    }


rng = np.random.default_rng(20261123)
daily_index = pd.bdate_range("2019-03-14", "2021-08-10", tz="UTC")
daily = rng.normal(0.0004, 0.012, len(daily_index))

hourly_index = pd.date_range("2023-11-20 05:00", "2024-02-10 17:00", freq="h", tz="UTC")
hourly = rng.normal(0.00002, 0.003, len(hourly_index))
hourly[700] = np.nan  # a missing bar: skipped by the monthly product, voids the rolling windows over it

cases = [
    case("daily business days, 2019-03 to 2021-08, window 63", daily_index, daily, 63, 252.0),
    case("hourly 24/7 across a year end with a missing bar, window 24", hourly_index, hourly, 24, 8760.0),
]
with open("Tests/Fixtures/backtest/tearsheet_monthly.json", "w") as f:
    json.dump({"pandas": pd.__version__, "numpy": np.__version__, "cases": cases}, f)
    f.write("\n")
