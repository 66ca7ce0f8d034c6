#!/usr/bin/python3
"""Zoo parity fixtures for BarbellTorch, from PyTorch 1.13 (Debian python3-torch, same libtorch).

    /usr/bin/python3 Tests/Fixtures/torch/zoo.py     # writes zoo_<arch>.pt and zoo.json here

The PyTorch reference of each zoo architecture (Sources/BarbellTorch/Zoo), float64, eval mode,
torch.manual_seed(5): its state dict saved as torch.save(dict(model.state_dict())), an input
(4 x 7 x 3) and the output. Configuration: features 3, hidden 8, layers 2, dropout 0.1, heads 2,
3 outputs.
"""
import json
import math
import pathlib

import torch
from torch import nn

here = pathlib.Path(__file__).resolve().parent
torch.manual_seed(5)
F, H, L, P, HEADS, O = 3, 8, 2, 0.1, 2, 3


class LSTMPredictor(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(F, H, L, batch_first=True, dropout=P)
        self.norm = nn.BatchNorm1d(H)
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(H, O)

    def forward(self, x):
        return self.head(self.dropout(self.norm(self.lstm(x)[0][:, -1])))


class MultiHorizonHead(nn.ModuleList):
    """Sources/BarbellTorch/Zoo/PredictionHead.swift: one Linear-ReLU-Linear per output, named 0, 1, ..."""
    def __init__(self, n, outputs):
        super().__init__([nn.Sequential(nn.Linear(n, n), nn.ReLU(), nn.Linear(n, 1)) for _ in range(outputs)])

    def forward(self, x):
        return torch.cat([h(x) for h in self], -1)


class LSTMMultiHorizon(LSTMPredictor):
    def __init__(self):
        super().__init__()
        self.head = MultiHorizonHead(H, O)


class GRUPredictor(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(F, H, L, batch_first=True, dropout=P)
        self.norm = nn.LayerNorm(H)
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(H, O)

    def forward(self, x):
        return self.head(self.dropout(self.norm(self.gru(x)[0][:, -1])))


def sinusoidal(length, d):
    position = torch.arange(length, dtype=torch.float64).unsqueeze(1)
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(10000.0) / d))
    pe = torch.zeros(length, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * div)
    pe[:, 1::2] = torch.cos(position * div)
    return pe


class TransformerPredictor(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(F, H)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(H, HEADS, 4 * H, P, batch_first=True), L)
        self.head = nn.Linear(H, O)

    def forward(self, x):
        e = self.embed(x)
        e = e + sinusoidal(e.shape[1], H).to(e.dtype)
        return self.head(self.encoder(e)[:, -1])


out = {"library": f"torch {torch.__version__}", "cases": {}}
x = torch.randn(4, 7, F, dtype=torch.float64)
for name, cls in [("lstm", LSTMPredictor), ("gru", GRUPredictor), ("transformer", TransformerPredictor),
                  ("lstm@multi-horizon", LSTMMultiHorizon)]:
    model = cls().double()
    if name.startswith("lstm"):  # give BatchNorm non-trivial running statistics
        model.train()
        with torch.no_grad():
            for _ in range(3):
                model(torch.randn(16, 7, F, dtype=torch.float64))
    model.eval()
    with torch.no_grad():
        y = model(x)
    torch.save(dict(model.state_dict()), here / f"zoo_{name}.pt")
    out["cases"][name] = {"output": y.flatten().tolist()}
out["input"] = x.flatten().tolist()
(here / "zoo.json").write_text(json.dumps(out))
