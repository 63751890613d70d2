"""solve and inv against numpy.linalg (numpy 2 shapes, broadcasting, dtypes and errors).

Tolerances: LU with partial pivoting is backward stable in practice, so the residual
||A x - b|| / (||A|| ||x||) stays at ~ n * eps whatever cond(A); the forward error, and the gap
between two stable solvers, grows like n * eps * cond(A). Parity tests use cond(A) = 100.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_linalg import LinAlgError, inv, solve

COND = 100.0


def parity_tolerance(n, dtype, expected):
    return 10 * max(n, 1) * np.finfo(dtype).eps * COND * np.abs(expected).max()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [1, 5, 64, 200, 300])
@pytest.mark.parametrize("rhs", ["vector", "matrix"])
def test_solve_matches_numpy(matrices, rng, n, dtype, rhs):
    a = matrices.conditioned(n, COND, dtype=dtype)
    b = rng.standard_normal(n if rhs == "vector" else (n, 3)).astype(dtype)
    ours, expected = solve(a, b), np.linalg.solve(a, b)
    assert ours.dtype == dtype and ours.shape == expected.shape
    np.testing.assert_allclose(ours, expected, rtol=0, atol=parity_tolerance(n, dtype, expected))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [1, 7, 150])
def test_inv_matches_numpy(matrices, n, dtype):
    a = matrices.conditioned(n, COND, dtype=dtype)
    ours, expected = inv(a), np.linalg.inv(a)
    assert ours.dtype == dtype
    np.testing.assert_allclose(ours, expected, rtol=0, atol=parity_tolerance(n, dtype, expected))
    identity_error = np.abs(ours @ a - np.eye(n)).max()
    assert identity_error < 10 * n * np.finfo(dtype).eps * COND


@pytest.mark.parametrize("cond", [1e4, 1e8, 1e12])
def test_ill_conditioned_residual_and_forward_error(matrices, rng, cond):
    n = 200
    a = matrices.conditioned(n, cond)
    x_true = rng.standard_normal(n)
    b = a @ x_true
    x = solve(a, b)
    eps = np.finfo(np.float64).eps
    residual = np.linalg.norm(a @ x - b) / (np.linalg.norm(a, 2) * np.linalg.norm(x))
    assert residual < 10 * n * eps
    assert np.linalg.norm(x - x_true) / np.linalg.norm(x_true) < 10 * n * eps * cond
    inverse = inv(a)
    inverse_error = np.linalg.norm(inverse - np.linalg.inv(a)) / np.linalg.norm(inverse)
    assert inverse_error < 10 * n * eps * cond


@pytest.mark.parametrize(
    ("a_shape", "b_shape", "expected_shape"),
    [
        ((2, 1, 6, 6), (5, 6, 2), (2, 5, 6, 2)),  # batch axes broadcast
        ((2, 3, 6, 6), (6,), (2, 3, 6)),  # one vector for every matrix
        ((2, 3, 6, 6), (6, 4), (2, 3, 6, 4)),  # one matrix for every matrix
        ((6, 6), (3, 6, 1), (3, 6, 1)),  # numpy 2: b.ndim > 1 is always a stack of matrices
    ],
)
def test_batched_shapes_follow_numpy_2(rng, a_shape, b_shape, expected_shape):
    a = rng.standard_normal(a_shape) + 6 * np.eye(6)
    b = rng.standard_normal(b_shape)
    ours, expected = solve(a, b), np.linalg.solve(a, b)
    assert ours.shape == expected.shape == expected_shape
    np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-12 * np.abs(expected).max())
    np.testing.assert_allclose(inv(a), np.linalg.inv(a), rtol=0, atol=1e-12)


def test_dtype_promotion_and_tiny_inputs():
    a32 = np.array([[2.0]], dtype=np.float32)
    assert solve(a32, np.ones(1, dtype=np.float32)).dtype == np.float32
    assert solve(a32, np.ones(1)).dtype == np.float64
    assert solve(np.array([[2]]), np.array([4])).tolist() == [2.0]
    assert inv(np.array([[4]])).tolist() == [[0.25]]
    assert solve(np.zeros((0, 0)), np.ones(0)).shape == (0,)
    assert solve(np.zeros((0, 0)), np.ones((0, 3))).shape == (0, 3)
    assert inv(np.zeros((0, 0))).shape == (0, 0)


@pytest.mark.parametrize("function", [lambda a: solve(a, np.ones(a.shape[-1])), inv])
def test_singular_raises_like_numpy(matrices, function):
    with pytest.raises(LinAlgError, match="Singular matrix"):
        function(np.ones((4, 4)))
    with_zero_column = matrices.general(30, 30)
    with_zero_column[:, 17] = 0.0
    with pytest.raises(LinAlgError, match="Singular matrix"):
        function(with_zero_column)
    with pytest.raises(LinAlgError, match="Singular matrix"):
        function(np.stack([np.eye(3), np.zeros((3, 3))]))  # one singular matrix in a batch


@pytest.mark.parametrize(
    ("a", "b", "error", "message"),
    [
        (np.eye(3), np.ones(4), ValueError, "b has 4 rows but a is 3 x 3"),
        (np.eye(3), np.ones((4, 2)), ValueError, "b has 4 rows"),
        (np.eye(3), np.ones(()), ValueError, "at least one-dimensional"),
        (np.ones((2, 3)), np.ones(2), LinAlgError, "square"),
        (np.eye(3), np.array([1.0, np.inf, 0.0]), ValueError, "infs or NaNs"),
        (np.eye(3), np.ones(3) * 1j, TypeError, "complex"),
        (np.ones((2, 3, 3)), np.ones((4, 3, 1)), ValueError, "broadcast"),
    ],
)
def test_bad_input_raises(a, b, error, message):
    with pytest.raises(error, match=message):
        solve(a, b)


def test_inv_bad_input_raises():
    with pytest.raises(LinAlgError, match="square"):
        inv(np.ones((2, 3)))
    with pytest.raises(ValueError, match="infs or NaNs"):
        inv(np.array([[np.nan]]))


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 60), k=st.integers(1, 3), seed=st.integers(0, 2**32 - 1))
def test_property_solve_recovers_x_and_inv_is_a_two_sided_inverse(n, k, seed):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((n, n)) + np.sqrt(n) * np.eye(n) * 3  # diagonally heavy: cond ~ 1
    x_true = rng.standard_normal((n, k))
    tolerance = 1000 * n * np.finfo(np.float64).eps
    np.testing.assert_allclose(solve(a, a @ x_true), x_true, rtol=0, atol=tolerance)
    inverse = inv(a)
    np.testing.assert_allclose(inverse @ a, np.eye(n), rtol=0, atol=tolerance)
    np.testing.assert_allclose(a @ inverse, np.eye(n), rtol=0, atol=tolerance)
