#!/usr/bin/env python3
"""Reference values of the digamma function psi(x) = d log Gamma(x)/dx for BarbellQuant's
SpecialFunctions.digamma, from scipy.special.digamma (scipy 1.17), checked against mpmath 1.3 at
50 digits (mpmath.digamma, keys `mp_psi`): scipy's psi is Cephes', accurate to a few ulps.

    pip install scipy==1.17.* mpmath==1.3.0
    python3 Tests/Fixtures/quant/digamma.py      # writes Tests/Fixtures/quant/digamma.json

The x grid covers tiny arguments (psi ~ -1/x), the neighbourhood of the root x0 = 1.4616...,
the switch of the recurrence to the asymptotic series (x = 10), half-integers as used for
Student-t degrees of freedom, and large arguments.
"""
import json
import pathlib

import mpmath as mp
import numpy as np
import scipy
from scipy import special

mp.mp.dps = 50
x = [1e-300, 1e-10, 1e-3, 0.1, 0.5, 1.0, 1.4, 1.4616321449683622, 1.5, 2.0, 2.05, 2.5, 3.7, 5.5,
     9.999, 10.0, 10.5, 12.3, 25.0, 50.5, 100.0, 102.5, 1e3, 1e6, 1e10, 1e100, 1e300]
out = {"library": f"scipy {scipy.__version__} (special.digamma), mpmath {mp.__version__} (50 digits)",
       "cases": {"digamma": {"x": x, "psi": [float(special.digamma(a)) for a in x],
                             "mp_psi": [float(mp.digamma(mp.mpf(a))) for a in x]}}}
(pathlib.Path(__file__).with_suffix(".json")).write_text(json.dumps(out))
