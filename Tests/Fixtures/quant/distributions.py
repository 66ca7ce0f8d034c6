#!/usr/bin/env python3
"""Reference densities, distribution functions, tails and quantiles for BarbellQuant's
continuous distributions, from scipy.stats 1.17 (norm, t, chi2, f, genpareto, genextreme) and
arch 8.0 (SkewStudent: Hansen's skewed t, for its log-likelihood, cdf and ppf).

    pip install scipy==1.17.* arch==8.0.0
    python3 Tests/Fixtures/quant/distributions.py   # writes Tests/Fixtures/quant/distributions.json

Per case: the parameters, an x grid reaching far into both tails with pdf/logpdf/cdf/sf at it,
a p grid from 1e-12 to 1 - 1e-10 with ppf, a q grid of tiny upper-tail masses with isf, and the
mean and variance where finite. For Student t, chi-squared, F and the skewed t the same
quantities are also evaluated with mpmath at 50 digits (keys `mp_*`): scipy rounds in a few far
tails and large-df densities (F(1,1) cdf near 1, chi2 pdf for df = 1e5 through lgamma
differences, F isf at 1e-12 off by ~1e-5 relative), so the tight comparison is against mpmath and
scipy is checked at a looser tolerance. mpmath 1.3 (`pip install mpmath`). GEV note: BarbellQuant's shape xi is scipy genextreme's -c.
For the skewed t, `sf` is Hansen's upper-side formula (1 + lam) * t.sf(...) evaluated with
scipy (arch only offers the cdf, whose upper tail is 1 - cdf and so loses relative precision).
"""
import json
import pathlib

import arch
import mpmath as mp
import numpy as np
import scipy
from arch.univariate.distribution import SkewStudent
from scipy import stats

P = [1e-12, 1e-8, 1e-5, 0.001, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 0.999, 1 - 1e-6, 1 - 1e-10]
Q = [1e-12, 1e-8, 1e-4, 0.05]


def grid(dist, extra=()):
    xs = set(float(v) for v in dist.ppf(np.array(P)))
    xs.update(float(v) for v in extra)
    return sorted(x for x in xs if np.isfinite(x))


def scipy_case(dist, params, extra=(), isf=True):
    x = np.array(grid(dist, extra))
    out = dict(params)
    out.update({"x": x.tolist(), "pdf": dist.pdf(x).tolist(), "logpdf": dist.logpdf(x).tolist(),
                "cdf": dist.cdf(x).tolist(), "sf": dist.sf(x).tolist(), "p": P,
                "ppf": dist.ppf(np.array(P)).tolist()})
    if isf:
        out["q"] = Q
        out["isf"] = dist.isf(np.array(Q)).tolist()
    m, v = dist.stats(moments="mv")
    if np.isfinite(m):
        out["mean"] = float(m)
    if np.isfinite(v):
        out["variance"] = float(v)
    return out


mp.mp.dps = 50


def mp_refs(cdf, sf, logpdf, x, p, q, ppf_start, isf_start, positive):
    """High-precision pdf/logpdf/cdf/sf at x and quantiles by Newton from scipy's values."""
    out = {"mp_logpdf": [float(logpdf(mp.mpf(v))) for v in x]}
    out["mp_pdf"] = [float(mp.exp(logpdf(mp.mpf(v)))) for v in x]
    out["mp_cdf"] = [float(cdf(mp.mpf(v))) for v in x]
    out["mp_sf"] = [float(sf(mp.mpf(v))) for v in x]

    def invert(target, start, tail):
        # positive supports are searched in log x, so tiny quantiles (1e-24) stay positive.
        if positive:
            def f(v):
                return mp.log(tail(mp.exp(v))) - mp.log(target)
            return float(mp.exp(mp.findroot(f, mp.log(mp.mpf(start)), tol=mp.mpf(10) ** -30)))

        def g(v):
            return mp.log(tail(v)) - mp.log(target)
        return float(mp.findroot(g, mp.mpf(start), tol=mp.mpf(10) ** -30))

    out["mp_ppf"] = [invert(mp.mpf(pp), s0, cdf) if pp < 0.5 else invert(1 - mp.mpf(pp), s0, sf)
                     for pp, s0 in zip(p, ppf_start)]
    if q is not None:
        out["mp_isf"] = [invert(mp.mpf(qq), s0, sf) for qq, s0 in zip(q, isf_start)]
    return out


def t_funcs(nu, loc=0, scale=1):
    nu, loc, scale = mp.mpf(nu), mp.mpf(loc), mp.mpf(scale)

    def lower(z):
        return mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + z * z), regularized=True) / 2

    def cdf(x):
        z = (x - loc) / scale
        return lower(z) if z < 0 else 1 - lower(z)

    def sf(x):
        z = (x - loc) / scale
        return lower(-z) if z > 0 else 1 - lower(-z)

    def logpdf(x):
        z = (x - loc) / scale
        return (mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
                - (nu + 1) / 2 * mp.log(1 + z * z / nu) - mp.log(scale))
    return cdf, sf, logpdf


def chi2_funcs(k):
    a = mp.mpf(k) / 2

    def lower(x):
        # x^a e^-x / Gamma(a+1) * 1F1(1; a+1; x): positive terms, fine for a = 5e4.
        if x <= 0:
            return mp.mpf(0)
        h = x / 2
        return mp.exp(a * mp.log(h) - h - mp.loggamma(a + 1)) * mp.hyp1f1(1, a + 1, h, maxterms=10**6)

    def upper(x):
        if x <= 0:
            return mp.mpf(1)
        p = lower(x)
        return 1 - p if p < mp.mpf("0.999") else mp.gammainc(a, x / 2, mp.inf, regularized=True)

    def logpdf(x):
        return (a - 1) * mp.log(x) - x / 2 - a * mp.log(2) - mp.loggamma(a)
    return lower, upper, logpdf


def f_funcs(d1, d2):
    d1, d2 = mp.mpf(d1), mp.mpf(d2)

    def u(x):
        return d1 * x / (d1 * x + d2)
    return (lambda x: mp.betainc(d1 / 2, d2 / 2, 0, u(x), regularized=True),
            lambda x: mp.betainc(d1 / 2, d2 / 2, u(x), 1, regularized=True),
            lambda x: (-mp.log(mp.beta(d1 / 2, d2 / 2)) + d1 / 2 * mp.log(d1 / d2) + (d1 / 2 - 1) * mp.log(x)
                       - (d1 + d2) / 2 * mp.log(1 + d1 * x / d2)))


def with_mp(case, funcs, isf=True, positive=False):
    cdf, sf, logpdf = funcs
    case.update(mp_refs(cdf, sf, logpdf, case["x"], case["p"], case.get("q") if isf else None,
                        case["ppf"], case.get("isf"), positive))
    return case


cases = {
    "normal": scipy_case(stats.norm(1.5, 2.0), {"mean_param": 1.5, "sd": 2.0}, extra=[-40, -15, 20, 38]),
    "t_3": with_mp(scipy_case(stats.t(3), {"df": 3, "loc": 0, "scale": 1}, extra=[-40, -1e3, -1e-8, 0, 1e-3, 40, 1e6]), t_funcs(3)),
    "t_0.7": with_mp(scipy_case(stats.t(0.7), {"df": 0.7, "loc": 0, "scale": 1}, extra=[-40, 0.5, 1e5]), t_funcs(0.7)),
    "t_1": with_mp(scipy_case(stats.t(1), {"df": 1, "loc": 0, "scale": 1}, extra=[-40, 2]), t_funcs(1)),
    "t_30_loc": with_mp(scipy_case(stats.t(30, 0.01, 0.02), {"df": 30, "loc": 0.01, "scale": 0.02}, extra=[-0.5, 0.3]), t_funcs(30, 0.01, 0.02)),
    "t_1000": with_mp(scipy_case(stats.t(1000), {"df": 1000, "loc": 0, "scale": 1}, extra=[-40, -8, 0.1, 12]), t_funcs(1000)),
    "t_5e5": with_mp(scipy_case(stats.t(5e5), {"df": 5e5, "loc": 0, "scale": 1}, extra=[-30, 0.7]), t_funcs(5e5)),
    "chi2_1": with_mp(scipy_case(stats.chi2(1), {"df": 1}, extra=[1e-20, 1e-6, 50, 300]), chi2_funcs(1), positive=True),
    "chi2_0.5": with_mp(scipy_case(stats.chi2(0.5), {"df": 0.5}, extra=[1e-30, 1e-3, 100]), chi2_funcs(0.5), positive=True),
    "chi2_5": with_mp(scipy_case(stats.chi2(5), {"df": 5}, extra=[1e-5, 80, 700]), chi2_funcs(5), positive=True),
    "chi2_300": with_mp(scipy_case(stats.chi2(300), {"df": 300}, extra=[100, 300, 301.5, 600, 1500]), chi2_funcs(300), positive=True),
    "chi2_1e5": with_mp(scipy_case(stats.chi2(1e5), {"df": 1e5}, extra=[9.8e4, 1e5, 1.02e5]), chi2_funcs(1e5), positive=True),
    "f_3_7": with_mp(scipy_case(stats.f(3, 7), {"dfn": 3, "dfd": 7}, extra=[1e-8, 1e4]), f_funcs(3, 7), positive=True),
    "f_1_1": with_mp(scipy_case(stats.f(1, 1), {"dfn": 1, "dfd": 1}, extra=[1e-10, 1e8]), f_funcs(1, 1), positive=True),
    "f_0.7_2.5": with_mp(scipy_case(stats.f(0.7, 2.5), {"dfn": 0.7, "dfd": 2.5}, extra=[1e-6, 1e3]), f_funcs(0.7, 2.5), positive=True),
    "f_50_200": with_mp(scipy_case(stats.f(50, 200), {"dfn": 50, "dfd": 200}, extra=[0.2, 1, 3.5]), f_funcs(50, 200), positive=True),
    "f_400_30": with_mp(scipy_case(stats.f(400, 30), {"dfn": 400, "dfd": 30}, extra=[0.5, 4]), f_funcs(400, 30), positive=True),
    "gpd_pos": scipy_case(stats.genpareto(0.3, 1.0, 2.0), {"shape": 0.3, "scale": 2.0, "loc": 1.0}, extra=[1, 1e-9 + 1, 1e4]),
    "gpd_zero": scipy_case(stats.genpareto(0.0, 0.0, 0.5), {"shape": 0.0, "scale": 0.5, "loc": 0.0}, extra=[30]),
    "gpd_tiny": scipy_case(stats.genpareto(1e-9, 0.0, 1.0), {"shape": 1e-9, "scale": 1.0, "loc": 0.0}, extra=[40]),
    "gpd_neg": scipy_case(stats.genpareto(-0.4, 0.0, 1.0), {"shape": -0.4, "scale": 1.0, "loc": 0.0},
                          extra=[2.499, 2.4999999, 2.5 - 1e-12]),
    "gev_pos": scipy_case(stats.genextreme(-0.25, 0.5, 2.0), {"shape": 0.25, "loc": 0.5, "scale": 2.0}, extra=[-7.4, 1e3]),
    "gev_zero": scipy_case(stats.genextreme(0.0, 0.0, 1.0), {"shape": 0.0, "loc": 0.0, "scale": 1.0}, extra=[-3.5, 40]),
    "gev_neg": scipy_case(stats.genextreme(0.3, 0.0, 1.0), {"shape": -0.3, "loc": 0.0, "scale": 1.0},
                          extra=[-6, 3.333, 3.3333333]),
}


def skewt_case(eta, lam, extra=()):
    d = SkewStudent()
    params = np.array([eta, lam])
    x = np.array(sorted(set(float(v) for v in d.ppf(np.array(P), params)) | set(float(v) for v in extra)))
    # Hansen's upper tail from scipy's t.sf (see the docstring).
    c = d._SkewStudent__const_c(params)
    a = d._SkewStudent__const_a(params)
    b = d._SkewStudent__const_b(params)
    scale = np.sqrt(eta / (eta - 2))
    sf = np.where(x < -a / b, 1 - (1 - lam) * stats.t.cdf((b * x + a) / (1 - lam) * scale, eta),
                  (1 + lam) * stats.t.sf((b * x + a) / (1 + lam) * scale, eta))
    logpdf = d.loglikelihood(params, x, np.ones_like(x), individual=True)
    case = {"df": eta, "lambda": lam, "x": x.tolist(), "logpdf": logpdf.tolist(), "pdf": np.exp(logpdf).tolist(),
            "cdf": d.cdf(x, params).tolist(), "sf": sf.tolist(), "p": P, "ppf": d.ppf(np.array(P), params).tolist(),
            "mean": 0.0, "variance": 1.0, "const_c": float(np.exp(c))}
    return with_mp(case, skewt_funcs(eta, lam), isf=False)


def skewt_funcs(eta, lam):
    eta, lam = mp.mpf(eta), mp.mpf(lam)
    c = mp.gamma((eta + 1) / 2) / (mp.sqrt(mp.pi * (eta - 2)) * mp.gamma(eta / 2))
    a = 4 * lam * c * (eta - 2) / (eta - 1)
    b = mp.sqrt(1 + 3 * lam * lam - a * a)
    s = mp.sqrt(eta / (eta - 2))
    tcdf, tsf, _ = t_funcs(eta)

    def cdf(x):
        if x < -a / b:
            return (1 - lam) * tcdf((b * x + a) / (1 - lam) * s)
        return 1 - (1 + lam) * tsf((b * x + a) / (1 + lam) * s)

    def sf(x):
        if x < -a / b:
            return 1 - (1 - lam) * tcdf((b * x + a) / (1 - lam) * s)
        return (1 + lam) * tsf((b * x + a) / (1 + lam) * s)

    def logpdf(x):
        side = 1 - lam if x < -a / b else 1 + lam
        r = (b * x + a) / side
        return mp.log(b) + mp.log(c) - (eta + 1) / 2 * mp.log(1 + r * r / (eta - 2))
    return cdf, sf, logpdf


cases["skewt_5_m0.3"] = skewt_case(5.0, -0.3, extra=[-40, -1, 0, 0.2, 30])
cases["skewt_8_0.5"] = skewt_case(8.0, 0.5, extra=[-20, 0.05, 25])
cases["skewt_2.5_0.8"] = skewt_case(2.5, 0.8, extra=[-3, 1e3])

# GEV moments for shapes down to 1e-9, where (Gamma(1 - xi) - 1)/xi and the variance's
# Gamma(1 - 2 xi) - Gamma(1 - xi)^2 cancel: 50-digit mpmath (scipy's genextreme.stats loses
# digits there).
xis = [1e-9, -1e-6, 0.004, -0.008, 0.03, -0.04, 0.25, -0.3, 0.45]
cases["gev_moments"] = {
    "shape": xis,
    "mean": [float((mp.gamma(1 - mp.mpf(x)) - 1) / mp.mpf(x)) for x in xis],
    "variance": [float((mp.gamma(1 - 2 * mp.mpf(x)) - mp.gamma(1 - mp.mpf(x)) ** 2) / mp.mpf(x) ** 2) for x in xis],
}

# Sampling check material: the Kolmogorov distribution is not needed, the Swift test computes
# the KS distance itself; nothing stochastic comes from Python.
out = {"library": f"scipy {scipy.__version__}, arch {arch.__version__}, numpy {np.__version__}", "cases": cases}
path = pathlib.Path(__file__).with_name("distributions.json")
path.write_text(json.dumps(out))
print(f"wrote {path}")
