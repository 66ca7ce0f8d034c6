"""Reference round trips, trade statistics and turnover for Barbell (Tests/BarbellBacktestTests).

Library: pyfolio-reloaded 0.10.1 — `round_trips.extract_round_trips` (FIFO matching of shares, one
round trip per closing transaction, a flip's excess opening the next lot), its PNL_STATS,
SUMMARY_STATS and DURATION_STATS aggregations, and `txn.get_turnover(denominator="portfolio_value")`.
pandas/numpy for the inputs. Fills are seeded and synthetic: integer quantities (pyfolio counts
shares one by one), one fill per symbol per day (pyfolio merges same-direction fills closer than
8 hours) and no commission (pyfolio's pnl is gross). Bar i is day i. Run from the repository root:
    python3 Tests/Fixtures/backtest/trades.py
"""
import json
import warnings

import numpy as np
import pandas as pd

warnings.simplefilter("ignore")
import pyfolio  # noqa: E402
from pyfolio import round_trips as rt  # noqa: E402
from pyfolio.txn import get_turnover  # noqa: E402

rng = np.random.default_rng(8)
start = pd.Timestamp("2020-01-01")
fills = []
for symbol in range(3):
    bars = np.sort(rng.choice(300, size=60, replace=False))
    price = 100.0 * (symbol + 1)
    for bar in bars:
        price = round(price * float(np.exp(rng.normal(0, 0.03))), 2)
        quantity = int(rng.integers(1, 40)) * int(rng.choice([-1, 1]))
        fills.append({"symbol": symbol, "bar": int(bar), "quantity": quantity, "price": price})
fills.sort(key=lambda f: (f["bar"], f["symbol"]))

transactions = pd.DataFrame(
    {"amount": [f["quantity"] for f in fills], "price": [f["price"] for f in fills],
     # String symbols keep pyfolio's iterrows rows of object dtype, so share counts stay integers.
     "symbol": [f"S{f['symbol']}" for f in fills]},
    index=pd.DatetimeIndex([start + pd.Timedelta(days=f["bar"]) for f in fills]))
trips = rt.extract_round_trips(transactions)
trips["entryBar"] = (trips.open_dt - start).dt.days
trips["exitBar"] = (trips.close_dt - start).dt.days
expected = [{"symbol": int(r.symbol[1:]), "long": bool(r.long), "entryBar": int(r.entryBar), "exitBar": int(r.exitBar),
             "pnl": float(r.pnl), "returnOnEntry": float(r.rt_returns)} for r in trips.itertuples()]


def nullable(v):
    return None if not np.isfinite(v) else float(v)


pnl = rt.agg_all_long_short(trips, "pnl", rt.PNL_STATS)["All trades"]
summary = rt.agg_all_long_short(trips, "pnl", rt.SUMMARY_STATS)["All trades"]
duration = rt.agg_all_long_short(trips, "duration", rt.DURATION_STATS)["All trades"]
statistics = {
    "trades": int(summary["Total number of round_trips"]), "wins": int(summary["Winning round_trips"]),
    "losses": int(summary["Losing round_trips"]), "hitRate": float(summary["Percent profitable"]),
    "grossProfit": float(pnl["Gross profit"]), "grossLoss": float(pnl["Gross loss"]),
    "profitFactor": nullable(pnl["Profit factor"]), "expectancy": float(pnl["Avg. trade net profit"]),
    "averageWin": float(pnl["Avg. winning trade"]), "averageLoss": float(pnl["Avg. losing trade"]),
    "payoffRatio": nullable(pnl["Ratio Avg. Win:Avg. Loss"]),
    "largestWin": float(pnl["Largest winning trade"]), "largestLoss": float(pnl["Largest losing trade"]),
    "averageBarsHeld": duration["Avg duration"] / pd.Timedelta(days=1),
    "medianBarsHeld": duration["Median duration"] / pd.Timedelta(days=1),
    "longTrades": int(trips.long.sum()), "shortTrades": int((~trips.long).sum()),
}

# Turnover: an equity path, a gross exposure path and daily traded value from the same fills.
days = 300
traded = np.zeros(days)
for f in fills:
    traded[f["bar"]] += abs(f["quantity"] * f["price"])
equity = 100_000 * np.cumprod(1 + rng.normal(0.0004, 0.01, days))
gross = np.where(rng.random(days) < 0.2, 0.0, equity * rng.uniform(0.2, 1.5, days))
index = pd.DatetimeIndex([start + pd.Timedelta(days=i) for i in range(days)])
positions = pd.DataFrame({"book": gross, "cash": equity - gross}, index=index)
turnover = get_turnover(positions, transactions, denominator="portfolio_value")

json.dump({"library": f"pyfolio-reloaded {pyfolio.__version__}", "fills": fills, "roundTrips": expected,
           "statistics": statistics,
           "path": {"equity": [float(v) for v in equity], "grossExposure": [float(v) for v in gross],
                    "tradedValue": [float(v) for v in traded], "periodsPerYear": 252,
                    "averageTurnover": float(turnover.mean()), "annualTurnover": float(turnover.mean() * 252),
                    "timeInMarket": float((gross != 0).mean()),
                    "averageExposure": float((gross / equity).mean())}},
          open("Tests/Fixtures/backtest/trades.json", "w"), indent=1)
