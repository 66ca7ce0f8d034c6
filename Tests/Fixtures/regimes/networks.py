#!/usr/bin/env python3
"""Reference correlation networks for BarbellRegimes' Networks/, from SciPy 1.17.1 and networkx 3.6.1
(numpy 2.4.6, pandas 3.1.1).

    pip install scipy==1.17.1 networkx==3.6.1 pandas numpy
    python3 Tests/Fixtures/regimes/networks.py     # writes Tests/Fixtures/regimes/networks.json

Data: the 20 stocks of Samples/skfolio_sp500_dataset.csv.gz, simple daily returns (p_t / p_{t-1} - 1,
pandas' pct_change) dated 2018-01-01 .. 2022-12-31, columns in the file's order.
Cases:
  sp500: pandas corr (pairwise Pearson), the correlation distance sqrt((1 - rho)/2); its minimum
    spanning tree (scipy.sparse.csgraph.minimum_spanning_tree; rows [a, b, d] with a < b sorted by d)
    and total weight; scipy.cluster.hierarchy.linkage(squareform(d), m) for m in single/average/ward
    and fcluster(Z, k, "maxclust") for k = 1..20 (row k-1); networkx centralities: strength
    G.degree(weight) on the similarity graph w = max(rho, 0) (no self-loops), closeness_centrality
    (T, distance="weight") and betweenness_centrality(T, weight="weight") on the tree T,
    eigenvector_centrality_numpy(G, weight="weight"); Louvain: louvain_communities(G, weight="weight",
    seed=s) for s = 0..19, each partition as a label vector (louvain_labels, row s) with its
    community.modularity (louvain_modularity), and the best (louvain_best).
  sp500_gapped: the same returns with AMD's before 2019-07-01 and XOM's first 100 set to NaN:
    pandas' pairwise-complete corr.
  random40: 40 seeded Gaussian points in 6 dimensions, Euclidean distance matrix, linkages and
    fcluster cuts as above (a second geometry for average/Ward).
"""
import json
import pathlib

import networkx as nx
import numpy as np
import pandas as pd
import scipy
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.spatial.distance import pdist, squareform

root = pathlib.Path(__file__).resolve().parents[3]
prices = pd.read_csv(root / "Samples/skfolio_sp500_dataset.csv.gz", index_col=0, parse_dates=True)
returns = prices.pct_change()
returns = returns[(returns.index >= "2018-01-01") & (returns.index <= "2022-12-31")]
names = list(returns.columns)


def linkages(d, case):
    n = d.shape[0]
    condensed = squareform(d, checks=False)
    for m in ("single", "average", "ward"):
        z = linkage(condensed, method=m)
        case[f"linkage_{m}"] = z.tolist()
        case[f"fcluster_{m}"] = [fcluster(z, k, criterion="maxclust").astype(float).tolist() for k in range(1, n + 1)]


cases = {}
rho = returns.corr().to_numpy()
d = np.sqrt(np.clip((1 - rho) / 2, 0, 1))
np.fill_diagonal(d, 0)
case = {"correlation": rho.tolist(), "distance": d.tolist()}
tree = minimum_spanning_tree(d).tocoo()
edges = sorted((min(a, b), max(a, b), w) for a, b, w in zip(tree.row.tolist(), tree.col.tolist(), tree.data.tolist()))
edges.sort(key=lambda e: (e[2], e[0], e[1]))
case["mst"] = [[float(a), float(b), w] for a, b, w in edges]
case["mst_total"] = float(sum(e[2] for e in edges))
linkages(d, case)

n = len(names)
G = nx.Graph()
G.add_nodes_from(range(n))
for i in range(n):
    for j in range(i + 1, n):
        if rho[i, j] > 0:
            G.add_edge(i, j, weight=float(rho[i, j]))
T = nx.Graph()
T.add_nodes_from(range(n))
for a, b, w in edges:
    T.add_edge(a, b, weight=w)
case["strength"] = [float(G.degree(i, weight="weight")) for i in range(n)]
closeness = nx.closeness_centrality(T, distance="weight")
case["closeness"] = [closeness[i] for i in range(n)]
betweenness = nx.betweenness_centrality(T, weight="weight")
case["betweenness"] = [betweenness[i] for i in range(n)]
eig = nx.eigenvector_centrality_numpy(G, weight="weight")
case["eigenvector"] = [eig[i] for i in range(n)]
labels, mods = [], []
for s in range(20):
    parts = nx.community.louvain_communities(G, weight="weight", seed=s)
    lab = [0.0] * n
    for c, part in enumerate(sorted(parts, key=min)):
        for i in part:
            lab[i] = float(c)
    labels.append(lab)
    mods.append(nx.community.modularity(G, parts, weight="weight"))
case["louvain_labels"] = labels
case["louvain_modularity"] = mods
case["louvain_best"] = max(mods)
cases["sp500"] = case

gapped = returns.copy()
gapped.loc[gapped.index < "2019-07-01", "AMD"] = np.nan
gapped.iloc[:100, names.index("XOM")] = np.nan
cases["sp500_gapped"] = {"correlation": gapped.corr().to_numpy().tolist()}

rng = np.random.default_rng(20261122)
points = rng.standard_normal((40, 6))
dr = squareform(pdist(points))
case = {"distance": dr.tolist()}
linkages(dr, case)
cases["random40"] = case

out = {"library": f"scipy {scipy.__version__}, networkx {nx.__version__}, numpy {np.__version__}, pandas {pd.__version__}",
       "cases": cases}
(pathlib.Path(__file__).with_suffix(".json")).write_text(json.dumps(out))
