#!/usr/bin/env python3
"""backtrader 1.9.78.123 reference for BarbellBacktest's event engine: an SMA(10)/SMA(30) crossover on
the bundled S&P 500 daily bars (Samples/arch_sp500.csv.gz, Open/High/Low/Close/Volume; Adj Close unused).

Strategy, decided at bar t's close (t is the 0-based bar index):
  fast[t], slow[t] = arithmetic means of the last 10 / 30 closes (bt.ind.SMA: math.fsum(window) / n);
  up-cross   iff fast[t] > slow[t] and fast[t-1] <= slow[t-1];
  down-cross iff fast[t] < slow[t] and fast[t-1] >= slow[t-1]   (both need t-1 >= 29).
  The comparisons are written out in next() rather than taken from bt.ind.CrossOver, whose handling
  of equal values differs. Up-cross while flat -> buy 100 shares; down-cross while long -> close.
Broker: cash 1,000,000; commission 0.1% of traded value (setcommission(commission=0.001), percabs);
no slippage; market orders fill at the next bar's open (backtrader's default); an order submitted at
the last bar is never filled. Final value = cash + position * last close (broker.getvalue()).

    pip install backtrader==1.9.78.123 pandas
    python3 Benchmarks/reference/backtrader_crossover.py            # summary
    python3 Benchmarks/reference/backtrader_crossover.py --fixture  # also writes Tests/Fixtures/backtest/backtrader_crossover.json
    python3 Benchmarks/reference/backtrader_crossover.py --bench    # bars/second on >= 100k bars; writes Benchmarks/reference/backtrader_crossover_bench.json

Bench mode tiles the 5000 bars into 105,000 by alternating the series forwards and mirrored in time
(open and close swapped), so prices stay continuous and bounded and the 100-share orders stay
affordable; bars/second = bars / wall time of cerebro.run() (preload=True, runonce default,
stdstats=False), best of 3; bars_per_cpu_second uses process CPU time instead, for shared machines.
"""
import argparse
import json
import sys
import time

import backtrader as bt
import pandas as pd

DATA = "Samples/arch_sp500.csv.gz"
FIXTURE = "Tests/Fixtures/backtest/backtrader_crossover.json"
BENCH = "Benchmarks/reference/backtrader_crossover_bench.json"
FAST, SLOW, SIZE, CASH, COMMISSION = 10, 30, 100, 1_000_000.0, 0.001


def load():
    frame = pd.read_csv(DATA)
    frame.index = pd.to_datetime(frame["Date"], format="%m/%d/%Y")
    return frame[["Open", "High", "Low", "Close", "Volume"]].astype(float)


class Crossover(bt.Strategy):
    params = dict(fast=FAST, slow=SLOW, record=True)

    def __init__(self):
        self.fast = bt.ind.SMA(self.data.close, period=self.p.fast)
        self.slow = bt.ind.SMA(self.data.close, period=self.p.slow)
        self.orders, self.trades, self.signals = [], [], []

    def next(self):
        # next() runs from the first bar where slow exists (t = 29); the crossing needs t - 1 >= 29 too.
        if len(self) < self.p.slow + 1:
            return
        f0, s0, f1, s1 = self.fast[0], self.slow[0], self.fast[-1], self.slow[-1]
        up = f0 > s0 and f1 <= s1
        down = f0 < s0 and f1 >= s1
        t = len(self) - 1
        if self.p.record and (up or down):
            self.signals.append({"bar": t, "kind": "up" if up else "down"})
        if up and not self.position:
            self.buy(size=SIZE)
        elif down and self.position:
            self.close()

    def notify_order(self, order):
        if not self.p.record or order.status != order.Completed:
            return
        self.orders.append({
            "bar": len(self) - 1,
            "date": bt.num2date(order.executed.dt).date().isoformat(),
            "size": order.executed.size,
            "price": order.executed.price,
            "commission": order.executed.comm,
        })

    def notify_trade(self, trade):
        if not self.p.record:
            return
        if trade.justopened:
            self.open_size = trade.size
        if not trade.isclosed:
            return
        # trade.baropen/barclose are len(data) at the events, i.e. 1-based bar numbers.
        self.trades.append({
            "entryBar": trade.baropen - 1,
            "entryDate": bt.num2date(trade.dtopen).date().isoformat(),
            "exitBar": trade.barclose - 1,
            "exitDate": bt.num2date(trade.dtclose).date().isoformat(),
            "size": self.open_size,
            "entryPrice": trade.price,
            "exitPrice": self.orders[-1]["price"],
            "pnl": trade.pnl,
            "pnlcomm": trade.pnlcomm,
        })


def cerebro_for(frame, record):
    cerebro = bt.Cerebro(stdstats=False, preload=True)
    cerebro.adddata(bt.feeds.PandasData(dataname=frame, openinterest=None))
    cerebro.addstrategy(Crossover, record=record)
    cerebro.broker.setcash(CASH)
    cerebro.broker.setcommission(commission=COMMISSION)
    return cerebro


def reference():
    frame = load()
    cerebro = cerebro_for(frame, record=True)
    strategy = cerebro.run()[0]
    broker = cerebro.broker
    return {
        "library": f"backtrader {bt.__version__}",
        "data": DATA,
        "bars": len(frame),
        "parameters": {"fast": FAST, "slow": SLOW, "size": SIZE, "cash": CASH, "commission": COMMISSION,
                       "fill": "next bar open", "sma": "math.fsum(last n closes) / n"},
        "signals": strategy.signals,
        "orders": strategy.orders,
        "trades": strategy.trades,
        "position": strategy.position.size,
        "finalCash": broker.getcash(),
        "finalValue": broker.getvalue(),
        "lastClose": float(frame["Close"].iloc[-1]),
    }


def tiled(frame, bars):
    forward = frame.to_numpy()
    mirrored = forward[::-1].copy()
    mirrored[:, [0, 3]] = mirrored[:, [3, 0]]  # time reversed: a bar opens where it used to close
    blocks, n, k = [], 0, 0
    while n < bars:
        blocks.append(forward if k % 2 == 0 else mirrored)
        n += len(forward); k += 1
    values = pd.DataFrame(
        pd.concat([pd.DataFrame(b) for b in blocks]).to_numpy(), columns=frame.columns,
        index=pd.date_range("1900-01-01", periods=n, freq="D"))
    return values


def bench():
    frame = tiled(load(), 100_000)
    times, cpu = [], []
    for _ in range(3):
        cerebro = cerebro_for(frame, record=False)
        t0, c0 = time.perf_counter(), time.process_time()
        cerebro.run()
        times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
    best = min(times)
    # Process CPU time is reported too: on a shared machine wall time includes waiting for a core.
    return {"library": f"backtrader {bt.__version__}", "bars": len(frame), "seconds": best,
            "times": times, "cpu_times": cpu, "bars_per_second": len(frame) / best,
            "bars_per_cpu_second": len(frame) / min(cpu)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixture", action="store_true")
    parser.add_argument("--bench", action="store_true")
    args = parser.parse_args()
    if args.bench:
        result = bench()
        with open(BENCH, "w") as f:
            json.dump(result, f, indent=1); f.write("\n")
        print(json.dumps(result, indent=1))
        return
    ref = reference()
    if args.fixture:
        with open(FIXTURE, "w") as f:
            json.dump(ref, f, indent=1)
            f.write("\n")
    print(f"{ref['library']}: {ref['bars']} bars, {len(ref['signals'])} crossings, {len(ref['orders'])} orders, "
          f"{len(ref['trades'])} closed trades, position {ref['position']}, "
          f"final cash {ref['finalCash']:.6f}, final value {ref['finalValue']:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
