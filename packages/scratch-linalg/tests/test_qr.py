"""QR decomposition: parity with numpy.linalg.qr and the identities A = QR, Q^T Q = I, R triangular.

Tolerances: Householder QR is backward stable, so Q R - A is O(n eps ||A||) and Q^T Q - I is
O(n eps); we allow 20 n eps. Q and R themselves are compared with numpy's entrywise: on generic
(well-conditioned) input both follow dgeqrf's sign convention, and the forward error of R is
O(cond(A) n eps ||A||), which sets the tolerance for the ill-conditioned cases.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import scratch_linalg as sla
from scratch_linalg.qr import apply_q, apply_q_transpose, form_q, householder_qr

EPS = {np.float32: np.finfo(np.float32).eps, np.float64: np.finfo(np.float64).eps}


def assert_valid_qr(a, Q, R, tol_factor=20):
    """A = QR, Q has orthonormal columns, R is upper triangular (all to O(n eps))."""
    eps = np.finfo(a.dtype).eps
    n = max(a.shape[-2:], default=1)
    scale = max(np.abs(a).max(initial=0), 1)
    np.testing.assert_allclose(Q @ R, a, atol=tol_factor * n * eps * scale)
    gram = np.swapaxes(Q, -1, -2) @ Q  # (..., k, k)
    np.testing.assert_allclose(gram, np.broadcast_to(np.eye(Q.shape[-1]), gram.shape),
                               atol=tol_factor * n * eps)
    np.testing.assert_array_equal(R, np.triu(R))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(6, 6), (40, 25), (25, 40), (70, 70), (100, 3), (3, 100)])
@pytest.mark.parametrize("mode", ["reduced", "complete"])
def test_qr_matches_numpy_on_random_matrices(matrices, shape, dtype, mode):
    a = matrices.general(*shape, dtype=dtype)
    Q, R = sla.qr(a, mode=mode)
    Q_np, R_np = np.linalg.qr(a, mode=mode)
    assert Q.dtype == Q_np.dtype == dtype and R.dtype == R_np.dtype
    assert Q.shape == Q_np.shape and R.shape == R_np.shape
    tol = 100 * max(shape) * EPS[dtype]  # random Gaussian matrices: cond ~ 10-100
    np.testing.assert_allclose(Q, Q_np, atol=tol)
    np.testing.assert_allclose(R, R_np, atol=tol * np.abs(a).max())
    assert_valid_qr(a, Q, R)


def test_qr_spans_several_panels_and_matches_numpy(matrices):
    # 150 columns = 4 panels of 32 plus a partial one, so the blocked updates are exercised.
    a = matrices.general(170, 150)
    Q, R = sla.qr(a)
    Q_np, R_np = np.linalg.qr(a)
    np.testing.assert_allclose(Q, Q_np, atol=1e-11)
    np.testing.assert_allclose(R, R_np, atol=1e-11)


@pytest.mark.parametrize("cond", [1e6, 1e12])
def test_qr_ill_conditioned(matrices, cond):
    a = matrices.conditioned(60, cond)
    Q, R = sla.qr(a)
    assert_valid_qr(a, Q, R)
    Q_np, R_np = np.linalg.qr(a)
    # forward error of R (and of Q's leading columns) grows like cond * eps
    np.testing.assert_allclose(R, R_np, atol=10 * cond * 60 * EPS[np.float64])
    np.testing.assert_allclose(np.abs(np.diag(R)), np.abs(np.diag(R_np)), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("shape, rank", [((30, 20), 12), ((20, 30), 7), ((25, 25), 1)])
def test_qr_rank_deficient(matrices, shape, rank):
    a = matrices.rank_deficient(*shape, rank)
    Q, R = sla.qr(a)
    assert_valid_qr(a, Q, R)
    Q_np, R_np = np.linalg.qr(a)
    # the leading `rank` columns of Q and rows of R are determined by A; the rest is rounding
    np.testing.assert_allclose(Q[:, :rank], Q_np[:, :rank], atol=1e-10)
    np.testing.assert_allclose(R[:rank], R_np[:rank], atol=1e-10)
    np.testing.assert_allclose(R[rank:], 0, atol=1e-12)


@pytest.mark.parametrize("shape", [(1, 1), (0, 0), (3, 0), (0, 3), (1, 4), (4, 1)])
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
def test_qr_tiny_and_empty_shapes_match_numpy(shape, mode):
    a = np.arange(np.prod(shape), dtype=np.float64).reshape(shape) - 1.5
    ours, theirs = sla.qr(a, mode=mode), np.linalg.qr(a, mode=mode)
    if mode == "r":
        ours, theirs = (ours,), (theirs,)
    for x, y in zip(ours, theirs, strict=True):
        assert x.shape == y.shape and x.dtype == y.dtype
        np.testing.assert_allclose(x, y, atol=1e-15)


@pytest.mark.parametrize("mode", ["reduced", "complete", "r", "raw"])
def test_qr_batched_matches_numpy(matrices, mode):
    a = matrices.general(2 * 3 * 7, 5).reshape(2, 3, 7, 5)
    ours, theirs = sla.qr(a, mode=mode), np.linalg.qr(a, mode=mode)
    if mode == "r":
        ours, theirs = (ours,), (theirs,)
    for x, y in zip(ours, theirs, strict=True):
        assert x.shape == y.shape
        np.testing.assert_allclose(x, y, atol=1e-13)


def test_qr_raw_matches_numpy(matrices):
    a = matrices.general(9, 6)
    h, tau = sla.qr(a, mode="raw")
    h_np, tau_np = np.linalg.qr(a, mode="raw")
    assert h.shape == h_np.shape == (6, 9)
    np.testing.assert_allclose(h, h_np, atol=1e-14)
    np.testing.assert_allclose(tau, tau_np, atol=1e-14)


def test_qr_of_integers_is_float64():
    a = np.array([[1, 2], [3, 4], [5, 6]])
    Q, R = sla.qr(a)
    assert Q.dtype == R.dtype == np.float64
    np.testing.assert_allclose(R, np.linalg.qr(a).R, atol=1e-14)


def test_apply_q_transpose_matches_explicit_q(matrices):
    a = matrices.general(80, 45)
    b = matrices.general(80, 3)
    reflectors, tau = householder_qr(a)
    Q_full = np.linalg.qr(a, mode="complete").Q
    np.testing.assert_allclose(apply_q_transpose(reflectors, tau, b), Q_full.T @ b, atol=1e-12)
    vector = b[:, 0]  # (m,): a 1-D right-hand side keeps its shape
    np.testing.assert_allclose(apply_q_transpose(reflectors, tau, vector), Q_full.T @ vector,
                               atol=1e-12)
    np.testing.assert_allclose(apply_q(reflectors, tau, b), Q_full @ b, atol=1e-12)
    np.testing.assert_allclose(form_q(reflectors, tau, 80), Q_full, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 12), st.integers(1, 12)),
        elements=st.floats(-100, 100, allow_nan=False, allow_infinity=False),
    ),
    st.sampled_from(["reduced", "complete"]),
)
def test_qr_property_reconstructs_any_matrix(a, mode):
    Q, R = sla.qr(a, mode=mode)
    assert_valid_qr(a, Q, R)
    np.testing.assert_allclose(sla.qr(a, mode="r"), np.triu(R[: min(a.shape)]), atol=0)


def test_qr_errors():
    with pytest.raises(ValueError, match="Unrecognized mode 'full'"):
        sla.qr(np.eye(2), mode="full")
    with pytest.raises(sla.LinAlgError, match="at least two-dimensional"):
        sla.qr(np.ones(3))
    with pytest.raises(ValueError, match="infs or NaNs"):
        sla.qr(np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(TypeError, match="complex"):
        sla.qr(np.eye(2) * 1j)
