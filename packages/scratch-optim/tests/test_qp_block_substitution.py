"""qp_block_substitution.BlockSubstitution against scipy.linalg.solve_triangular."""

import numpy as np
import pytest
import scipy.linalg
from scratch_optim.qp_block_substitution import (BLOCK_ORDER, BlockSubstitution,
                                                 invert_lower_triangular)


def assert_solves_match_scipy(lower, right_hand_sides, rtol):
    solver = BlockSubstitution(lower)
    for v in right_hand_sides:
        for ours, trans in ((solver.solve(v), 0), (solver.solve_transposed(v), 1)):
            expected = scipy.linalg.solve_triangular(lower, v, lower=True, trans=trans)
            assert ours.shape == expected.shape
            np.testing.assert_allclose(ours, expected, rtol=0,
                                       atol=rtol * np.abs(expected).max())


# one block, a full block, one row over, several blocks with a short last one
@pytest.mark.parametrize("n", [1, 12, BLOCK_ORDER, BLOCK_ORDER + 1, 2 * BLOCK_ORDER + 20])
def test_matches_scipy_on_vectors_and_matrices(rng, n):
    lower = np.tril(rng.normal(size=(n, n))) + n * np.eye(n)  # well conditioned
    assert_solves_match_scipy(lower, [rng.normal(size=n), rng.normal(size=(n, 3))], rtol=1e-13)


def test_cholesky_factor_of_an_ill_conditioned_matrix(rng):
    # Forward error of the order of eps cond(L) (see the module docstring): cond(K) = 1e12,
    # so cond(L) = 1e6: the solves agree with substitution to 1e-10 relative (in fact ~1e-15).
    n = 2 * BLOCK_ORDER + 20
    basis, _ = np.linalg.qr(rng.normal(size=(n, n)))
    K = basis @ np.diag(np.logspace(0, 12, n)) @ basis.T
    lower = np.linalg.cholesky((K + K.T) / 2)
    assert_solves_match_scipy(lower, [rng.normal(size=n)], rtol=1e-10)


@pytest.mark.parametrize("order", [1, 2, 8, BLOCK_ORDER])
def test_invert_lower_triangular_matches_numpy_inv_and_ignores_the_upper_triangle(rng, order):
    lower = np.tril(rng.normal(size=(5, order, order))) + 2 * order * np.eye(order)  # (5, b, b)
    with_garbage_above = lower + np.triu(rng.normal(size=(5, order, order)) * 1e3, 1)
    np.testing.assert_allclose(invert_lower_triangular(with_garbage_above), np.linalg.inv(lower),
                               rtol=0, atol=1e-14)


def test_the_right_hand_side_is_not_written():
    lower = np.array([[2.0, 0.0], [1.0, 1.0]])
    v = np.array([4.0, 3.0])
    np.testing.assert_array_equal(BlockSubstitution(lower).solve(v), [2.0, 1.0])
    np.testing.assert_array_equal(v, [4.0, 3.0])
