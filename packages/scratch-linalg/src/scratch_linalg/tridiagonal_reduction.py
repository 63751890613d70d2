"""Reduce a symmetric matrix to tridiagonal form by Householder similarities: A = Q T Q^T.

Column by column (LAPACK's dsytd2, lower): the reflector H_c = I - tau v v^T built from
A[c+1:, c] zeroes that column below the subdiagonal, and A <- H_c A H_c keeps the symmetry.
Applied two-sided, H A H = A - v y^T - y v^T with

    y = tau A v - (tau^2 / 2)(v^T A v) v          (one matrix-vector product, 2 m^2 flops),

a symmetric rank-2 update. Blocked (dlatrd, the idea of dsytrd): within a panel of b columns,
the rank-2 updates are NOT applied to the trailing matrix; they are accumulated as
A <- A - V W^T - W V^T (V: the panel's reflectors, W: their y's, corrected for the earlier
updates of the panel), and applied once per panel with a matrix product. Half of the
4/3 n^3 flops stay in the matrix-vector products A v (inherent to the method, as in LAPACK);
the other half go through `@`.

Q = H_0 H_1 ... H_{n-2} is never formed: `apply_tridiagonal_q` applies it in blocks with the
compact WY form (2 n^2 k flops for an (n, k) right-hand side, all in matrix products).
"""

from typing import NamedTuple

import numpy as np

from .householder import apply_block_reflector_left, block_reflector_factor, householder_vector

BLOCK_SIZE = 32


class Tridiagonalization(NamedTuple):
    """A = Q T Q^T: T = tridiag(off_diagonal, diagonal, off_diagonal), Q from the reflectors."""

    diagonal: np.ndarray  # (n,)
    off_diagonal: np.ndarray  # (n-1,)
    reflectors: np.ndarray  # (n, n-1): column c holds v_c in rows c+1:, zeros above
    taus: np.ndarray  # (n-1,)


def tridiagonalize(a, block_size=BLOCK_SIZE):
    """Householder tridiagonalization of the symmetric (n, n) matrix `a` (both triangles read).

    Returns a `Tridiagonalization`; the diagonal and off-diagonal match LAPACK's dsytrd('L') /
    scipy.linalg.hessenberg (same reflector signs). `a` is not modified.
    """
    A = np.array(a, copy=True)  # (n, n) symmetric working copy; only its trailing block is used
    n = A.shape[0]
    diagonal = np.empty(n, A.dtype)
    off_diagonal = np.empty(max(n - 1, 0), A.dtype)
    reflectors = np.zeros((n, max(n - 1, 0)), A.dtype)
    taus = np.zeros(max(n - 1, 0), A.dtype)
    for start in range(0, n, block_size):
        width = min(block_size, n - start)
        V, W = _reduce_panel(A, start, width, diagonal, off_diagonal, reflectors, taus)
        rest = start + width
        if rest < n:
            # the panel's accumulated symmetric rank-2k update, in one matrix product
            update = V[width:] @ W[width:].T  # (n - rest, n - rest)
            A[rest:, rest:] -= update + update.T
    return Tridiagonalization(diagonal, off_diagonal, reflectors, taus)


def _reduce_panel(A, start, width, diagonal, off_diagonal, reflectors, taus):
    """Reduce columns start..start+width-1 (dlatrd); returns V, W of shape (n - start, width).

    A[start:, start:] holds the trailing matrix as it was BEFORE this panel; column i's updates
    from the panel's earlier reflectors are applied on the fly through V and W.
    """
    n = A.shape[0]
    V = np.zeros((n - start, width), A.dtype)  # (m, b) reflectors, row 0 = global row `start`
    W = np.zeros((n - start, width), A.dtype)  # (m, b)
    for i in range(width):
        c = start + i
        # subtle: A is symmetric, so the row A[c, c:] is column c (and contiguous).
        column = A[c, c:] - V[i:, :i] @ W[i, :i] - W[i:, :i] @ V[i, :i]  # (n - c,)
        diagonal[c] = column[0]
        if c == n - 1:
            break
        v, tau, beta = householder_vector(column[1:])  # (n - c - 1,)
        off_diagonal[c] = beta
        reflectors[c + 1 :, c] = v
        taus[c] = tau
        V[i + 1 :, i] = v
        Vp, Wp = V[i + 1 :, :i], W[i + 1 :, :i]  # (n - c - 1, i) earlier panel columns
        y = A[c + 1 :, c + 1 :] @ v - Wp @ (Vp.T @ v) - Vp @ (Wp.T @ v)  # (n - c - 1,)
        y *= tau
        y -= (0.5 * tau * np.dot(y, v)) * v
        W[i + 1 :, i] = y
    return V, W


def apply_tridiagonal_q(reflectors, taus, C, block_size=BLOCK_SIZE):
    """Return Q @ C, Q = H_0 H_1 ... H_{n-2} from `tridiagonalize`. C: (n, k).

    Blocks of reflectors are applied last to first, each as I - V T V^T (compact WY).
    """
    C = np.array(C, copy=True)  # (n, k)
    count = len(taus)
    for start in reversed(range(0, count, block_size)):
        stop = min(start + block_size, count)
        V = reflectors[start + 1 :, start:stop]  # (n - start - 1, b) unit lower trapezoidal
        T = block_reflector_factor(V, taus[start:stop])  # (b, b)
        C[start + 1 :] = apply_block_reflector_left(V, T, C[start + 1 :])
    return C
