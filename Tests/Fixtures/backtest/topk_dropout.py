"""Reference held sets for BarbellBacktest's TopKDropout (Tests/BarbellBacktestTests/TopKDropoutTests.swift).

Drives the real qlib.contrib.strategy.signal_strategy.TopkDropoutStrategy (pyqlib 0.9.7;
method_sell="bottom", method_buy="top", hold_thresh=1, only_tradable=False) through its own
generate_trade_decision, with a real qlib.backtest.position.Position and a real qlib signal built
from the score panel; only the exchange and calendar are stand-ins (every stock tradable at price
1, no costs, no trade-unit rounding; one step per date). After each step the orders are applied
to the position with Position.update_order and the day count advanced (add_count_all), as qlib's
executor does, so hold_thresh=1 is satisfied at the next step.

Scores: 20 symbols x 60 dates, seeded normal draws (no ties), about 8% NaN (dropped from the signal,
as absent names), and on dates 30-31 only 5 valid names (fewer than k). Symbols are named S00..S19
so that their sorted order is their index order.
    pip install pyqlib==0.9.7
    python3 Tests/Fixtures/backtest/topk_dropout.py
"""
import json
import warnings

warnings.simplefilter("ignore")

import numpy as np
import pandas as pd
import qlib
from qlib.backtest.decision import Order
from qlib.backtest.position import Position
from qlib.backtest.utils import CommonInfrastructure, LevelInfrastructure
from qlib.contrib.strategy.signal_strategy import TopkDropoutStrategy

SYMBOLS, DATES = 20, 60
names = [f"S{i:02d}" for i in range(SYMBOLS)]
dates = pd.bdate_range("2024-01-02", periods=DATES)
rng = np.random.default_rng(23)
scores = rng.normal(size=(DATES, SYMBOLS))
scores[rng.random((DATES, SYMBOLS)) < 0.08] = np.nan
for t in (30, 31):
    keep = rng.choice(SYMBOLS, 5, replace=False)
    mask = np.ones(SYMBOLS, bool); mask[keep] = False
    scores[t, mask] = np.nan


class Calendar:
    """One step per date; the prediction for a step is that date's scores."""
    def __init__(self): self.step = 0
    def get_trade_step(self): return self.step
    def get_step_time(self, trade_step=None, shift=0):
        step = self.step if trade_step is None else trade_step
        return dates[step], dates[step]
    def get_freq(self): return "day"


class Exchange:
    """Every stock tradable at price 1, no costs, amounts not rounded."""
    def is_stock_tradable(self, stock_id, start_time, end_time, direction=None): return True
    def get_factor(self, stock_id, start_time, end_time): return None
    def check_order(self, order): return True
    def get_deal_price(self, stock_id, start_time, end_time, direction=None): return 1.0
    def round_amount_by_trade_unit(self, deal_amount, factor): return deal_amount

    def deal_order(self, order, position=None, **kwargs):
        trade_val = order.amount * 1.0
        if position is not None:
            position.update_order(order, trade_val, 0.0, 1.0)
        return trade_val, 0.0, 1.0


class Account:
    def __init__(self): self.current_position = Position(cash=1e6)


def run(k, n_drop):
    series = pd.Series(scores.ravel(), index=pd.MultiIndex.from_product([dates, names], names=["datetime", "instrument"]))
    series = series.dropna()
    calendar, exchange, account = Calendar(), Exchange(), Account()
    strategy = TopkDropoutStrategy(
        topk=k, n_drop=n_drop, method_sell="bottom", method_buy="top", hold_thresh=1, signal=series,
        level_infra=LevelInfrastructure(trade_calendar=calendar),
        common_infra=CommonInfrastructure(trade_account=account, trade_exchange=exchange))
    held = []
    for t in range(DATES):
        calendar.step = t
        decision = strategy.generate_trade_decision()
        position = account.current_position
        for order in decision.get_decision():
            exchange.deal_order(order, position=position)
        position.add_count_all(bar="day")
        # Position.get_stock_list() is a set: its order varies between runs, so store held sets sorted.
        held.append(sorted(names.index(s) for s in position.get_stock_list()))
    return held


cases = [{"k": k, "nDrop": d, "held": run(k, d)} for k, d in [(5, 1), (5, 2), (8, 3), (3, 3), (10, 4)]]
out = {
    "library": f"pyqlib {qlib.__version__} TopkDropoutStrategy (qlib/contrib/strategy/signal_strategy.py)",
    "scores": [[None if np.isnan(x) else float(x) for x in row] for row in scores],
    "cases": cases,
}
with open("Tests/Fixtures/backtest/topk_dropout.json", "w") as f:
    json.dump(out, f)
for c in cases:
    turnover = sum(len(set(b) - set(a)) for a, b in zip(c["held"], c["held"][1:]))
    print(f"k {c['k']} nDrop {c['nDrop']}: sizes {sorted(set(len(h) for h in c['held']))}, names bought after day 0: {turnover}")
