"""Reference values for the probability of backtest overfitting (Tests/BarbellBacktestTests).

A transcription with numpy 1.26 / scipy 1.17 (scipy.stats.rankdata) of the CSCV procedure of
Bailey, Borwein, López de Prado & Zhu, "The Probability of Backtest Overfitting" (2015), sec. 2.
Inputs: 12 bundled skfolio stocks' daily returns as "trials" (600 days), and a seeded matrix in
which one trial has real skill. Run from the repository root:
    python3 Tests/Fixtures/backtest/pbo.py
"""
import itertools
import json

import numpy as np
import pandas as pd
import scipy
from scipy.stats import rankdata


def cscv(m, s):
    size = len(m) // s
    m = m[len(m) - size * s:]
    blocks = [m[b * size:(b + 1) * size] for b in range(s)]
    logits, ins, oos = [], [], []
    for comb in itertools.combinations(range(s), s // 2):
        train = np.vstack([blocks[b] for b in comb])
        test = np.vstack([blocks[b] for b in range(s) if b not in comb])
        r_is = train.mean(0) / train.std(0, ddof=1)
        r_oos = test.mean(0) / test.std(0, ddof=1)
        best = int(np.argmax(r_is))
        omega = rankdata(r_oos)[best] / (m.shape[1] + 1)
        logits.append(float(np.log(omega / (1 - omega))))
        ins.append(float(r_is[best]))
        oos.append(float(r_oos[best]))
    logits = np.array(logits)
    return {"logits": logits.tolist(), "pbo": float(np.mean(logits <= 0)), "inSample": ins, "outOfSample": oos,
            "probabilityOfLoss": float(np.mean(np.array(oos) < 0))}


prices = pd.read_csv("Samples/skfolio_sp500_dataset.csv.gz", index_col=0, parse_dates=True)
stocks = prices.pct_change().iloc[-600:, :12].to_numpy()
rng = np.random.default_rng(7)
skilled = rng.normal(0, 0.01, size=(600, 12))
skilled[:, 3] += 0.002
cases = [{"name": "12 stocks, 600 days, S=10", "blocks": 10, "returns": stocks.tolist(), **cscv(stocks, 10)},
         {"name": "one skilled trial of 12, S=8", "blocks": 8, "returns": skilled.tolist(), **cscv(skilled, 8)}]
json.dump({"library": f"numpy {np.__version__}, scipy {scipy.__version__}", "cases": cases},
          open("Tests/Fixtures/backtest/pbo.json", "w"))
