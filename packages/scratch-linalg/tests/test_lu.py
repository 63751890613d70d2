"""lu / lu_factor / lu_solve against scipy.linalg's (same P, L, U and pivots on generic inputs).

Tolerances: with partial pivoting |L| <= 1 and the factors of a generic Gaussian matrix are
well behaved, so two implementations that pick the same pivots differ entrywise by a small
multiple of n * eps * max|U| (rounding in a different order). Pivots and P are compared exactly:
Gaussian entries make ties (where a rounding could flip the choice) vanishingly unlikely.
Ill-conditioned inputs are judged by backward error ||P L U - A|| / ||A||, which partial pivoting
keeps at ~ n * eps independently of cond(A).
"""

import warnings

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_linalg import LinAlgError, LinAlgWarning, lu, lu_factor, lu_solve


def factor_tolerance(n, dtype, scale):
    return 20 * max(n, 1) * np.finfo(dtype).eps * scale


def backward_error(a, reconstructed):
    return np.linalg.norm(reconstructed - a) / np.linalg.norm(a)


# sizes cross the unblocked leaf (8 columns), the recursive panel and the 128-column blocks
SHAPES = [(1, 1), (7, 7), (100, 100), (300, 300), (300, 170), (170, 300), (5, 1), (1, 5)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", SHAPES)
def test_lu_factor_matches_scipy(matrices, shape, dtype):
    a = matrices.general(*shape, dtype=dtype)
    packed, piv = lu_factor(a)
    expected_packed, expected_piv = scipy.linalg.lu_factor(a)
    np.testing.assert_array_equal(piv, expected_piv)
    assert piv.dtype == np.int32 and packed.dtype == dtype
    scale = np.abs(expected_packed).max()
    np.testing.assert_allclose(
        packed, expected_packed, rtol=0, atol=factor_tolerance(max(shape), dtype, scale)
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", SHAPES)
def test_lu_matches_scipy_in_all_three_forms(matrices, shape, dtype):
    a = matrices.general(*shape, dtype=dtype)
    p, lower, upper = lu(a)
    expected_p, expected_lower, expected_upper = scipy.linalg.lu(a)
    np.testing.assert_array_equal(p, expected_p)
    assert lower.shape == expected_lower.shape and upper.shape == expected_upper.shape
    assert p.dtype == lower.dtype == upper.dtype == dtype
    tolerance = factor_tolerance(max(shape), dtype, np.abs(expected_upper).max())
    np.testing.assert_allclose(lower, expected_lower, rtol=0, atol=tolerance)
    np.testing.assert_allclose(upper, expected_upper, rtol=0, atol=tolerance)
    indices = lu(a, p_indices=True)[0]
    np.testing.assert_array_equal(indices, scipy.linalg.lu(a, p_indices=True)[0])
    permuted_lower, upper_again = lu(a, permute_l=True)
    np.testing.assert_allclose(permuted_lower, expected_p @ expected_lower, rtol=0, atol=tolerance)
    np.testing.assert_array_equal(upper_again, upper)


def test_lu_factors_have_their_shape_and_reconstruct(matrices):
    a = matrices.general(260, 260)
    p, lower, upper = lu(a)
    np.testing.assert_array_equal(np.diag(lower), 1.0)
    np.testing.assert_array_equal(np.triu(lower, 1), 0.0)
    np.testing.assert_array_equal(np.tril(upper, -1), 0.0)
    assert np.abs(lower).max() <= 1.0  # partial pivoting
    assert backward_error(a, p @ lower @ upper) < 10 * 260 * np.finfo(np.float64).eps


@pytest.mark.parametrize("cond", [1e4, 1e8, 1e12])
def test_ill_conditioned_reconstructs_and_solves(matrices, rng, cond):
    n = 150
    a = matrices.conditioned(n, cond)
    p, lower, upper = lu(a)
    eps = np.finfo(np.float64).eps
    assert backward_error(a, p @ lower @ upper) < 10 * n * eps  # independent of cond
    x_true = rng.standard_normal(n)
    x = lu_solve(lu_factor(a), a @ x_true)
    residual = np.linalg.norm(a @ x - a @ x_true) / (np.linalg.norm(a, 2) * np.linalg.norm(x))
    assert residual < 10 * n * eps
    # forward error of a backward-stable solve: ~ n eps cond(A)
    assert np.linalg.norm(x - x_true) / np.linalg.norm(x_true) < 10 * n * eps * cond


def test_rank_deficient_still_reconstructs(matrices):
    a = matrices.rank_deficient(120, 90, rank=30)
    p, lower, upper = lu(a)
    assert backward_error(a, p @ lower @ upper) < 10 * 120 * np.finfo(np.float64).eps
    expected_piv = scipy.linalg.lu_factor(a)[1]
    # only the pivots before the rank runs out are decided by clear maxima
    np.testing.assert_array_equal(lu_factor(a)[1][:30], expected_piv[:30])


def test_exactly_singular_warns_like_scipy():
    a = np.ones((3, 3))
    with pytest.warns(LinAlgWarning, match="Diagonal number 2 is exactly zero. Singular matrix."):
        packed, piv = lu_factor(a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected_packed, expected_piv = scipy.linalg.lu_factor(a)
    np.testing.assert_array_equal(packed, expected_packed)
    np.testing.assert_array_equal(piv, expected_piv)
    assert issubclass(LinAlgWarning, RuntimeWarning)


def test_zero_column_is_skipped_like_lapack(matrices):
    a = matrices.general(20, 20)
    a[:, 3] = 0.0
    with pytest.warns(LinAlgWarning, match="Diagonal number 4"):
        packed, piv = lu_factor(a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected_packed, expected_piv = scipy.linalg.lu_factor(a)
    np.testing.assert_array_equal(piv, expected_piv)
    np.testing.assert_allclose(packed, expected_packed, rtol=0, atol=1e-12)


@pytest.mark.parametrize("trans", [0, 1, 2])
@pytest.mark.parametrize("rhs_shape", [(90,), (90, 3)])
def test_lu_solve_matches_scipy(matrices, rng, trans, rhs_shape):
    a = matrices.conditioned(90, 100.0)
    b = rng.standard_normal(rhs_shape)
    ours = lu_solve(lu_factor(a), b, trans=trans)
    expected = scipy.linalg.lu_solve(scipy.linalg.lu_factor(a), b, trans=trans)
    assert ours.shape == expected.shape
    # cond 100: two stable solves agree to ~ n eps cond relative to |x|
    tolerance = 10 * 90 * np.finfo(np.float64).eps * 100.0 * np.abs(expected).max()
    np.testing.assert_allclose(ours, expected, rtol=0, atol=tolerance)


def test_lu_solve_accepts_scipys_factorization(matrices, rng):
    a, b = matrices.general(60, 60), rng.standard_normal(60)
    np.testing.assert_allclose(
        lu_solve(scipy.linalg.lu_factor(a), b), np.linalg.solve(a, b), rtol=1e-9, atol=1e-12
    )


def test_batched_like_scipy(rng):
    a = rng.standard_normal((2, 3, 12, 9))
    for ours, expected in zip(lu(a), scipy.linalg.lu(a), strict=True):
        np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-13)
    square = rng.standard_normal((2, 3, 12, 12))
    packed, piv = lu_factor(square)
    expected_packed, expected_piv = scipy.linalg.lu_factor(square)
    np.testing.assert_array_equal(piv, expected_piv)
    np.testing.assert_allclose(packed, expected_packed, rtol=0, atol=1e-13)
    for b in [rng.standard_normal((2, 3, 12, 2)), rng.standard_normal(12)]:
        np.testing.assert_allclose(
            lu_solve((packed, piv), b),
            scipy.linalg.lu_solve((expected_packed, expected_piv), b),
            rtol=1e-10,
            atol=1e-12,
        )


def test_empty_and_integer_input():
    p, lower, upper = lu(np.zeros((0, 0)))
    assert p.shape == lower.shape == upper.shape == (0, 0)
    packed, piv = lu_factor(np.zeros((0, 0)))
    assert packed.shape == (0, 0) and piv.shape == (0,)
    p, lower, upper = lu(np.array([[0, 1], [2, 3]]))
    assert upper.dtype == np.float64
    np.testing.assert_array_equal(upper, [[2.0, 3.0], [0.0, 1.0]])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: lu(np.ones(3)), LinAlgError, "two-dimensional"),
        (lambda: lu_factor(np.array([[1.0, np.inf], [0.0, 1.0]])), ValueError, "infs or NaNs"),
        (lambda: lu(np.eye(2) * 1j), TypeError, "complex"),
        (lambda: lu_solve(lu_factor(np.eye(3)), np.ones(4)), ValueError, "incompatible"),
        (lambda: lu_solve(lu_factor(np.eye(3)), np.ones(3), trans=5), ValueError, "trans"),
        (lambda: lu_solve((np.eye(3), np.array([0, 1])), np.ones(3)), ValueError, "piv"),
        (lambda: lu_solve((np.eye(3), np.array([0, 1, 3])), np.ones(3)), ValueError, "piv"),
        (lambda: lu_solve((np.ones((2, 3)), np.zeros(2, int)), np.ones(2)), LinAlgError, "square"),
    ],
)
def test_bad_input_raises(call, error, message):
    with pytest.raises(error, match=message):
        call()


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 40), n=st.integers(1, 40), seed=st.integers(0, 2**32 - 1))
def test_property_same_pivots_as_scipy_and_exact_reconstruction(m, n, seed):
    a = np.random.default_rng(seed).standard_normal((m, n))
    p, lower, upper = lu(a)
    np.testing.assert_array_equal(p, scipy.linalg.lu(a)[0])
    assert backward_error(a, p @ lower @ upper) < 10 * max(m, n) * np.finfo(np.float64).eps
