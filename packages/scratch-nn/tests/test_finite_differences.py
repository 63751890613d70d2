"""Gradients of composite expressions checked by finite differences (scratch_optim.check_grad),
independently of torch: float64, forward differences with scipy's default step 1.49e-8, so the
difference norm must stay below 1e-5 relative to the gradient's norm (truncation error is
O(h * |f''|), about 1e-7 here)."""

import numpy as np
import pytest
import scratch_nn as snn
from scratch_optim import check_grad

F = snn.nn.functional


def expression_mlp(x):
    w = x[:12].reshape(3, 4)
    b = x[12:15]
    inputs = snn.tensor(np.linspace(-1, 1, 8).reshape(2, 4))
    hidden = F.gelu(F.linear(inputs, w, b))  # (2, 3)
    return F.log_softmax(hidden * 2.0, dim=1)[snn.arange(2), snn.tensor([0, 2])].sum()


def expression_attention(x):
    q = x[:6].reshape(2, 3)
    k = x[6:12].reshape(2, 3)
    v = x[12:18].reshape(2, 3)
    scores = (q @ k.mT) / 3 ** 0.5
    mask = snn.tensor([[False, True], [False, False]])
    weights = scores.masked_fill(mask, float("-inf")).softmax(-1)
    return (weights @ v).tanh().sum() + q.var() + k.std(0).sum()


def expression_shapes(x):
    a = x[:12].reshape(2, 3, 2)
    b = x[12:]
    pieces = a.permute(2, 0, 1).flatten(1).split([2, 4], dim=1)
    joined = snn.cat([pieces[1], pieces[0] ** 2], dim=1)  # (2, 6)
    stacked = snn.stack([joined, joined.sigmoid()], dim=-1)  # (2, 6, 2)
    return (stacked.sum(-1) * b).max() + stacked.logsumexp(dim=(0, 2)).mean() + snn.where(b > 0, b, b * b).sum()


def expression_elementwise(x):
    positive = x.abs() + 0.5
    return ((positive.log() * positive.sqrt()).exp().clamp(max=5.0).sum() + snn.maximum(x, x * 0.5).mean()
            + F.leaky_relu(x, 0.1).pow(3).sum() + (2 ** x).sum() / (1 + x * x).sum() + x.max(0).values)


EXPRESSIONS = {
    "mlp": (expression_mlp, 15), "attention": (expression_attention, 18),
    "shapes": (expression_shapes, 18), "elementwise": (expression_elementwise, 10),
}


@pytest.mark.parametrize("name", list(EXPRESSIONS))
def test_gradient_agrees_with_finite_differences(name):
    expression, size = EXPRESSIONS[name]
    point = np.random.default_rng(5).uniform(-1.5, 1.5, size)

    def value(v):
        with snn.no_grad():
            return expression(snn.tensor(v)).item()

    def gradient(v):
        x = snn.tensor(v, requires_grad=True)
        expression(x).backward()
        return x.grad.data

    analytic = gradient(point)
    error = check_grad(value, gradient, point)
    assert error < 1e-5 * max(1.0, np.sqrt(np.sum(analytic ** 2))), f"{name}: |analytic - numeric| = {error:.2e}"


def test_the_check_catches_a_wrong_gradient():
    point = np.random.default_rng(5).uniform(-1.5, 1.5, 10)

    def value(v):
        return float(np.sum(np.tanh(v)))

    def wrong_gradient(v):  # the derivative of tanh is 1 - tanh^2, not 1 - tanh
        x = snn.tensor(v, requires_grad=True)
        (x - x.tanh().detach() * x).sum().backward()
        return x.grad.data

    assert check_grad(value, wrong_gradient, point) > 1e-2
