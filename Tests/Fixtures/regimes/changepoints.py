#!/usr/bin/env python3
"""Reference values for BarbellRegimes' change-point and anomaly detectors.

    pip install numpy==2.4.6 scipy==1.17.1 pandas==3.1.1
    python3 Tests/Fixtures/regimes/changepoints.py   # writes Tests/Fixtures/regimes/changepoints.json

Each detector is re-implemented here independently with NumPy/SciPy, straight from its paper:
- robust z-score: scipy.stats.median_abs_deviation(scale="normal") and numpy.median over the
  `window` bars *before* each bar (window 20);
- Lee & Mykland (2008): bipower volatility over the K - 1 previous returns, L = r / sigma,
  C_n, S_n with c = sqrt(2/pi), beta* = -log(-log(1 - alpha)) (K = 16, alpha = 0.01);
- two-sided CUSUM (Page 1954), k = 0.5, h = 8, reset after alarm, self-starting reference mean
  with burn-in 20 and with a fixed target 0;
- Page-Hinkley, delta = 0.5, lambda = 10, minimum 20 bars after each reset;
- BOCPD (Adams & MacKay 2007), constant hazard 1/100, Normal-Gamma prior (0, 1, 1, 1) with
  Student-t predictives from scipy.stats.t.logpdf, run lengths below 1e-12 dropped.
Data: "planted" is a seeded (numpy default_rng 20261122) 500-bar N(0, 1) series with jumps of
+8 at bar 100 and -8 at bar 300, a mean shift of +3 from bar 200 and a volatility x3 from bar 400;
"sp500" the daily log returns of the Adj Close in Samples/arch_sp500.csv.gz (Lee-Mykland only).
Warm-up bars (no statistic) are left out; `*_start` gives the first stored index.
"""
import json
import pathlib

import numpy as np
import pandas as pd
import scipy
from scipy import stats

root = pathlib.Path(__file__).resolve().parents[3]


def planted():
    rng = np.random.default_rng(20261122)
    x = rng.standard_normal(500)
    x[200:] += 3.0
    x[400:] = 3.0 + (x[400:] - 3.0) * 3.0
    x[100] += 8.0
    x[300] -= 8.0
    return x


def robust_z(x, w):
    out = []
    for t in range(w, len(x)):
        win = x[t - w:t]
        med = np.median(win)
        scale = stats.median_abs_deviation(win, scale="normal")
        out.append(((x[t] - med) / scale, med, scale))
    return np.array(out)


def lee_mykland(r, K, n, alpha):
    c = np.sqrt(2 / np.pi)
    l = np.log(n)
    Cn = np.sqrt(2 * l) / c - (np.log(np.pi) + np.log(l)) / (2 * c * np.sqrt(2 * l))
    Sn = 1 / (c * np.sqrt(2 * l))
    beta = -np.log(-np.log(1 - alpha))
    stat = []
    for i in range(K - 1, len(r)):
        prev = np.abs(r[i - K + 1:i])            # the K - 1 returns before r_i
        bv = np.sum(prev[1:] * prev[:-1]) / (K - 2)
        stat.append(r[i] / np.sqrt(bv))
    stat = np.array(stat)
    norm = (np.abs(stat) - Cn) / Sn
    return stat, norm, Cn, Sn, beta


def cusum(x, k, h, target=None, burn=20):
    up = lo = 0.0
    mean, n = 0.0, 0
    U, L, A = [], [], []
    for xt in x:
        if target is None and n < burn:
            n += 1
            mean += (xt - mean) / n
            U.append(0.0); L.append(0.0); A.append(0)
            continue
        d = xt - (mean if target is None else target)
        up = max(0.0, up + d - k)
        lo = max(0.0, lo - d - k)
        U.append(up); L.append(lo)
        if up > h or lo > h:
            A.append(1 if up >= lo else -1)
            up = lo = 0.0
            mean, n = 0.0, 0
        else:
            A.append(0)
            if target is None:
                n += 1
                mean += (xt - mean) / n
    return np.array(U), np.array(L), np.array(A, float)


def page_hinkley(x, delta, lam, min_n):
    mean, n = 0.0, 0
    mu = mnu = md = mnd = 0.0
    U, L, A = [], [], []
    for xt in x:
        n += 1
        mean += (xt - mean) / n
        mu += xt - mean - delta
        mnu = min(mnu, mu)
        md += mean - xt - delta
        mnd = min(mnd, md)
        up, lo = mu - mnu, md - mnd
        U.append(up); L.append(lo)
        if n >= min_n and (up > lam or lo > lam):
            A.append(1 if up >= lo else -1)
            mean, n = 0.0, 0
            mu = mnu = md = mnd = 0.0
        else:
            A.append(0)
    return np.array(U), np.array(L), np.array(A, float)


def bocpd(x, hazard, prior, trunc, window, snap_every):
    mu0, k0, a0, b0 = prior
    runs = np.array([0]); logp = np.array([0.0])
    mu, kap, al, be = (np.array([v]) for v in prior)
    maps, change, evid, snaps = [], [], [], {}
    for t, xt in enumerate(x):
        scale = np.sqrt(be * (kap + 1) / (al * kap))
        w = logp + stats.t.logpdf(xt, 2 * al, loc=mu, scale=scale)
        growth = w + np.log1p(-hazard)
        cp = np.logaddexp.reduce(w) + np.log(hazard)
        joint = np.concatenate([[cp], growth])
        ev = np.logaddexp.reduce(joint)
        post = joint - ev
        keep = np.exp(post[1:]) >= trunc
        newlog = np.concatenate([[post[0]], post[1:][keep]])
        runs = np.concatenate([[0], runs[keep] + 1])
        mu_n = (kap * mu + xt) / (kap + 1)
        be_n = be + kap * (xt - mu) ** 2 / (2 * (kap + 1))
        mu = np.concatenate([[mu0], mu_n[keep]])
        be = np.concatenate([[b0], be_n[keep]])
        kap = np.concatenate([[k0], (kap + 1)[keep]])
        al = np.concatenate([[a0], (al + 0.5)[keep]])
        logp = newlog - np.logaddexp.reduce(newlog)
        p = np.exp(logp)
        maps.append(float(runs[np.argmax(logp)]))
        change.append(float(p[runs < window].sum()))
        evid.append(float(ev))
        if (t + 1) % snap_every == 0:
            dense = np.zeros(t + 2)
            dense[runs] = p
            snaps[t] = dense
    return np.array(maps), np.array(change), np.array(evid), snaps


def main():
    x = planted()
    cases = {}
    rz = robust_z(x, 20)
    cases["planted"] = {"x": x.tolist()}
    cases["robust_z"] = {"start": 20, "score": rz[:, 0].tolist(), "median": rz[:, 1].tolist(), "scale": rz[:, 2].tolist()}
    stat, norm, Cn, Sn, beta = lee_mykland(x, 16, len(x), 0.01)
    cases["lee_mykland_planted"] = {"start": 15, "statistic": stat.tolist(), "cn": Cn, "sn": Sn, "beta": beta,
                                    "jumps": [float(15 + i) for i in np.nonzero(norm > beta)[0]]}
    df = pd.read_csv(root / "Samples" / "arch_sp500.csv.gz")
    p = df["Adj Close"].to_numpy()
    r = np.log(p[1:] / p[:-1])
    stat, norm, Cn, Sn, beta = lee_mykland(r, 16, len(r), 0.01)
    cases["lee_mykland_sp500"] = {"start": 15, "statistic": stat.tolist(), "cn": Cn, "sn": Sn, "beta": beta,
                                  "jumps": [float(15 + i) for i in np.nonzero(norm > beta)[0]]}
    U, L, A = cusum(x, 0.5, 8.0)
    cases["cusum_self_starting"] = {"upper": U.tolist(), "lower": L.tolist(), "alarm": A.tolist()}
    U, L, A = cusum(x, 0.5, 8.0, target=0.0)
    cases["cusum_target"] = {"upper": U.tolist(), "lower": L.tolist(), "alarm": A.tolist()}
    U, L, A = page_hinkley(x, 0.5, 10.0, 20)
    cases["page_hinkley"] = {"upper": U.tolist(), "lower": L.tolist(), "alarm": A.tolist()}
    maps, change, evid, snaps = bocpd(x, 1 / 100, (0.0, 1.0, 1.0, 1.0), 1e-12, 5, 50)
    cases["bocpd"] = {"map": maps.tolist(), "change": change.tolist(), "evidence": evid.tolist()}
    for t, dense in snaps.items():
        cases["bocpd"][f"posterior_{t}"] = dense.tolist()
    out = {"library": f"numpy {np.__version__}, scipy {scipy.__version__}, pandas {pd.__version__}", "cases": cases}
    path = pathlib.Path(__file__).with_suffix(".json")
    path.write_text(json.dumps(out, separators=(",", ":")))
    print(path, path.stat().st_size, "bytes")
    print("LM sp500 jumps:", len(cases["lee_mykland_sp500"]["jumps"]), "planted:", cases["lee_mykland_planted"]["jumps"])
    print("cusum alarms", np.nonzero(cases["cusum_self_starting"]["alarm"])[0], "PH", np.nonzero(A)[0])


main()
