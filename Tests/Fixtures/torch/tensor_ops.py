"""Reference forward values for BarbellTorch tensor ops (TensorOpsFixtureTests).

Generated with PyTorch 1.13 (Debian's python3-torch, the same libtorch the shim links),
in float64, for ops whose values have no obvious closed form: gelu, softplus,
logsumexp, var/std (unbiased and biased), softmax / log_softmax, cumsum.

Run from the repository root:
    /usr/bin/python3 Tests/Fixtures/torch/tensor_ops.py
It rewrites Tests/Fixtures/torch/tensor_ops.json next to this script.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

# Fixed inputs (no RNG): spans negatives, zero, large magnitudes (softplus's linear
# branch above 20, gelu's tails) and a 2-D matrix for dim-wise reductions.
vector = [-25.0, -6.5, -2.0, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.3, 1.0, 2.5, 7.0, 19.5, 21.0, 40.0]
matrix_rows = [
    [0.5, -1.25, 3.0, 2.0],
    [-4.0, 0.0, 1.5, 1000.0],
    [2.2, 2.2, -0.7, 0.1],
]

v = torch.tensor(vector)
m = torch.tensor(matrix_rows)


def values(t):
    return t.reshape(-1).tolist()


cases = {
    "gelu": values(F.gelu(v)),
    "softplus": values(F.softplus(v)),
    "sigmoid": values(torch.sigmoid(v)),
    "logsumexp_all": values(torch.logsumexp(m.reshape(-1), 0)),
    "logsumexp_dim1": values(torch.logsumexp(m, 1)),
    "logsumexp_dim0": values(torch.logsumexp(m, 0)),
    "var_unbiased_all": values(torch.var(m, unbiased=True)),
    "var_biased_all": values(torch.var(m, unbiased=False)),
    "var_unbiased_dim1": values(torch.var(m, 1, unbiased=True)),
    "var_biased_dim0": values(torch.var(m, 0, unbiased=False)),
    "std_unbiased_all": values(torch.std(m, unbiased=True)),
    "std_unbiased_dim1": values(torch.std(m, 1, unbiased=True)),
    "std_biased_dim0": values(torch.std(m, 0, unbiased=False)),
    "softmax_dim1": values(torch.softmax(m, 1)),
    "softmax_dim0": values(torch.softmax(m, 0)),
    "log_softmax_dim1": values(torch.log_softmax(m, 1)),
    "cumsum_dim1": values(torch.cumsum(m, 1)),
}

out = {
    "torch_version": torch.__version__,
    "vector": vector,
    "matrix": {"shape": list(m.shape), "values": values(m)},
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tensor_ops.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
