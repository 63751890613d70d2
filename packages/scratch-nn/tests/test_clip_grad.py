"""scratch_nn.nn.utils gradient clipping against torch.nn.utils on the same gradients.

The returned total norm and every clipped gradient must agree: float64 to 1e-10 and float32 to
1e-5 (rtol and atol; our clip factor is computed in float64 and rounded once, torch's in float32).
"""

import math

import numpy as np
import pytest
import scratch_nn as snn
import torch

SHAPES = [(3, 4), (5,), (2, 1, 3)]
TOLERANCE = {np.float64: 1e-10, np.float32: 1e-5}


def parameters_with_gradients(dtype, scale=1.0, seed=0, missing=None):
    rng = np.random.default_rng(seed)
    ours, theirs = [], []
    for index, shape in enumerate(SHAPES):
        value, grad = rng.standard_normal(shape).astype(dtype), (scale * rng.standard_normal(shape)).astype(dtype)
        our_param, torch_param = snn.nn.Parameter(snn.tensor(value)), torch.nn.Parameter(torch.tensor(value))
        if index != missing:
            our_param.grad, torch_param.grad = snn.tensor(grad.copy()), torch.tensor(grad.copy())
        ours.append(our_param)
        theirs.append(torch_param)
    return ours, theirs


def assert_same_gradients(ours, theirs, dtype):
    for our_param, torch_param in zip(ours, theirs):
        if torch_param.grad is None:
            assert our_param.grad is None
            continue
        assert our_param.grad.dtype == np.dtype(dtype)
        np.testing.assert_allclose(our_param.grad.data, torch_param.grad.numpy(), rtol=TOLERANCE[dtype],
                                   atol=TOLERANCE[dtype])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("norm_type", [2.0, 1, math.inf, 3.5, 0, -math.inf, "inf"])
@pytest.mark.parametrize("max_norm", [0.5, 1e3])  # clips, and leaves alone (factor 1)
def test_clip_grad_norm_matches_torch(max_norm, norm_type, dtype):
    ours, theirs = parameters_with_gradients(dtype, missing=1)
    norm_type = float(norm_type)
    our_total = snn.nn.utils.clip_grad_norm_(ours, max_norm, norm_type=norm_type)
    torch_total = torch.nn.utils.clip_grad_norm_(theirs, max_norm, norm_type=norm_type)
    assert our_total.dtype == np.dtype(dtype) and our_total.shape == ()
    np.testing.assert_allclose(our_total.item(), torch_total.item(), rtol=TOLERANCE[dtype])
    assert_same_gradients(ours, theirs, dtype)


def test_clipped_norm_is_max_norm_and_gradients_keep_their_arrays():
    ours, _ = parameters_with_gradients(np.float64, scale=10.0)
    arrays = [param.grad.data for param in ours]
    total = snn.nn.utils.clip_grad_norm_(ours, max_norm=2.0)
    assert total.item() > 2.0
    assert all(param.grad.data is array for param, array in zip(ours, arrays))  # in place, as torch
    after = snn.nn.utils.get_total_norm([param.grad for param in ours]).item()
    assert after == pytest.approx(2.0, rel=1e-6)


def test_get_total_norm_and_clip_grads_with_norm_match_torch():
    ours, theirs = parameters_with_gradients(np.float64)
    our_total = snn.nn.utils.get_total_norm([param.grad for param in ours], norm_type=3.0)
    torch_total = torch.nn.utils.get_total_norm([param.grad for param in theirs], norm_type=3.0)
    assert our_total.item() == pytest.approx(torch_total.item(), rel=1e-12)
    snn.nn.utils.clip_grads_with_norm_(ours, 0.3, our_total)
    torch.nn.utils.clip_grads_with_norm_(theirs, 0.3, torch_total)
    assert_same_gradients(ours, theirs, np.float64)


def test_a_single_tensor_and_no_gradients():
    ours, theirs = parameters_with_gradients(np.float32)
    our_total = snn.nn.utils.clip_grad_norm_(ours[0], 0.1)
    torch_total = torch.nn.utils.clip_grad_norm_(theirs[0], 0.1)
    assert our_total.item() == pytest.approx(torch_total.item(), rel=1e-6)
    assert_same_gradients(ours, theirs, np.float32)
    empty = snn.nn.utils.clip_grad_norm_([snn.nn.Parameter(snn.zeros(2))], 1.0)
    assert empty.item() == torch.nn.utils.clip_grad_norm_([torch.nn.Parameter(torch.zeros(2))], 1.0).item() == 0.0
    assert empty.dtype == np.float32


def test_non_finite_total_norm():
    ours, theirs = parameters_with_gradients(np.float64)
    ours[0].grad.data[0, 0] = theirs[0].grad[0, 0] = math.inf
    with pytest.raises(RuntimeError, match="non-finite"):
        snn.nn.utils.clip_grad_norm_(ours, 1.0, error_if_nonfinite=True)
    our_total = snn.nn.utils.clip_grad_norm_(ours, 1.0)  # default: clip anyway, as torch does
    torch_total = torch.nn.utils.clip_grad_norm_(theirs, 1.0)
    assert our_total.item() == torch_total.item() == math.inf
    for our_param, torch_param in zip(ours, theirs):
        np.testing.assert_array_equal(our_param.grad.data, torch_param.grad.numpy())  # zeros and one nan


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_clip_grad_value_matches_torch(dtype):
    ours, theirs = parameters_with_gradients(dtype, missing=0)
    assert snn.nn.utils.clip_grad_value_(ours, 0.4) is None
    torch.nn.utils.clip_grad_value_(theirs, 0.4)
    assert_same_gradients(ours, theirs, dtype)


def test_bad_arguments():
    ours, _ = parameters_with_gradients(np.float64)
    with pytest.raises(TypeError, match="max_norm must be a number"):
        snn.nn.utils.clip_grad_norm_(ours, "1.0")
    with pytest.raises(TypeError, match="clip_value must be a number"):
        snn.nn.utils.clip_grad_value_(ours, None)
    with pytest.raises(TypeError, match="expected Tensors"):
        snn.nn.utils.clip_grad_norm_([np.ones(3)], 1.0)
    with pytest.raises(ValueError):
        snn.nn.utils.clip_grad_norm_(ours, 1.0, norm_type="fro")
