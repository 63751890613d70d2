"""End to end: a 2-8-1 network written with Tensor ops only (no Module yet) learns XOR by plain
gradient descent, and its loss curve equals torch's running the same program from the same
initial weights (float64, 1e-8)."""

import numpy as np
import scratch_nn as snn
import torch

INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TARGETS = np.array([[0.0], [1.0], [1.0], [0.0]])
STEPS, LEARNING_RATE = 600, 0.5


def initial_weights():
    rng = np.random.default_rng(0)
    return [rng.normal(0, 1, (2, 8)), np.zeros(8), rng.normal(0, 1, (8, 1)), np.zeros(1)]


def train(lib):
    params = [lib.tensor(w, requires_grad=True) for w in initial_weights()]
    x, y = lib.tensor(INPUTS), lib.tensor(TARGETS)
    losses = []
    for _ in range(STEPS):
        w1, b1, w2, b2 = params
        probability = ((x @ w1 + b1).tanh() @ w2 + b2).sigmoid()  # (4, 1)
        loss = -(y * probability.log() + (1 - y) * (1 - probability).log()).mean()
        for p in params:
            p.grad = None
        loss.backward()
        with lib.no_grad():
            for p in params:
                p -= LEARNING_RATE * p.grad
        losses.append(loss.item())
    return np.array(losses), probability.detach()


def test_mlp_from_tensor_ops_learns_xor_like_torch():
    our_losses, our_probability = train(snn)
    torch_losses, _ = train(torch)
    assert our_losses[-1] < 0.05 < our_losses[0]
    predictions = (our_probability.data > 0.5).astype(float)
    np.testing.assert_array_equal(predictions, TARGETS)
    np.testing.assert_allclose(our_losses, torch_losses, rtol=1e-8, atol=1e-8)
