"""nn.Parameter against torch.nn.Parameter: a leaf that requires grad, sharing the data it wraps,
with torch's repr; and the nn / nn.functional namespaces hold what torch's do for these names."""

import numpy as np
import scratch_nn as snn
import torch


def test_parameter_is_a_leaf_tensor_that_requires_grad_like_torch():
    data = snn.randn(3, 2)
    ours, theirs = snn.nn.Parameter(data), torch.nn.Parameter(torch.randn(3, 2))
    assert isinstance(ours, snn.Tensor) and isinstance(theirs, torch.Tensor)
    assert ours.requires_grad == theirs.requires_grad is True
    assert ours.is_leaf and theirs.is_leaf
    assert ours.data is data.data  # shared, as torch.nn.Parameter(t) shares t's storage
    frozen = snn.nn.Parameter(data, requires_grad=False)
    assert not frozen.requires_grad and not torch.nn.Parameter(torch.ones(1), requires_grad=False).requires_grad


def test_parameter_repr_matches_torch():
    values = np.array([[1.0, -2.5]], dtype=np.float32)
    assert repr(snn.nn.Parameter(snn.tensor(values))) == repr(torch.nn.Parameter(torch.tensor(values)))
    assert repr(snn.nn.Parameter(snn.tensor(values), requires_grad=False)) == repr(
        torch.nn.Parameter(torch.tensor(values), requires_grad=False))


def test_empty_parameter_and_numpy_data():
    assert snn.nn.Parameter().shape == tuple(torch.nn.Parameter().shape) == (0,)
    assert snn.nn.Parameter(np.ones(2)).dtype == snn.float64


def test_parameter_trains_like_any_leaf():
    weight = snn.nn.Parameter(snn.tensor([1.0, -1.0]))
    (weight * weight).sum().backward()
    np.testing.assert_array_equal(weight.grad.data, [2.0, -2.0])
    assert type(weight.grad) is snn.Tensor
    assert type(weight * 2) is snn.Tensor  # op results are plain tensors, as in torch


def test_namespaces_export_the_documented_names():
    for name in ("relu", "leaky_relu", "gelu", "sigmoid", "tanh", "softmax", "log_softmax", "dropout", "linear"):
        assert callable(getattr(snn.nn.functional, name)) and hasattr(torch.nn.functional, name)
    # every name scratch_nn.nn exports is torch.nn's name for the same thing
    assert {"Parameter", "functional", "Module", "Linear"} <= set(snn.nn.__all__)
    assert [name for name in snn.nn.__all__ if not hasattr(torch.nn, name)] == []
    for name in snn.__all__:
        assert hasattr(snn, name), name
    for builtin in ("abs", "max", "min", "sum", "pow", "float", "int", "bool"):  # attributes, not star-exported
        assert hasattr(snn, builtin) and builtin not in snn.__all__
