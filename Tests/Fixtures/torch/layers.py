"""Reference outputs of torch.nn layers for the BarbellTorch module parity tests.

Generated with Debian's python3-torch 1.13 (the same libtorch the CTorch shim links).
Run from the repository root:

    /usr/bin/python3 Tests/Fixtures/torch/layers.py

Writes Tests/Fixtures/torch/layers.json: for each case, the layer's state_dict
(tensors as {"shape", "data"}), an input, and the eval-mode output (plus final
states for recurrent layers, and a training-mode step for BatchNorm1d).
Everything is float64 so the Swift side can compare within 1e-10. Also writes
layers_encoder_layer.pt and layers_batch_norm.pt with torch.save for the
state-dict file interop tests, and layers_script.pt (torch.jit.save of a
scripted LSTM predictor) for the TorchScript loading test.
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)


def tensor(t):
    t = t.detach().to(torch.float64)
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


def state(module):
    return {name: tensor(value) for name, value in module.state_dict().items()}


def grads(module, output):
    """Gradients of (output * output).sum() with respect to every parameter, by state_dict name."""
    module.zero_grad()
    (output * output).sum().backward()
    return {name: tensor(p.grad) for name, p in module.named_parameters()}


def randn(*shape):
    return torch.randn(*shape)


cases = {}

torch.manual_seed(1)
m = torch.nn.Linear(4, 3)
x = randn(2, 5, 4)
out = m(x)
cases["linear"] = {"state": state(m), "input": tensor(x), "output": tensor(out), "grads": grads(m, out)}

torch.manual_seed(2)
m = torch.nn.LayerNorm([3, 4])
with torch.no_grad():  # non-trivial affine parameters
    m.weight.uniform_(0.5, 1.5)
    m.bias.uniform_(-0.5, 0.5)
x = randn(2, 3, 4)
out = m(x)
cases["layer_norm"] = {"state": state(m), "input": tensor(x), "output": tensor(out), "grads": grads(m, out)}

torch.manual_seed(3)
m = torch.nn.Embedding(7, 3, padding_idx=2)
idx = torch.tensor([[0, 2, 6], [5, 1, 2]])
cases["embedding"] = {
    "state": state(m),
    "indices": [int(i) for i in idx.reshape(-1).tolist()],
    "index_shape": list(idx.shape),
    "output": tensor(m(idx)),
    "grads": grads(m, m(idx)),
}

for name, kwargs in {
    "lstm": dict(input_size=3, hidden_size=4),
    "lstm_stacked_bidirectional": dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True, batch_first=True),
}.items():
    torch.manual_seed(4)
    m = torch.nn.LSTM(**kwargs).eval()
    x = randn(2, 5, 3)  # (seq, batch, feat) or (batch, seq, feat)
    out, (h, c) = m(x)
    cases[name] = {"config": kwargs, "state": state(m), "input": tensor(x),
                   "output": tensor(out), "h": tensor(h), "c": tensor(c), "grads": grads(m, out)}

for name, kwargs in {
    "gru": dict(input_size=3, hidden_size=4),
    "gru_stacked_bidirectional": dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True, batch_first=True),
}.items():
    torch.manual_seed(5)
    m = torch.nn.GRU(**kwargs).eval()
    x = randn(2, 5, 3)
    out, h = m(x)
    cases[name] = {"config": kwargs, "state": state(m), "input": tensor(x), "output": tensor(out), "h": tensor(h),
                   "grads": grads(m, out)}

# LSTM with a given initial state.
torch.manual_seed(6)
m = torch.nn.LSTM(input_size=3, hidden_size=4, num_layers=2, batch_first=True).eval()
x, h0, c0 = randn(2, 5, 3), randn(2, 2, 4), randn(2, 2, 4)
out, (h, c) = m(x, (h0, c0))
cases["lstm_initial_state"] = {"config": dict(input_size=3, hidden_size=4, num_layers=2, batch_first=True),
                               "state": state(m), "input": tensor(x), "h0": tensor(h0), "c0": tensor(c0),
                               "output": tensor(out), "h": tensor(h), "c": tensor(c)}

torch.manual_seed(7)
m = torch.nn.BatchNorm1d(3)
with torch.no_grad():
    m.weight.uniform_(0.5, 1.5)
    m.bias.uniform_(-0.5, 0.5)
    m.running_mean.uniform_(-0.2, 0.2)
    m.running_var.uniform_(0.8, 1.2)
initial = state(m)
x = randn(4, 3, 5)
m.eval()
eval_out = m(x)
m.train()
train_out = m(x)
cases["batch_norm"] = {"state": initial, "input": tensor(x), "output": tensor(eval_out),
                       "train_output": tensor(train_out), "state_after_train": state(m),
                       "grads": grads(m, train_out)}

torch.manual_seed(8)
m = torch.nn.Conv1d(4, 6, kernel_size=3, stride=2, padding=1, dilation=1, groups=2)
x = randn(2, 4, 9)
out = m(x)
cases["conv1d"] = {"config": dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, padding=1, groups=2),
                   "state": state(m), "input": tensor(x), "output": tensor(out), "grads": grads(m, out)}

torch.manual_seed(9)
m = torch.nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True).eval()
with torch.no_grad():  # PyTorch initialises these biases to zero; make them matter
    m.in_proj_bias.uniform_(-0.3, 0.3)
    m.out_proj.bias.uniform_(-0.3, 0.3)
q, k = randn(2, 4, 8), randn(2, 6, 8)
v = randn(2, 6, 8)
out, weights = m(q, k, v)
cases["multihead_attention"] = {"state": state(m), "query": tensor(q), "key": tensor(k), "value": tensor(v),
                                "output": tensor(out), "weights": tensor(weights), "grads": grads(m, out)}

torch.manual_seed(10)
m = torch.nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.1, batch_first=True).eval()
with torch.no_grad():
    m.self_attn.in_proj_bias.uniform_(-0.3, 0.3)
    m.self_attn.out_proj.bias.uniform_(-0.3, 0.3)
    for norm in (m.norm1, m.norm2):
        norm.weight.uniform_(0.5, 1.5)
        norm.bias.uniform_(-0.5, 0.5)
x = randn(2, 5, 8)
out = m(x)
cases["transformer_encoder_layer"] = {"state": state(m), "input": tensor(x), "output": tensor(out),
                                      "grads": grads(m, out)}

torch.manual_seed(11)
layer = torch.nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, batch_first=True)
m = torch.nn.TransformerEncoder(layer, num_layers=2, norm=torch.nn.LayerNorm(8)).eval()
with torch.no_grad():  # break the deep-copy symmetry so a mis-named layer would show
    for p in m.parameters():
        p.add_(0.05 * torch.randn(p.shape))
x = randn(2, 5, 8)
cases["transformer_encoder"] = {"state": state(m), "input": tensor(x), "output": tensor(m(x))}

torch.manual_seed(15)
m = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Dropout(0.3), torch.nn.LayerNorm(6),
                        torch.nn.Linear(6, 2)).eval()
x = randn(3, 4)
out = m(x)
cases["sequential"] = {"state": state(m), "input": tensor(x), "output": tensor(out), "grads": grads(m, out)}

# Masked attention: a causal float mask plus a key padding mask (True = padded).
torch.manual_seed(14)
m = torch.nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, batch_first=True).eval()
x = randn(2, 5, 8)
causal = torch.nn.Transformer.generate_square_subsequent_mask(5)
padding = torch.tensor([[False, False, False, False, False], [False, False, False, True, True]])
out = m(x, src_mask=causal, src_key_padding_mask=padding)
attended, weights = m.self_attn(x, x, x, attn_mask=causal, key_padding_mask=padding)
cases["masked_encoder_layer"] = {"state": state(m), "input": tensor(x), "output": tensor(out),
                                 "key_padding": tensor(padding.double()), "attention_output": tensor(attended),
                                 "attention_weights": tensor(weights)}

# Sinusoidal positional encoding, computed the way the PyTorch tutorial does.
d_model, length = 6, 5
position = torch.arange(length).unsqueeze(1)
div_term = torch.exp(torch.arange(0, d_model, 2) * (-torch.log(torch.tensor(10000.0)) / d_model))
pe = torch.zeros(length, d_model)
pe[:, 0::2] = torch.sin(position * div_term)
pe[:, 1::2] = torch.cos(position * div_term)
torch.manual_seed(13)
x = randn(2, length, d_model)
cases["sinusoidal"] = {"state": {}, "input": tensor(x), "output": tensor(x + pe)}

# State-dict files written by torch.save (a plain dict: libtorch cannot rebuild an OrderedDict).
here = os.path.dirname(os.path.abspath(__file__))
encoder_layer = cases["transformer_encoder_layer"]["state"]
m = torch.nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, batch_first=True)
m.load_state_dict({k: torch.tensor(v["data"]).reshape(v["shape"]) for k, v in encoder_layer.items()})
torch.save(dict(m.state_dict()), os.path.join(here, "layers_encoder_layer.pt"))
m = torch.nn.BatchNorm1d(3)
m(randn(4, 3))  # one training step: num_batches_tracked becomes int64 1
torch.save(dict(m.state_dict()), os.path.join(here, "layers_batch_norm.pt"))
cases["batch_norm_file"] = {"state": state(m)}



class Predictor(torch.nn.Module):
    """A tiny LSTM regressor returning (prediction, final hidden state)."""

    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(3, 4, batch_first=True)
        self.head = torch.nn.Linear(4, 1)

    def forward(self, x):
        out, (h, c) = self.lstm(x)
        return self.head(out[:, -1]), h


torch.manual_seed(12)
m = torch.jit.script(Predictor().eval())
x = randn(2, 5, 3)
prediction, h = m(x)
torch.jit.save(m, os.path.join(here, "layers_script.pt"))
cases["script"] = {"state": {}, "input": tensor(x), "output": tensor(prediction), "h": tensor(h)}

path = os.path.join(here, "layers.json")
with open(path, "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {path} ({os.path.getsize(path)} bytes)")
