"""solve_triangular against scipy.linalg.solve_triangular (same inputs, stated tolerances).

Tolerances: triangular substitution is backward stable, so the residual
||T x - b|| / (||T|| ||x||) stays within a small multiple of n * eps whatever T's conditioning;
two stable solvers then differ in x by at most about n * eps * cond(T) relative to ||x||.
The matrices below are diagonally dominant (cond(T) of order 1) unless a test says otherwise.
"""

import numpy as np
import pytest
import scipy.linalg
import scratch_linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_linalg import LinAlgError, solve_triangular


def triangular(rng, n, lower=True, dtype=np.float64, batch=()):
    """A well-conditioned triangular matrix: small off-diagonal entries, diagonal in [1, 2]."""
    a = rng.standard_normal(batch + (n, n)) / max(n, 1) + np.eye(n) * rng.uniform(1, 2, n)
    return (np.tril(a) if lower else np.triu(a)).astype(dtype)


def relative_residual(t, x, b):
    """||T x - b|| / (||T|| ||x||), all in Frobenius norms (on a single system)."""
    return np.sqrt(np.sum((t @ x - b) ** 2)) / (
        np.sqrt(np.sum(t**2)) * max(np.sqrt(np.sum(x**2)), np.finfo(x.dtype).tiny)
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [1, 5, 32, 33, 100, 257])  # leaf only, leaf edge, recursion
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("trans", [0, 1])
def test_matches_scipy(rng, n, lower, trans, dtype):
    t = triangular(rng, n, lower, dtype)
    b = rng.standard_normal((n, 3)).astype(dtype)
    ours = solve_triangular(t, b, trans=trans, lower=lower)
    expected = scipy.linalg.solve_triangular(t, b, trans=trans, lower=lower)
    assert ours.dtype == dtype and ours.shape == expected.shape
    # cond(T) ~ 1 here, so 10 n eps relative to |x| covers two different stable orders of work.
    tolerance = 10 * n * np.finfo(dtype).eps * np.abs(expected).max()
    np.testing.assert_allclose(ours, expected, rtol=0, atol=tolerance)


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("trans", ["N", "T", "C", 2])
def test_vector_rhs_unit_diagonal_and_string_trans(rng, lower, trans):
    n = 70
    t = triangular(rng, n, lower)
    np.fill_diagonal(t, 1e6)  # subtle: with unit_diagonal the stored diagonal must be ignored
    b = rng.standard_normal(n)
    ours = solve_triangular(t, b, trans=trans, lower=lower, unit_diagonal=True)
    expected = scipy.linalg.solve_triangular(t, b, trans=trans, lower=lower, unit_diagonal=True)
    assert ours.shape == (n,)
    np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-12 * np.abs(expected).max())


@pytest.mark.parametrize("shape", [(70,), (70, 1)])  # both take the one-column (1-D) leaf path
@pytest.mark.parametrize("lower", [True, False])
def test_single_column_rhs_keeps_its_shape(rng, shape, lower):
    t = triangular(rng, shape[0], lower)
    b = rng.standard_normal(shape)
    ours = solve_triangular(t, b, lower=lower)
    expected = scipy.linalg.solve_triangular(t, b, lower=lower)
    assert ours.shape == shape
    # cond(T) ~ 1, as in test_matches_scipy: 10 n eps relative to |x|.
    tolerance = 10 * shape[0] * np.finfo(np.float64).eps * np.abs(expected).max()
    np.testing.assert_allclose(ours, expected, rtol=0, atol=tolerance)


def test_reads_only_its_triangle(rng):
    n = 90
    t = triangular(rng, n, lower=True)
    garbage = t + np.triu(rng.standard_normal((n, n)) * 1e3, 1)  # upper part must be ignored
    b = rng.standard_normal((n, 2))
    np.testing.assert_array_equal(
        solve_triangular(garbage, b, lower=True), solve_triangular(t, b, lower=True)
    )


@pytest.mark.parametrize("cond", [1e4, 1e8, 1e12])
def test_ill_conditioned_is_backward_stable(rng, matrices, cond):
    n = 120
    # R of a QR factorization inherits the condition number of the matrix: cond(R) = cond.
    r = scipy.linalg.qr(matrices.conditioned(n, cond), mode="r")[0]
    b = rng.standard_normal(n)
    ours = solve_triangular(r, b)
    expected = scipy.linalg.solve_triangular(r, b)
    eps = np.finfo(np.float64).eps
    # backward error: independent of cond for a stable triangular solve
    assert relative_residual(r, ours, b) < 10 * n * eps
    # forward error: two stable solvers may differ by ~ n eps cond(R) relative to |x|
    forward = np.linalg.norm(ours - expected) / np.linalg.norm(expected)
    assert forward < 10 * n * eps * cond


def test_batched_like_scipy(rng):
    n = 40
    t = triangular(rng, n, lower=True, batch=(2, 3))
    for b in [
        rng.standard_normal((2, 3, n, 4)),
        rng.standard_normal(n),
        rng.standard_normal((n, 2)),
    ]:
        ours = solve_triangular(t, b, lower=True, trans=1)
        expected = scipy.linalg.solve_triangular(t, b, lower=True, trans=1)
        assert ours.shape == expected.shape
        np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-12 * np.abs(expected).max())


def test_dtypes_follow_numpy_promotion():
    t32, b32 = np.eye(3, dtype=np.float32) * 2, np.ones(3, dtype=np.float32)
    assert solve_triangular(t32, b32).dtype == np.float32
    assert solve_triangular(t32, b32.astype(np.float64)).dtype == np.float64
    ints = solve_triangular(np.eye(3, dtype=np.int64) * 2, np.ones(3, dtype=np.int32))
    assert ints.dtype == np.float64
    np.testing.assert_array_equal(ints, [0.5, 0.5, 0.5])


def test_tiny_and_empty():
    assert solve_triangular(np.array([[4.0]]), np.array([2.0])).tolist() == [0.5]
    assert solve_triangular(np.zeros((0, 0)), np.zeros(0)).shape == (0,)
    assert solve_triangular(np.eye(3), np.zeros((3, 0))).shape == (3, 0)


def test_is_exported_and_input_not_modified(rng):
    t, b = triangular(rng, 50), rng.standard_normal((50, 2))
    b_before = b.copy()
    scratch_linalg.solve_triangular(t, b, lower=True)
    np.testing.assert_array_equal(b, b_before)


def test_singular_diagonal_raises_with_scipys_message():
    t = np.tril(np.ones((4, 4)))
    t[2, 2] = 0.0
    with pytest.raises(LinAlgError, match="singular matrix: resolution failed at diagonal 2"):
        solve_triangular(t, np.ones(4), lower=True)
    # the unit diagonal replaces the zero: no error
    assert np.isfinite(solve_triangular(t, np.ones(4), lower=True, unit_diagonal=True)).all()


@pytest.mark.parametrize(
    ("a", "b", "error", "message"),
    [
        (np.eye(3), np.ones(4), ValueError, "incompatible"),
        (np.eye(3), np.ones((4, 2)), ValueError, "incompatible"),
        (np.ones((2, 3)), np.ones(2), LinAlgError, "square"),
        (np.eye(3), np.array([1.0, np.nan, 1.0]), ValueError, "infs or NaNs"),
        (np.eye(3) * (1 + 1j), np.ones(3), TypeError, "complex"),
        (np.ones(3), np.ones(3), LinAlgError, "two-dimensional"),
    ],
)
def test_bad_input_raises(a, b, error, message):
    with pytest.raises(error, match=message):
        solve_triangular(a, b)


def test_unknown_trans_raises():
    with pytest.raises(ValueError, match="trans must be"):
        solve_triangular(np.eye(2), np.ones(2), trans=3)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 80),
    k=st.integers(1, 4),
    lower=st.booleans(),
    trans=st.sampled_from([0, 1]),
    seed=st.integers(0, 2**32 - 1),
)
def test_property_solution_satisfies_the_system(n, k, lower, trans, seed):
    rng = np.random.default_rng(seed)
    t = triangular(rng, n, lower)
    b = rng.standard_normal((n, k))
    x = solve_triangular(t, b, trans=trans, lower=lower)
    system = t.T if trans else t
    assert relative_residual(system, x, b) < 10 * n * np.finfo(np.float64).eps
