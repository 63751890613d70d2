"""Hessenberg reduction and the general eigenproblem: parity with scipy.linalg.hessenberg and
numpy.linalg.eig / eigvals.

Tolerances. Hessenberg reduction and the QR algorithm are backward stable: the residual
||A v - w v|| is O(n eps ||A||) for unit v (we allow 50 n eps ||A||). Eigenvalues themselves are
compared with numpy's to O(n eps ||A|| * condition of the eigenvalue): modest for random and
symmetric matrices, eps^(1/k)-like for a perturbed k x k Jordan block. Eigenvalue order is not
specified by numpy, so values are matched to the nearest of numpy's; eigenvectors are compared
up to a unit complex factor, |<v_ours, v_numpy>| = 1.
"""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import scratch_linalg as sla
from scratch_linalg import schur


def match_to(reference, values):
    """Permutation p such that values[p] pairs up with reference (greedy nearest)."""
    unused = list(range(len(values)))
    order = []
    for r in reference:
        best = min(unused, key=lambda i: abs(values[i] - r))
        unused.remove(best)
        order.append(best)
    return np.array(order, dtype=int)


def assert_eig_residual(a, w, v, factor=50):
    eps = np.finfo(a.dtype).eps
    n = a.shape[-1]
    scale = max(np.abs(a).max(initial=0) * n, 1)
    residual = a @ v - v * w[..., None, :]
    assert np.abs(residual).max(initial=0) <= factor * n * eps * scale
    np.testing.assert_allclose(np.linalg.norm(v, axis=-2), 1, atol=factor * n * eps)


def assert_matches_numpy(a, value_tol, vector_tol=None):
    w, v = sla.eig(a)
    w_np, v_np = np.linalg.eig(a)
    assert w.dtype == w_np.dtype and v.dtype == v_np.dtype and v.shape == v_np.shape
    assert_eig_residual(a, w, v)
    order = match_to(w_np, w)
    np.testing.assert_allclose(w[order], w_np, atol=value_tol)
    if vector_tol is not None:  # only meaningful for well-separated eigenvalues
        overlaps = np.abs(np.sum(v[:, order].conj() * v_np, axis=0))
        np.testing.assert_allclose(overlaps, 1, atol=vector_tol)
    return w, v


# ---------------------------------------------------------------- hessenberg


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [1, 2, 3, 8, 45])
def test_hessenberg_matches_scipy(matrices, n, dtype):
    a = matrices.general(n, dtype=dtype)
    H, Q = sla.hessenberg(a, calc_q=True)
    H_sp, Q_sp = scipy.linalg.hessenberg(a, calc_q=True)
    assert H.dtype == H_sp.dtype == dtype and Q.dtype == dtype
    tol = 100 * n * np.finfo(dtype).eps  # same reflectors (dlarfg signs), rounding only
    np.testing.assert_allclose(H, H_sp, atol=tol * np.abs(a).max())
    np.testing.assert_allclose(Q, Q_sp, atol=tol)
    np.testing.assert_array_equal(H, np.triu(H, -1))
    np.testing.assert_allclose(Q @ H @ Q.T, a, atol=tol * np.abs(a).max())
    np.testing.assert_allclose(sla.hessenberg(a), H, atol=0)


def test_hessenberg_batched_and_empty(matrices):
    a = matrices.general(2 * 3 * 5, 5).reshape(2, 3, 5, 5)
    H, Q = sla.hessenberg(a, calc_q=True)
    for index in np.ndindex(2, 3):
        np.testing.assert_allclose(H[index], scipy.linalg.hessenberg(a[index]), atol=1e-13)
    np.testing.assert_allclose(Q @ H @ np.swapaxes(Q, -1, -2), a, atol=1e-13)
    assert sla.hessenberg(np.zeros((0, 0))).shape == (0, 0)


# ---------------------------------------------------------------- eig


@pytest.mark.parametrize("n", [2, 3, 7, 20, 60])
def test_eig_matches_numpy_on_random_matrices(matrices, n):
    a = matrices.general(n)
    assert_matches_numpy(a, value_tol=1e-11 * n, vector_tol=1e-8)


def test_eig_symmetric_is_real_and_matches_eigvalsh(matrices):
    a = matrices.symmetric(30)
    w, v = assert_matches_numpy(a, value_tol=1e-12, vector_tol=1e-9)
    assert w.dtype == np.float64
    np.testing.assert_allclose(np.sort(w), np.linalg.eigvalsh(a), atol=1e-12)
    np.testing.assert_allclose(v.T @ v, np.eye(30), atol=1e-10)  # symmetric: orthonormal


def test_eig_rotation_gives_conjugate_pair_positive_imaginary_first():
    a = np.array([[0.0, -1.0], [1.0, 0.0]])
    w, v = sla.eig(a)
    w_np, v_np = np.linalg.eig(a)
    np.testing.assert_allclose(w, [1j, -1j], atol=1e-15)
    np.testing.assert_allclose(w, w_np, atol=1e-15)
    np.testing.assert_allclose(v, v_np, atol=1e-15)  # same normalization as dgeev


def test_eig_complex_pairs_are_adjacent_conjugates(matrices):
    a = matrices.general(25)
    w, v = sla.eig(a)
    assert np.iscomplexobj(w)
    k = 0
    while k < len(w):
        if w[k].imag != 0:
            assert w[k].imag > 0 and w[k + 1] == w[k].conj()
            np.testing.assert_array_equal(v[:, k + 1], v[:, k].conj())
            k += 2
        else:
            k += 1
    largest = v[np.abs(v).argmax(axis=0), np.arange(25)]  # dgeev: largest component real
    np.testing.assert_array_equal(largest.imag, 0)


def test_eig_triangular_returns_the_diagonal(matrices):
    a = np.triu(matrices.general(9))
    w, v = sla.eig(a)
    np.testing.assert_array_equal(w, np.diag(a))
    assert_matches_numpy(a, value_tol=1e-14, vector_tol=1e-8)


@pytest.mark.parametrize("size", [2, 4])
def test_eig_perturbed_jordan_block(rng, size):
    jordan = 2 * np.eye(size) + np.eye(size, k=1)
    a = jordan + 1e-10 * rng.standard_normal((size, size))
    # eigenvalues of a k-Jordan block move by (eps / 1e-10^((k-1)/k)) under rounding
    assert_matches_numpy(a, value_tol=1e-7)


def test_eig_exact_jordan_block_and_identity():
    jordan = 2 * np.eye(5) + np.eye(5, k=1)
    w, v = sla.eig(jordan)
    np.testing.assert_array_equal(w, 2.0)
    assert_eig_residual(jordan, w, v)
    w, v = sla.eig(np.eye(4))
    np.testing.assert_array_equal(w, 1.0)
    np.testing.assert_array_equal(v, np.eye(4))


def test_eig_ill_conditioned_eigenvectors(matrices):
    # A = S diag(d) S^-1 with cond(S) = 1e6: the eigenvalues have condition ~1e6
    S = matrices.conditioned(12, 1e6)
    d = np.linspace(1, 12, 12)
    a = S @ np.diag(d) @ np.linalg.inv(S)
    # eigenvalue error <= cond(S) * n eps ||A||, and ||A|| itself is up to 12 cond(S)
    tol = 1e6 * 12 * np.finfo(float).eps * np.linalg.norm(a, 2)
    w, v = assert_matches_numpy(a, value_tol=tol)
    np.testing.assert_allclose(np.sort(w), d, atol=tol)


@pytest.mark.parametrize("n", [3, 4, 8])
def test_eig_cyclic_permutation_needs_exceptional_shifts(n):
    # the standard shifts stall on a cyclic shift (all eigenvalues on the unit circle);
    # dlahqr's exceptional shifts break the cycle. Eigenvalues: the n-th roots of unity.
    a = np.roll(np.eye(n), 1, axis=0)
    w, _ = assert_matches_numpy(a, value_tol=1e-13, vector_tol=1e-10)
    np.testing.assert_allclose(np.abs(w), 1, atol=1e-14)


@pytest.mark.parametrize("magnitude", [1e-200, 1e200])
def test_eig_of_tiny_and_huge_entries_is_scaled_safely(matrices, magnitude):
    a = matrices.general(6) * magnitude
    w = sla.eigvals(a)
    w_np = np.linalg.eigvals(a)
    np.testing.assert_allclose(w[match_to(w_np, w)] / magnitude, w_np / magnitude, atol=1e-12)
    assert_eig_residual(a / magnitude, sla.eig(a).eigenvalues / magnitude, sla.eig(a).eigenvectors)


@pytest.mark.parametrize("shape", [(1, 1), (0, 0)])
def test_eig_tiny(shape):
    a = np.full(shape, -3.5)
    w, v = sla.eig(a)
    w_np, v_np = np.linalg.eig(a)
    assert w.shape == w_np.shape and v.shape == v_np.shape and w.dtype == w_np.dtype
    np.testing.assert_array_equal(w, w_np)
    np.testing.assert_array_equal(v, v_np)
    np.testing.assert_array_equal(sla.eigvals(a), np.linalg.eigvals(a))


def test_eig_batched_matches_numpy(matrices):
    a = matrices.general(2 * 3 * 6, 6).reshape(2, 3, 6, 6)
    w, v = sla.eig(a)
    w_np = np.linalg.eig(a).eigenvalues
    assert w.shape == (2, 3, 6) and v.shape == (2, 3, 6, 6) and w.dtype == w_np.dtype
    for index in np.ndindex(2, 3):
        order = match_to(w_np[index], w[index])
        np.testing.assert_allclose(w[index][order], w_np[index], atol=1e-12)
        assert_eig_residual(a[index], w[index], v[index])
    symmetric = a + np.swapaxes(a, -1, -2)  # all real: the batch result is real, like numpy's
    assert sla.eig(symmetric).eigenvectors.dtype == np.float64


@pytest.mark.parametrize("n", [5, 30])
def test_eig_float32(matrices, n):
    a = matrices.general(n, dtype=np.float32)
    w, v = sla.eig(a)
    w_np, v_np = np.linalg.eig(a)
    assert w.dtype == w_np.dtype == np.complex64 and v.dtype == np.complex64
    assert_eig_residual(a, w, v)
    np.testing.assert_allclose(w[match_to(w_np, w)], w_np, atol=1e-4 * n)


def test_eigvals_matches_eig_and_numpy(matrices):
    a = matrices.general(40)
    values = sla.eigvals(a)
    w_np = np.linalg.eigvals(a)
    assert values.dtype == w_np.dtype
    np.testing.assert_allclose(values[match_to(w_np, values)], w_np, atol=1e-11)
    assert sla.eigvals(matrices.symmetric(10)).dtype == np.float64


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        np.float64,
        st.integers(1, 8).map(lambda n: (n, n)),
        elements=st.floats(-10, 10, allow_nan=False, allow_infinity=False),
    )
)
def test_eig_property_residual_and_trace(a):
    w, v = sla.eig(a)
    assert_eig_residual(a, w, v)
    n = a.shape[0]
    trace_tol = 100 * n * np.finfo(float).eps * (np.abs(a).max() * n + 1)  # sum of n errors
    np.testing.assert_allclose(w.sum(), np.trace(a), atol=trace_tol)


def test_eig_reports_non_convergence(monkeypatch, matrices):
    monkeypatch.setattr(schur, "SWEEPS_PER_EIGENVALUE", 0)
    with pytest.raises(sla.LinAlgError, match="Eigenvalues did not converge"):
        sla.eig(matrices.general(6))


def test_eig_errors():
    with pytest.raises(sla.LinAlgError, match="square"):
        sla.eig(np.ones((2, 3)))
    with pytest.raises(sla.LinAlgError, match="at least two-dimensional"):
        sla.eigvals(np.ones(3))
    with pytest.raises(ValueError, match="infs or NaNs"):
        sla.eig(np.array([[1.0, np.inf], [0.0, 1.0]]))
    with pytest.raises(TypeError, match="complex"):
        sla.eig(np.eye(2) * 1j)
    with pytest.raises(sla.LinAlgError, match="square"):
        sla.hessenberg(np.ones((3, 2)))
