"""In-place helpers and item assignment against torch (exact), plus torch's rules on when an
in-place change is allowed: never on a leaf that requires grad while grad mode is on, and (our
stricter rule) never on a tensor that is part of a graph; always inside no_grad()."""

import numpy as np
import pytest
import scratch_nn as snn
import torch
from parity import numpy_dtype

OPERATIONS = [
    ("zero_", lambda x: x.zero_()), ("fill_", lambda x: x.fill_(2.5)),
    ("copy_", lambda x: x.copy_(x * 0 + 3)),
    ("add_", lambda x: x.add_(1.5)), ("add_-alpha", lambda x: x.add_(x * 1, alpha=2)),
    ("sub_", lambda x: x.sub_(0.5)), ("mul_", lambda x: x.mul_(3)), ("div_", lambda x: x.div_(4)),
    ("clamp_", lambda x: x.clamp_(-0.5, 0.5)), ("iadd", lambda x: x.__iadd__(1)),
    ("isub", lambda x: x.__isub__(x * 1)), ("imul", lambda x: x.__imul__(2)), ("itruediv", lambda x: x.__itruediv__(2)),
    ("setitem-int", lambda x: x.__setitem__(1, 9.0)), ("setitem-slice", lambda x: x.__setitem__(slice(1, 3), -1.0)),
    ("setitem-mask", lambda x: x.__setitem__(x > 0, 0.0)),
    ("setitem-list", lambda x: x.__setitem__([0, 3], 7.0)),
]


@pytest.mark.parametrize("operation", [op for _, op in OPERATIONS], ids=[name for name, _ in OPERATIONS])
def test_inplace_operation_matches_torch(operation, rng):
    array = rng.standard_normal(4).astype(np.float32)
    ours, theirs = snn.tensor(array), torch.tensor(array)
    returned = operation(ours)
    operation(theirs)
    np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-6)
    assert ours.dtype == numpy_dtype(theirs.dtype)
    if returned is not None:
        assert returned is ours


def test_setitem_with_a_tensor_value_and_tensor_index():
    ours, theirs = snn.zeros(3, 2), torch.zeros(3, 2)
    ours[snn.tensor([0, 2])] = snn.ones(2)
    theirs[torch.tensor([0, 2])] = torch.ones(2)
    np.testing.assert_array_equal(ours.data, theirs.numpy())


def test_leaf_requiring_grad_refuses_inplace_unless_no_grad_like_torch():
    for lib in (snn, torch):
        weight = lib.ones(3, requires_grad=True)
        with pytest.raises(RuntimeError, match="leaf"):
            weight.add_(1)
        with pytest.raises(RuntimeError, match="leaf"):
            weight[0] = 5.0
        with lib.no_grad():
            weight -= 0.5 * lib.ones(3)
            weight[0] = 2.0
        assert weight.is_leaf and weight.requires_grad
        assert weight.tolist() == [2.0, 0.5, 0.5]


def test_gradient_descent_step_keeps_the_parameter_object():
    weight = snn.tensor([1.0, 2.0], requires_grad=True)
    (weight * weight).sum().backward()
    before = weight
    with snn.no_grad():
        weight -= 0.1 * weight.grad
    assert weight is before and weight.tolist() == pytest.approx([0.8, 1.6])
    weight.grad.zero_()
    assert weight.grad.tolist() == [0.0, 0.0]


def test_inplace_on_a_graph_tensor_is_refused():
    hidden = snn.ones(3, requires_grad=True) * 2
    with pytest.raises(RuntimeError, match="part of a graph"):
        hidden.mul_(2)


def test_assigning_a_tensor_that_requires_grad_is_refused():
    target = snn.zeros(3)
    with pytest.raises(RuntimeError, match="not differentiable"):
        target[0] = snn.ones((), requires_grad=True) * 2


def test_inplace_errors_name_the_problem():
    with pytest.raises(ValueError, match=r"add_: cannot apply to a tensor of shape \(3,\)"):
        snn.zeros(3).add_(snn.zeros(4))
    with pytest.raises(TypeError, match="dtype int64"):
        snn.zeros(3, dtype=snn.int64).add_(0.5)
    with pytest.raises(TypeError, match="true division"):
        snn.zeros(3, dtype=snn.int64).div_(2)
    with pytest.raises(RuntimeError, match="read-only"):
        snn.zeros(1).expand(3).fill_(1.0)
    with pytest.raises(ValueError, match=r"source of shape \(4,\) does not broadcast to \(3,\)"):
        snn.zeros(3).copy_(np.ones(4))
    with pytest.raises(ValueError, match="at least one of min and max"):
        snn.zeros(3).clamp_()
