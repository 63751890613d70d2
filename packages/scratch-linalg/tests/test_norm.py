"""norm: every ord / axis / keepdims combination of numpy.linalg.norm, overflow safety, errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from scratch_linalg import norm

# Sums and maxima of |x| agree to a few ulps of the result whatever the order of summation
# (all terms are non-negative, so no cancellation); the p-norms add the rounding of pow/root.
# The SVD-based orders (2, -2, 'nuc') inherit the SVD's backward error, eps * ||A||_2 per
# singular value: relative 1e-10 for float64 (well above that bound for these O(1) matrices)
# and 1e-4 for float32 (float32 eps is 1.2e-7; numpy's SVD runs in float64).
TOLERANCES = {np.float64: dict(rtol=1e-10, atol=1e-12), np.float32: dict(rtol=1e-4, atol=1e-5)}

VECTOR_ORDERS = [None, 2, 1, -1, 0, np.inf, -np.inf, 3, 0.5, -2.5]
MATRIX_ORDERS = [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]


def assert_matches_numpy(x, *args, **kwargs):
    ours = norm(x, *args, **kwargs)
    with np.errstate(divide="ignore"):  # numpy warns on 0 ** p for negative p
        expected = np.linalg.norm(x, *args, **kwargs)
    assert np.shape(ours) == np.shape(expected)
    assert np.asarray(ours).dtype == np.asarray(expected).dtype
    np.testing.assert_allclose(ours, expected, **TOLERANCES[np.asarray(expected).dtype.type])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", [0, 1, -1, 2])
@pytest.mark.parametrize("ord", VECTOR_ORDERS)
def test_vector_norms_along_each_axis(rng, ord, axis, keepdims, dtype):
    x = rng.standard_normal((3, 4, 5)).astype(dtype)
    x[0, 1, 2] = 0  # exercises ord 0 (counting) and the negative orders' zero handling
    assert_matches_numpy(x, ord, axis, keepdims)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", [(0, 1), (1, 2), (2, 0), (-1, -2), (1, 0)])
@pytest.mark.parametrize("ord", MATRIX_ORDERS)
def test_matrix_norms_over_each_axis_pair(rng, ord, axis, keepdims, dtype):
    x = rng.standard_normal((3, 4, 5)).astype(dtype)
    assert_matches_numpy(x, ord, axis, keepdims)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("ord", MATRIX_ORDERS)
def test_matrix_norms_of_a_2d_array_with_default_axis(rng, ord, keepdims):
    assert_matches_numpy(rng.standard_normal((6, 4)), ord, keepdims=keepdims)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("ord", VECTOR_ORDERS)
def test_vector_norms_of_a_1d_array_with_default_axis(rng, ord, keepdims):
    assert_matches_numpy(rng.standard_normal(7), ord, keepdims=keepdims)


@pytest.mark.parametrize("keepdims", [False, True])
def test_default_norm_flattens_any_array(rng, keepdims):
    assert_matches_numpy(rng.standard_normal((2, 3, 4, 5)), keepdims=keepdims)
    assert_matches_numpy(np.float64(-3.0), keepdims=keepdims)


@pytest.mark.parametrize(
    "x, ord, axis",
    [
        (np.zeros(0), None, None),
        (np.zeros(0), np.inf, None),  # numpy: max over nothing is 0
        (np.zeros((0, 3)), None, None),
        (np.zeros((0, 3)), 1, None),
        (np.zeros((0, 3)), np.inf, None),
        (np.zeros((0, 3)), 2, None),
        (np.zeros((0, 3)), "nuc", None),
        (np.zeros((3, 3)), 2, None),  # the zero matrix
        (np.zeros((3, 3)), -2, None),
        (np.array([[4.0]]), -2, None),  # 1x1
        (np.array([[-4.0]]), "nuc", None),
        (np.array([0.0, 0.0, 3.0]), -1, None),  # a zero entry with a negative p: 0
        (np.arange(12.0).reshape(3, 4), 0, 1),
    ],
)
def test_edge_cases_match_numpy(x, ord, axis):
    assert_matches_numpy(x, ord, axis)


def test_batched_spectral_norms_match_numpy(matrices):
    stack = np.stack([matrices.conditioned(5, 1e12), matrices.rank_deficient(5, 5, 2)])
    for ord in (2, "nuc"):
        assert_matches_numpy(stack, ord, axis=(-2, -1))
    # -2 of a (nearly) singular matrix is rounding noise of size eps * ||A||; compare absolutely.
    np.testing.assert_allclose(
        norm(stack, -2, axis=(1, 2)), np.linalg.norm(stack, -2, axis=(1, 2)), atol=1e-13
    )


def test_integers_become_float64():
    ours = norm(np.array([[3, 4], [0, 0]]), 1)
    assert ours.dtype == np.float64 and ours == 4.0  # the largest column sum


@pytest.mark.parametrize(
    "x, expected",
    [
        (np.array([3e200, 4e200]), 5e200),  # numpy: inf (the squares overflow)
        (np.array([3e-200, 4e-200]), 5e-200),  # numpy: 0 (the squares underflow)
        (np.array([3e30, 4e30], np.float32), np.float32(5e30)),
        (np.array([3e-30, 4e-30], np.float32), np.float32(5e-30)),
    ],
)
def test_two_norm_is_overflow_and_underflow_safe(x, expected):
    ours = norm(x)
    assert ours.dtype == x.dtype
    np.testing.assert_allclose(ours, expected, rtol=1e-6)
    np.testing.assert_allclose(norm(x.reshape(1, 2), axis=1), [expected], rtol=1e-6)
    np.testing.assert_allclose(norm(np.diag(x), "fro"), expected, rtol=1e-6)


def test_scaled_path_keeps_infinity_nan_and_zero_rows():
    x = np.array([[np.inf, 1.0], [np.nan, 1.0], [0.0, 0.0], [1e200, 1e200]])
    ours = norm(x, axis=1)
    np.testing.assert_allclose(ours[[0, 2, 3]], [np.inf, 0.0, np.sqrt(2) * 1e200])
    assert np.isnan(ours[1])


@given(
    x=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=3, max_side=5),
        # multiples of 1/8: no values so tiny that numpy's unscaled squares underflow
        elements=st.integers(-8000, 8000).map(lambda k: k / 8),
    ),
    ord=st.sampled_from([None, 1, 2, np.inf, 3.5]),
)
@settings(max_examples=40, deadline=None)
def test_vector_norm_is_absolutely_homogeneous_and_matches_numpy(x, ord):
    flat = x.ravel()
    np.testing.assert_allclose(norm(flat, ord), np.linalg.norm(flat, ord), rtol=1e-12)
    np.testing.assert_allclose(norm(-2.5 * flat, ord), 2.5 * norm(flat, ord), rtol=1e-12)


@given(seed=st.integers(0, 2**32 - 1), ord=st.sampled_from(["fro", "nuc", 1, 2, np.inf]))
@settings(max_examples=25, deadline=None)
def test_matrix_norm_triangle_inequality(seed, ord):
    rng = np.random.default_rng(seed)
    a, b = rng.standard_normal((2, 4, 3))
    assert norm(a + b, ord) <= (norm(a, ord) + norm(b, ord)) * (1 + 1e-12)


@pytest.mark.parametrize(
    "x, kwargs, error, message",
    [
        (np.ones(3), dict(ord="fro"), ValueError, "Invalid norm order 'fro' for vectors"),
        (np.ones(3), dict(ord="nuc"), ValueError, "Invalid norm order 'nuc' for vectors"),
        (np.ones((3, 3)), dict(ord=3), ValueError, "Invalid norm order for matrices"),
        (np.ones((3, 3)), dict(ord="foo"), ValueError, "Invalid norm order for matrices"),
        (np.ones((3, 3, 3)), dict(ord=1), ValueError, "Improper number of dimensions"),
        (np.ones((3, 3, 3)), dict(axis=(0, 1, 2)), ValueError, "Improper number of dimensions"),
        (np.ones((3, 3, 3)), dict(axis=(0, -3)), ValueError, "Duplicate axes given"),
        (np.ones((3, 3, 3)), dict(axis=(0, 5)), np.exceptions.AxisError, "out of bounds"),
        (np.ones((3, 3, 3)), dict(axis=5), np.exceptions.AxisError, "out of bounds"),
        (np.ones((3, 3)), dict(axis="rows"), TypeError, "'axis' must be None, an integer"),
        (np.ones(3, complex), {}, TypeError, "complex"),
    ],
)
def test_invalid_arguments_raise_like_numpy(x, kwargs, error, message):
    with pytest.raises(error, match=message):
        norm(x, **kwargs)
    with pytest.raises(error):
        if x.dtype.kind != "c":  # numpy accepts complex; we refuse it (out of scope)
            np.linalg.norm(x, **kwargs)
        else:
            raise TypeError
