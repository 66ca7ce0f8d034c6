#!/usr/bin/env python3
"""vectorbt 1.2.0 reference for BarbellBacktest's vectorised path: Portfolio.from_signals on seeded
synthetic bars that Swift regenerates bit for bit.

Data, per column c in 0..<cols: a SplitMix64 generator (Sources/BarbellData/Random/SplitMix64.swift)
seeded with seed + c (seed 7); u = (next() >> 11) * 2**-53; prevClose = 100.0; per bar t draw u1, u2,
u3, u4 in that order and
    open[t]  = prevClose * (1.0 + (u1 - 0.5) * 0.01)
    close[t] = open[t]   * (1.0 + (u2 - 0.5) * 0.04 + (100.0 - open[t]) * 0.0001)
    entry[t] = u3 < 0.02;  exit[t] = u4 < 0.02;  prevClose = close[t]
(only + - * so that any IEEE-754 implementation reproduces it; the last term pulls prices back
towards 100, so a million bars stay in a realistic range instead of drifting to 1e-27, where
vectorbt stops trading and trade lists can no longer be compared).

Execution: signals are decided at bar t's close and executed at bar t+1's open, i.e.
    vbt.Portfolio.from_signals(close=close, entries=entries.shift(1, fill False),
        exits=exits.shift(1, fill False), price=open, size=np.inf, fees=0.001, init_cash=10000.0,
        direction='longonly', accumulate=False, freq='1D')
What vectorbt 1.2.0 does with these settings (engine pinned to numba, as engine="auto" would
switch to vectorbt-rust when installed; --engine rust runs that instead, for comparison):
  * size=inf with size_type 'amount': an entry while flat buys as many (fractional) shares as the
    cash pays for including the fee, size = cash / (price * (1 + fees)); an exit sells the whole
    position; fees = 0.001 * traded value, taken from cash.
    In vectorbt/portfolio/nb.py (buy_nb, sell_nb) the arithmetic is: entry with cash C at price P:
    q = C / (1 + fees); size = q / P; fee = C - q; cash = 0.  Exit of size S at price P:
    v = S * P; fee = v * fees; cash += v - fee; position = 0 (add_nb snaps results within 1e-9
    relative / 1e-12 absolute of zero to zero).
  * an entry while long or an exit while flat does nothing (accumulate=False, long only);
  * an entry and an exit on the same bar cancel (upon_long_conflict='ignore', the default);
  * a position still open at the end stays open; its trade has status Open, exit price = last
    close and no exit fee (we write exitIndex null for it); final value = cash + shares * last close.

    pip install vectorbt==1.2.0
    python3 Benchmarks/reference/vectorbt_signals.py --fixture  # Tests/Fixtures/backtest/vectorbt_signals.json
    python3 Benchmarks/reference/vectorbt_signals.py --bench    # Benchmarks/reference/vectorbt_signals_bench.json
    python3 Benchmarks/reference/vectorbt_signals.py --engine rust [--bench]  # rust kernels: same fixture?
                                                                # bench -> vectorbt_signals_bench_rust.json

Bench: 1,000,000 bars x 8 columns; the JIT is warmed on small data first; best of 3 timed
from_signals calls, and separately best of 3 of from_signals plus the trade records.
"""
import argparse
import json
import time

import numpy as np
import pandas as pd
import vectorbt as vbt

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15
FEES, INIT_CASH = 0.001, 10000.0
# The million-bar run trades ~10,000 times per column: at 10 bps a side the fees alone would take
# equity to 1e-6 of the start, where vectorbt rejects orders below its size tolerance and trade
# lists stop being comparable. 1 bp keeps the account alive through the run.
BENCH_FEES = 0.0001
FIXTURE = "Tests/Fixtures/backtest/vectorbt_signals.json"
BENCH = "Benchmarks/reference/vectorbt_signals_bench.json"


def splitmix_uniforms_python(seed, count):
    """The generator written out literally, to check the vectorised version."""
    state, out = seed & MASK, []
    for _ in range(count):
        state = (state + GAMMA) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        out.append(((z ^ (z >> 31)) >> 11) * 2.0 ** -53)
    return out


def splitmix_uniforms(seed, count):
    """Draws 1...count of SplitMix64(seed) as uniforms; numpy uint64 arithmetic wraps mod 2**64."""
    with np.errstate(over="ignore"):
        state = np.uint64(seed) + np.arange(1, count + 1, dtype=np.uint64) * np.uint64(GAMMA)
        z = (state ^ (state >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def column_python(seed, bars):
    u = splitmix_uniforms_python(seed, 4 * bars)
    opens, closes, entries, exits, prev = [], [], [], [], 100.0
    for t in range(bars):
        u1, u2, u3, u4 = u[4 * t:4 * t + 4]
        o = prev * (1.0 + (u1 - 0.5) * 0.01)
        c = o * (1.0 + (u2 - 0.5) * 0.04 + (100.0 - o) * 0.0001)
        opens.append(o); closes.append(c); entries.append(u3 < 0.02); exits.append(u4 < 0.02)
        prev = c
    return np.array(opens), np.array(closes), np.array(entries), np.array(exits)


def _walk(u):
    """The price recursion over the drawn uniforms (compiled with numba: it is sequential)."""
    bars = u.shape[0]
    opens, closes, prev = np.empty(bars), np.empty(bars), 100.0
    for t in range(bars):
        o = prev * (1.0 + (u[t, 0] - 0.5) * 0.01)
        c = o * (1.0 + (u[t, 1] - 0.5) * 0.04 + (100.0 - o) * 0.0001)
        opens[t] = o
        closes[t] = c
        prev = c
    return opens, closes


try:
    import numba
    _walk = numba.njit(cache=False)(_walk)
except ImportError:  # the plain loop gives the same numbers, slowly
    pass


def column(seed, bars):
    u = splitmix_uniforms(seed, 4 * bars).reshape(bars, 4)
    opens, closes = _walk(u)
    return opens, closes, u[:, 2] < 0.02, u[:, 3] < 0.02


def generate(bars, cols, seed=7, check=True):
    parts = [column(seed + c, bars) for c in range(cols)]
    if check:
        n = min(bars, 1000)
        for c, part in enumerate(parts):
            ref = column_python(seed + c, n)
            for got, want in zip(part, ref):
                assert np.array_equal(got[:n], want), f"vectorised generator differs from the loop, column {c}"
    frame = lambda k: pd.DataFrame(np.column_stack([p[k] for p in parts]), columns=range(cols))
    return frame(0), frame(1), frame(2), frame(3)


def run(opens, closes, entries, exits, engine="numba", fees=FEES):
    return vbt.Portfolio.from_signals(
        close=closes, entries=entries.shift(1, fill_value=False), exits=exits.shift(1, fill_value=False),
        price=opens, size=np.inf, fees=fees, init_cash=INIT_CASH, direction="longonly", accumulate=False,
        freq="1D", engine=engine)


def trades_by_column(pf, cols):
    records = pf.trades.values
    readable = pf.trades.records_readable
    out = {c: [] for c in range(cols)}
    for r, (_, row) in zip(records, readable.iterrows()):
        is_open = int(r["status"]) == 0  # TradeStatus.Open
        out[int(r["col"])].append({
            "entryIndex": int(r["entry_idx"]),
            "exitIndex": None if is_open else int(r["exit_idx"]),
            "size": float(row["Size"]),
            "entryPrice": float(row["Avg Entry Price"]),
            "exitPrice": float(row["Avg Exit Price"]),
            "entryFees": float(row["Entry Fees"]),
            "exitFees": float(row["Exit Fees"]),
            "pnl": float(row["PnL"]),
            "return": float(row["Return"]),
            "status": str(row["Status"]),
        })
    return out


def parameters(bars, cols, seed, fees=FEES):
    return {"bars": bars, "columns": cols, "seed": seed, "fees": fees, "initCash": INIT_CASH,
            "size": "inf", "direction": "longonly", "accumulate": False, "uponLongConflict": "ignore",
            "execution": "signal at close t, fill at open t+1"}


def fixture(bars=2000, cols=8, seed=7, engine="numba"):
    opens, closes, entries, exits = generate(bars, cols, seed)
    pf = run(opens, closes, entries, exits, engine)
    trades = trades_by_column(pf, cols)
    final_value, final_cash = pf.final_value(), pf.cash().iloc[-1]
    columns = [{
        "column": c,
        "firstOpen": opens[c].iloc[:5].tolist(), "firstClose": closes[c].iloc[:5].tolist(),
        "entrySignals": int(entries[c].sum()), "exitSignals": int(exits[c].sum()),
        "lastClose": float(closes[c].iloc[-1]),
        "trades": trades[c], "finalValue": float(final_value[c]), "finalCash": float(final_cash[c]),
    } for c in range(cols)]
    return {"library": f"vectorbt {vbt.__version__} (numba {__import__('numba').__version__}, numpy {np.__version__}, "
                       f"pandas {pd.__version__})",
            "parameters": parameters(bars, cols, seed), "columns": columns}


def best_of(fn, repeats=3):
    """Best wall time of `repeats` calls, all wall and process CPU times (CPU time too because on a
    shared machine wall time includes waiting for a core), and the last result."""
    times, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
    return min(times), times, cpu, out


def bench(bars=1_000_000, cols=8, seed=7, engine="numba"):
    run(*generate(500, 2, seed, check=False), engine=engine)  # JIT warm-up, also of trade extraction
    run(*generate(500, 2, seed, check=False), engine=engine).trades.values
    opens, closes, entries, exits = generate(bars, cols, seed)
    t_sig, times_sig, cpu_sig, pf = best_of(lambda: run(opens, closes, entries, exits, engine, BENCH_FEES))
    t_all, times_all, cpu_all, _ = best_of(lambda: run(opens, closes, entries, exits, engine, BENCH_FEES).trades.values)
    records = pf.trades.values
    return {
        "library": f"vectorbt {vbt.__version__} ({engine} engine)",
        "parameters": parameters(bars, cols, seed, BENCH_FEES),
        "seconds": t_sig, "times": times_sig, "bars_per_second": bars * cols / t_sig,
        "cpuTimes": cpu_sig, "bars_per_cpu_second": bars * cols / min(cpu_sig),
        "secondsWithTrades": t_all, "timesWithTrades": times_all, "bars_per_second_with_trades": bars * cols / t_all,
        "cpuTimesWithTrades": cpu_all, "bars_per_cpu_second_with_trades": bars * cols / min(cpu_all),
        "tradeCount": [int((records["col"] == c).sum()) for c in range(cols)],
        "finalValue": pf.final_value().tolist(),
        "valueAt": {str(b): pf.value().iloc[b].tolist() for b in (999, 9_999, 99_999, 999_999)},
        "finalCash": pf.cash().iloc[-1].tolist(),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixture", action="store_true")
    parser.add_argument("--bench", action="store_true")
    parser.add_argument("--engine", choices=["numba", "rust"], default="numba",
                        help="vectorbt's kernel engine; rust needs pip install vectorbt-rust==1.2.0")
    args = parser.parse_args()
    if args.bench:
        result = bench(engine=args.engine)
        path = BENCH if args.engine == "numba" else BENCH.replace(".json", f"_{args.engine}.json")
        with open(path, "w") as f:
            json.dump(result, f, indent=1); f.write("\n")
        print(json.dumps(result, indent=1))
        return
    ref = fixture(engine=args.engine)
    if args.engine != "numba":
        with open(FIXTURE) as f:
            committed = json.load(f)
        same = committed["columns"] == ref["columns"]
        print(f"{args.engine} engine reproduces the committed numba fixture exactly: {same}")
        return
    if args.fixture:
        with open(FIXTURE, "w") as f:
            json.dump(ref, f, indent=1); f.write("\n")
    for col in ref["columns"]:
        print(f"column {col['column']}: {len(col['trades'])} trades, final value {col['finalValue']:.6f}")


if __name__ == "__main__":
    main()
