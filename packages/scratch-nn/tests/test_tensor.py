"""The Tensor's own surface against torch: attributes, conversions, Python protocols, dtype
inference and promotion, and the deterministic factory functions (exact equality)."""

import numpy as np
import pytest
import scratch_nn as snn
import torch
from parity import numpy_dtype


def test_attributes_match_torch(rng):
    array = rng.standard_normal((2, 3, 4)).astype(np.float32)
    ours, theirs = snn.tensor(array), torch.tensor(array)
    assert ours.shape == tuple(theirs.shape) == ours.size()
    assert ours.size(1) == theirs.size(1) and ours.size(-1) == theirs.size(-1)
    assert ours.ndim == theirs.ndim == ours.dim()
    assert ours.numel() == theirs.numel()
    assert ours.dtype == numpy_dtype(theirs.dtype) == snn.float32
    assert ours.device == "cpu" and ours.is_leaf and not ours.requires_grad and ours.grad is None
    assert len(ours) == len(theirs)
    np.testing.assert_array_equal(ours.numpy(), theirs.numpy())
    assert ours.tolist() == theirs.tolist()


def test_item_and_python_number_conversions_match_torch():
    for value in (2.5, -3, True):
        ours, theirs = snn.tensor(value), torch.tensor(value)
        assert ours.item() == theirs.item() and type(ours.item()) is type(theirs.item())
    ours, theirs = snn.tensor([3.75]), torch.tensor([3.75])
    assert float(ours) == float(theirs) and int(ours) == int(theirs) and bool(ours) == bool(theirs)
    assert [10, 20, 30][snn.tensor(1)] == 20  # __index__


def test_numpy_shares_memory_and_refuses_when_grad_is_tracked():
    x = snn.zeros(3)
    x.numpy()[0] = 5.0
    assert x[0].item() == 5.0
    with pytest.raises(RuntimeError, match="detach"):
        snn.zeros(3, requires_grad=True).numpy()
    with pytest.raises(RuntimeError, match="detach"):
        torch.zeros(3, requires_grad=True).numpy()


def test_numpy_interop_operators_return_tensors():
    x = snn.ones(3)
    for result in (np.ones(3) + x, np.ones(3) * x, x - np.ones(3)):
        assert isinstance(result, snn.Tensor)
    assert np.asarray(x).dtype == np.float32
    np.testing.assert_array_equal(np.asarray(x, dtype=np.float64), np.ones(3))


def test_tensors_are_hashable_by_identity_like_torch():
    a, b = snn.ones(2), snn.ones(2)
    assert len({a, b, a}) == 2
    assert isinstance(a == b, snn.Tensor)


def test_iteration_yields_rows():
    rows = list(snn.arange(6).reshape(3, 2))
    assert [row.tolist() for row in rows] == [[0, 1], [2, 3], [4, 5]]


def test_repr_looks_like_torch():
    assert repr(snn.tensor([1.0, 2.0])) == "tensor([1., 2.])"
    assert repr(snn.tensor([1, 2])) == repr(torch.tensor([1, 2]))
    assert repr(snn.tensor([1.0], dtype=snn.float64)) == "tensor([1.], dtype=float64)"
    assert repr(snn.tensor([1.0], requires_grad=True)) == repr(torch.tensor([1.0], requires_grad=True))
    x = snn.tensor([1.0], requires_grad=True)
    assert repr(x * 2) == "tensor([2.], grad_fn=<MulBackward0>)"
    assert repr(torch.tensor([1.0], requires_grad=True) * 2) == "tensor([2.], grad_fn=<MulBackward0>)"


@pytest.mark.parametrize("data", [
    [1.0, 2.0], [1, 2], [True, False], 3.5, 7, [[1, 2.5]], [],
    np.array([1.0, 2.0]), np.array([1.0], dtype=np.float32), np.array([1, 2], dtype=np.int32),
    np.array([1, 2], dtype=np.int64), np.array([True]), np.float64(2.0),
])
def test_tensor_infers_dtype_like_torch(data):
    ours, theirs = snn.tensor(data), torch.tensor(data)
    assert ours.dtype == numpy_dtype(theirs.dtype)
    assert ours.shape == tuple(theirs.shape)
    np.testing.assert_array_equal(ours.data, theirs.numpy())


def test_tensor_copies_but_from_numpy_shares():
    array = np.zeros(3)
    copied, shared = snn.tensor(array), snn.from_numpy(array)
    array[0] = 1.0
    assert copied[0].item() == 0.0 and shared[0].item() == 1.0
    assert shared.dtype == snn.float64
    assert snn.tensor(snn.ones(2)).data is not snn.ones(2).data


def test_tensor_with_explicit_dtype_and_names():
    assert snn.tensor([1, 2], dtype=snn.float64).dtype == np.float64
    assert snn.tensor([1.5], dtype="float64").dtype == np.float64
    assert snn.tensor([1.7], dtype=snn.long).tolist() == torch.tensor([1.7], dtype=torch.long).tolist()
    assert (snn.float, snn.double, snn.long, snn.int, snn.bool) == (
        snn.float32, snn.float64, snn.int64, snn.int32, snn.bool_)


def test_default_dtype_can_be_switched_to_float64():
    try:
        snn.set_default_dtype(snn.float64)
        assert snn.tensor([1.0]).dtype == np.float64 and snn.zeros(2).dtype == np.float64
        assert (snn.tensor([1, 2]) / 2).dtype == np.float64
    finally:
        snn.set_default_dtype(snn.float32)
    assert snn.get_default_dtype() == snn.float32 and snn.tensor([1.0]).dtype == np.float32


# ------------------------------------------------------------------ dtype promotion and preservation
DTYPES = [np.float32, np.float64, np.int64, np.int32, np.bool_]
TORCH = {np.float32: torch.float32, np.float64: torch.float64, np.int64: torch.int64,
         np.int32: torch.int32, np.bool_: torch.bool}


@pytest.mark.parametrize("left", DTYPES)
@pytest.mark.parametrize("right", DTYPES)
@pytest.mark.parametrize("right_shape", [(3,), ()])
def test_binary_promotion_matches_torch(left, right, right_shape):
    a = np.ones(3, dtype=left)
    b = np.ones(right_shape, dtype=right)
    ours = snn.tensor(a) * snn.tensor(b)
    theirs = torch.tensor(a) * torch.tensor(b)
    assert ours.dtype == numpy_dtype(theirs.dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("scalar", [2, 2.5, True, np.float64(2.5), np.int64(2)])
def test_python_and_numpy_scalars_are_weak_like_torch(dtype, scalar):
    ours = snn.tensor(np.ones(3, dtype=dtype)) + scalar
    theirs = torch.tensor(np.ones(3, dtype=dtype)) + (scalar.item() if isinstance(scalar, np.generic) else scalar)
    assert ours.dtype == numpy_dtype(theirs.dtype)


def test_integer_true_division_gives_default_float_like_torch():
    ours, theirs = snn.tensor([1, 2]) / 2, torch.tensor([1, 2]) / 2
    assert ours.dtype == numpy_dtype(theirs.dtype) == np.float32


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_a_whole_network_step_preserves_dtype(dtype, rng):
    x = snn.tensor(rng.standard_normal((4, 3)).astype(dtype))
    w = snn.tensor(rng.standard_normal((5, 3)).astype(dtype), requires_grad=True)
    b = snn.tensor(np.zeros(5, dtype=dtype), requires_grad=True)
    h = snn.nn.functional.gelu(snn.nn.functional.linear(x, w, b)) * 0.5 + 1
    h = snn.nn.functional.dropout(h, 0.1, generator=snn.Generator().manual_seed(0))
    loss = (h.log_softmax(-1)[snn.arange(4), snn.tensor([0, 1, 2, 3])].mean() + h.var() + h.std(0).sum()
            + h.sigmoid().tanh().sqrt().sum() + h.exp().log().abs().max() + (h ** 2).mean() + h.logsumexp(1).sum())
    assert loss.dtype == dtype
    loss.backward()
    assert w.grad.dtype == dtype and b.grad.dtype == dtype


# ------------------------------------------------------------------ deterministic factories
FACTORIES = [
    ("zeros", lambda lib: lib.zeros(2, 3)), ("zeros-tuple", lambda lib: lib.zeros((2, 3))),
    ("zeros-int", lambda lib: lib.zeros(2, dtype=lib.int64)), ("ones", lambda lib: lib.ones([3])),
    ("ones-f64", lambda lib: lib.ones(2, 2, dtype=lib.float64)),
    ("full-float", lambda lib: lib.full((2, 2), 1.5)), ("full-int", lambda lib: lib.full((3,), 7)),
    ("full-bool", lambda lib: lib.full((2,), True)), ("full-dtype", lambda lib: lib.full((2,), 7, dtype=lib.float64)),
    ("arange-int", lambda lib: lib.arange(5)), ("arange-range", lambda lib: lib.arange(2, 9, 3)),
    ("arange-float", lambda lib: lib.arange(0, 1, 0.1)), ("arange-negative", lambda lib: lib.arange(5, -1, -1.5)),
    ("arange-dtype", lambda lib: lib.arange(4, dtype=lib.float64)), ("arange-empty", lambda lib: lib.arange(0)),
    ("eye", lambda lib: lib.eye(3)), ("eye-rect", lambda lib: lib.eye(2, 4, dtype=lib.float64)),
    ("zeros_like", lambda lib: lib.zeros_like(lib.ones(2, 3, dtype=lib.float64))),
    ("ones_like", lambda lib: lib.ones_like(lib.arange(3))),
    ("full_like", lambda lib: lib.full_like(lib.ones(2), 4.0)),
    ("zeros-0d", lambda lib: lib.zeros(())), ("ones-empty", lambda lib: lib.ones(0, 3)),
]


@pytest.mark.parametrize("factory", [f for _, f in FACTORIES], ids=[name for name, _ in FACTORIES])
def test_factory_matches_torch(factory):
    ours, theirs = factory(snn), factory(torch)
    assert ours.dtype == numpy_dtype(theirs.dtype) and ours.shape == tuple(theirs.shape)
    np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-7, atol=0)


def test_empty_has_the_shape_and_dtype_asked_for():
    ours, theirs = snn.empty(2, 3, dtype=snn.float64), torch.empty(2, 3, dtype=torch.float64)
    assert ours.shape == tuple(theirs.shape) and ours.dtype == numpy_dtype(theirs.dtype)


def test_factories_can_make_leaves_that_require_grad():
    for tensor in (snn.zeros(2, requires_grad=True), snn.ones(2, requires_grad=True),
                   snn.full((2,), 1.0, requires_grad=True), snn.randn(2, requires_grad=True),
                   snn.tensor([1.0], requires_grad=True), snn.arange(0.0, 2.0, requires_grad=True)):
        assert tensor.requires_grad and tensor.is_leaf


def test_to_cpu_and_contiguous_keep_the_tensor():
    x = snn.ones(2, 3)
    assert x.to("cpu") is x and x.cpu() is x and x.contiguous() is x and x.to(snn.float32) is x
    transposed = x.T
    assert transposed.contiguous().data.flags.c_contiguous
