"""QR decomposition A = Q R by blocked Householder reflections (LAPACK's dgeqrf / dorgqr).

Column j of A is reflected onto beta_j e_j by H_j = I - tau_j v_j v_j^T, so that

    H_k ... H_2 H_1 A = R,        Q = H_1 H_2 ... H_k,        k = min(m, n).

Blocked: a panel of `nb` columns is factored one reflector at a time (BLAS-2, 4 m nb^2 flops),
the panel's reflectors are gathered into one block reflector I - V T V^T (compact WY), and the
trailing columns are updated with three matrix products (BLAS-3). Q is formed the same way,
applying the block reflectors backward to the identity (dorgqr), so columns that are still
identity are never touched.

Cost (m >= n): 2 m n^2 - 2/3 n^3 flops for R, the same again for the reduced Q.
The reflectors are stored like LAPACK's: R on and above the diagonal, v_j[1:] below it, so
`householder_qr` + `apply_q_transpose` give Q^T b without ever forming Q (used by lstsq).
Signs follow dgeqrf (beta = -sign(a_jj) ||a_j||), so Q and R match numpy's on generic input.
"""

from typing import NamedTuple

import numpy as np

from ._batch import map_matrices
from ._validate import matrix_input
from .householder import (
    apply_block_reflector_left,
    block_reflector_factor,
    householder_vector,
)

PANEL_WIDTH = 32  # nb: columns per block reflector: wide enough for BLAS-3, narrow for the panel

QR_MODES = ("reduced", "complete", "r", "raw")


class QRResult(NamedTuple):
    Q: np.ndarray
    R: np.ndarray


def householder_qr(a, panel_width=PANEL_WIDTH):
    """Householder QR of one matrix in LAPACK's compact storage (dgeqrf).

    a: (m, n) float array (not modified). Returns (reflectors, tau):
      reflectors: (m, n), R in the upper triangle, v_j[1:] below the diagonal of column j;
      tau: (k,), k = min(m, n).
    """
    m, n = a.shape
    k = min(m, n)
    factored = np.array(a, order="C")  # (m, n)
    tau = np.zeros(k, dtype=a.dtype)  # (k,)
    for start in range(0, k, panel_width):
        stop = min(start + panel_width, k)
        # subtle: the panel is factored in a Fortran-ordered copy, where each column is
        # contiguous; the trailing update stays C-ordered, where BLAS-3 in place is fastest.
        panel = np.array(factored[start:, start:stop], order="F")  # (m - start, nb)
        _factor_panel(panel, tau[start:stop])
        factored[start:, start:stop] = panel
        if stop < n:
            V = unit_lower_reflectors(panel)  # (m - start, nb)
            T = block_reflector_factor(V, tau[start:stop])  # (nb, nb)
            trailing = factored[start:, stop:]  # (m - start, n - stop) view
            apply_block_reflector_left(V, T, trailing, transpose=True, out=trailing)
    return factored, tau


def _factor_panel(panel, tau):
    """Unblocked Householder QR of a panel, in place (dgeqr2). panel: (p, b), tau: (b,) out."""
    for j in range(panel.shape[1]):
        v, tau[j], beta = householder_vector(panel[j:, j])  # v: (p - j,)
        panel[j, j] = beta
        panel[j + 1 :, j] = v[1:]
        if j + 1 < panel.shape[1] and tau[j] != 0:
            rest = panel[j:, j + 1 :]  # (p - j, b - j - 1)
            rest -= (tau[j] * v)[:, None] * (v @ rest)  # rank-1 update


def unit_lower_reflectors(block):
    """V from compact storage: the strict lower part of `block` with ones on the diagonal.

    block: (p, b) with p >= b. Returns a new (p, b) array; `block` is unchanged.
    """
    V = np.tril(block, -1)  # (p, b)
    np.fill_diagonal(V, 1)
    return V


def _blocks(reflectors, tau, panel_width):
    """Yield (start, V, T) for each block reflector, first to last."""
    for start in range(0, len(tau), panel_width):
        stop = min(start + panel_width, len(tau))
        V = unit_lower_reflectors(reflectors[start:, start:stop])  # (m - start, nb)
        yield start, V, block_reflector_factor(V, tau[start:stop])


def apply_q_transpose(reflectors, tau, b, panel_width=PANEL_WIDTH):
    """Q^T b for the Q of `householder_qr`, without forming Q (dormqr, 'L', 'T').

    reflectors: (m, n), tau: (k,), b: (m,) or (m, r). Returns a new array shaped like b.
    Cost 4 m k r flops, in matrix products.
    """
    result = np.array(b, dtype=np.result_type(reflectors, b))  # (m,) or (m, r)
    columns = result.reshape(result.shape[0], -1)  # (m, r) view
    for start, V, T in _blocks(reflectors, tau, panel_width):
        rows = columns[start:]  # (m - start, r) view
        apply_block_reflector_left(V, T, rows, transpose=True, out=rows)
    return result


def apply_q(reflectors, tau, b, panel_width=PANEL_WIDTH):
    """Q b for the Q of `householder_qr` (dormqr, 'L', 'N'): the blocks in reverse order.

    reflectors: (m, n), tau: (k,), b: (m,) or (m, r). Returns a new array shaped like b.
    """
    result = np.array(b, dtype=np.result_type(reflectors, b))  # (m,) or (m, r)
    columns = result.reshape(result.shape[0], -1)  # (m, r) view
    for start, V, T in reversed(list(_blocks(reflectors, tau, panel_width))):
        rows = columns[start:]  # (m - start, r) view
        apply_block_reflector_left(V, T, rows, out=rows)
    return result


def form_q(reflectors, tau, ncols, panel_width=PANEL_WIDTH):
    """The first `ncols` columns of Q = H_1 ... H_k (dorgqr). Returns (m, ncols), ncols >= k.

    Backward over the blocks: block j only touches rows and columns from its start on, since
    the columns before it are still columns of the identity there.
    """
    m = reflectors.shape[0]
    Q = np.eye(m, ncols, dtype=reflectors.dtype)  # (m, ncols)
    for start, V, T in reversed(list(_blocks(reflectors, tau, panel_width))):
        active = Q[start:, start:]  # (m - start, ncols - start) view
        apply_block_reflector_left(V, T, active, out=active)
    return Q


def qr(a, mode="reduced"):
    """QR decomposition like `numpy.linalg.qr`: a (..., M, N) -> QRResult(Q, R).

    mode 'reduced': Q (..., M, K), R (..., K, N) with K = min(M, N);
         'complete': Q (..., M, M), R (..., M, N);
         'r': R only (..., K, N);
         'raw': (h, tau) as numpy: h (..., N, M) is the compact storage transposed, tau (..., K).
    """
    if mode not in QR_MODES:
        raise ValueError(f"Unrecognized mode '{mode}': expected one of {', '.join(QR_MODES)}")
    a = matrix_input(a, "a")
    m, n = a.shape[-2:]

    def one_matrix(matrix):
        reflectors, tau = householder_qr(matrix)
        if mode == "raw":
            return reflectors.T, tau
        rows = m if mode == "complete" else min(m, n)
        R = np.triu(reflectors[:rows])  # (rows, n)
        if mode == "r":
            return (R,)
        return form_q(reflectors, tau, rows), R

    outputs = map_matrices(one_matrix, a)
    if mode == "r":
        return outputs[0]
    if mode == "raw":
        return outputs
    return QRResult(*outputs)
