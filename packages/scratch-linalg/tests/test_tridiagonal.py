"""Tridiagonal reduction and the symmetric tridiagonal eigensolver, against scipy.linalg.

Tolerances: eigenvalues of a symmetric matrix are perfectly conditioned (Weyl), so a backward
stable method is within a small multiple of n eps ||T|| of the oracle; we allow n eps ||T||
(with n >= 8 so that tiny sizes get a few ulps). Residuals T Z - Z diag(w) and Z^T Z - I get
the same bound. Reconstructions Q T Q^T = A are backward errors too: n eps ||A||.
"""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from scratch_linalg.secular_equation import secular_eigenvectors, secular_roots
from scratch_linalg.tridiagonal_eigen import tridiagonal_eigh
from scratch_linalg.tridiagonal_qr import implicit_ql_eigh
from scratch_linalg.tridiagonal_reduction import apply_tridiagonal_q, tridiagonalize


def tridiagonal_matrix(d, e):
    return np.diag(d) + np.diag(e, 1) + np.diag(e, -1)


def backward_tolerance(n, norm, dtype):
    return max(n, 8) * np.finfo(dtype).eps * max(norm, np.finfo(dtype).tiny)


def assert_tridiagonal_eigh_matches_scipy(d, e, w, Z):
    n = len(d)
    T = tridiagonal_matrix(d.astype(np.float64), e.astype(np.float64))
    norm = np.abs(scipy.linalg.eigvalsh(T)).max(initial=0)
    tol = backward_tolerance(n, norm, d.dtype)
    w_ref = scipy.linalg.eigh_tridiagonal(
        d.astype(np.float64), e.astype(np.float64), eigvals_only=True
    )
    assert w.dtype == d.dtype and w.shape == (n,)
    assert np.all(np.diff(w) >= 0)
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=tol)
    if Z is not None:
        assert Z.dtype == d.dtype and Z.shape == (n, n)
        np.testing.assert_allclose(T @ Z, Z * w, rtol=0, atol=tol)
        # Orthogonality is O(n eps) (Gu & Eisenstat), with a constant of a few units in practice;
        # LAPACK's own tester (dstt21) accepts up to 30 n eps. We ask for 10 max(n, 8) eps.
        unit_tol = 10 * backward_tolerance(n, 1, d.dtype)
        np.testing.assert_allclose(Z.T @ Z, np.eye(n), rtol=0, atol=unit_tol)


# ---- tridiagonal_eigh: the contract -------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 24, 25, 60, 200])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_tridiagonal_eigh_random_matches_scipy(rng, n, dtype):
    d = rng.standard_normal(n).astype(dtype)
    e = rng.standard_normal(n - 1).astype(dtype)
    w, Z = tridiagonal_eigh(d, e)
    assert_tridiagonal_eigh_matches_scipy(d, e, w, Z)


def test_tridiagonal_eigh_empty():
    w, Z = tridiagonal_eigh(np.zeros(0), np.zeros(0))
    assert w.shape == (0,) and Z.shape == (0, 0)


def test_tridiagonal_eigh_vectors_match_scipy_up_to_sign(rng):
    # random tridiagonals have well separated eigenvalues: vectors are determined up to sign,
    # with error about eps ||T|| / gap.
    n = 80
    d, e = rng.standard_normal(n), rng.standard_normal(n - 1)
    w, Z = tridiagonal_eigh(d, e)
    w_ref, Z_ref = scipy.linalg.eigh_tridiagonal(d, e)
    gap = np.diff(w_ref).min()
    Z = Z * np.sign(np.sum(Z * Z_ref, axis=0))
    np.testing.assert_allclose(Z, Z_ref, rtol=0, atol=n * np.finfo(float).eps * 4 / gap)


@pytest.mark.parametrize("n", [7, 64, 150])
def test_golub_kahan_form_with_zero_diagonal_and_zero_off_diagonals(rng, n):
    # the SVD's tridiagonal: zero diagonal, eigenvalues +-sigma; some zero couplings split it
    e = rng.uniform(0.5, 2, n - 1)
    e[::5] = 0
    d = np.zeros(n)
    w, Z = tridiagonal_eigh(d, e)
    assert_tridiagonal_eigh_matches_scipy(d, e, w, Z)
    np.testing.assert_allclose(w, -w[::-1], atol=1e-13)  # symmetric spectrum


@pytest.mark.parametrize(
    "name",
    ["identity", "tiny_couplings", "laplacian", "wilkinson", "graded", "equal_blocks"],
)
def test_tridiagonal_eigh_hard_spectra(name):
    n = 121
    if name == "identity":
        d, e = np.ones(n), np.zeros(n - 1)
    elif name == "tiny_couplings":  # below the deflation threshold everywhere
        d, e = np.ones(n), np.full(n - 1, 1e-18)
    elif name == "laplacian":  # cos-spaced spectrum, nothing deflates by size
        d, e = np.full(n, 2.0), -np.ones(n - 1)
    elif name == "wilkinson":  # pairs of eigenvalues equal to many digits
        d, e = np.abs(np.arange(n) - n // 2).astype(float), np.ones(n - 1)
    elif name == "graded":  # entries from 1 down to 1e-12
        d, e = np.logspace(0, -12, n), 0.3 * np.logspace(0, -12, n - 1)
    else:  # two decoupled copies of the same matrix: every eigenvalue twice
        half = np.linspace(-1, 1, 60)
        d, e = np.concatenate([half, [5.0], half]), np.full(n - 1, 0.1)
        e[59] = e[60] = 0
    w, Z = tridiagonal_eigh(d, e)
    assert_tridiagonal_eigh_matches_scipy(d, e, w, Z)


def test_tridiagonal_eigh_without_vectors_and_int_input():
    w, Z = tridiagonal_eigh(np.array([2, 2, 2]), np.array([1, 1]))
    assert Z is not None and w.dtype == np.float64
    w_only, none = tridiagonal_eigh(np.array([2, 2, 2]), np.array([1, 1]), compute_vectors=False)
    assert none is None
    np.testing.assert_allclose(w_only, 2 + np.sqrt(2) * np.array([-1, 0, 1]), atol=1e-14)


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 70),
    seed=st.integers(0, 2**32 - 1),
    zero_fraction=st.sampled_from([0.0, 0.3]),
    scale=st.sampled_from([1e-150, 1e-3, 1.0, 1e150]),
)
def test_tridiagonal_eigh_property_decomposes(n, seed, zero_fraction, scale):
    generator = np.random.default_rng(seed)
    d = scale * np.round(generator.standard_normal(n), 1)  # rounding makes ties common
    e = scale * np.round(generator.standard_normal(n - 1), 1)
    e[generator.random(n - 1) < zero_fraction] = 0
    w, Z = tridiagonal_eigh(d, e)
    assert_tridiagonal_eigh_matches_scipy(d, e, w, Z)


def test_tridiagonal_eigh_errors():
    with pytest.raises(ValueError, match="length"):
        tridiagonal_eigh(np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match="1-D"):
        tridiagonal_eigh(np.ones((2, 2)), np.ones(1))
    with pytest.raises(ValueError, match="infs or NaNs"):
        tridiagonal_eigh(np.array([1.0, np.nan]), np.ones(1))
    with pytest.raises(TypeError, match="complex"):
        tridiagonal_eigh(np.ones(2, complex), np.ones(1))


# ---- the pieces: implicit QL leaves, the secular equation ------------------------------------


@pytest.mark.parametrize("n", [1, 2, 10, 30])
def test_implicit_ql_matches_scipy(rng, n):
    d, e = rng.standard_normal(n), rng.standard_normal(n - 1)
    w, Z = implicit_ql_eigh(d, e)
    assert_tridiagonal_eigh_matches_scipy(d, e, w, Z)


@pytest.mark.parametrize("k", [1, 2, 40, 300])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_secular_equation_matches_numpy_eigh_of_rank_one_update(rng, k, dtype):
    poles = np.sort(rng.standard_normal(k)).astype(dtype)
    z = rng.standard_normal(k).astype(dtype)
    z /= np.sqrt(np.dot(z, z))
    rho = dtype(0.8)
    roots, delta = secular_roots(poles, z, rho)
    U = secular_eigenvectors(poles, z, rho, delta)
    M = np.diag(poles.astype(np.float64)) + 0.8 * np.outer(z, z).astype(np.float64)
    tol = backward_tolerance(k, np.abs(np.linalg.eigvalsh(M)).max(), dtype)
    np.testing.assert_allclose(roots, np.linalg.eigvalsh(M), rtol=0, atol=tol)
    np.testing.assert_allclose(delta, poles[None, :] - roots[:, None], rtol=0, atol=tol)
    np.testing.assert_allclose(M @ U, U * roots, rtol=0, atol=tol)
    np.testing.assert_allclose(U.T @ U, np.eye(k), rtol=0, atol=backward_tolerance(k, 1, dtype))


# ---- tridiagonal reduction -------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 5, 31, 32, 33, 100])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_tridiagonalize_reconstructs(matrices, n, dtype):
    a = matrices.symmetric(n, dtype=dtype)
    d, e, reflectors, taus = tridiagonalize(a)
    Q = apply_tridiagonal_q(reflectors, taus, np.eye(n, dtype=dtype))
    assert d.dtype == e.dtype == Q.dtype == dtype
    tol = backward_tolerance(n, np.abs(a).sum(axis=0).max(initial=0), dtype)
    np.testing.assert_allclose(Q @ tridiagonal_matrix(d, e) @ Q.T, a, rtol=0, atol=tol)
    np.testing.assert_allclose(Q.T @ Q, np.eye(n), rtol=0, atol=backward_tolerance(n, 1, dtype))


def test_tridiagonalize_matches_scipy_hessenberg(matrices):
    # same reflector convention as LAPACK (dlarfg), so the same T, entry by entry; entries of T
    # are less well conditioned than eigenvalues, so a small n and a looser 1e-12.
    a = matrices.symmetric(20)
    d, e, _, _ = tridiagonalize(a, block_size=8)
    h = scipy.linalg.hessenberg(a)
    np.testing.assert_allclose(d, np.diag(h), rtol=0, atol=1e-12)
    np.testing.assert_allclose(e, np.diag(h, -1), rtol=0, atol=1e-12)


@pytest.mark.parametrize("block_size", [1, 3, 32, 64])
def test_blocked_and_unblocked_reductions_agree(matrices, block_size):
    a = matrices.symmetric(50)
    reference = tridiagonalize(a, block_size=1)
    blocked = tridiagonalize(a, block_size=block_size)
    np.testing.assert_allclose(blocked.diagonal, reference.diagonal, atol=1e-12)
    np.testing.assert_allclose(blocked.off_diagonal, reference.off_diagonal, atol=1e-12)
    C = matrices.general(50, 7)
    np.testing.assert_allclose(
        apply_tridiagonal_q(blocked.reflectors, blocked.taus, C, block_size=block_size),
        apply_tridiagonal_q(reference.reflectors, reference.taus, C, block_size=5),
        atol=1e-12,
    )
