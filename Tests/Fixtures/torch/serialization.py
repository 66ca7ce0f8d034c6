#!/usr/bin/python3
"""Serialization fixtures for BarbellTorch, from PyTorch 1.13 (Debian python3-torch, the same
libtorch the Swift package links).

    /usr/bin/python3 Tests/Fixtures/torch/serialization.py            # writes the files below
    /usr/bin/python3 Tests/Fixtures/torch/serialization.py --check F  # loads a state dict F written
                                                                      # by Barbell and prints it

Writes, next to this script:
  serialization_state_dict.pt  torch.save(dict(model.state_dict())) of a float64 MLP
                               (Linear(3, 4) -> Tanh -> Linear(4, 2), torch.manual_seed(7))
  serialization_ordered.pt     torch.save(model.state_dict()), the bare OrderedDict, which
                               libtorch 1.13's C++ unpickler cannot read (the error is tested)
  serialization_script.pt      torch.jit.save(torch.jit.script(model)) of the same model
  serialization.json           the state dict's names (in order) and values, an input (5 x 3) and
                               the model's output on it
"""
import json
import pathlib
import sys

import torch

here = pathlib.Path(__file__).resolve().parent

if len(sys.argv) == 3 and sys.argv[1] == "--check":
    d = torch.load(sys.argv[2])
    print(type(d).__name__, {k: (tuple(v.shape), str(v.dtype)) for k, v in d.items()})
    sys.exit(0)

torch.manual_seed(7)
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2)).double().eval()
x = torch.randn(5, 3, dtype=torch.float64)
with torch.no_grad():
    y = model(x)
torch.save(dict(model.state_dict()), here / "serialization_state_dict.pt")
torch.save(model.state_dict(), here / "serialization_ordered.pt")
torch.jit.save(torch.jit.script(model), here / "serialization_script.pt")
state = model.state_dict()
out = {
    "library": f"torch {torch.__version__}",
    "names": list(state.keys()),
    "values": {k: v.flatten().tolist() for k, v in state.items()},
    "shapes": {k: list(v.shape) for k, v in state.items()},
    "input": x.flatten().tolist(),
    "output": y.flatten().tolist(),
}
(here / "serialization.json").write_text(json.dumps(out, indent=1))
