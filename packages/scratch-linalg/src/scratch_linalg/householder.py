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
    finfo = np.finfo(x.dtype)
    x0 = x[0]
    tail_norm = _two_norm(x[1:], finfo)
    if tail_norm == 0:
        return _identity_reflector(x)
    largest = max(abs(x0), tail_norm)
    if largest < finfo.tiny / finfo.eps or largest > finfo.max / 4:
        # subtle: beta would be (nearly) subnormal and lose its digits, or x0 - beta could
        # overflow. H depends only on the direction of x, so reflect x / 2^k with the largest
        # part in [0.5, 1) - exact, a power of two - and scale beta back (dlarfg's idea).
        exponent = int(np.frexp(largest)[1])
        v, tau, beta = householder_vector(np.ldexp(x, -exponent).astype(x.dtype, copy=False))
        return v, tau, x.dtype.type(np.ldexp(beta, exponent))
    # subtle: hypot avoids overflow when x0 is huge and the tail is not.
    beta = -np.copysign(np.hypot(x0, tail_norm), x0)
    v = np.empty_like(x)
    v[0] = 1
    v[1:] = x[1:] / (x0 - beta)
    tau = (beta - x0) / beta
    return v, x.dtype.type(tau), x.dtype.type(beta)


def _two_norm(t, finfo):
    """||t||_2 without overflow or underflow: t . t directly when it is in range, else scaled."""
    with np.errstate(over="ignore", under="ignore"):
        square = np.dot(t, t)
    if finfo.tiny <= square <= finfo.max:
        return np.sqrt(square)
    scale = np.abs(t).max(initial=0)
    if scale == 0:
        return square  # exactly zero
    scaled = t / scale
    return scale * np.sqrt(np.dot(scaled, scaled))


def _identity_reflector(x):
    """x[1:] is zero already: H = I (tau = 0), beta = x[0]."""
    v = np.zeros_like(x)
    v[0] = 1
    return v, x.dtype.type(0), x[0]


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
