"""Reference values for BarbellQuant's options code (Tests/BarbellQuantTests/Options*Tests.swift).

Libraries: QuantLib-Python 1.36 (European BSM prices and Greeks via AnalyticEuropeanEngine,
Black-76 via BlackCalculator, American options via BinomialVanillaEngine("crr", N)), py_vollib 1.0.12
(Jäckel's "Let's Be Rational" implied volatility; Black-76 analytic theta and rho), scipy 1.17
(SVI least-squares fits), numpy 2.4 (gamma exposure).

    pip install QuantLib==1.36 py_vollib==1.0.12
    python3 Tests/Fixtures/quant/options.py      # writes Tests/Fixtures/quant/options.json

Vanna and volga have no analytic QuantLib API; they are derivatives in volatility of QuantLib's own
delta and vega by Richardson-extrapolated central differences, accurate to about 1e-9 relative.
"""
import gzip
import io
import json
import math
import warnings
from pathlib import Path

import numpy as np
import QuantLib as ql
import scipy
from scipy.optimize import least_squares

warnings.filterwarnings("ignore", category=DeprecationWarning)
import py_vollib  # noqa: E402
from py_vollib.black.greeks import analytical as black_greeks  # noqa: E402
from py_vollib.black_scholes_merton.implied_volatility import implied_volatility as bsm_iv  # noqa: E402

HERE = Path(__file__).parent
ROOT = HERE.parent.parent.parent
TODAY = ql.Date(3, 1, 2011)
ql.Settings.instance().evaluationDate = TODAY
DC = ql.Actual365Fixed()


def bsm_engine_values(flag, s, k, days, r, q, vol, engine="analytic", steps=0, american=False):
    spot = ql.SimpleQuote(s)
    vq = ql.SimpleQuote(vol)
    rts = ql.YieldTermStructureHandle(ql.FlatForward(TODAY, r, DC))
    qts = ql.YieldTermStructureHandle(ql.FlatForward(TODAY, q, DC))
    vts = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(TODAY, ql.NullCalendar(), ql.QuoteHandle(vq), DC))
    process = ql.BlackScholesMertonProcess(ql.QuoteHandle(spot), qts, rts, vts)
    payoff = ql.PlainVanillaPayoff(ql.Option.Call if flag > 0 else ql.Option.Put, k)
    maturity = TODAY + days
    exercise = ql.AmericanExercise(TODAY, maturity) if american else ql.EuropeanExercise(maturity)
    option = ql.VanillaOption(payoff, exercise)
    if engine == "analytic":
        option.setPricingEngine(ql.AnalyticEuropeanEngine(process))
    else:
        option.setPricingEngine(ql.BinomialVanillaEngine(process, "crr", steps))
    return option, vq


def richardson(f, vol):
    """∂f/∂σ by central differences with Richardson extrapolation: (4·D(h/2) − D(h))/3 with
    h = 1e-3·σ, truncation error O(h⁴) ≈ 1e-12 relative, round-off about 1e-12."""
    h = 1e-3 * vol
    d1 = (f(vol + h) - f(vol - h)) / (2 * h)
    d2 = (f(vol + h / 2) - f(vol - h / 2)) / h
    return tuple((4 * d2 - d1) / 3)


def bsm_cases():
    rows = []
    for flag in (1, -1):
        for k in (50.0, 80.0, 100.0, 120.0, 200.0):
            for days in (7, 91, 365, 1825):
                for vol in (0.08, 0.25, 0.8):
                    rows.append((flag, 100.0, k, days, 0.04, 0.015, vol))
    out = {key: [] for key in ("type", "spot", "strike", "expiry", "rate", "dividend", "vol", "price", "delta",
                              "gamma", "vega", "theta", "rho", "vanna", "volga")}
    for flag, s, k, days, r, q, vol in rows:
        option, vq = bsm_engine_values(flag, s, k, days, r, q, vol)
        values = dict(price=option.NPV(), delta=option.delta(), gamma=option.gamma(), vega=option.vega(),
                      theta=option.theta(), rho=option.rho())

        def at(v):
            vq.setValue(v)
            return np.array([option.delta(), option.vega()])

        values["vanna"], values["volga"] = richardson(at, vol)
        vq.setValue(vol)
        for key, value in zip(("type", "spot", "strike", "expiry", "rate", "dividend", "vol"),
                              (flag, s, k, days / 365.0, r, q, vol)):
            out[key].append(value)
        for key, value in values.items():
            out[key].append(value)
    return out


def black_cases():
    out = {key: [] for key in ("type", "forward", "strike", "expiry", "rate", "vol", "price", "delta", "gamma",
                              "vega", "theta", "rho", "vanna", "volga")}
    for flag in (1, -1):
        for k in (60.0, 95.0, 100.0, 110.0, 180.0):
            for t in (0.02, 0.5, 3.0):
                for vol in (0.1, 0.3, 1.2):
                    f, r = 100.0, 0.03
                    d = math.exp(-r * t)
                    kind = ql.Option.Call if flag > 0 else ql.Option.Put

                    def calc(v):
                        return ql.BlackCalculator(ql.PlainVanillaPayoff(kind, k), f, v * math.sqrt(t), d)

                    c = calc(vol)
                    letter = "c" if flag > 0 else "p"
                    values = dict(price=c.value(), delta=c.deltaForward(), gamma=c.gammaForward(), vega=c.vega(t),
                                  theta=black_greeks.theta(letter, f, k, t, r, vol) * 365.0,
                                  rho=black_greeks.rho(letter, f, k, t, r, vol) * 100.0,
                                  vanna=0.0, volga=0.0)
                    values["vanna"], values["volga"] = richardson(
                        lambda v: np.array([calc(v).deltaForward(), calc(v).vega(t)]), vol)
                    for key, value in zip(("type", "forward", "strike", "expiry", "rate", "vol"), (flag, f, k, t, r, vol)):
                        out[key].append(value)
                    for key, value in values.items():
                        out[key].append(value)
    return out


def iv_cases():
    """Prices from QuantLib over a grid with deep ITM/OTM strikes and 1 day to 10 years; the
    reference implied volatility from py_vollib's Let's Be Rational (BSM with dividend yield)."""
    out = {key: [] for key in ("type", "spot", "strike", "expiry", "rate", "dividend", "vol", "price", "iv")}
    for flag in (1, -1):
        for k in (5.0, 40.0, 70.0, 90.0, 100.0, 104.0, 130.0, 250.0, 1000.0):
            for days in (1, 14, 182, 730, 3650):
                for vol in (0.03, 0.15, 0.4, 1.5):
                    s, r, q = 100.0, 0.02, 0.01
                    option, _ = bsm_engine_values(flag, s, k, days, r, q, vol)
                    price = option.NPV()
                    t = days / 365.0
                    intrinsic_otm = price - max(flag * (s * math.exp(-q * t) - k * math.exp(-r * t)), 0.0)
                    # Keep prices whose out-of-the-money part carries at least 6 significant digits
                    # (deeper inputs are rounding noise in any library) and that are not at the bound.
                    if not (intrinsic_otm > 1e-6 * price and price > 1e-250):
                        continue
                    try:
                        reference = bsm_iv(price, s, k, t, r, q, "c" if flag > 0 else "p")
                    except Exception:
                        continue
                    for key, value in zip(out.keys(), (flag, s, k, t, r, q, vol, price, reference)):
                        out[key].append(value)
    return out


def american_cases():
    out = {key: [] for key in ("type", "spot", "strike", "expiry", "rate", "dividend", "vol", "steps", "american",
                              "european")}
    for flag in (1, -1):
        for k in (80.0, 100.0, 125.0):
            for days, r, q in ((182, 0.05, 0.0), (365, 0.03, 0.06), (730, 0.08, 0.02)):
                for vol in (0.15, 0.45):
                    steps = 400
                    am, _ = bsm_engine_values(flag, 100.0, k, days, r, q, vol, engine="crr", steps=steps, american=True)
                    eu, _ = bsm_engine_values(flag, 100.0, k, days, r, q, vol, engine="crr", steps=steps)
                    for key, value in zip(out.keys(), (flag, 100.0, k, days / 365.0, r, q, vol, steps, am.NPV(), eu.NPV())):
                        out[key].append(value)
    return out


def main():
    cases = {
        "bsm": bsm_cases(),
        "black76": black_cases(),
        "iv": iv_cases(),
        "american": american_cases(),
    }
    cases.update(chain_cases())
    library = (f"QuantLib {ql.__version__}, py_vollib {getattr(py_vollib, '__version__', '1.0.12')}, "
               f"scipy {scipy.__version__}, numpy {np.__version__}")
    (HERE / "options.json").write_text(json.dumps({"library": library, "cases": cases}, separators=(",", ":")))


SAMPLE = ROOT / "Samples" / "optionsuite_spx_20110103.csv.gz"


def load_chain():
    import pandas as pd
    d = pd.read_csv(SAMPLE)
    quote = pd.to_datetime(d["date"], format="%m/%d/%Y")
    expiration = pd.to_datetime(d["option_expiration"], format="%m/%d/%Y")
    d["T"] = (expiration - quote).dt.days / 365.0
    d["expiration"] = expiration.dt.strftime("%Y-%m-%d")
    return d


def svi_starts(k, w, kmin, kmax, wmax):
    """The same deterministic multi-start grid as SVIParameters.startingPoints."""
    starts = []
    for rho in (-0.7, -0.3, 0.2):
        for m in (0.5 * kmin, 0.0, 0.5 * kmax):
            for sigma in (0.05, 0.2, 0.6):
                d = k - m
                z = rho * d + np.sqrt(d * d + sigma * sigma)
                sw, sz, szz, sy, szy = len(k), z.sum(), (z * z).sum(), w.sum(), (z * w).sum()
                det = sw * szz - sz * sz
                b = (sw * szy - sz * sy) / det if det > 0 else 0.1
                b = min(max(b, 1e-3), 2.0)
                a = min(max((sy - b * sz) / sw, 0.0), wmax)
                starts.append([a, b, rho, m, sigma])
    return starts


def svi_w(p, k):
    a, b, rho, m, sigma = p
    d = k - m
    return a + b * (rho * d + np.sqrt(d * d + sigma * sigma))


def chain_cases():
    """SVI slices of the bundled SPX chain (2011-01-03) fitted with scipy.optimize.least_squares
    (trf, same bounds and starts as the Swift fit, best of the starts) and dealer gamma exposure
    recomputed with numpy (BSM spot gamma at the quoted iv, r = 0, q from the expiry's forward)."""
    d = load_chain()
    cases = {}
    forwards = d.dropna(subset=["forward_price"]).groupby("expiration")["forward_price"].first()
    expirations = []
    for expiration, group in sorted(d.groupby("expiration"), key=lambda g: g[0]):
        f = forwards[expiration]
        otm = ((group["call/put"] == "P") & (group["strike"] < f)) | ((group["call/put"] == "C") & (group["strike"] >= f))
        sel = group[otm & (group["bid"] > 0) & (group["isinterpolated"] != "*") & (group["iv"] > 0) & (group["T"] > 0)]
        if len(sel) < 5:
            continue
        k = np.log(sel["strike"].to_numpy() / f)
        w = sel["iv"].to_numpy() ** 2 * sel["T"].to_numpy()
        order = np.argsort(k, kind="stable")
        k, w = k[order], w[order]
        kmin, kmax, wmax = k.min(), k.max(), w.max()
        lower = [0.0, 0.0, -0.999, kmin - 0.5, 1e-4]
        upper = [wmax, 2.0, 0.999, kmax + 0.5, 2.0]
        best = None
        for start in svi_starts(k, w, kmin, kmax, wmax):
            start = np.clip(start, lower, upper)
            r = least_squares(lambda p: svi_w(p, k) - w, start, bounds=(lower, upper), method="trf",
                              xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000)
            objective = float(np.sum(r.fun ** 2))
            if best is None or objective < best[0]:
                best = (objective, r.x)
        expirations.append(expiration)
        cases[f"svi_{expiration}"] = {"k": k.tolist(), "w": w.tolist(), "expiry": float(sel["T"].iloc[0]),
                                      "objective": best[0], "params": best[1].tolist(),
                                      "fitted": svi_w(best[1], k).tolist()}
    # Gamma exposure.
    from scipy.stats import norm
    s = d["stock_price_close"].iloc[0]
    r = 0.0
    g = d[(d["iv"] > 0) & (d["open_interest"] > 0) & (d["T"] > 0)].copy()
    fwd = g["expiration"].map(forwards).fillna(s * np.exp(r * g["T"]))
    q = r - np.log(fwd / s) / g["T"]
    sd = g["iv"] * np.sqrt(g["T"])
    d1 = (np.log(s / g["strike"]) + (r - q + 0.5 * g["iv"] ** 2) * g["T"]) / sd
    gamma = np.exp(-q * g["T"]) * norm.pdf(d1) / (s * sd)
    sign = np.where(g["call/put"] == "C", 1.0, -1.0)
    g["gex"] = sign * gamma * g["open_interest"] * 100 * s * s * 0.01
    by = g.groupby("strike")
    calls = g[g["call/put"] == "C"].groupby("strike")["gex"].sum()
    puts = g[g["call/put"] == "P"].groupby("strike")["gex"].sum()
    strikes = sorted(by.groups.keys())
    cases["gex"] = {"strike": strikes, "calls": [float(calls.get(x, 0.0)) for x in strikes],
                    "puts": [float(puts.get(x, 0.0)) for x in strikes], "total": float(g["gex"].sum()),
                    "spot": float(s), "skipped": float(len(d) - len(g))}
    cases["svi_expirations"] = {"count": float(len(expirations))}
    return cases


if __name__ == "__main__":
    main()
