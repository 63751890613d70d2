"""Edge values against torch: ties in max/min/maximum, NaN and inf propagation, saturated
activations (no overflow warnings), empty tensors and reductions over nothing.

The inputs are fixed arrays chosen to hit each edge; the comparison is the parity harness's
(float64, 1e-8). Every case also runs with numpy warnings turned into errors, so an op that
computes inf - inf or overflows exp along the way fails here.
"""

import warnings

import numpy as np
import pytest
import scratch_nn as snn
import torch
from parity import assert_parity

F = snn.nn.functional
TF = torch.nn.functional
NAN, INF = float("nan"), float("inf")

CASES = [
    ("max-ties-share-gradient", lambda x: x.max(), lambda x: x.max(), [np.array([1.0, 3.0, 3.0, 2.0])]),
    ("min-ties-share-gradient", lambda x: x.min(), lambda x: x.min(), [np.array([[0.5, 0.5], [2.0, 0.5]])]),
    ("maximum-tie-halves", snn.maximum, torch.maximum, [np.array([1.0, 2.0, 3.0]), np.array([1.0, 5.0, 0.0])]),
    ("minimum-tie-halves", snn.minimum, torch.minimum, [np.array([1.0, 2.0]), np.array([1.0, 1.0])]),
    ("relu-at-zero", F.relu, TF.relu, [np.array([-1.0, 0.0, 1.0])]),
    ("leaky-relu-at-zero", F.leaky_relu, TF.leaky_relu, [np.array([-1.0, 0.0, 1.0])]),
    ("abs-at-zero", lambda x: x.abs(), lambda x: x.abs(), [np.array([-1.0, 0.0, 1.0])]),
    ("clamp-at-bounds", lambda x: x.clamp(-1, 1), lambda x: x.clamp(-1, 1), [np.array([-1.0, 0.0, 1.0, 2.0])]),
    ("pow-zero-base", lambda x: x ** 2, lambda x: x ** 2, [np.array([0.0, 1.0])]),
    ("pow-zero-exponent-at-zero", lambda x: x ** 0, lambda x: x ** 0, [np.array([0.0, 2.0])]),
    ("sigmoid-saturated", F.sigmoid, TF.sigmoid, [np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])]),
    ("tanh-saturated", F.tanh, TF.tanh, [np.array([-1000.0, 1000.0])]),
    ("softmax-huge-logits", lambda x: F.softmax(x, 0), lambda x: TF.softmax(x, 0), [np.array([1000.0, 999.0, -1000.0])]),
    ("log-softmax-huge-logits", lambda x: F.log_softmax(x, 0), lambda x: TF.log_softmax(x, 0),
     [np.array([1000.0, 999.0, -1000.0])]),
    ("logsumexp-huge", lambda x: x.logsumexp(0), lambda x: x.logsumexp(0), [np.array([1000.0, 1000.0])]),
    ("gelu-saturated", F.gelu, TF.gelu, [np.array([-40.0, 0.0, 40.0])]),
    ("softmax-masked-row", lambda x: F.softmax(x, -1), lambda x: TF.softmax(x, -1), [np.array([[0.0, -INF, 1.0]])]),
    ("relu-nan", F.relu, TF.relu, [np.array([NAN, 1.0])]),
    ("sum-nan", lambda x: x.sum(), lambda x: x.sum(), [np.array([NAN, 1.0])]),
    ("max-nan-forward", lambda x: x.max().detach(), lambda x: x.max().detach(), [np.array([1.0, NAN, 3.0])]),
    ("max-dim-nan", lambda x: x.max(1), lambda x: x.max(1), [np.array([[1.0, NAN, 3.0], [2.0, 0.0, 1.0]])]),
    ("argmax-nan", lambda x: x.argmax(), lambda x: x.argmax(), [np.array([1.0, NAN, 3.0])]),
    ("exp-overflow", lambda x: x.exp(), lambda x: x.exp(), [np.array([1000.0, 0.0])]),
    ("log-zero", lambda x: x.log().detach(), lambda x: x.log().detach(), [np.array([0.0, 1.0])]),
    ("inf-arithmetic", lambda x: (x * 2 + 1).detach(), lambda x: (x * 2 + 1).detach(), [np.array([INF, -INF, 1.0])]),
    ("div-by-zero", lambda a, b: (a / b).detach(), lambda a, b: (a / b).detach(), [np.array([1.0, -1.0, 0.0]), np.zeros(3)]),
    ("sum-empty", lambda x: x.sum(), lambda x: x.sum(), [np.zeros((0, 3))]),
    ("sum-empty-dim", lambda x: x.sum(0), lambda x: x.sum(0), [np.zeros((0, 3))]),
    ("mean-empty", lambda x: x.mean().detach(), lambda x: x.mean().detach(), [np.zeros((0,))]),
    ("var-single", lambda x: x.var().detach(), lambda x: x.var().detach(), [np.array([2.0])]),
    ("cat-with-empty", lambda a, b: snn.cat([a, b]), lambda a, b: torch.cat([a, b]), [np.zeros((0, 2)), np.ones((2, 2))]),
    ("getitem-empty-list", lambda x: x[[]], lambda x: x[[]], [np.ones((3, 2))]),
    ("matmul-empty-inner", lambda a, b: a @ b, lambda a, b: a @ b, [np.zeros((2, 0)), np.zeros((0, 3))]),
    ("softmax-empty", lambda x: F.softmax(x, -1), lambda x: TF.softmax(x, -1), [np.zeros((0, 3))]),
]


@pytest.mark.filterwarnings(r"ignore:var\(\). degrees of freedom:UserWarning")  # torch warns on var-single
@pytest.mark.parametrize(("ours", "theirs", "arrays"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_edge_values_match_torch_without_warnings(ours, theirs, arrays):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # numpy's warnings (torch may warn on its side)
        assert_parity(ours, theirs, arrays, np.float64)


def test_reductions_without_identity_on_empty_tensors_raise():
    for call in (lambda x: x.max(), lambda x: x.min(), lambda x: x.argmax(), lambda x: x.max(0)):
        with pytest.raises(ValueError, match="empty|size 0"):
            call(snn.zeros(0, 3))


@pytest.mark.parametrize("upstream", [1.0, np.inf, -np.inf, np.nan])
def test_relu_backward_with_non_finite_upstream_gradients_matches_torch(upstream):
    """relu's backward multiplies by its mask for speed; where the upstream gradient is inf or
    NaN it must still select as torch does (0 where x <= 0, not 0 * inf = NaN)."""
    x = np.array([-2.0, -0.0, 0.0, 1.5, np.nan, 3.0], dtype=np.float32)
    upstream_grad = np.full(x.shape, upstream, dtype=np.float32)
    ours = snn.tensor(x, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and silently
        snn.relu(ours).backward(snn.tensor(upstream_grad))
    theirs = torch.tensor(x, requires_grad=True)
    torch.relu(theirs).backward(torch.tensor(upstream_grad))
    np.testing.assert_array_equal(ours.grad.numpy(), theirs.grad.numpy())
