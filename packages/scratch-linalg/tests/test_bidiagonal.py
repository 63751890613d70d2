"""Bidiagonalization A = U1 B V1^T and the bidiagonal SVD through the Golub-Kahan tridiagonal.

Oracles: numpy.linalg.svd of A and of the dense B; dense products of the individual reflectors.
Tolerances are backward-error sized: c * n * eps * ||A|| with c a small constant (orthogonal
transformations in floating point lose about n eps, the constant absorbs the norm equivalences).
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scratch_linalg.bidiagonal_reduction import (
    apply_left,
    apply_right,
    bidiagonal_matrix,
    bidiagonalize,
    form_left,
    form_right,
)
from scratch_linalg.bidiagonal_svd import bidiagonal_svd, golub_kahan_offdiagonal

EPS = {np.float32: np.finfo(np.float32).eps, np.float64: np.finfo(np.float64).eps}


def padded_bidiagonal(r, m):
    n = len(r.d)
    B = np.zeros((m, n), r.d.dtype)  # (m, n)
    B[:n] = bidiagonal_matrix(r.d, r.e)
    return B


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "m, n, block_size",
    [(1, 1, 32), (2, 1, 32), (5, 5, 2), (9, 4, 3), (40, 33, 8), (70, 70, 16), (120, 64, 32)],
)
def test_bidiagonalization_identity_and_orthogonality(matrices, m, n, block_size, dtype):
    a = matrices.general(m, n, dtype=dtype)
    r = bidiagonalize(a, block_size=block_size)
    U1, V1 = form_left(r), form_right(r)  # (m, m), (n, n)
    assert r.d.dtype == dtype and U1.dtype == dtype and V1.dtype == dtype
    tolerance = 10 * m * EPS[dtype]  # backward error of m-long reflector products
    scale = np.abs(a).max()
    np.testing.assert_allclose(U1 @ padded_bidiagonal(r, m) @ V1.T, a, atol=tolerance * scale)
    np.testing.assert_allclose(U1.T @ U1, np.eye(m), atol=tolerance)
    np.testing.assert_allclose(V1.T @ V1, np.eye(n), atol=tolerance)
    # orthogonal transformations keep the singular values (numpy as the oracle)
    np.testing.assert_allclose(
        np.linalg.svd(bidiagonal_matrix(r.d, r.e).astype(np.float64), compute_uv=False),
        np.linalg.svd(a.astype(np.float64), compute_uv=False),
        atol=tolerance * scale,
    )


def test_blocked_and_unblocked_reductions_agree(matrices):
    a = matrices.general(50, 37)
    blocked, unblocked = bidiagonalize(a, block_size=8), bidiagonalize(a, block_size=1)
    # same reflectors up to rounding: the blocking only reorders the arithmetic
    np.testing.assert_allclose(blocked.d, unblocked.d, atol=1e-12)
    np.testing.assert_allclose(blocked.e, unblocked.e, atol=1e-12)


def test_apply_matches_the_product_of_single_reflectors(matrices):
    m, n = 12, 7
    r = bidiagonalize(matrices.general(m, n), block_size=3)
    U1, V1 = np.eye(m), np.eye(n)
    for j in range(n):  # U1 = H_0 H_1 ... H_{n-1}, each H_j = I - tau v v^T on rows j:
        v = np.zeros(m)
        v[j], v[j + 1 :] = 1, r.reflectors[j + 1 :, j]
        U1 = U1 @ (np.eye(m) - r.left_taus[j] * np.outer(v, v))
    for j in range(n - 1):  # V1 = G_0 ... G_{n-2}, G_j on rows j+1:
        u = np.zeros(n)
        u[j + 1], u[j + 2 :] = 1, r.reflectors[j, j + 2 :]
        V1 = V1 @ (np.eye(n) - r.right_taus[j] * np.outer(u, u))
    C = matrices.general(m, 4)
    np.testing.assert_allclose(apply_left(r, C), U1 @ C, atol=1e-13)
    np.testing.assert_allclose(apply_right(r, C[:n]), V1 @ C[:n], atol=1e-13)


def test_bidiagonalize_refuses_wide_input(matrices):
    with pytest.raises(ValueError, match="m >= n"):
        bidiagonalize(matrices.general(3, 5))


def test_golub_kahan_offdiagonal_interleaves():
    off = golub_kahan_offdiagonal(np.array([1.0, 2.0, 3.0]), np.array([10.0, 20.0]))
    assert off.tolist() == [1.0, 10.0, 2.0, 20.0, 3.0]


def check_bidiagonal_svd(d, e, c=20):
    """Parity with numpy, reconstruction and orthonormality, all to c * n * eps * ||B||."""
    n = len(d)
    eps = np.finfo(d.dtype).eps
    s, U, V = bidiagonal_svd(d, e)
    B = bidiagonal_matrix(d, e).astype(np.float64)
    reference = np.linalg.svd(B, compute_uv=False)
    scale = max(reference[0], np.finfo(d.dtype).tiny)
    tolerance = c * max(n, 1) * eps
    assert s.dtype == d.dtype and U.dtype == d.dtype and V.dtype == d.dtype
    assert np.all(np.diff(s) <= 0) and np.all(s >= 0)
    np.testing.assert_allclose(s, reference, atol=tolerance * scale)
    np.testing.assert_allclose((U * s) @ V.T, B, atol=tolerance * scale)
    np.testing.assert_allclose(U.T @ U, np.eye(n), atol=tolerance)
    np.testing.assert_allclose(V.T @ V, np.eye(n), atol=tolerance)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n", [1, 2, 3, 10, 80])
def test_bidiagonal_svd_random(rng, n, dtype):
    d, e = rng.standard_normal(n).astype(dtype), rng.standard_normal(n - 1).astype(dtype)
    check_bidiagonal_svd(d, e)


@pytest.mark.parametrize("zeros_in", ["d", "e", "both", "all"])
def test_bidiagonal_svd_with_exact_zeros(rng, zeros_in):
    # zeros in d give exact zero singular values: the +-0 cluster of T_GK mixes u- and v-halves
    n = 40
    d, e = rng.standard_normal(n), rng.standard_normal(n - 1)
    if zeros_in in ("d", "both"):
        d[[0, 7, 8, 20, n - 1]] = 0
    if zeros_in in ("e", "both"):
        e[[3, 8, 30]] = 0
    if zeros_in == "all":
        d[:], e[:] = 0, 0
    check_bidiagonal_svd(d, e)


def test_bidiagonal_svd_graded(rng):
    # singular values from 1 down to 1e-15: the tiny ones couple to their mirrors -sigma
    n = 60
    check_bidiagonal_svd(np.logspace(0, -15, n), 1e-3 * np.logspace(0, -15, n - 1))


def test_bidiagonal_svd_empty():
    s, U, V = bidiagonal_svd(np.zeros(0), np.zeros(0))
    assert s.shape == (0,) and U.shape == (0, 0) and V.shape == (0, 0)


def test_bidiagonal_singular_values_only(rng):
    d, e = rng.standard_normal(30), rng.standard_normal(29)
    s = bidiagonal_svd(d, e, compute_vectors=False)
    # eigenvalues of T_GK are accurate to ~n eps ||B||
    np.testing.assert_allclose(
        s, np.linalg.svd(bidiagonal_matrix(d, e), compute_uv=False), atol=1e-13
    )


entries = st.floats(-10, 10, allow_nan=False).map(lambda x: 0.0 if abs(x) < 1 else x)


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.lists(entries, min_size=n, max_size=n),
            st.lists(entries, min_size=n - 1, max_size=n - 1),
        )
    )
)
def test_bidiagonal_svd_property(diagonals):
    # entries with |x| < 1 snap to 0, so exact zeros (and zero singular values) are frequent
    d, e = (np.array(x, dtype=np.float64) for x in diagonals)
    check_bidiagonal_svd(d, e)
