"""Real Schur form of a Hessenberg matrix by Francis's implicit double-shift QR (LAPACK's dlahqr).

For upper Hessenberg H, find orthogonal Z and quasi-upper-triangular T with

    T = Z^T H Z        (1x1 diagonal blocks: real eigenvalues; 2x2: complex conjugate pairs).

One Francis sweep on the active window H[lo:hi+1, lo:hi+1] does, implicitly, two QR steps with
the eigenvalues s1, s2 of the trailing 2x2 block as shifts (complex pairs stay in real
arithmetic because only s1 + s2 and s1 s2 enter):

    x = (H - s1 I)(H - s2 I) e1          only its first 3 entries are nonzero
    reflect x onto e1 (a 3x3 Householder), which makes a "bulge" below the subdiagonal,
    then chase the bulge down and out with one 3x3 reflector per column: O(n) flops each.

A sweep costs O(n^2) flops (O(n * window) without Z); the subdiagonal entry at the bottom
converges quadratically, so each eigenvalue takes ~2 sweeps. When it becomes negligible,
|h[l, l-1]| <= max(eps (|h[l-1, l-1]| + |h[l, l]|), tiny n / eps), it is set to zero
(deflation) and the problem splits. If a window does not converge, every 10th sweep uses an "exceptional" shift
(dlahqr's) to break the cycle; after 30 max(10, n) sweeps in all, LinAlgError.

The loop over bulge positions is inherently sequential (each reflector depends on the last);
each step is a handful of small vector operations.
"""

import math

import numpy as np

from .errors import LinAlgError

SWEEPS_PER_EIGENVALUE = 30  # dlahqr's itmax factor: total sweep budget is this * max(10, n)
EXCEPTIONAL_SHIFT_EVERY = 10  # dlahqr's kexsh


def real_schur(h, z_transposed=None, full=True):
    """Reduce Hessenberg `h` (n, n) in place to real Schur form T = Z^T H Z.

    z_transposed: (n, n) or None; updated in place Z^T <- Z^T applied transformations, i.e.
    pass Q^T to get (Q Z)^T. subtle: kept transposed so that each reflector updates three
    contiguous rows instead of three strided columns.
    full=False: only the active windows are updated (enough for the eigenvalues, not for T
    or Z; pass z_transposed=None). On return every 2x2 diagonal block holds a complex pair: blocks with
    real eigenvalues are split by a rotation.
    """
    n = h.shape[0]
    eps = np.finfo(h.dtype).eps
    sweeps_left = SWEEPS_PER_EIGENVALUE * max(10, n)
    hi = n - 1
    sweeps_here = 0
    while hi >= 0:
        lo = _deflation_point(h, hi, eps)
        if lo >= hi - 1:  # a 1x1 or 2x2 block has split off
            if lo == hi - 1:
                _split_real_pair(h, z_transposed, hi - 1, full)
            hi = lo - 1
            sweeps_here = 0
            continue
        if sweeps_left == 0:
            raise LinAlgError("Eigenvalues did not converge")
        sweeps_left -= 1
        sweeps_here += 1
        exceptional = sweeps_here % EXCEPTIONAL_SHIFT_EVERY == 0
        _francis_sweep(h, z_transposed, lo, hi, exceptional, full)
    return h, z_transposed


def _deflation_point(h, hi, eps):
    """The start `lo` of the unreduced window ending at row `hi`; zeroes h[lo, lo-1]."""
    if hi == 0:
        return 0
    subdiagonal = np.abs(np.diagonal(h, -1)[:hi])  # (hi,): h[l, l-1] for l = 1..hi
    diagonal = np.abs(np.diagonal(h)[: hi + 1])  # (hi + 1,)
    neighbours = diagonal[:-1] + diagonal[1:]  # (hi,)
    if not neighbours.all():  # subtle: both neighbours zero: compare with the whole window
        neighbours[neighbours == 0] = np.abs(h[: hi + 1, : hi + 1]).max()
    # subtle: an absolute floor too (dlahqr's smlnum = tiny n / eps): when the neighbours are
    # subnormal, eps * neighbours rounds to 0 and a negligible entry would never deflate.
    floor = np.finfo(h.dtype).tiny * (h.shape[0] / eps)
    negligible = np.flatnonzero(subdiagonal <= np.maximum(eps * neighbours, floor))
    if negligible.size == 0:
        return 0
    lo = int(negligible[-1]) + 1
    h[lo, lo - 1] = 0
    return lo


def _francis_sweep(h, z_transposed, lo, hi, exceptional, full):
    """One implicit double-shift QR sweep on the window h[lo:hi+1, lo:hi+1] (hi - lo >= 2)."""
    n = h.shape[0]
    col_end = n if full else hi + 1  # rows of T to the right of the window change too
    row_start = 0 if full else lo  # and so do the columns above it
    if exceptional:
        s = abs(h[hi, hi - 1]) + abs(h[hi - 1, hi - 2])
        shift_diag = 0.75 * s + h[hi, hi]
        trace, det = 2 * shift_diag, shift_diag**2 + 0.4375 * s * s
    else:
        trace = h[hi - 1, hi - 1] + h[hi, hi]
        det = h[hi - 1, hi - 1] * h[hi, hi] - h[hi - 1, hi] * h[hi, hi - 1]
    # first column of (H - s1 I)(H - s2 I) = H^2 - trace H + det I
    x = h[lo, lo] * (h[lo, lo] - trace) + h[lo, lo + 1] * h[lo + 1, lo] + det
    y = h[lo + 1, lo] * (h[lo, lo] + h[lo + 1, lo + 1] - trace)
    w = h[lo + 1, lo] * h[lo + 2, lo + 1]
    for k in range(lo, hi - 1):
        reflector = _bulge_reflector(h.dtype, x, y, w)  # (3, 3)
        first_col = max(lo, k - 1)
        row_end = min(k + 4, hi + 1)
        _reflect(h, z_transposed, k, reflector, first_col, col_end, row_start, row_end)
        if k > lo:
            h[k + 1 : k + 3, k - 1] = 0  # the bulge has moved one column on
        x, y = h[k + 1, k], h[k + 2, k]
        if k < hi - 2:
            w = h[k + 3, k]
    reflector = _bulge_reflector(h.dtype, x, y)  # (2, 2)
    _reflect(h, z_transposed, hi - 1, reflector, hi - 2, col_end, row_start, hi + 1)
    h[hi, hi - 2] = 0


def _bulge_reflector(dtype, *x):
    """The reflector P = I - 2 u u^T / (u^T u) with P x = -sign(x0) ||x|| e1, as a small matrix.

    x: 2 or 3 scalars. u = x + sign(x0) ||x|| e1 (no cancellation in its first entry).
    subtle: the same reflection as `householder_vector`, but for 2- and 3-vectors in plain
    float arithmetic and returned as a matrix: the chase calls it O(n^2) times, and at this
    size numpy's per-call overhead, not the arithmetic, is the cost.
    """
    x = [float(value) for value in x]
    norm = math.hypot(*x)  # hypot: no overflow when the bulge is huge
    if norm == 0:
        return np.eye(len(x), dtype=dtype)
    u = [value / norm for value in x]  # unit-norm direction
    u[0] += math.copysign(1.0, u[0])
    coefficient = 2 / sum(value * value for value in u)
    return np.array(
        [[(i == j) - coefficient * ui * uj for j, uj in enumerate(u)] for i, ui in enumerate(u)],
        dtype=dtype,
    )


def _reflect(h, z_transposed, k, reflector, first_col, col_end, row_start, row_end):
    """Apply the symmetric reflector P (acting on indices k..k+size-1): H <- P H P, Z <- Z P."""
    size = reflector.shape[0]
    h[k : k + size, first_col:col_end] = reflector @ h[k : k + size, first_col:col_end]
    h[row_start:row_end, k : k + size] = h[row_start:row_end, k : k + size] @ reflector
    if z_transposed is not None:  # (Z P)^T = P Z^T
        z_transposed[k : k + size] = reflector @ z_transposed[k : k + size]


def _split_real_pair(h, z_transposed, k, full):
    """Make the 2x2 block at (k, k) upper triangular by a rotation when its eigenvalues are real.

    For block [[a, b], [c, d]], p = (a - d) / 2, the eigenvalues are d + p +- sqrt(p^2 + bc).
    The rotation's first column is the eigenvector [lambda1 - d, c] of the larger-|p + ...| one.
    Blocks with a complex pair are left as they are.
    """
    a, b, c, d = h[k, k], h[k, k + 1], h[k + 1, k], h[k + 1, k + 1]
    if c == 0:
        return
    p = 0.5 * (a - d)
    discriminant = p * p + b * c
    if discriminant < 0:
        return
    # subtle: copysign avoids cancellation in p +- sqrt(.); lambda1 - d = p + sign(p) sqrt(.).
    gap = p + np.copysign(np.sqrt(discriminant), p)
    radius = np.hypot(gap, c)
    cosine, sine = gap / radius, c / radius
    rotation = np.array([[cosine, -sine], [sine, cosine]], dtype=h.dtype)  # (2, 2)
    n = h.shape[0]
    col_end, row_start = (n, 0) if full else (k + 2, k)
    h[k : k + 2, k:col_end] = rotation.T @ h[k : k + 2, k:col_end]
    h[row_start : k + 2, k : k + 2] = h[row_start : k + 2, k : k + 2] @ rotation
    h[k + 1, k] = 0
    if z_transposed is not None:
        z_transposed[k : k + 2] = rotation.T @ z_transposed[k : k + 2]


def schur_eigenvalues(t):
    """Eigenvalues of a quasi-triangular T (complex, (n,)); pairs with +imag first.

    For a 2x2 block [[a, b], [c, d]] with a complex pair: (a + d)/2 +- i sqrt(-(p^2 + bc)).
    """
    n = t.shape[0]
    complex_dtype = np.result_type(t.dtype, np.complex64)
    eigenvalues = np.diagonal(t).astype(complex_dtype)  # (n,)
    for k in np.flatnonzero(np.diagonal(t, -1)):  # top rows of the 2x2 blocks
        a, b, c, d = t[k, k], t[k, k + 1], t[k + 1, k], t[k + 1, k + 1]
        p = 0.5 * (a - d)
        imaginary = np.sqrt(np.abs(p * p + b * c))
        real = 0.5 * (a + d)
        eigenvalues[k : k + 2] = [complex(real, imaginary), complex(real, -imaginary)]
    assert eigenvalues.shape == (n,)
    return eigenvalues
