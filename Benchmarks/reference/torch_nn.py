#!/usr/bin/python3
"""PyTorch eager reference for `barbell-bench nn` (issue 6), on Debian's python3-torch 1.13 — the
same libtorch the Swift side links.

    /usr/bin/python3 Benchmarks/reference/torch_nn.py [--threads N] [--steps 50]

Cases (float32, seeded inputs, AdamW, MSE):
  lstm-step         LSTM(32 -> 64) over 60 steps, batch 64, Linear(64 -> 1) head on the last step:
                    forward + backward + optimizer step, ms per training step (median)
  transformer-step  Linear(32 -> 128), 4-layer TransformerEncoder (d_model 128, 8 heads, ff 512,
                    dropout 0.1, batch_first), Linear head on the last position; same measure
  lstm-infer        the LSTM predictor on one sequence (1 x 60 x 32) under no_grad, eval mode:
                    p50 and p99 latency in microseconds over 2,000 calls
"""
import argparse
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=torch.get_num_threads() or 1)
parser.add_argument("--steps", type=int, default=50)
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)


class LSTMPredictor(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(32, 64, batch_first=True)
        self.head = torch.nn.Linear(64, 1)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1])


class TransformerPredictor(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Linear(32, 128)
        layer = torch.nn.TransformerEncoderLayer(128, 8, 512, 0.1, batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, 4)
        self.head = torch.nn.Linear(128, 1)

    def forward(self, x):
        return self.head(self.encoder(self.embed(x))[:, -1])


def step_time(model):
    x = torch.randn(64, 60, 32)
    y = torch.randn(64, 1)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    model.train()
    times = []
    for i in range(args.steps + 5):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        if i >= 5:
            times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2] * 1e3


def latency(model):
    model.eval()
    x = torch.randn(1, 60, 32)
    samples = []
    with torch.no_grad():
        for i in range(2_200):
            t0 = time.perf_counter()
            model(x)
            if i >= 200:
                samples.append(time.perf_counter() - t0)
    samples.sort()
    return samples[len(samples) // 2] * 1e6, samples[int(len(samples) * 0.99)] * 1e6


print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
print(f"lstm-step         {step_time(LSTMPredictor()):9.2f} ms per step (median of {args.steps})")
print(f"transformer-step  {step_time(TransformerPredictor()):9.2f} ms per step (median of {args.steps})")
p50, p99 = latency(LSTMPredictor())
print(f"lstm-infer        p50 {p50:8.1f} us   p99 {p99:8.1f} us (batch 1, 2,000 calls)")
