"""The parity harness itself must be able to fail: each deliberately wrong pairing below differs
from torch in exactly one respect, and assert_parity has to catch it."""

import numpy as np
import pytest
import scratch_nn as snn
from parity import assert_parity

X = [np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])]

BROKEN = [
    ("value", lambda x: x * 2, lambda x: x * 2.001),
    ("float32-value", lambda x: x * 2, lambda x: x * 2.001),
    ("gradient", lambda x: x.detach() * x, lambda x: x * x),  # same values, half the gradient
    ("dtype", lambda x: x.double(), lambda x: x.float()),
    ("shape", lambda x: x.reshape(3, 2), lambda x: x.T),
    ("output-count", lambda x: (x, x), lambda x: x),
    ("missing-gradient", lambda x: x.detach() * 2 + 0 * x.detach(), lambda x: x * 2),
    ("integer-value", lambda x: x.argmax(1), lambda x: x.argmin(1)),
]


@pytest.mark.parametrize(("ours", "theirs"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_harness_catches_a_difference(ours, theirs):
    with pytest.raises(AssertionError):
        assert_parity(ours, theirs, X, np.float64)


def test_harness_catches_a_float32_difference_above_its_tolerance():
    with pytest.raises(AssertionError):
        assert_parity(lambda x: x * (1 + 1e-3), lambda x: x, X, np.float32)
    assert_parity(lambda x: x * (1 + 1e-6), lambda x: x, X, np.float32)  # within 1e-4


def test_harness_passes_integer_and_non_array_inputs_through():
    outputs = assert_parity(lambda x, i, k: x[i] * k, lambda x, i, k: x[i] * k, [X[0], np.array([1, 0, 1]), 3.0])
    assert isinstance(outputs[0], snn.Tensor) and outputs[0].shape == (3, 3)
