#!/usr/bin/python3
"""Parity fixtures for the zoo's recurrent variants, from PyTorch 1.13 (Debian python3-torch, same libtorch).

    /usr/bin/python3 Tests/Fixtures/torch/zoo_recurrent.py   # writes zoo_<arch>.pt and zoo_recurrent.json here

The PyTorch reference of each recurrent variant (Sources/BarbellTorch/Zoo/*Predictor.swift,
AttentionPooling.swift), float64, eval mode, torch.manual_seed(11): its state dict saved as
torch.save(dict(model.state_dict())), an input (4 x 7 x 3) and the output. Configuration as in
ZooTests.configuration: features 3, hidden 8, layers 2, dropout 0.1, 3 outputs, linear head.
LayerNorm scales and shifts are drawn away from 1 and 0 so that a swapped or unloaded one shows.
"""
import json
import math
import pathlib

import torch
from torch import nn

here = pathlib.Path(__file__).resolve().parent
torch.manual_seed(11)
F, H, L, P, O = 3, 8, 2, 0.1, 3


class AttentionPooling(nn.Module):
    """Additive (Bahdanau) pooling: score_t = v^T tanh(W h_t + b), softmax over t, sum_t w_t h_t."""
    def __init__(self, width, attention):
        super().__init__()
        self.projection = nn.Linear(width, attention)
        self.score = nn.Linear(attention, 1, bias=False)

    def weights(self, h):
        return torch.softmax(self.score(torch.tanh(self.projection(h))).squeeze(-1), dim=1)

    def forward(self, h):
        return (self.weights(h).unsqueeze(-1) * h).sum(1)


def sinusoidal(length, d):
    position = torch.arange(length, dtype=torch.float64).unsqueeze(1)
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(10000.0) / d))
    pe = torch.zeros(length, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * div)
    pe[:, 1::2] = torch.cos(position * div)
    return pe


class BiLSTMAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(F, H, L, batch_first=True, dropout=P, bidirectional=True)
        self.attention = AttentionPooling(2 * H, H)
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(2 * H, O)

    def forward(self, x):
        return self.head(self.dropout(self.attention(self.lstm(x)[0])))


class ResidualLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.projection = nn.Linear(F, H)
        self.lstms = nn.ModuleList([nn.LSTM(H, H, 1, batch_first=True) for _ in range(L)])
        self.norms = nn.ModuleList([nn.LayerNorm(H) for _ in range(L)])
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(H, O)

    def forward(self, x):
        h = self.projection(x)
        for lstm, norm in zip(self.lstms, self.norms):
            h = norm(h + self.dropout(lstm(h)[0]))
        return self.head(h[:, -1])


class AttentionGRU(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(F, H)
        self.gru = nn.GRU(H, H, L, batch_first=True, dropout=P)
        self.attention = AttentionPooling(H, H)
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(H, O)

    def forward(self, x):
        e = self.embed(x)
        e = e + sinusoidal(e.shape[1], H).to(e.dtype)
        return self.head(self.dropout(self.attention(self.gru(e)[0])))


class BiGRUFusion(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(F, H, L, batch_first=True, dropout=P, bidirectional=True)
        self.features = nn.Linear(F, H)
        self.fusion = nn.Linear(3 * H, H)
        self.norm = nn.LayerNorm(H)
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(H, O)

    def forward(self, x):
        out = self.gru(x)[0]
        # Forward direction's final state (last step) and backward direction's final state (first step).
        summary = torch.cat([out[:, -1, :H], out[:, 0, H:]], -1)
        fused = torch.cat([summary, self.features(x[:, -1])], -1)
        return self.head(self.dropout(self.norm(nn.functional.gelu(self.fusion(fused)))))


out = {"library": f"torch {torch.__version__}", "cases": {}}
x = torch.randn(4, 7, F, dtype=torch.float64)
for name, cls in [("bilstm-attention", BiLSTMAttention), ("residual-lstm", ResidualLSTM),
                  ("attention-gru", AttentionGRU), ("bigru-fusion", BiGRUFusion)]:
    model = cls().double()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.LayerNorm):
                m.weight.normal_(1, 0.2)
                m.bias.normal_(0, 0.2)
    model.eval()
    with torch.no_grad():
        y = model(x)
    torch.save(dict(model.state_dict()), here / f"zoo_{name}.pt")
    out["cases"][name] = {"output": y.flatten().tolist()}
out["input"] = x.flatten().tolist()
(here / "zoo_recurrent.json").write_text(json.dumps(out))
