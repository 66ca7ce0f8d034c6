#!/usr/bin/python3
"""Zoo parity fixtures for the convolutional and attention variants, from PyTorch 1.13 (Debian
python3-torch, the same libtorch as BarbellTorch).

    /usr/bin/python3 Tests/Fixtures/torch/zoo_conv.py   # writes zoo_<arch>.pt and zoo_conv.json here

The PyTorch reference of each model in Sources/BarbellTorch/Zoo (MarketTransformerPredictor,
MultiScaleAttentionPredictor, CNNPredictor, CNNLSTMPredictor, TCNPredictor), float64, eval mode,
torch.manual_seed(17): its state dict saved as torch.save(dict(model.state_dict())), an input
(4 x 7 x 3) and the output. Configuration (ZooTests.configuration): features 3 (column 1 volume,
column 2 volatility), hidden 8, layers 2, dropout 0.1, heads 2, kernel 3, scales [2, 4, 7],
3 outputs. Models with batch normalisation first see three training batches so their running
statistics are not trivial; the market Transformer's bias weights are set non-zero.
"""
import json
import math
import pathlib

import torch
import torch.nn.functional as fn
from torch import nn

here = pathlib.Path(__file__).resolve().parent
torch.manual_seed(17)
F, H, L, P, HEADS, K, SCALES, O = 3, 8, 2, 0.1, 2, 3, [2, 4, 7], 3
VOLUME, VOLATILITY = 1, 2


def sinusoidal(length, d):
    position = torch.arange(length, dtype=torch.float64).unsqueeze(1)
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(10000.0) / d))
    pe = torch.zeros(length, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * div)
    pe[:, 1::2] = torch.cos(position * div)
    return pe


class MarketTransformer(nn.Module):
    """Transformer encoder; score(i, j) of head h in layer l += a[l, h] * zvol_j + b[l, h] * zsigma_j."""
    def __init__(self):
        super().__init__()
        self.volume_bias = nn.Parameter(torch.zeros(L, HEADS))
        self.volatility_bias = nn.Parameter(torch.zeros(L, HEADS))
        self.embed = nn.Linear(F, H)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(H, HEADS, 4 * H, P, batch_first=True), L)
        self.head = nn.Linear(H, O)

    @staticmethod
    def standardised(x):  # [batch, T] -> [batch, 1, T]
        centred = x - x.mean(1, keepdim=True)
        return (centred / torch.sqrt(x.var(1, unbiased=False, keepdim=True) + 1e-5)).unsqueeze(1)

    def forward(self, x):
        batch, steps = x.shape[0], x.shape[1]
        zvol, zsig = self.standardised(x[:, :, VOLUME]), self.standardised(x[:, :, VOLATILITY])
        e = self.embed(x)
        e = e + sinusoidal(steps, H).to(e.dtype)
        for l, layer in enumerate(self.encoder.layers):
            by_key = self.volume_bias[l].view(1, HEADS, 1) * zvol + self.volatility_bias[l].view(1, HEADS, 1) * zsig
            mask = by_key.unsqueeze(2).expand(batch, HEADS, steps, steps).reshape(batch * HEADS, steps, steps)
            e = layer(e, src_mask=mask)
        return self.head(e[:, -1])


class MultiScaleAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(F, H)
        self.attention = nn.ModuleList([nn.MultiheadAttention(H, HEADS, batch_first=True) for _ in SCALES])
        self.fuse = nn.Linear(len(SCALES) * H, H)
        self.norm = nn.LayerNorm(H)
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(H, O)

    def forward(self, x):
        e = self.embed(x)
        e = e + sinusoidal(e.shape[1], H).to(e.dtype)
        q = e[:, -1:]
        contexts = [att(q, e[:, -s:], e[:, -s:])[0].squeeze(1) for s, att in zip(SCALES, self.attention)]
        return self.head(self.dropout(self.norm(fn.gelu(self.fuse(torch.cat(contexts, 1))))))


class CausalConv1d(nn.Conv1d):
    """Conv1d on input padded with (kernel - 1) * dilation zeros on the left only."""
    def forward(self, x):
        return super().forward(fn.pad(x, ((self.kernel_size[0] - 1) * self.dilation[0], 0)))


class CausalConvBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = CausalConv1d(cin, cout, K)
        self.norm = nn.BatchNorm1d(cout)
        self.dropout = nn.Dropout(P)

    def forward(self, x):
        return self.dropout(torch.relu(self.norm(self.conv(x))))


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([CausalConvBlock(F if i == 0 else H, H) for i in range(L)])
        self.head = nn.Linear(2 * H, O)

    def forward(self, x):
        h = x.permute(0, 2, 1)
        for block in self.blocks:
            h = block(h)
        return self.head(torch.cat([h.mean(2), h[:, :, -1]], 1))


class CNNLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = CausalConvBlock(F, H)
        self.lstm = nn.LSTM(H, H, L, batch_first=True, dropout=P)
        self.dropout = nn.Dropout(P)
        self.head = nn.Linear(H, O)

    def forward(self, x):
        local = self.conv(x.permute(0, 2, 1)).permute(0, 2, 1)
        return self.head(self.dropout(self.lstm(local)[0][:, -1]))


class TemporalBlock(nn.Module):
    """Bai, Kolter & Koltun (2018) residual block without weight normalisation."""
    def __init__(self, cin, cout, dilation):
        super().__init__()
        self.conv1 = CausalConv1d(cin, cout, K, dilation=dilation)
        self.dropout1 = nn.Dropout(P)
        self.conv2 = CausalConv1d(cout, cout, K, dilation=dilation)
        self.dropout2 = nn.Dropout(P)
        self.downsample = nn.Conv1d(cin, cout, 1) if cin != cout else None

    def forward(self, x):
        out = self.dropout2(torch.relu(self.conv2(self.dropout1(torch.relu(self.conv1(x))))))
        return torch.relu(out + (x if self.downsample is None else self.downsample(x)))


class TCN(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([TemporalBlock(F if i == 0 else H, H, 2 ** i) for i in range(L)])
        self.head = nn.Linear(H, O)

    def forward(self, x):
        h = x.permute(0, 2, 1)
        for block in self.blocks:
            h = block(h)
        return self.head(h[:, :, -1])


out = {"library": f"torch {torch.__version__}", "cases": {}}
x = torch.randn(4, 7, F, dtype=torch.float64)
for name, cls in [("market-transformer", MarketTransformer), ("multiscale-attention", MultiScaleAttention),
                  ("cnn", CNN), ("cnn-lstm", CNNLSTM), ("tcn", TCN)]:
    model = cls().double()
    if name == "market-transformer":  # exercise the bias: non-zero, different per layer and head
        with torch.no_grad():
            model.volume_bias.copy_(torch.randn(L, HEADS, dtype=torch.float64))
            model.volatility_bias.copy_(torch.randn(L, HEADS, dtype=torch.float64))
    if name in ("cnn", "cnn-lstm"):  # give BatchNorm non-trivial running statistics
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
(here / "zoo_conv.json").write_text(json.dumps(out))
