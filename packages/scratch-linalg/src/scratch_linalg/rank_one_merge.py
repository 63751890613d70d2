"""The merge step of divide and conquer: eigen-decompose blkdiag(Q1, Q2) (D + rho z z^T) (...)^T.

Given the eigen-decompositions T1 = Q1 diag(w1) Q1^T and T2 = Q2 diag(w2) Q2^T of the two halves
of a torn tridiagonal (see `tridiagonal_eigen`), the whole is

    T = blkdiag(Q1, Q2) (D + rho z z^T) blkdiag(Q1, Q2)^T,   D = diag(w1, w2),

so only the eigen-decomposition D + rho z z^T = U diag(lam) U^T is new, and the eigenvectors of T
are blkdiag(Q1, Q2) U: one matrix product (BLAS-3), where the flops of the method are.

Deflation (LAPACK's dlaed2) first removes what the secular equation cannot handle:
- a tiny z_j (rho |z_j| <= tol): d_j is already an eigenvalue, e_j its vector;
- two nearly equal poles d_p ~ d_q: a Givens rotation in the (p, q) plane zeroes z_p and leaves
  an off-diagonal (d_q - d_p) c s <= tol, dropped; d_p is then an eigenvalue.
tol = 8 eps max(|d|, |z|) (with ||z|| = 1), so the backward error stays O(eps ||T||).
With many equal eigenvalues (the identity, clusters) deflation is what keeps this cheap and
the vectors orthogonal.

Cost: O(k^2) for the secular equation and Lowner's formula, and n1 k^2 + n2 k^2 flops
(k = number not deflated) for the vector update, done on the rows of each half separately
because the columns of blkdiag(Q1, Q2) are zero in the other half (unless a rotation mixed them).
"""

import numpy as np

from .secular_equation import secular_eigenvectors, secular_roots

TOP, BOTTOM = 1, 2  # which half of the rows a column of blkdiag(Q1, Q2) is nonzero in


def merge_rank_one(w1, Q1, w2, Q2, z, rho):
    """Eigen-decomposition of blkdiag(Q1, Q2) (diag(w1, w2) + rho z z^T) blkdiag(Q1, Q2)^T.

    w1: (n1,), Q1: (n1, n1), w2: (n2,), Q2: (n2, n2), z: (n1 + n2,), rho >= 0.
    Returns (w ascending (n,), Z (n, n)).
    """
    n1, n = len(w1), len(w1) + len(w2)
    dtype = Q1.dtype
    eps = np.finfo(dtype).eps
    z_norm = np.sqrt(np.dot(z, z))
    z = z / z_norm  # (n,)
    rho = rho * z_norm * z_norm

    d = np.concatenate([w1, w2])  # (n,)
    order = np.argsort(d, kind="stable")
    d, z = d[order], z[order]
    Q = np.zeros((n, n), dtype=dtype)  # blkdiag(Q1, Q2), columns sorted by pole
    Q[:n1, :n1] = Q1
    Q[n1:, n1:] = Q2
    Q = Q[:, order]
    half = np.where(order < n1, TOP, BOTTOM)  # (n,)

    tol = 8 * eps * max(np.abs(d).max(), np.abs(z).max())
    kept = rho * np.abs(z) > tol  # (n,) False: deflated, d_j is an eigenvalue as it stands
    kept = _deflate_close_poles(d, z, Q, half, kept, tol)

    roots_at = np.flatnonzero(kept)
    w = d.copy()
    Z = Q  # deflated columns are eigenvectors already
    if len(roots_at):
        poles = d[roots_at]
        roots, delta = secular_roots(poles, z[roots_at], rho)
        U = secular_eigenvectors(poles, z[roots_at], rho, delta)  # (k, k)
        w[roots_at] = roots
        top = (half[roots_at] & TOP) > 0  # columns with a nonzero top half
        bottom = (half[roots_at] & BOTTOM) > 0
        new_vectors = np.empty((n, len(roots_at)), dtype=dtype)  # (n, k)
        new_vectors[:n1] = Q[:n1, roots_at[top]] @ U[top]  # (n1, k)
        new_vectors[n1:] = Q[n1:, roots_at[bottom]] @ U[bottom]  # (n2, k)
        Z[:, roots_at] = new_vectors
    order = np.argsort(w, kind="stable")
    return w[order], Z[:, order]


def _deflate_close_poles(d, z, Q, half, kept, tol):
    """Givens-deflate neighbouring kept poles that are too close; d, z, Q, half updated in place.

    Returns the new `kept` mask. A quick vectorized screen skips the sequential pass when no
    pair qualifies (the common case for random matrices).
    """
    kept_at = np.flatnonzero(kept)
    if len(kept_at) < 2:
        return kept
    zp, zq = z[kept_at[:-1]], z[kept_at[1:]]
    coupling = (d[kept_at[1:]] - d[kept_at[:-1]]) * np.abs(zp * zq) / (zp * zp + zq * zq)
    if not (coupling <= tol).any():
        return kept
    # subtle: a rotation changes z_q and d_q, which the next pair's test depends on, so the
    # pass is sequential (LAPACK's dlaed2 loop); it runs only when some pair is close.
    kept = kept.copy()
    previous = kept_at[0]
    for current in kept_at[1:]:
        s, c = z[previous], z[current]
        radius = np.hypot(c, s)
        c, s = c / radius, -s / radius
        if abs((d[current] - d[previous]) * c * s) > tol:
            previous = current
            continue
        # rotate (previous, current): z[previous] -> 0, z[current] -> radius
        z[previous], z[current] = 0, radius
        q_previous = Q[:, previous].copy()  # (n,)
        Q[:, previous] = c * q_previous + s * Q[:, current]
        Q[:, current] = c * Q[:, current] - s * q_previous
        d_previous = d[previous] * c * c + d[current] * s * s
        d[current] = d[previous] * s * s + d[current] * c * c
        d[previous] = d_previous
        half[current] |= half[previous]
        half[previous] |= half[current]
        kept[previous] = False
        previous = current
    return kept
