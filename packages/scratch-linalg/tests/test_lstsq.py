"""lstsq: (x, residuals, rank, s) against numpy.linalg.lstsq, all of numpy's return conventions."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scratch_linalg import LinAlgError, lstsq

EPS64 = np.finfo(np.float64).eps


def assert_matches_numpy(a, b, x_rtol, rcond=None, x_atol=0.0):
    """Compare all four outputs; x to x_rtol (callers scale it to cond(A)), s to the SVD's
    backward error eps * s_1 * n, residuals to ~ eps * ||b||^2 (rounding of b - A x)."""
    x, residuals, rank, s = lstsq(a, b, rcond=rcond)
    expected_x, expected_residuals, expected_rank, expected_s = np.linalg.lstsq(a, b, rcond=rcond)
    assert rank == expected_rank and type(rank) is type(expected_rank)
    for ours, theirs in ((x, expected_x), (residuals, expected_residuals), (s, expected_s)):
        assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
    eps = np.finfo(x.dtype).eps
    np.testing.assert_allclose(x, expected_x, rtol=x_rtol, atol=x_atol)
    scale = max(a.shape) * eps * (expected_s[0] if expected_s.size else 0.0)
    np.testing.assert_allclose(s, expected_s, rtol=10 * max(a.shape) * eps, atol=scale)
    b_energy = float(np.sum(np.square(b, dtype=np.float64)))
    np.testing.assert_allclose(residuals, expected_residuals, rtol=1e-6, atol=100 * eps * b_energy)
    return x, residuals, rank, s


@pytest.mark.parametrize("b_columns", [None, 1, 3])
@pytest.mark.parametrize("m, n", [(8, 5), (5, 8), (6, 6), (40, 20)])
def test_random_systems_match_numpy(matrices, rng, m, n, b_columns):
    a = matrices.general(m, n)
    b = rng.standard_normal(m if b_columns is None else (m, b_columns))
    # random Gaussian matrices of this size have cond(A) < 1e3: x agrees to ~1e3 * eps * 100
    x, residuals, _, _ = assert_matches_numpy(a, b, x_rtol=1e-10, x_atol=1e-12)
    expected_residual_count = 0 if m <= n else (1 if b_columns is None else b_columns)
    assert residuals.shape == (expected_residual_count,)


@pytest.mark.parametrize("cond", [1e4, 1e8, 1e12])
def test_ill_conditioned_consistent_systems_match_numpy(matrices, rng, cond):
    a = matrices.conditioned(12, cond)
    b = a @ rng.standard_normal(12)
    # a backward-stable solver's x carries relative error ~ cond * eps; two of them, 100x slack
    assert_matches_numpy(a, b, x_rtol=100 * cond * EPS64, x_atol=100 * cond * EPS64)


@pytest.mark.parametrize("m, n, rank", [(10, 6, 3), (6, 10, 2), (7, 7, 5)])
def test_rank_deficient_gives_the_minimum_norm_solution(matrices, rng, m, n, rank):
    a = matrices.rank_deficient(m, n, rank)
    b = rng.standard_normal((m, 2))
    # kept singular values are in [1, 2]: the truncated solution is well conditioned
    x, residuals, found_rank, _ = assert_matches_numpy(a, b, x_rtol=1e-10, x_atol=1e-12)
    assert found_rank == rank and residuals.shape == (0,)  # numpy: empty when rank < n
    # minimum norm: x has no component in the null space of A, i.e. x = pinv(A) b
    np.testing.assert_allclose(x, np.linalg.pinv(a) @ b, rtol=1e-10, atol=1e-12)


def test_rcond_decides_the_rank_like_numpy(matrices, rng):
    a = matrices.with_singular_values(np.array([1.0, 1e-2, 1e-6, 1e-9]), 8, 4)
    b = rng.standard_normal(8)
    for rcond, expected_rank in ((None, 4), (1e-4, 2), (1e-7, 3), (0.5, 1), (-1, 4)):
        _, _, rank, _ = assert_matches_numpy(a, b, x_rtol=1e-5, rcond=rcond)
        assert rank == expected_rank


def test_zero_matrix_and_1x1(rng):
    assert_matches_numpy(np.zeros((4, 3)), rng.standard_normal(4), x_rtol=0)
    assert_matches_numpy(np.array([[2.0]]), np.array([3.0]), x_rtol=1e-15)
    assert_matches_numpy(np.array([[2.0], [0.0]]), np.array([3.0, 1.0]), x_rtol=1e-15)


@pytest.mark.parametrize(
    "a_shape, b_shape", [((0, 3), (0,)), ((3, 0), (3,)), ((3, 0), (3, 2)), ((4, 3), (4, 0))]
)
def test_empty_shapes_match_numpy(rng, a_shape, b_shape):
    assert_matches_numpy(np.ones(a_shape), rng.standard_normal(b_shape), x_rtol=1e-12)


def test_float32_stays_float32(matrices, rng):
    a = matrices.general(10, 4, dtype=np.float32)
    b = rng.standard_normal((10, 2)).astype(np.float32)
    # we compute in float32 (numpy in float64 then rounds): ~ cond * eps32 apart
    x, residuals, _, s = assert_matches_numpy(a, b, x_rtol=1e-4, x_atol=1e-5)
    assert x.dtype == residuals.dtype == s.dtype == np.float32


def test_integer_input_becomes_float64():
    x, _, rank, _ = lstsq(np.array([[1, 0], [0, 2], [0, 0]]), np.array([1, 2, 3]))
    assert x.dtype == np.float64 and rank == 2
    np.testing.assert_allclose(x, [1.0, 1.0])


@given(m=st.integers(1, 9), n=st.integers(1, 9), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_residual_is_orthogonal_to_the_range_of_a(m, n, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.standard_normal((m, n)), rng.standard_normal(m)
    x, _, _, s = lstsq(a, b)
    # normal equations A^T (b - A x) = 0, up to ~ eps * ||A||^2 ||x|| + eps ||A|| ||b||
    gradient = a.T @ (b - a @ x)
    bound = 1e3 * EPS64 * s[0] * (s[0] * np.sqrt(np.sum(x**2)) + np.sqrt(np.sum(b**2)))
    assert np.all(np.abs(gradient) <= bound)


@pytest.mark.parametrize(
    "a, b, error, message",
    [
        (np.ones(3), np.ones(3), LinAlgError, "1-dimensional array given"),
        (np.ones((2, 3, 3)), np.ones((2, 3, 3)), LinAlgError, "3-dimensional array given"),
        (np.ones((3, 2)), np.ones(2), LinAlgError, "Incompatible dimensions"),
        (np.ones((3, 2)), np.array([1.0, np.inf, 0.0]), ValueError, "infs or NaNs"),
        (np.ones((3, 2), complex), np.ones(3), TypeError, "complex"),
    ],
)
def test_bad_input_raises(a, b, error, message):
    with pytest.raises(error, match=message):
        lstsq(a, b)
