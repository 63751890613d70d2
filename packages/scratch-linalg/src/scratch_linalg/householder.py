"""Householder reflectors, one at a time and in blocks (the compact WY form).

A reflector H = I - tau * v v^T (v[0] = 1) maps a vector x onto beta * e1:

    H x = beta e1,   beta = -sign(x0) ||x||,   tau = (beta - x0) / beta,   v = [1, x[1:] / (x0 - beta)]

(LAPACK's dlarfg; the sign choice avoids cancellation in x0 - beta.) H is symmetric and orthogonal.

k reflectors applied in a row, H1 H2 ... Hk, equal one block reflector (Schreiber & Van Loan):

    H1 H2 ... Hk = I - V T V^T        V: (m, k) unit lower trapezoidal, T: (k, k) upper triangular

so applying all k to a matrix C costs three matrix products (BLAS-3) instead of k rank-1
updates (BLAS-2). This is what makes blocked QR, Hessenberg and bidiagonal reductions fast.
"""

import numpy as np


def householder_vector(x):
    """Return (v, tau, beta) with (I - tau v v^T) x = beta e1 and v[0] = 1.

    x: (m,). Costs 2m flops. When x[1:] is already zero, tau = 0 (H = I) and beta = x[0].

    >>> v, tau, beta = householder_vector(np.array([3.0, 4.0]))
    >>> float(beta), float(tau), v.tolist()
    (-5.0, 1.6, [1.0, 0.5])
    """
    x0 = x[0]
    tail_square = np.dot(x[1:], x[1:])
    if tail_square < np.finfo(x.dtype).tiny or np.isinf(tail_square):
        # subtle: x . x under- or overflowed (|x| ~ 1e-160 or 1e160): scale first (dnrm2's idea).
        tail_scale = np.abs(x[1:]).max(initial=0)
        scaled_tail = x[1:] / tail_scale if tail_scale else x[1:]
        tail_norm = tail_scale * np.sqrt(np.dot(scaled_tail, scaled_tail))
    else:
        tail_norm = np.sqrt(tail_square)
    v = np.empty_like(x)
    v[0] = 1
    if tail_norm == 0:
        v[1:] = 0
        return v, x.dtype.type(0), x0
    # subtle: hypot avoids overflow when x0 and the tail are both huge.
    beta = -np.copysign(np.hypot(x0, tail_norm), x0)
    v[1:] = x[1:] / (x0 - beta)
    tau = (beta - x0) / beta
    return v, x.dtype.type(tau), x.dtype.type(beta)


def block_reflector_factor(V, tau):
    """The upper-triangular T with H1 ... Hk = I - V T V^T (LAPACK's dlarft, forward, columnwise).

    V: (m, k) with the reflectors in its columns, tau: (k,). Recurrence, column by column:
        T[i, i] = tau_i,    T[:i, i] = -tau_i * T[:i, :i] @ (V[:, :i]^T v_i)
    The Gram matrix V^T V is formed once with one matrix product: O(m k^2) + O(k^3).
    """
    k = V.shape[1]
    gram = V.T @ V  # (k, k)
    T = np.zeros((k, k), dtype=V.dtype)
    for i in range(k):
        T[i, i] = tau[i]
        if i:
            T[:i, i] = -tau[i] * (T[:i, :i] @ gram[:i, i])
    return T


def apply_block_reflector_left(V, T, C, transpose=False, out=None):
    """C <- (I - V T V^T) C, or its transpose (I - V T^T V^T) C; returns the new C.

    V: (m, k), T: (k, k), C: (m, n). Cost 4mnk flops, all in matrix products.
    out: where to write the result (may be C itself, for an in-place update); default a new array.
    """
    W = V.T @ C  # (k, n)
    W = (T.T if transpose else T) @ W
    return np.subtract(C, V @ W, out=out)


def apply_block_reflector_right(V, T, C, transpose=False):
    """C <- C (I - V T V^T), or C (I - V T^T V^T); returns the new C. V: (n, k), C: (m, n)."""
    W = C @ V  # (m, k)
    W = W @ (T.T if transpose else T)
    return C - W @ V.T
