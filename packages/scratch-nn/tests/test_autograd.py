"""Autograd semantics, each compared with torch where torch defines the behaviour: gradient
accumulation, retain_graph and the freed-graph error, no_grad/enable_grad, detach, retain_grad,
non-scalar backward, deep graphs (iterative topological sort) and graph memory release."""

import gc
import threading
import weakref

import numpy as np
import pytest
import scratch_nn as snn
import torch
from parity import assert_parity

TOLERANCE = 1e-12  # float64, exact same arithmetic


def leaves(rng, *shapes):
    arrays = [rng.standard_normal(shape) for shape in shapes]
    return ([snn.tensor(a, requires_grad=True) for a in arrays],
            [torch.tensor(a, requires_grad=True) for a in arrays])


def assert_grads_equal(ours, theirs):
    for o, t in zip(ours, theirs):
        if t.grad is None:
            assert o.grad is None
        else:
            np.testing.assert_allclose(o.grad.data, t.grad.numpy(), rtol=TOLERANCE, atol=TOLERANCE)


def test_gradients_accumulate_over_backward_calls_like_torch(rng):
    ours, theirs = leaves(rng, (3,), (3,))
    for lib, (x, y) in ((snn, ours), (torch, theirs)):
        (x * y).sum().backward()
        (x * x).sum().backward()  # a second, separate graph adds into x.grad
    assert_grads_equal(ours, theirs)


def test_leaf_used_many_times_in_one_graph_sums_every_path(rng):
    # x feeds a product, a sum, a reshape and a diamond; every path must add into x.grad
    def expression(lib, x, y):
        m = y * 3
        z = x + m  # x and m receive the same upstream array
        w = (z * x).sum() + (x.reshape(3, 2) @ m.reshape(2, 3)).sum() + (x + x).sum()
        return w + lib.tanh(x).sum()

    ours, theirs = leaves(rng, (6,), (6,))
    expression(snn, *ours).backward()
    expression(torch, *theirs).backward()
    assert_grads_equal(ours, theirs)


def test_grad_arrays_are_private_to_each_leaf(rng):
    (a, b), _ = leaves(rng, (4,), (4,))
    (a + b).sum().backward()  # the same gradient array reaches both leaves
    assert a.grad.data is not b.grad.data
    a.grad.zero_()
    np.testing.assert_array_equal(b.grad.data, np.ones(4))
    (a + b).sum().backward()  # the second pass accumulates in place, into private arrays
    np.testing.assert_array_equal(a.grad.data, np.ones(4))
    np.testing.assert_array_equal(b.grad.data, 2 * np.ones(4))


def test_second_backward_through_freed_graph_raises_like_torch(rng):
    (x,), (tx,) = leaves(rng, (3,))
    y, ty = (x * x).sum(), (tx * tx).sum()
    y.backward()
    ty.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        ty.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.backward()


def test_new_graph_through_freed_intermediate_raises(rng):
    (x,), _ = leaves(rng, (3,))
    hidden = x.exp()
    hidden.sum().backward()
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        (hidden * 2).sum().backward()


def test_retain_graph_allows_a_second_backward_like_torch(rng):
    ours, theirs = leaves(rng, (3,))
    for x in (ours[0], theirs[0]):
        y = (x.exp() * x).sum()
        y.backward(retain_graph=True)
        y.backward()
    assert_grads_equal(ours, theirs)


def test_backward_frees_saved_arrays(rng):
    (x,), _ = leaves(rng, (1000,))
    hidden = x.exp()
    hidden_ref = weakref.ref(hidden)
    loss = (hidden * 2).sum()
    del hidden
    gc.collect()
    assert hidden_ref() is not None  # the graph keeps it for backward
    loss.backward()
    gc.collect()
    assert hidden_ref() is None  # backward dropped the graph's references


def test_non_scalar_backward_needs_a_gradient(rng):
    (x,), (tx,) = leaves(rng, (2, 3))
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        (x * 2).backward()
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        (tx * 2).backward()
    weights = rng.standard_normal((2, 3))
    (x * x).backward(snn.tensor(weights))
    # torch's side as sum(w * out), the same vector-Jacobian product (torch's backward(gradient)
    # imports sympy on first use: seconds of test time)
    (tx * tx * torch.tensor(weights)).sum().backward()
    assert_grads_equal([x], [tx])


def test_one_element_non_scalar_backward_is_implicit_like_torch(rng):
    ours, theirs = leaves(rng, (1, 1))
    (ours[0] * 3).backward()
    (theirs[0] * 3).backward()
    assert_grads_equal(ours, theirs)


def test_backward_gradient_shape_must_match(rng):
    (x,), _ = leaves(rng, (2, 3))
    with pytest.raises(ValueError, match=r"gradient has shape \(3,\) but the tensor has shape \(2, 3\)"):
        (x * 2).backward(np.ones(3))


def test_backward_of_a_tensor_without_grad_raises_like_torch():
    for lib in (snn, torch):
        with pytest.raises(RuntimeError, match="does not require grad"):
            lib.ones(2).sum().backward()


def test_backward_on_a_leaf_fills_its_own_grad(rng):
    (x,), _ = leaves(rng, (3,))
    gradient = np.array([1.0, 2.0, 3.0])
    x.backward(gradient)  # d x / d x = identity: torch gives x.grad == gradient
    x.backward(snn.tensor(gradient))
    np.testing.assert_array_equal(x.grad.data, 2 * gradient)
    assert x.grad.data is not gradient


def test_unused_leaf_keeps_grad_none_like_torch(rng):
    ours, theirs = leaves(rng, (3,), (3,))
    (ours[0] * 2).sum().backward()
    (theirs[0] * 2).sum().backward()
    assert ours[1].grad is None and theirs[1].grad is None


def test_deep_chain_of_10000_ops_needs_no_recursion():
    x = snn.tensor([0.5, -0.25], dtype=snn.float64, requires_grad=True)
    y = x
    for _ in range(10000):
        y = y * 1.0001
    y.sum().backward()
    np.testing.assert_allclose(x.grad.data, np.full(2, 1.0001 ** 10000), rtol=1e-9)


def test_deep_chain_can_be_dropped_without_backward():
    x = snn.tensor([1.0], requires_grad=True)
    y = x
    for _ in range(20000):
        y = y + 1.0
    del y  # deallocating a deep graph must not overflow the C stack
    gc.collect()


def test_no_grad_results_do_not_require_grad_like_torch(rng):
    (x,), (tx,) = leaves(rng, (3,))
    with snn.no_grad():
        y = x * 2
    with torch.no_grad():
        ty = tx * 2
    assert y.requires_grad == ty.requires_grad is False
    assert y.grad_fn is None and y.is_leaf
    assert snn.is_grad_enabled()


def test_no_grad_as_decorator_with_and_without_parentheses(rng):
    (x,), _ = leaves(rng, (3,))

    @snn.no_grad
    def bare(t):
        return t * 2

    @snn.no_grad()
    def called(t):
        return t * 2

    assert not bare(x).requires_grad and not called(x).requires_grad
    assert bare.__name__ == "bare"
    assert (x * 2).requires_grad


def test_no_grad_decorator_restores_mode_after_an_exception():
    @snn.no_grad()
    def failing():
        raise KeyError("boom")

    with pytest.raises(KeyError):
        failing()
    assert snn.is_grad_enabled()


def test_enable_grad_inside_no_grad_and_set_grad_enabled(rng):
    (x,), _ = leaves(rng, (3,))
    with snn.no_grad():
        with snn.enable_grad():
            assert (x * 2).requires_grad
        assert not (x * 2).requires_grad
    with snn.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert snn.is_grad_enabled()
    snn.set_grad_enabled(False)
    assert not snn.is_grad_enabled()
    snn.set_grad_enabled(True)
    assert (x * 2).requires_grad


def test_grad_mode_is_per_thread(rng):
    (x,), _ = leaves(rng, (3,))
    seen = []
    with snn.no_grad():
        worker = threading.Thread(target=lambda: seen.append((x * 2).requires_grad))
        worker.start()
        worker.join()
    assert seen == [True]


def test_detach_shares_memory_and_cuts_the_graph(rng):
    (x,), (tx,) = leaves(rng, (3,))
    d, td = x.detach(), tx.detach()
    assert d.data is x.data and not td.requires_grad
    assert not d.requires_grad and d.is_leaf
    assert_parity(lambda a: a.detach() * a, lambda a: a.detach() * a, [rng.standard_normal(3)])
    y = x * 2
    y.detach_()
    assert y.is_leaf and not y.requires_grad


def test_retain_grad_on_an_intermediate_like_torch(rng):
    ours, theirs = leaves(rng, (3,))
    hidden = []
    for x in (ours[0], theirs[0]):
        h = x.exp()
        h.retain_grad()
        (h * h).sum().backward()
        hidden.append(h)
    np.testing.assert_allclose(hidden[0].grad.data, hidden[1].grad.numpy(), rtol=TOLERANCE)
    assert hidden[0].retains_grad


def library(tensor):
    return snn if isinstance(tensor, snn.Tensor) else torch


def test_is_leaf_requires_grad_and_grad_fn_names_like_torch(rng):
    (x,), (tx,) = leaves(rng, (2, 3))
    assert x.is_leaf and x.grad_fn is None
    pairs = {
        "mul": (lambda a: a * a), "add": (lambda a: a + a), "sub": (lambda a: a - 1),
        "div": (lambda a: a / 2), "neg": (lambda a: -a), "sum": (lambda a: a.sum()),
        "mean": (lambda a: a.mean()), "exp": (lambda a: a.exp()), "tanh": (lambda a: a.tanh()),
        "relu": (lambda a: a.relu()), "sigmoid": (lambda a: a.sigmoid()), "mm": (lambda a: a @ a.T),
        "transpose": (lambda a: a.transpose(0, 1)), "permute": (lambda a: a.permute(1, 0)),
        "cat": (lambda a: library(a).cat([a, a])),
        "softmax": (lambda a: a.softmax(-1)), "log_softmax": (lambda a: a.log_softmax(-1)),
        "where": (lambda a: library(a).where(a > 0, a, a)),
        "clone": (lambda a: a.clone()), "max-dim": (lambda a: a.max(1)[0]),
    }
    for name, function in pairs.items():
        ours, theirs = function(x), function(tx)
        assert not ours.is_leaf and ours.requires_grad
        assert ours.grad_fn.name() == theirs.grad_fn.name(), name


def test_requires_grad_rules_like_torch():
    with pytest.raises(TypeError, match="only floating point tensors can require gradients"):
        snn.tensor([1, 2], requires_grad=True)
    with pytest.raises(RuntimeError):
        torch.tensor([1, 2], requires_grad=True)
    x = snn.ones(2).requires_grad_()
    assert x.requires_grad
    y = x * 2
    with pytest.raises(RuntimeError, match="leaf variables"):
        y.requires_grad = False
    x.requires_grad = False
    assert not (x * 2).requires_grad


def test_backward_through_promoted_dtypes_returns_each_leafs_own_dtype(rng):
    x = snn.tensor(rng.standard_normal(3).astype(np.float32), requires_grad=True)
    y = snn.tensor(rng.standard_normal(3), requires_grad=True)  # float64
    (x * y).sum().backward()
    assert x.grad.dtype == np.float32 and y.grad.dtype == np.float64
