"""The parity harness: run one computation in scratch_nn and in torch on the same inputs, then
compare every output (dtype, shape, values) and the gradient of every input.

    assert_parity(lambda a, b: a @ b, lambda a, b: a @ b, [array_a, array_b], dtype)

How a case runs:
  1. each float numpy input becomes a leaf in both libraries (requires_grad=True, cast to
     `dtype`); integer/bool arrays become constant tensors; anything else is passed as is;
  2. both functions run; outputs may be a tensor or a (named) tuple of tensors;
  3. outputs must agree in dtype, shape and values;
  4. the scalar L = sum_k sum(out_k * w_k), with the same random weights w_k in both, is
     differentiated, and every input's .grad must agree (None on both sides where unused).

Tolerance (rtol and atol alike): float64 1e-8, float32 1e-4 (a float32 tensor is always held to
1e-4, even in a float64 case). Integer and bool outputs are exact.
Other packages' tests may import this module too (layers, losses, optimizers).
"""

import numpy as np
import scratch_nn as snn
import torch

TOLERANCE = {np.dtype(np.float64): 1e-8, np.dtype(np.float32): 1e-4}

TORCH_DTYPES = {
    torch.float16: np.dtype(np.float16), torch.float32: np.dtype(np.float32),
    torch.float64: np.dtype(np.float64), torch.int8: np.dtype(np.int8), torch.uint8: np.dtype(np.uint8),
    torch.int16: np.dtype(np.int16), torch.int32: np.dtype(np.int32), torch.int64: np.dtype(np.int64),
    torch.bool: np.dtype(np.bool_),
}


def numpy_dtype(torch_dtype):
    return TORCH_DTYPES[torch_dtype]


def make_inputs(arrays, dtype, requires_grad=True):
    """The same inputs for both libraries: (ours, theirs), as lists."""
    ours, theirs = [], []
    for value in arrays:
        if isinstance(value, np.ndarray) and value.dtype.kind == "f":
            value = value.astype(dtype)
            ours.append(snn.tensor(value, requires_grad=requires_grad))
            theirs.append(torch.tensor(value, requires_grad=requires_grad))
        elif isinstance(value, np.ndarray):
            ours.append(snn.tensor(value))
            theirs.append(torch.tensor(value))
        else:
            ours.append(value)
            theirs.append(value)
    return ours, theirs


def _as_list(output):
    return list(output) if isinstance(output, (tuple, list)) else [output]


def assert_same_tensor(ours, theirs, tolerance, what="output"):
    """dtype, shape and values of our Tensor against a torch tensor."""
    assert isinstance(ours, snn.Tensor), f"{what}: expected a scratch_nn.Tensor, got {type(ours).__name__}"
    expected = theirs.detach().numpy()
    assert ours.dtype == numpy_dtype(theirs.dtype), f"{what}: dtype {ours.dtype} != torch's {theirs.dtype}"
    assert ours.shape == tuple(theirs.shape), f"{what}: shape {ours.shape} != torch's {tuple(theirs.shape)}"
    if expected.dtype.kind in "biu":
        np.testing.assert_array_equal(ours.data, expected, err_msg=what)
    else:
        # subtle: a float32 result of a float64 case (x.float()) is held to float32's tolerance
        tolerance = max(tolerance, TOLERANCE.get(ours.dtype, 1e-3))
        np.testing.assert_allclose(ours.data, expected, rtol=tolerance, atol=tolerance, err_msg=what)


def assert_parity(our_function, torch_function, arrays, dtype=np.float64, *, grad=True, seed=0):
    """Run both functions on the same inputs; compare outputs and input gradients (see module doc)."""
    dtype = np.dtype(dtype)
    tolerance = TOLERANCE[dtype]
    ours_in, theirs_in = make_inputs(arrays, dtype, requires_grad=grad)
    ours_out = _as_list(our_function(*ours_in))
    theirs_out = _as_list(torch_function(*theirs_in))
    assert len(ours_out) == len(theirs_out), f"{len(ours_out)} outputs, torch gives {len(theirs_out)}"
    for k, (ours, theirs) in enumerate(zip(ours_out, theirs_out)):
        assert_same_tensor(ours, theirs, tolerance, f"output {k}")
        assert ours.requires_grad == theirs.requires_grad, f"output {k}: requires_grad differs from torch"
    differentiable = [(o, t) for o, t in zip(ours_out, theirs_out) if t.requires_grad]
    if not grad or not differentiable:
        return ours_out
    weights = np.random.default_rng(seed)
    our_total, torch_total = 0, 0
    for ours, theirs in differentiable:
        w = weights.standard_normal(ours.shape).astype(ours.dtype)
        our_total = our_total + (ours * snn.tensor(w)).sum()
        torch_total = torch_total + (theirs * torch.tensor(w)).sum()
    our_total.backward()
    torch_total.backward()
    for i, (ours, theirs) in enumerate(zip(ours_in, theirs_in)):
        if not isinstance(theirs, torch.Tensor) or not theirs.requires_grad:
            continue
        if theirs.grad is None:
            assert ours.grad is None, f"input {i}: torch has no gradient but we have one"
            continue
        assert ours.grad is not None, f"input {i}: torch has a gradient but ours is None"
        assert_same_tensor(ours.grad, theirs.grad, tolerance, f"gradient of input {i}")
    return ours_out
