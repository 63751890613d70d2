"""Parity of a whole layer (a Module) with torch's: the same weights, the same inputs, every output
and then every gradient (of each input and each parameter) compared.

    ours, theirs = build_pair(torch.nn.LSTM(4, 6, num_layers=2), snn.nn.LSTM, dict(...), np.float64)
    assert_module_parity(ours, theirs, [x, h0, c0], np.float64, call=lambda m, x, h, c: m(x, (h, c)))

build_pair copies torch's freshly initialized state_dict into ours, after checking that both
state_dicts have the same keys in the same order (the names are the contract that lets weights
move between the two libraries). Tolerance: parity.TOLERANCE (float64 1e-8, float32 1e-4).
"""

import numpy as np
import torch
from parity import TOLERANCE, assert_same_tensor, make_inputs

TORCH_DTYPE = {np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64}


def build_pair(torch_module, our_class, kwargs, dtype):
    """(ours, theirs) with torch's weights in ours; torch_module is cast to `dtype`."""
    theirs = torch_module.to(TORCH_DTYPE[np.dtype(dtype)])
    ours = our_class(**kwargs, dtype=np.dtype(dtype))
    state = {name: value.detach().numpy() for name, value in theirs.state_dict().items()}
    assert list(ours.state_dict()) == list(state), "parameter names or order differ from torch's"
    ours.load_state_dict(state)
    return ours, theirs


def flatten(output):
    """Nested tuples/lists of tensors -> a flat list (None entries dropped)."""
    if output is None:
        return []
    if isinstance(output, (tuple, list)):
        return [item for part in output for item in flatten(part)]
    return [output]


def assert_module_parity(ours, theirs, arrays, dtype, call=None, seed=0):
    """Run both modules on the same inputs; compare outputs, input gradients and parameter gradients."""
    dtype = np.dtype(dtype)
    tolerance = TOLERANCE[dtype]
    call = call or (lambda module, *inputs: module(*inputs))
    ours_in, theirs_in = make_inputs(arrays, dtype)
    ours_out, theirs_out = flatten(call(ours, *ours_in)), flatten(call(theirs, *theirs_in))
    assert len(ours_out) == len(theirs_out), f"{len(ours_out)} outputs, torch gives {len(theirs_out)}"
    for k, (mine, reference) in enumerate(zip(ours_out, theirs_out)):
        assert_same_tensor(mine, reference, tolerance, f"output {k}")
    weights = np.random.default_rng(seed)
    our_total, torch_total = 0, 0
    for mine, reference in zip(ours_out, theirs_out):
        w = weights.standard_normal(mine.shape).astype(mine.dtype)
        our_total = our_total + (mine * w).sum()
        torch_total = torch_total + (reference * torch.from_numpy(w)).sum()
    our_total.backward()
    torch_total.backward()
    for i, (mine, reference) in enumerate(zip(ours_in, theirs_in)):
        if isinstance(reference, torch.Tensor) and reference.requires_grad:
            assert (mine.grad is None) == (reference.grad is None), f"input {i}: gradient presence differs"
            if reference.grad is not None:
                assert_same_tensor(mine.grad, reference.grad, tolerance, f"gradient of input {i}")
    our_params = dict(ours.named_parameters())
    for name, reference in theirs.named_parameters():
        mine = our_params[name]
        assert (mine.grad is None) == (reference.grad is None), f"{name}: gradient presence differs"
        if reference.grad is not None:
            assert_same_tensor(mine.grad, reference.grad, tolerance, f"gradient of {name}")
    return ours_out
