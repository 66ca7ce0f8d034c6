"""Reference timings for `barbell-bench options-iv`: implied volatility with py_vollib's
Let's Be Rational (Jäckel 2015; py_vollib 1.0.12, lets_be_rational 1.1.2: a compiled-in-Python
port called once per option) and BSM price + Greeks vectorised in numpy/scipy, on the SAME inputs
the Swift benchmark wrote.

    pip install py_vollib==1.0.12
    swift run -c release barbell-bench options-iv            # writes /tmp/options-iv-inputs.f64
    python3 Benchmarks/reference/options_iv.py [--limit N]    # N options for py_vollib (default all)
"""
import argparse
import time
import warnings

import numpy as np
from scipy.special import ndtr

warnings.filterwarnings("ignore", category=DeprecationWarning)
from py_vollib.black_scholes_merton.implied_volatility import implied_volatility  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", default="/tmp/options-iv-inputs.f64")
    parser.add_argument("--limit", type=int, default=0, help="time py_vollib on the first N options (0: all)")
    args = parser.parse_args()
    data = np.fromfile(args.inputs, dtype="<f8")
    n = data.size // 8
    flag, s, k, t, r, q, vol, price = data.reshape(8, n)

    # BSM price and 8 Greeks, vectorised numpy (scipy.special.ndtr for Φ).
    start = time.perf_counter()
    sd = vol * np.sqrt(t)
    fwd = s * np.exp((r - q) * t)
    d1 = np.log(fwd / k) / sd + 0.5 * sd
    d2 = d1 - sd
    df, dq = np.exp(-r * t), np.exp(-q * t)
    nd1, nd2 = ndtr(flag * d1), ndtr(flag * d2)
    pdf = np.exp(-0.5 * d1 * d1) / np.sqrt(2 * np.pi)
    p = flag * (s * dq * nd1 - k * df * nd2)
    delta = flag * dq * nd1
    gamma = dq * pdf / (s * sd)
    vega = s * dq * pdf * np.sqrt(t)
    theta = -s * dq * pdf * vol / (2 * np.sqrt(t)) - flag * r * k * df * nd2 + flag * q * s * dq * nd1
    rho = flag * k * t * df * nd2
    vanna = -dq * pdf * d2 / vol
    volga = vega * d1 * d2 / vol
    seconds = time.perf_counter() - start
    print(f"numpy BSM price+8 Greeks   {n:>9} options  {seconds * 1000:9.1f} ms  "
          f"(max |price diff| vs Swift input {np.max(np.abs(p - price) / np.maximum(price, 1e-300)):.1e} rel)")
    del delta, gamma, theta, rho, vanna, volga

    m = n if args.limit <= 0 else min(args.limit, n)
    flags = np.where(flag[:m] > 0, "c", "p")
    out = np.empty(m)
    start = time.perf_counter()
    for i in range(m):
        out[i] = implied_volatility(price[i], s[i], k[i], t[i], r[i], q[i], flags[i])
    seconds = time.perf_counter() - start
    err = np.abs(out - vol[:m]) / vol[:m]
    print(f"py_vollib LBR implied vol  {m:>9} options  {seconds * 1000:9.1f} ms  ({seconds / m * 1e6:.2f} µs each; "
          f"1M would take {seconds / m * 1e6:.1f} s); median |σ̂ − σ|/σ {np.median(err):.1e}")


if __name__ == "__main__":
    main()
