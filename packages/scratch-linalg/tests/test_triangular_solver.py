"""TriangularSolver against scipy.linalg.solve_triangular (same inputs, stated tolerances).

Tolerances: as in test_triangular, two solvers with a forward error of the order of
eps cond(T) |x| (see triangular_solver's docstring) differ by about n eps cond(T) relative to |x|;
the matrices below are diagonally dominant (cond(T) of order 1) unless a test says otherwise.
"""

import numpy as np
import pytest
import scipy.linalg
from scratch_linalg import LinAlgError, TriangularSolver
from scratch_linalg.triangular_solver import BLOCK_ORDER


def triangular(rng, n, lower=True, dtype=np.float64, batch=()):
    """A well-conditioned triangular matrix: small off-diagonal entries, diagonal in [1, 2]."""
    a = rng.standard_normal(batch + (n, n)) / max(n, 1) + np.eye(n) * rng.uniform(1, 2, n)
    return (np.tril(a) if lower else np.triu(a)).astype(dtype)


def assert_solves_match_scipy(t, right_hand_sides, lower, relative_tolerance):
    solver = TriangularSolver(t, lower=lower)
    for b in right_hand_sides:
        for trans in (0, 1, "N", "T", "C"):
            ours = solver.solve(b, trans=trans)
            expected = scipy.linalg.solve_triangular(t, b, lower=lower, trans=trans)
            assert ours.shape == expected.shape and ours.dtype == expected.dtype
            np.testing.assert_allclose(ours, expected, rtol=0,
                                       atol=relative_tolerance * np.abs(expected).max())


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
# one block, a full block, one row over, several blocks with a short last one
@pytest.mark.parametrize("n", [1, 12, BLOCK_ORDER, BLOCK_ORDER + 1, 2 * BLOCK_ORDER + 20])
@pytest.mark.parametrize("lower", [True, False])
def test_matches_scipy_on_vectors_and_matrices(rng, n, lower, dtype):
    t = triangular(rng, n, lower, dtype)
    right_hand_sides = [rng.standard_normal(n).astype(dtype),
                        rng.standard_normal((n, 3)).astype(dtype)]
    # cond(T) ~ 1: 10 n eps relative to |x|.
    assert_solves_match_scipy(t, right_hand_sides, lower, 10 * n * np.finfo(dtype).eps)


def test_cholesky_factor_of_an_ill_conditioned_matrix(rng, matrices):
    # cond(K) = 1e12, so cond(L) = 1e6: the forward error bound n eps cond(L) is ~3e-8 relative;
    # in fact the solves agree with substitution to ~1e-15.
    n = 2 * BLOCK_ORDER + 20
    lower = np.linalg.cholesky(matrices.spd(n, cond=1e12))
    right_hand_sides = [rng.standard_normal(n), rng.standard_normal((n, 2))]
    assert_solves_match_scipy(lower, right_hand_sides, True, n * np.finfo(float).eps * 1e6)


@pytest.mark.parametrize("lower", [True, False])
def test_batched_like_scipy(rng, lower):
    n = BLOCK_ORDER + 6
    t = triangular(rng, n, lower, batch=(2, 3))  # (2, 3, n, n)
    right_hand_sides = [rng.standard_normal((2, 3, n, 4)), rng.standard_normal(n),
                        rng.standard_normal((n, 2)), rng.standard_normal((3, n, 1))]
    assert_solves_match_scipy(t, right_hand_sides, lower, 1e-12)


def test_one_matrix_against_a_batch_of_right_hand_sides(rng):
    t = triangular(rng, 20)
    b = rng.standard_normal((4, 20, 3))
    ours = TriangularSolver(t, lower=True).solve(b, trans=1)
    expected = scipy.linalg.solve_triangular(t, b, lower=True, trans=1)
    np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-13)


def test_dtypes_follow_numpy_promotion(rng):
    t32 = triangular(rng, 5, dtype=np.float32)
    solver = TriangularSolver(t32, lower=True)
    assert solver.solve(np.ones(5, np.float32)).dtype == np.float32
    assert solver.solve(np.ones(5)).dtype == np.float64
    assert solver.solve(np.ones(5, np.int32)).dtype == np.float64
    ints = TriangularSolver(np.eye(3, dtype=np.int64) * 2).solve(np.ones(3))
    np.testing.assert_array_equal(ints, [0.5, 0.5, 0.5])


def test_upper_is_the_default_and_only_the_triangle_is_read(rng):
    n = 80
    t = triangular(rng, n, lower=False)
    garbage = t + np.tril(rng.standard_normal((n, n)) * 1e3, -1)  # the lower part must be ignored
    b = rng.standard_normal(n)
    np.testing.assert_array_equal(TriangularSolver(garbage).solve(b, trans=1),
                                  TriangularSolver(t).solve(b, trans=1))
    np.testing.assert_allclose(TriangularSolver(t).solve(b), scipy.linalg.solve_triangular(t, b),
                               rtol=0, atol=1e-13)


def test_the_right_hand_side_is_not_written():
    v = np.array([4.0, 3.0])
    solver = TriangularSolver(np.array([[2.0, 0.0], [1.0, 1.0]]), lower=True)
    np.testing.assert_array_equal(solver.solve(v), [2.0, 1.0])
    np.testing.assert_array_equal(solver.solve(v, trans=1), [0.5, 3.0])
    np.testing.assert_array_equal(v, [4.0, 3.0])


def test_tiny_and_empty():
    assert TriangularSolver(np.array([[4.0]])).solve(np.array([2.0])).tolist() == [0.5]
    assert TriangularSolver(np.zeros((0, 0))).solve(np.zeros(0)).shape == (0,)
    assert TriangularSolver(np.eye(3)).solve(np.zeros((3, 0))).shape == (3, 0)
    assert TriangularSolver(np.ones((0, 3, 3))).solve(np.ones(3)).shape == (0, 3)


def test_zero_on_the_diagonal_raises_singular_at_construction():
    t = np.tril(np.ones((4, 4)))
    t[2, 2] = 0.0
    with pytest.raises(LinAlgError, match="singular matrix: diagonal entry 2 is zero"):
        TriangularSolver(t, lower=True)


@pytest.mark.parametrize(
    ("a", "error", "message"),
    [
        (np.ones((2, 3)), LinAlgError, "square"),
        (np.ones(3), LinAlgError, "two-dimensional"),
        (np.array([[1.0, 0.0], [np.nan, 1.0]]), ValueError, "infs or NaNs"),
        (np.eye(2) * (1 + 1j), TypeError, "complex"),
    ],
)
def test_bad_matrix_raises(a, error, message):
    with pytest.raises(error, match=message):
        TriangularSolver(a, lower=True)


@pytest.mark.parametrize(
    ("b", "trans", "error", "message"),
    [
        (np.ones(4), 0, ValueError, "incompatible"),
        (np.ones((4, 2)), 0, ValueError, "incompatible"),
        (np.float64(1.0), 0, ValueError, "incompatible"),
        (np.array([1.0, np.inf, 1.0]), 0, ValueError, "infs or NaNs"),
        (np.ones(3), 3, ValueError, "trans must be"),
    ],
)
def test_bad_right_hand_side_raises(b, trans, error, message):
    with pytest.raises(error, match=message):
        TriangularSolver(np.eye(3)).solve(b, trans=trans)
