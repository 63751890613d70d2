"""Reduction to upper Hessenberg form A = Q H Q^T by Householder similarity (LAPACK's dgehd2).

Step k reflects column k below the subdiagonal onto beta e_{k+1} with H_k = I - tau v v^T
(v acting on rows k+1..n-1) and applies it on both sides, which keeps the eigenvalues:

    A <- H_k A H_k        (left: rows k+1.., right: columns k+1..)

After n-2 steps A is upper Hessenberg (zero below the first subdiagonal), and
Q = H_0 H_1 ... H_{n-3}. Cost 10/3 n^3 flops for H, 4/3 n^3 more for Q.

This is the first stage of `eig`: the QR iteration on a Hessenberg matrix costs O(n^2) per
sweep instead of O(n^3). Unblocked (BLAS-2: two rank-1 updates per column); Q is formed
blocked by reusing QR's `form_q`, since the reflectors are stored the same way, one row down.
"""

import numpy as np

from ._batch import map_matrices
from ._validate import matrix_input
from .householder import householder_vector
from .qr import form_q


def hessenberg_reduce(a):
    """Hessenberg reduction of one matrix in compact storage (dgehrd's output).

    a: (n, n), not modified. Returns (reduced, tau): `reduced` (n, n) holds H on and above the
    first subdiagonal and v_k[1:] below it in column k; tau: (max(n - 2, 0),).
    """
    n = a.shape[0]
    reduced = np.array(a)  # (n, n)
    tau = np.zeros(max(n - 2, 0), dtype=a.dtype)  # (n - 2,)
    for k in range(n - 2):
        v, tau[k], beta = householder_vector(reduced[k + 1 :, k])  # v: (n - k - 1,)
        reduced[k + 1, k] = beta
        reduced[k + 2 :, k] = v[1:]
        if tau[k] == 0:
            continue
        scaled_v = tau[k] * v  # (n - k - 1,)
        lower_right = reduced[k + 1 :, k + 1 :]  # (n - k - 1, n - k - 1) view
        lower_right -= scaled_v[:, None] * (v @ lower_right)  # H_k from the left
        right_columns = reduced[:, k + 1 :]  # (n, n - k - 1) view
        right_columns -= (right_columns @ v)[:, None] * scaled_v  # H_k from the right
    return reduced, tau


def hessenberg_q(reduced, tau):
    """Q = H_0 ... H_{n-3} from compact storage: diag(1, Q') with Q' formed like QR's Q."""
    n = reduced.shape[0]
    Q = np.eye(n, dtype=reduced.dtype)  # (n, n)
    if n > 2:
        # subtle: reflector k lives in rows k+1.., so drop the first row and it is QR's layout.
        Q[1:, 1:] = form_q(reduced[1:, : n - 2], tau, n - 1)  # (n - 1, n - 1)
    return Q


def hessenberg(a, calc_q=False):
    """Like `scipy.linalg.hessenberg`: H (..., N, N), or (H, Q) with A = Q H Q^T if calc_q."""
    a = matrix_input(a, "a", square=True)

    def one_matrix(matrix):
        reduced, tau = hessenberg_reduce(matrix)
        H = np.triu(reduced, -1)  # (n, n)
        return (H, hessenberg_q(reduced, tau)) if calc_q else (H,)

    outputs = map_matrices(one_matrix, a)
    return outputs if calc_q else outputs[0]
