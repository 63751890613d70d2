"""Golub-Kahan bidiagonalization A = U1 B V1^T, blocked (LAPACK's dgebrd / dlabrd), for m >= n.

Reflectors alternate from the left and from the right:

    H_0 zeroes A[1:, 0],   G_0 zeroes A[0, 2:],   H_1 zeroes A[2:, 1],   G_1 zeroes A[1, 3:],  ...

leaving an upper bidiagonal B (diagonal d, superdiagonal e). U1 = H_0 H_1 ... H_{n-1} (m, m) and
V1 = G_0 G_1 ... G_{n-2} (n, n) are orthogonal; they are never formed here, only kept as
reflector vectors, and applied on demand in blocks of the compact WY form (`householder.py`).

Blocking (dlabrd): a panel of `nb` row/column pairs is reduced while the trailing matrix is left
stale; its pending update is carried in two thin matrices X (m, nb), Y (n, nb), so that

    A_trailing <- A_trailing - V_left Y^T - X U_right^T        (two matrix products, BLAS-3)

once per panel. Each step still needs two matrix-vector products with the stale trailing
matrix (to build the next column of Y and of X): half of the 4mn^2 - 4n^3/3 flops are BLAS-2,
as in LAPACK. Applying U1 or V1 to a k-column matrix costs about 4mnk and 4n^2k more.
"""

from typing import NamedTuple

import numpy as np

from .householder import (
    apply_block_reflector_left,
    block_reflector_factor,
    householder_vector,
)

BLOCK_SIZE = 32


class Bidiagonalization(NamedTuple):
    """A = U1 B V1^T with B upper bidiagonal.

    d: (n,) diagonal of B;  e: (n-1,) superdiagonal.
    reflectors: (m, n) packed vectors: column j below the diagonal holds H_j's vector,
        row j right of the superdiagonal holds G_j's vector (unit leading entries implied).
    left_taus: (n,) scalars of H_j;  right_taus: (n-1,) scalars of G_j (G_j acts on rows j+1:).
    """

    d: np.ndarray
    e: np.ndarray
    reflectors: np.ndarray
    left_taus: np.ndarray
    right_taus: np.ndarray


def bidiagonalize(a, block_size=BLOCK_SIZE):
    """Reduce a (m, n), m >= n, to upper bidiagonal form; returns a `Bidiagonalization`.

    >>> a = np.arange(12.0).reshape(4, 3)
    >>> r = bidiagonalize(a)
    >>> np.allclose(form_left(r, 3) @ bidiagonal_matrix(r.d, r.e) @ form_right(r).T, a)
    True
    """
    m, n = a.shape
    if m < n:
        raise ValueError(f"bidiagonalize needs m >= n (got shape {a.shape}); reduce a.T instead")
    work = np.array(a, order="C", copy=True)  # (m, n), overwritten by the reflectors
    dtype = work.dtype
    d = np.zeros(n, dtype)
    e = np.zeros(max(n - 1, 0), dtype)
    left_taus = np.zeros(n, dtype)
    right_taus = np.zeros(max(n - 1, 0), dtype)
    for start in range(0, n, block_size):
        width = min(block_size, n - start)
        _reduce_panel(work[start:, start:], width, start, d, e, left_taus, right_taus)
    return Bidiagonalization(d, e, work, left_taus, right_taus)


def _reduce_panel(A, nb, offset, d, e, left_taus, right_taus):
    """Reduce the first nb rows/columns of A (M, N) in place and update its trailing part.

    A is a view of the working matrix starting at (offset, offset). Follows dlabrd line by
    line: X (M, nb) and Y (N, nb) collect the pending update of the stale trailing matrix.
    """
    M, N = A.shape
    X = np.zeros((M, nb), A.dtype)  # (M, nb)
    Y = np.zeros((N, nb), A.dtype)  # (N, nb)
    for i in range(nb):
        # Bring column i up to date, then reflect it onto d[i] e_1 from the left.
        A[i:, i] -= A[i:, :i] @ Y[i, :i] + X[i:, :i] @ A[:i, i]  # (M-i,)
        v, tau_left, beta = householder_vector(A[i:, i])
        A[i:, i] = v
        d[offset + i], left_taus[offset + i] = beta, tau_left
        if i == N - 1:
            break  # subtle: the last column has no right reflector
        # Y[:, i] = tau * (updated A)^T v, using only the stale A and the earlier X, Y.
        y = A[i:, i + 1 :].T @ v  # (N-i-1,)
        y -= Y[i + 1 :, :i] @ (A[i:, :i].T @ v)
        y -= A[:i, i + 1 :].T @ (X[i:, :i].T @ v)
        Y[i + 1 :, i] = tau_left * y
        # Bring row i up to date (H_i included), then reflect it onto e[i] e_1 from the right.
        A[i, i + 1 :] -= Y[i + 1 :, : i + 1] @ A[i, : i + 1] + A[:i, i + 1 :].T @ X[i, :i]
        u, tau_right, beta = householder_vector(A[i, i + 1 :])
        A[i, i + 1 :] = u
        e[offset + i], right_taus[offset + i] = beta, tau_right
        # X[:, i] = tau * (updated A) u.
        x = A[i + 1 :, i + 1 :] @ u  # (M-i-1,)
        x -= A[i + 1 :, : i + 1] @ (Y[i + 1 :, : i + 1].T @ u)
        x -= X[i + 1 :, :i] @ (A[:i, i + 1 :] @ u)
        X[i + 1 :, i] = tau_right * x
    if nb < N:
        # The deferred rank-2nb update of the trailing matrix: all BLAS-3.
        A[nb:, nb:] -= A[nb:, :nb] @ Y[nb:].T + X[nb:] @ A[:nb, nb:]  # (M-nb, N-nb)


def apply_left(r, C, block_size=BLOCK_SIZE):
    """Return U1 @ C for C (m, k): the left reflectors applied in blocks, last block first."""
    C = np.array(C, dtype=r.reflectors.dtype, copy=True)  # (m, k)
    n = r.reflectors.shape[1]
    for start in reversed(range(0, n, block_size)):
        stop = min(start + block_size, n)
        V = _unit_lower(r.reflectors[start:, start:stop])  # (m-start, nb)
        T = block_reflector_factor(V, r.left_taus[start:stop])
        apply_block_reflector_left(V, T, C[start:], out=C[start:])  # in place
    return C


def apply_right(r, C, block_size=BLOCK_SIZE):
    """Return V1 @ C for C (n, k): G_j acts on rows j+1:, so this is a shifted apply_left."""
    C = np.array(C, dtype=r.reflectors.dtype, copy=True)  # (n, k)
    count = len(r.right_taus)
    for start in reversed(range(0, count, block_size)):
        stop = min(start + block_size, count)
        # Row j of the packed array, from column j+1, holds G_j's vector.
        V = _unit_lower(r.reflectors[start:stop, start + 1 :].T)  # (n-start-1, nb)
        T = block_reflector_factor(V, r.right_taus[start:stop])
        apply_block_reflector_left(V, T, C[start + 1 :], out=C[start + 1 :])  # in place
    return C


def form_left(r, columns=None):
    """U1[:, :columns] (default all m columns), formed by applying U1 to identity columns."""
    m = r.reflectors.shape[0]
    return apply_left(r, np.eye(m, m if columns is None else columns, dtype=r.reflectors.dtype))


def form_right(r):
    """V1 (n, n)."""
    n = r.reflectors.shape[1]
    return apply_right(r, np.eye(n, dtype=r.reflectors.dtype))


def bidiagonal_matrix(d, e):
    """The dense upper bidiagonal B (n, n) from its diagonal and superdiagonal."""
    n = len(d)
    B = np.zeros((n, n), np.result_type(d, e))
    B[np.arange(n), np.arange(n)] = d
    B[np.arange(n - 1), np.arange(1, n)] = e
    return B


def _unit_lower(panel):
    """The reflector vectors of a packed panel (p, k): strictly-lower part, unit diagonal."""
    V = np.tril(panel, -1)  # (p, k)
    V[np.arange(panel.shape[1]), np.arange(panel.shape[1])] = 1
    return V
