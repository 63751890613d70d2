"""inv_triangular against LAPACK's trtri (scipy.linalg.lapack) and numpy.linalg.inv.

Tolerances: triangular inversion by blocks is as accurate as by substitution (Du Croz and Higham
1992), so two such inverses differ by about n eps cond(T) relative to |T^-1|. The matrices below
are diagonally dominant (cond(T) of order 1) unless a test says otherwise.
"""

import numpy as np
import pytest
import scipy.linalg
import scipy.linalg.lapack
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_linalg import LinAlgError, inv_triangular


def triangular(rng, n, lower=True, dtype=np.float64, batch=()):
    """A well-conditioned triangular matrix: small off-diagonal entries, diagonal in [1, 2]."""
    a = rng.standard_normal(batch + (n, n)) / max(n, 1) + np.eye(n) * rng.uniform(1, 2, n)
    return (np.tril(a) if lower else np.triu(a)).astype(dtype)


def lapack_inverse(t, lower):
    """LAPACK's ?trtri, with the other triangle (which trtri leaves as it was) set to zero."""
    (trtri,) = scipy.linalg.lapack.get_lapack_funcs(("trtri",), (t,))
    inverse, info = trtri(t, lower=int(lower))
    assert info == 0
    return np.tril(inverse) if lower else np.triu(inverse)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [1, 2, 3, 5, 16, 17, 64, 100, 129])  # powers of two and not
@pytest.mark.parametrize("lower", [True, False])
def test_matches_lapack_trtri(rng, n, lower, dtype):
    t = triangular(rng, n, lower, dtype)
    ours = inv_triangular(t, lower=lower)
    expected = lapack_inverse(t, lower)
    assert ours.dtype == dtype and ours.shape == (n, n)
    # cond(T) ~ 1: 10 n eps relative to |T^-1| covers two different stable orders of work.
    tolerance = 10 * n * np.finfo(dtype).eps * np.abs(expected).max()
    np.testing.assert_allclose(ours, expected, rtol=0, atol=tolerance)


@pytest.mark.parametrize(("dtype", "cond"), [(np.float64, 1e4), (np.float64, 1e8),
                                             (np.float64, 1e12), (np.float32, 1e3)])
def test_ill_conditioned_matches_numpy_inv(rng, matrices, dtype, cond):
    n = 100
    # R of a QR factorization inherits the condition number of the matrix: cond(R) = cond.
    r = scipy.linalg.qr(matrices.conditioned(n, cond), mode="r")[0].astype(dtype)
    ours = inv_triangular(r)
    expected = np.linalg.inv(r.astype(np.float64))  # the exact inverse of the rounded R, nearly
    forward = np.linalg.norm(ours - expected) / np.linalg.norm(expected)
    assert forward < 10 * n * np.finfo(dtype).eps * cond
    assert np.array_equal(np.tril(ours, -1), np.zeros((n, n)))


def test_batched_matches_trtri_matrix_by_matrix(rng):
    n = 37
    t = triangular(rng, n, lower=True, batch=(2, 3))  # (2, 3, n, n)
    ours = inv_triangular(t, lower=True)
    assert ours.shape == (2, 3, n, n)
    for index in np.ndindex(2, 3):
        np.testing.assert_allclose(ours[index], lapack_inverse(t[index], True),
                                   rtol=0, atol=1e-13)


def test_empty_inputs_keep_their_shapes():
    assert inv_triangular(np.zeros((0, 0))).shape == (0, 0)
    assert inv_triangular(np.zeros((3, 0, 0))).shape == (3, 0, 0)
    assert inv_triangular(np.ones((0, 4, 4))).shape == (0, 4, 4)
    np.testing.assert_array_equal(inv_triangular(np.array([[4.0]])), [[0.25]])


@pytest.mark.parametrize("lower", [True, False])
def test_reads_only_its_triangle_and_does_not_write_the_input(rng, lower):
    n = 45
    t = triangular(rng, n, lower)
    other_triangle = np.triu(rng.standard_normal((n, n)) * 1e3, 1)  # must be ignored
    garbage = t + (other_triangle if lower else other_triangle.T)
    before = garbage.copy()
    np.testing.assert_array_equal(inv_triangular(garbage, lower=lower),
                                  inv_triangular(t, lower=lower))
    np.testing.assert_array_equal(garbage, before)


def test_upper_is_the_default_as_in_scipy(rng):
    t = triangular(rng, 10, lower=False)
    np.testing.assert_allclose(inv_triangular(t), lapack_inverse(t, lower=False), atol=1e-14)


def test_dtypes_follow_numpy():
    assert inv_triangular(np.eye(3, dtype=np.float32)).dtype == np.float32
    ints = inv_triangular(np.eye(3, dtype=np.int64) * 2)
    assert ints.dtype == np.float64
    np.testing.assert_array_equal(ints, np.eye(3) / 2)


def test_zero_on_the_diagonal_raises_singular():
    t = np.tril(np.ones((5, 5)))
    t[3, 3] = 0.0
    with pytest.raises(LinAlgError, match="singular matrix: diagonal entry 3 is zero"):
        inv_triangular(t, lower=True)
    batch = np.stack([np.eye(5), t])  # (2, 5, 5)
    with pytest.raises(LinAlgError, match=r"diagonal entry 3 of matrix \(1,\) is zero"):
        inv_triangular(batch, lower=True)


@pytest.mark.parametrize(
    ("a", "error", "message"),
    [
        (np.ones((2, 3)), LinAlgError, "square"),
        (np.ones(3), LinAlgError, "two-dimensional"),
        (np.array([[1.0, 0.0], [np.nan, 1.0]]), ValueError, "infs or NaNs"),
        (np.array([[np.inf]]), ValueError, "infs or NaNs"),
        (np.eye(2) * (1 + 1j), TypeError, "complex"),
        (np.eye(2, dtype=np.float16), TypeError, "unsupported"),
    ],
)
def test_bad_input_raises(a, error, message):
    with pytest.raises(error, match=message):
        inv_triangular(a, lower=True)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 90), lower=st.booleans(), seed=st.integers(0, 2**32 - 1))
def test_property_matches_numpy_inv(n, lower, seed):
    t = triangular(np.random.default_rng(seed), n, lower)
    np.testing.assert_allclose(inv_triangular(t, lower=lower), np.linalg.inv(t),
                               rtol=0, atol=10 * n * np.finfo(np.float64).eps)
