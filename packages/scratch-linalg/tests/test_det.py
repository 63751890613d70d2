"""det and slogdet against numpy.linalg (same sign exactly, log|det| to a stated tolerance).

subtle: numpy computes float32 determinants in float64 and casts the result; here float32 stays
float32 throughout (the package's rule), so float32 parity is to float32 rounding.

Tolerances: log|det A| = sum log|U_ii|; each pivot carries a relative error of ~ n * eps * cond
at worst, so two LU-based answers differ in logabsdet by ~ n^2 * eps * cond in the worst case and
by ~ n * eps typically. Well-conditioned tests use 100 n eps (absolute, in log units);
ill-conditioned ones the cond-scaled bound.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_linalg import LinAlgError, SlogdetResult, det, slogdet


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [1, 2, 5, 50, 200, 300])
def test_matches_numpy(matrices, n, dtype):
    a = matrices.general(n, dtype=dtype)
    ours, expected = slogdet(a), np.linalg.slogdet(a)
    assert isinstance(ours, SlogdetResult) and ours.sign == expected.sign
    assert ours.sign.dtype == ours.logabsdet.dtype == dtype
    tolerance = 100 * n * np.finfo(dtype).eps
    assert abs(ours.logabsdet - expected.logabsdet) < tolerance
    with np.errstate(over="ignore"):  # float32 det of n >= 200 overflows to inf, in both
        ours_det, expected_det = det(a), np.linalg.det(a)
    assert ours_det.dtype == dtype
    # d(det) / det = d(logabsdet): the same tolerance, relative; inf == inf passes
    np.testing.assert_allclose(ours_det, expected_det, rtol=tolerance, atol=0)


def test_det_is_sign_times_exp_logabsdet_like_numpy(matrices):
    a = matrices.general(40)
    sign, logabsdet = slogdet(a)
    assert det(a) == sign * np.exp(logabsdet)


@pytest.mark.parametrize("cond", [1e4, 1e8, 1e12])
def test_ill_conditioned(matrices, rng, cond):
    n = 100
    singular_values = np.logspace(0, -np.log10(cond), n)
    a = matrices.with_singular_values(singular_values)
    ours, expected = slogdet(a), np.linalg.slogdet(a)
    assert ours.sign == expected.sign
    exact_log = np.sum(np.log(singular_values))  # |det| = product of singular values
    bound = 10 * n * np.finfo(np.float64).eps * cond
    assert abs(ours.logabsdet - exact_log) < bound
    assert abs(ours.logabsdet - expected.logabsdet) < bound


def test_singular_gives_zero_and_minus_infinity(matrices):
    for a in [np.ones((4, 4)), np.zeros((3, 3))]:
        assert det(a) == 0.0 == np.linalg.det(a)
        sign, logabsdet = slogdet(a)
        assert sign == 0.0 and logabsdet == -np.inf
    a = matrices.general(20, 20)
    a[5] = 0.0  # a zero row
    assert det(a) == 0.0


def test_sign_follows_row_swaps_and_negative_pivots():
    permutation = np.eye(5)[[1, 2, 0, 4, 3]]  # a 3-cycle and a swap: odd
    assert det(permutation) == -1.0 == np.linalg.det(permutation)
    assert slogdet(np.diag([-1.0, -2.0, -3.0])).sign == -1.0
    np.testing.assert_allclose(det(np.diag([-1.0, -2.0, -3.0])), -6.0, rtol=1e-15)


def test_batched_empty_and_integer(rng):
    a = rng.standard_normal((2, 3, 6, 6))
    np.testing.assert_allclose(det(a), np.linalg.det(a), rtol=1e-12)
    sign, logabsdet = slogdet(a)
    np.testing.assert_array_equal(sign, np.linalg.slogdet(a).sign)
    assert logabsdet.shape == (2, 3)
    assert det(np.zeros((0, 0))) == 1.0 and slogdet(np.zeros((0, 0))) == (1.0, 0.0)
    np.testing.assert_array_equal(det(np.zeros((2, 0, 0))), [1.0, 1.0])
    assert det(np.array([[1, 2], [3, 4]])).dtype == np.float64
    np.testing.assert_allclose(det(np.array([[1, 2], [3, 4]])), -2.0, rtol=1e-15)


def test_overflow_like_numpy_while_slogdet_stays_finite():
    a = np.diag([1e200, 1e200])
    with np.errstate(over="ignore"):
        assert det(a) == np.inf
    np.testing.assert_allclose(slogdet(a).logabsdet, 2 * 200 * np.log(10), rtol=1e-15)


@pytest.mark.parametrize(
    ("a", "error", "message"),
    [
        (np.ones((2, 3)), LinAlgError, "square"),
        (np.ones(3), LinAlgError, "two-dimensional"),
        (np.array([[np.inf]]), ValueError, "infs or NaNs"),
        (np.eye(2) * 1j, TypeError, "complex"),
    ],
)
@pytest.mark.parametrize("function", [det, slogdet])
def test_bad_input_raises(function, a, error, message):
    with pytest.raises(error, match=message):
        function(a)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 40), seed=st.integers(0, 2**32 - 1))
def test_property_multiplicative_and_transpose_invariant(n, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.standard_normal((2, n, n))
    sign_a, log_a = slogdet(a)
    sign_b, log_b = slogdet(b)
    sign_ab, log_ab = slogdet(a @ b)
    # random Gaussian matrices: cond ~ n, so 1000 n eps in log units is generous but can fail
    tolerance = 1000 * n * np.finfo(np.float64).eps
    assert sign_ab == sign_a * sign_b
    assert abs(log_ab - (log_a + log_b)) < tolerance * max(1.0, abs(log_a) + abs(log_b))
    sign_t, log_t = slogdet(a.T)  # a different pivot sequence, the same determinant
    assert sign_t == sign_a and abs(log_t - log_a) < tolerance
