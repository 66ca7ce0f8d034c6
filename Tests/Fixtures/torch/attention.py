#!/usr/bin/python3
"""Reference attention weights of the zoo's Transformer-style models, from PyTorch 1.13 (Debian
python3-torch, the same libtorch as BarbellTorch).

    /usr/bin/python3 Tests/Fixtures/torch/attention.py   # writes attention.json here

Reads the state dicts and inputs that zoo.py (transformer) and zoo_conv.py (market-transformer,
multiscale-attention) saved, and computes, float64, eval mode, per sample (a row of 7 weights):
- transformer / market-transformer: the last position's self-attention row, as returned by
  nn.MultiheadAttention (need_weights=True: averaged over heads), averaged over the encoder layers
  (the market model with its per-layer volume/volatility score bias as the float src_mask);
- multiscale-attention: each scale's attention of the last step over its last s steps (averaged
  over heads), zero-padded on the left to the 7 steps, averaged over the scales.
"""
import json
import math
import pathlib

import torch
from torch import nn

here = pathlib.Path(__file__).resolve().parent
F, H, L, P, HEADS, SCALES, O = 3, 8, 2, 0.1, 2, [2, 4, 7], 3
VOLUME, VOLATILITY = 1, 2


def sinusoidal(length, d):
    position = torch.arange(length, dtype=torch.float64).unsqueeze(1)
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(10000.0) / d))
    pe = torch.zeros(length, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * div)
    pe[:, 1::2] = torch.cos(position * div)
    return pe


class Transformer(nn.Module):
    def __init__(self, market):
        super().__init__()
        if market:
            self.volume_bias = nn.Parameter(torch.zeros(L, HEADS))
            self.volatility_bias = nn.Parameter(torch.zeros(L, HEADS))
        self.market = market
        self.embed = nn.Linear(F, H)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(H, HEADS, 4 * H, P, batch_first=True), L)
        self.head = nn.Linear(H, O)

    @staticmethod
    def standardised(x):
        centred = x - x.mean(1, keepdim=True)
        return (centred / torch.sqrt(x.var(1, unbiased=False, keepdim=True) + 1e-5)).unsqueeze(1)

    def attention(self, x):
        batch, steps = x.shape[0], x.shape[1]
        e = self.embed(x) + sinusoidal(steps, H)
        rows = []
        for l, layer in enumerate(self.encoder.layers):
            mask = None
            if self.market:
                zvol, zsig = self.standardised(x[:, :, VOLUME]), self.standardised(x[:, :, VOLATILITY])
                by_key = self.volume_bias[l].view(1, HEADS, 1) * zvol + self.volatility_bias[l].view(1, HEADS, 1) * zsig
                mask = by_key.unsqueeze(2).expand(batch, HEADS, steps, steps).reshape(batch * HEADS, steps, steps)
            _, w = layer.self_attn(e, e, e, attn_mask=mask, need_weights=True)
            rows.append(w[:, -1])
            e = layer(e, src_mask=mask)
        return torch.stack(rows).mean(0)


class MultiScale(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(F, H)
        self.attention = nn.ModuleList([nn.MultiheadAttention(H, HEADS, batch_first=True) for _ in SCALES])
        self.fuse = nn.Linear(len(SCALES) * H, H)
        self.norm = nn.LayerNorm(H)
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(H, O)

    def attention_weights(self, x):
        steps = x.shape[1]
        e = self.embed(x) + sinusoidal(steps, H)
        q = e[:, -1:]
        rows = []
        for s, att in zip(SCALES, self.attention):
            w = att(q, e[:, -s:], e[:, -s:], need_weights=True)[1].squeeze(1)
            rows.append(torch.nn.functional.pad(w, (steps - s, 0)))
        return torch.stack(rows).mean(0)


out = {"library": f"torch {torch.__version__}", "cases": {}}
for name, source in [("transformer", "zoo.json"), ("market-transformer", "zoo_conv.json"),
                     ("multiscale-attention", "zoo_conv.json")]:
    x = torch.tensor(json.loads((here / source).read_text())["input"], dtype=torch.float64).reshape(4, 7, F)
    model = (MultiScale() if name == "multiscale-attention" else Transformer(name == "market-transformer")).double()
    model.load_state_dict(torch.load(here / f"zoo_{name}.pt"))
    model.eval()
    with torch.no_grad():
        w = model.attention_weights(x) if name == "multiscale-attention" else model.attention(x)
    out["cases"][name] = {"input": x.flatten().tolist(), "weights": w.flatten().tolist()}
(here / "attention.json").write_text(json.dumps(out))
