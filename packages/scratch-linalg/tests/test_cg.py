"""cg: conjugate gradients against scipy.sparse.linalg.cg (same iterates, same stopping rule)."""

import numpy as np
import pytest
import scipy.sparse
import scipy.sparse.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from scratch_linalg import cg


def scipy_cg(A, b, **kwargs):
    return scipy.sparse.linalg.cg(A, b, **kwargs)


# Both codes do the same arithmetic in the same order except the dot products and ||r|| (BLAS
# vs ours), so iterates agree to ~ k * eps * cond(A) after k steps: with cond <= 1e3 and
# k <= 40 that is < 1e-9 relative in float64 (1e-3 for float32, eps 1.2e-7).
FLOAT64_TOL = dict(rtol=1e-9, atol=1e-12)


def spd_system(matrices, rng, n=40, cond=100.0, dtype=np.float64):
    return matrices.spd(n, cond, dtype=dtype), rng.standard_normal(n).astype(dtype)


@pytest.mark.parametrize("maxiter", [1, 2, 5, 17])
def test_iterates_after_a_fixed_number_of_steps_match_scipy(matrices, rng, maxiter):
    A, b = spd_system(matrices, rng, cond=1e3)
    x, info = cg(A, b, maxiter=maxiter, rtol=1e-14)
    expected, expected_info = scipy_cg(A, b, maxiter=maxiter, rtol=1e-14)
    assert info == expected_info == maxiter  # not converged: info is the iteration count
    np.testing.assert_allclose(x, expected, **FLOAT64_TOL)


def test_converges_to_the_solution_with_scipys_iteration_count(matrices, rng):
    A, b = spd_system(matrices, rng, cond=50.0)
    ours, theirs = [], []
    x, info = cg(A, b, rtol=1e-10, callback=lambda xk: ours.append(xk.copy()))
    expected, expected_info = scipy_cg(
        A, b, rtol=1e-10, callback=lambda xk: theirs.append(xk.copy())
    )
    assert info == expected_info == 0
    assert len(ours) == len(theirs)
    np.testing.assert_allclose(np.array(ours), np.array(theirs), **FLOAT64_TOL)
    # converged means ||b - A x|| < rtol ||b||
    assert np.sqrt(np.sum((b - A @ x) ** 2)) < 1e-10 * np.sqrt(np.sum(b**2))


def test_absolute_tolerance_stops_earlier_like_scipy(matrices, rng):
    A, b = spd_system(matrices, rng, cond=1e3)
    counts = []
    for solver in (cg, scipy_cg):
        steps = []
        x, info = solver(A, b, rtol=0.0, atol=1e-3, callback=steps.append)
        counts.append((info, len(steps)))
    assert counts[0] == counts[1] and counts[0][0] == 0


def test_initial_guess_and_column_shaped_b(matrices, rng):
    A, b = spd_system(matrices, rng)
    x0 = rng.standard_normal(40)
    x0_copy = x0.copy()
    x, info = cg(A, b[:, None], x0=x0[:, None], maxiter=6)
    expected, _ = scipy_cg(A, b[:, None], x0=x0[:, None], maxiter=6)
    assert x.shape == (40,)
    np.testing.assert_allclose(x, expected, **FLOAT64_TOL)
    np.testing.assert_array_equal(x0, x0_copy)  # x0 is not modified


def test_jacobi_preconditioner_as_array_and_operator(matrices, rng):
    A, b = spd_system(matrices, rng)
    A = A + np.diag(np.linspace(1, 100, 40))  # a badly scaled diagonal: Jacobi helps
    jacobi = np.diag(1 / np.diag(A))
    operator = scipy.sparse.linalg.aslinearoperator(jacobi)
    expected, _ = scipy_cg(A, b, M=jacobi, maxiter=8)
    for M in (jacobi, operator):
        x, info = cg(A, b, M=M, maxiter=8)
        np.testing.assert_allclose(x, expected, **FLOAT64_TOL)


def test_operator_and_sparse_matrix_inputs(rng):
    # the 1-D Laplacian: SPD, tridiagonal, cond ~ 4 n^2 / pi^2
    n = 30
    laplacian = scipy.sparse.diags([-1.0, 2.0, -1.0], [-1, 0, 1], shape=(n, n), format="csr")
    b = rng.standard_normal(n)
    expected, expected_info = scipy_cg(laplacian, b, rtol=1e-12)
    for A in (laplacian, scipy.sparse.linalg.aslinearoperator(laplacian), laplacian.toarray()):
        x, info = cg(A, b, rtol=1e-12)
        assert info == expected_info == 0
        np.testing.assert_allclose(x, expected, rtol=1e-8, atol=1e-10)


def test_float32_stays_float32(matrices, rng):
    A, b = spd_system(matrices, rng, n=20, dtype=np.float32)
    x, info = cg(A, b, maxiter=5)
    expected, _ = scipy_cg(A, b, maxiter=5)
    assert x.dtype == expected.dtype == np.float32
    np.testing.assert_allclose(x, expected, rtol=1e-3, atol=1e-4)


def test_zero_right_hand_side_and_1x1(rng):
    x, info = cg(np.eye(3), np.zeros(3), x0=np.ones(3))
    assert info == 0 and np.array_equal(x, np.zeros(3))  # scipy returns b itself
    x, info = cg(np.array([[4.0]]), np.array([2.0]))
    expected, expected_info = scipy_cg(np.array([[4.0]]), np.array([2.0]))
    assert info == expected_info == 0
    np.testing.assert_allclose(x, expected)


@given(n=st.integers(1, 12), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_solves_random_spd_systems(n, seed):
    rng = np.random.default_rng(seed)
    factor = rng.standard_normal((n, n))
    A = factor @ factor.T + n * np.eye(n)  # SPD with cond bounded by ~ 5
    b = rng.standard_normal(n)
    x, info = cg(A, b, rtol=1e-10)
    assert info == 0
    assert np.sqrt(np.sum((A @ x - b) ** 2)) < 1e-10 * np.sqrt(np.sum(b**2))
    np.testing.assert_allclose(x, np.linalg.solve(A, b), rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((np.ones((3, 4)), np.ones(3)), {}, "expected square matrix"),
        ((np.eye(3), np.ones(4)), {}, "shapes of A .* and b .* are incompatible"),
        ((np.eye(3), np.ones(3)), dict(x0=np.ones(2)), "x0 .* incompatible"),
        ((np.eye(3), np.ones(3)), dict(M=np.eye(2)), "preconditioner have different shapes"),
        ((np.eye(3), np.ones(3)), dict(atol=-1.0), "invalid `atol`"),
        ((np.eye(3), np.array([1.0, np.nan, 0.0])), {}, "infs or NaNs"),
    ],
)
def test_bad_input_raises(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cg(*args, **kwargs)
