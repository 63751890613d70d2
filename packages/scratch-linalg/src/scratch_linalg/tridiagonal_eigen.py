"""Eigenvalues and eigenvectors of a symmetric tridiagonal matrix: Cuppen's divide and conquer.

THE CONTRACT (the SVD uses it on the Golub-Kahan tridiagonal of a bidiagonal, zero diagonal):

    tridiagonal_eigh(d, e, compute_vectors=True) -> (w, Z)
    d (n,) diagonal, e (n-1,) off-diagonal; w (n,) ascending; Z (n, n) orthonormal, T Z = Z diag(w)

Divide (LAPACK's dstedc / dlaed0): tear T at its middle off-diagonal beta = e[m-1] by a rank one,

    T = blkdiag(T1, T2) + |beta| u u^T,   u = e_m + sign(beta) e_{m+1},

where T1 and T2 have |beta| subtracted from their touching corners. Solve T1 and T2 recursively
(depth log2(n / leaf)), then merge: with T_i = Q_i diag(w_i) Q_i^T the whole is the rank-one
update diag(w1, w2) + |beta| z z^T, z = (last row of Q1, sign(beta) first row of Q2), solved
by the secular equation (`rank_one_merge`, `secular_equation`). Leaves of at most
LEAF_SIZE rows are solved by implicit QL (`tridiagonal_qr`).

Leaves are small (8 rows, measured): the merge is vectorized, the QL chase is not.

Before dividing, T is scaled to max |entry| = 1 (no overflow in the secular equation) and split
into independent blocks wherever an off-diagonal is negligible, |e_i| <= eps sqrt(|d_i d_{i+1}|).

Cost: about 4/3 n^3 flops in matrix products at the top merges (fewer with deflation), plus
O(n^2 log n) vectorized work; the vectors are needed internally even for eigenvalues only.
"""

import numpy as np

from ._validate import as_float_array, check_finite
from .rank_one_merge import merge_rank_one
from .tridiagonal_qr import implicit_ql_eigh

LEAF_SIZE = 8  # measured: up to this size implicit QL is cheaper than merging further


def tridiagonal_eigh(d, e, compute_vectors=True):
    """Eigen-decomposition of the symmetric tridiagonal matrix with diagonal d, off-diagonal e.

    d: (n,), e: (n-1,), float32 (computed in float32) or float64 (ints become float64).
    Returns (w, Z): w (n,) ascending; Z (n, n) with orthonormal eigenvector columns, or None
    when compute_vectors is False. Raises ValueError for mismatched lengths or NaN/inf.

    >>> w, Z = tridiagonal_eigh(np.array([0.0, 0.0]), np.array([1.0]))
    >>> w.tolist()
    [-1.0, 1.0]
    """
    d, e = _tridiagonal_input(d, e)
    n = len(d)
    dtype = d.dtype
    scale = max(np.abs(d).max(initial=0), np.abs(e).max(initial=0))
    if n == 0 or scale == 0:  # subtle: the zero matrix (and 0 x 0) needs no work
        return np.zeros(n, dtype), (np.eye(n, dtype=dtype) if compute_vectors else None)
    d, e = d / scale, e / scale

    w = np.empty(n, dtype)  # (n,)
    Z = np.zeros((n, n), dtype)  # (n, n) block diagonal until sorted
    for start, stop in _independent_blocks(d, e):
        w[start:stop], Z[start:stop, start:stop] = _divide_and_conquer(
            d[start:stop], e[start : stop - 1]
        )
    order = np.argsort(w, kind="stable")
    w = w[order] * scale
    return w, (Z[:, order] if compute_vectors else None)


def _tridiagonal_input(d, e):
    d = as_float_array(d, "d")
    e = as_float_array(e, "e")
    if d.ndim != 1 or e.ndim != 1:
        raise ValueError(f"d and e must be 1-D (got shapes {d.shape} and {e.shape})")
    if len(e) != max(len(d) - 1, 0):
        raise ValueError(f"e must have length len(d) - 1 = {len(d) - 1} (got {len(e)})")
    dtype = np.result_type(d, e)
    return check_finite(d, "d").astype(dtype), check_finite(e, "e").astype(dtype)


def _independent_blocks(d, e):
    """(start, stop) of the diagonal blocks that negligible off-diagonals separate."""
    eps = np.finfo(d.dtype).eps
    # subtle: sqrt(|d_i|) sqrt(|d_i+1|) rather than sqrt(|d_i d_i+1|): no underflow.
    negligible = np.abs(e) <= eps * np.sqrt(np.abs(d[:-1])) * np.sqrt(np.abs(d[1:]))
    cuts = np.concatenate([[0], np.flatnonzero(negligible) + 1, [len(d)]])
    return zip(cuts[:-1], cuts[1:])


def _divide_and_conquer(d, e):
    """(w ascending, Z) for one unreduced block; recursion depth about log2(n / LEAF_SIZE)."""
    n = len(d)
    if n <= LEAF_SIZE:
        return implicit_ql_eigh(d, e)
    m = n // 2
    beta = e[m - 1]
    top, bottom = d[:m].copy(), d[m:].copy()
    top[-1] -= abs(beta)
    bottom[0] -= abs(beta)
    w1, Q1 = _divide_and_conquer(top, e[: m - 1])
    w2, Q2 = _divide_and_conquer(bottom, e[m:])
    z = np.concatenate([Q1[-1], np.copysign(1, beta) * Q2[0]])  # (n,)
    return merge_rank_one(w1, Q1, w2, Q2, z, abs(beta))
