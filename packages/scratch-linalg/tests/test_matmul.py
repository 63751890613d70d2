"""matmul: the blocked product against np.matmul (shapes, broadcasting, dtypes, errors)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scratch_linalg import matmul

# A tiled sum adds the same products as BLAS in a different order; each entry is a dot product
# of length k, whose rounding error is <= k * eps * sum |a_ik b_kj|. Entries here are O(1) with
# k <= 300, so 1e-12 (float64) / 1e-4 (float32) relative plus a matching absolute slack suffice.
TOLERANCES = {np.float64: dict(rtol=1e-12, atol=1e-11), np.float32: dict(rtol=1e-4, atol=1e-4)}


def assert_matches_numpy(a, b, block_size=64):
    ours = matmul(a, b, block_size=block_size)
    expected = np.matmul(a, b)
    assert ours.shape == expected.shape
    assert ours.dtype == expected.dtype
    np.testing.assert_allclose(ours, expected, **TOLERANCES[expected.dtype.type])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "a_shape, b_shape",
    [
        ((5, 7), (7, 3)),
        ((130, 70), (70, 200)),  # several tiles, ragged last tiles in every dimension
        ((64, 64), (64, 64)),  # exactly one tile
        ((7,), (7, 4)),  # 1-D a: promoted to a row, then the axis removed
        ((4, 7), (7,)),  # 1-D b: promoted to a column
        ((7,), (7,)),  # both 1-D: the dot product, a 0-d result
        ((2, 3, 5, 6), (6, 4)),  # batch against a single matrix
        ((2, 1, 5, 6), (3, 6, 4)),  # batch axes broadcast against each other
        ((2, 3, 5, 6), (6,)),  # batch times a vector
        ((1, 1), (1, 1)),
    ],
)
def test_matches_numpy(rng, dtype, a_shape, b_shape):
    a = rng.standard_normal(a_shape).astype(dtype)
    b = rng.standard_normal(b_shape).astype(dtype)
    assert_matches_numpy(a, b, block_size=32)


@pytest.mark.parametrize(
    "a_shape, b_shape", [((0, 3), (3, 4)), ((3, 0), (0, 4)), ((3, 4), (4, 0)), ((0,), (0,))]
)
def test_empty_operands_match_numpy(a_shape, b_shape):
    # subtle: an empty inner dimension gives a zero (not empty) result, as a sum over nothing.
    assert_matches_numpy(np.ones(a_shape), np.ones(b_shape))


def test_default_block_size_on_a_large_product(rng):
    a, b = rng.standard_normal((200, 300)), rng.standard_normal((300, 150))
    assert_matches_numpy(a, b)


def test_mixed_and_integer_dtypes_become_float():
    ints = np.arange(6).reshape(2, 3)
    assert matmul(ints, ints.T).dtype == np.float64
    np.testing.assert_array_equal(matmul(ints, ints.T), ints @ ints.T)
    mixed = matmul(np.ones((2, 2), np.float32), np.ones((2, 2), np.float64))
    assert mixed.dtype == np.float64


def test_does_not_modify_its_inputs(rng):
    a, b = rng.standard_normal((9, 9)), rng.standard_normal((9, 9))
    a_copy, b_copy = a.copy(), b.copy()
    matmul(a, b, block_size=4)
    np.testing.assert_array_equal(a, a_copy)
    np.testing.assert_array_equal(b, b_copy)


@given(
    m=st.integers(1, 12),
    k=st.integers(0, 12),
    n=st.integers(1, 12),
    block_size=st.integers(1, 8),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=40, deadline=None)
def test_any_block_size_gives_numpys_product(m, k, n, block_size, seed):
    rng = np.random.default_rng(seed)
    assert_matches_numpy(rng.standard_normal((m, k)), rng.standard_normal((k, n)), block_size)


def test_scalar_operand_raises():
    with pytest.raises(ValueError, match="Input operand 0 does not have enough dimensions"):
        matmul(2.0, np.ones(3))
    with pytest.raises(ValueError, match="Input operand 1 does not have enough dimensions"):
        matmul(np.ones(3), 2.0)


def test_inner_dimension_mismatch_raises_like_numpy():
    message = r"mismatch in its core dimension 0.*size 4 is different from 3"
    with pytest.raises(ValueError, match=message):
        matmul(np.ones((2, 3)), np.ones((4, 5)))


def test_unbroadcastable_batches_raise():
    with pytest.raises(ValueError, match="could not be broadcast"):
        matmul(np.ones((2, 2, 3)), np.ones((3, 3, 4)))


def test_complex_and_bad_block_size_raise():
    with pytest.raises(TypeError, match="complex"):
        matmul(np.ones((2, 2), complex), np.ones((2, 2)))
    with pytest.raises(ValueError, match="block_size"):
        matmul(np.ones((2, 2)), np.ones((2, 2)), block_size=0)
