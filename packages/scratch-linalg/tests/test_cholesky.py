"""cholesky against numpy.linalg.cholesky (and scipy's report of the failing leading minor).

Tolerances: Cholesky is backward stable, ||L L^T - A|| / ||A|| ~ n * eps whatever cond(A), and
two stable implementations differ in L by about n * eps * cond(A) relative to ||L|| (in practice
much less: the perturbation bound for the factor is nearer sqrt(cond)). Well-conditioned parity
tests therefore use 20 n eps relative to max|L|.
"""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_linalg import LinAlgError, cholesky


def backward_error(a, lower):
    return np.linalg.norm(lower @ lower.T - a) / np.linalg.norm(a)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [1, 2, 16, 17, 130, 300])  # leaf, inner block edge, outer blocks
@pytest.mark.parametrize("upper", [False, True])
def test_matches_numpy(matrices, n, dtype, upper):
    a = matrices.spd(n, cond=100.0, dtype=dtype)
    ours = cholesky(a, upper=upper)
    expected = np.linalg.cholesky(a, upper=upper)
    assert ours.dtype == dtype and ours.shape == (n, n)
    tolerance = 20 * n * np.finfo(dtype).eps * 100.0 * np.abs(expected).max()
    np.testing.assert_allclose(ours, expected, rtol=0, atol=tolerance)
    triangle = np.tril(ours, -1) if upper else np.triu(ours, 1)
    np.testing.assert_array_equal(triangle, 0.0)


def test_reads_only_the_named_triangle(matrices, rng):
    a = matrices.spd(150)
    noise = rng.standard_normal((150, 150)) * 1e3
    lower_only = np.tril(a) + np.triu(noise, 1)  # upper triangle is garbage
    upper_only = np.triu(a) + np.tril(noise, -1)  # lower triangle is garbage
    np.testing.assert_array_equal(cholesky(lower_only), cholesky(a))
    np.testing.assert_array_equal(cholesky(upper_only, upper=True), cholesky(a, upper=True))
    np.testing.assert_allclose(
        cholesky(upper_only, upper=True), np.linalg.cholesky(a, upper=True), rtol=0, atol=1e-12
    )


@pytest.mark.parametrize("cond", [1e4, 1e8, 1e12])
def test_ill_conditioned(matrices, cond):
    n = 200
    a = matrices.spd(n, cond=cond)
    ours = cholesky(a)
    eps = np.finfo(np.float64).eps
    assert backward_error(a, ours) < 10 * n * eps  # independent of cond
    expected = np.linalg.cholesky(a)
    assert np.linalg.norm(ours - expected) / np.linalg.norm(expected) < 10 * n * eps * cond


def test_batched_and_empty(matrices):
    a = np.stack([matrices.spd(20) for _ in range(6)]).reshape(2, 3, 20, 20)
    np.testing.assert_allclose(cholesky(a), np.linalg.cholesky(a), rtol=0, atol=1e-13)
    assert cholesky(np.zeros((0, 0))).shape == (0, 0)
    assert cholesky(np.zeros((4, 0, 0))).shape == (4, 0, 0)
    np.testing.assert_array_equal(cholesky(np.array([[4]])), [[2.0]])  # int -> float64


@pytest.mark.parametrize("failing_order", [1, 9, 16, 17, 140, 200])
def test_not_positive_definite_names_the_leading_minor_like_lapack(matrices, failing_order):
    n = 200
    a = matrices.spd(n, cond=10.0)
    a[failing_order - 1, failing_order - 1] = -1.0  # first bad leading minor: this order
    with pytest.raises(scipy.linalg.LinAlgError, match=f"{failing_order}-th leading minor"):
        scipy.linalg.cholesky(a, lower=True)  # the oracle agrees on where it fails
    with pytest.raises(LinAlgError, match="Matrix is not positive definite") as info:
        cholesky(a)
    assert f"leading minor of order {failing_order} " in str(info.value)


def test_not_positive_definite_in_a_batch_and_semidefinite(matrices):
    good = matrices.spd(5)
    with pytest.raises(LinAlgError, match="Matrix is not positive definite"):
        cholesky(np.stack([good, -good]))
    with pytest.raises(LinAlgError, match="Matrix is not positive definite"):
        cholesky(np.zeros((3, 3)))  # positive semidefinite is not enough


@pytest.mark.parametrize(
    ("a", "error", "message"),
    [
        (np.ones((2, 3)), LinAlgError, "square"),
        (np.ones(3), LinAlgError, "two-dimensional"),
        (np.array([[1.0, np.nan], [np.nan, 1.0]]), ValueError, "infs or NaNs"),
        (np.eye(2) * 1j, TypeError, "complex"),
    ],
)
def test_bad_input_raises(a, error, message):
    with pytest.raises(error, match=message):
        cholesky(a)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 70), seed=st.integers(0, 2**32 - 1))
def test_property_factor_is_lower_with_positive_diagonal_and_reconstructs(n, seed):
    b = np.random.default_rng(seed).standard_normal((n, n))
    a = b @ b.T + n * np.eye(n)
    lower = cholesky(a)
    np.testing.assert_array_equal(np.triu(lower, 1), 0.0)
    assert (np.diag(lower) > 0).all()
    assert backward_error(a, lower) < 10 * n * np.finfo(np.float64).eps
