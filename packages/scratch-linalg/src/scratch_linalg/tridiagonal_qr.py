"""Eigen-decomposition of a small symmetric tridiagonal matrix by the implicit QL method.

T (n x n) has diagonal d and off-diagonal e. One QL sweep with shift sigma is T - sigma I = Q L,
T <- L Q + sigma I: an orthogonal similarity, so the eigenvalues are kept, and with the
Wilkinson shift (the eigenvalue of the trailing 2 x 2 block nearer its corner) the last
off-diagonal of the active block goes to zero cubically, usually in 2-3 sweeps. The sweep is
done "implicitly" (Numerical Recipes' tqli, LAPACK's dsteql): a chain of Givens rotations chases
the bulge from the bottom of the active block to its top, and each rotation is also applied to
two columns of Z, which accumulates the eigenvectors.

Cost: about 3 n^2 scalar steps for the eigenvalues and 6 n^3 flops for the vectors. The chase is
inherently sequential, so this is the simple, robust method; `tridiagonal_eigen` uses it only
for the small leaves of divide and conquer (and as the reference it is tested against).
"""

import math

import numpy as np

from .errors import LinAlgError

MAX_SWEEPS_PER_EIGENVALUE = 30


def implicit_ql_eigh(d, e, compute_vectors=True):
    """Return (w, Z): w ascending (n,), Z (n, n) orthonormal eigenvectors in columns (or None).

    d: (n,) diagonal, e: (n-1,) off-diagonal. Raises LinAlgError if an eigenvalue fails to
    converge in 30 sweeps (it does not happen in practice with the Wilkinson shift).
    """
    dtype = np.result_type(d, e)
    n = len(d)
    eps = float(np.finfo(dtype).eps)
    # Python floats: the bulge chase is scalar work, and Python floats are far faster than
    # numpy scalars for it. subtle: float32 input is chased in float64 here, which only helps
    # accuracy; the vectors are rotated in the input dtype.
    diag = [float(x) for x in d]
    off = [float(x) for x in e] + [0.0]  # off[i] couples i and i+1; off[n-1] is padding
    # rows of z_rows are the columns of Z: a rotation then touches two contiguous rows.
    z_rows = np.eye(n, dtype=dtype) if compute_vectors else None  # (n, n)
    for low in range(n):
        sweeps = 0
        while True:
            # find the first negligible off-diagonal at or below `low`: the active block ends there.
            high = low
            while high < n - 1 and abs(off[high]) > eps * (abs(diag[high]) + abs(diag[high + 1])):
                high += 1
            if high == low:
                break
            sweeps += 1
            if sweeps > MAX_SWEEPS_PER_EIGENVALUE:
                raise LinAlgError("Eigenvalues did not converge (implicit QL)")
            _ql_sweep(diag, off, low, high, z_rows)
    w = np.array(diag, dtype=dtype)  # (n,)
    order = np.argsort(w, kind="stable")
    if not compute_vectors:
        return w[order], None
    return w[order], np.ascontiguousarray(z_rows[order].T)


def _ql_sweep(diag, off, low, high, z_rows):
    """One implicit QL sweep, Wilkinson shift, on the block low..high (lists updated in place)."""
    g = (diag[low + 1] - diag[low]) / (2.0 * off[low])
    r = math.hypot(g, 1.0)
    # shifted start: d[high] - sigma, sigma the Wilkinson shift for the top 2 x 2 block
    g = diag[high] - diag[low] + off[low] / (g + math.copysign(r, g))
    s = c = 1.0
    p = 0.0
    for i in range(high - 1, low - 1, -1):
        f = s * off[i]
        b = c * off[i]
        r = math.hypot(f, g)
        off[i + 1] = r
        if r == 0.0:
            # subtle: the bulge vanished (an off-diagonal underflowed): deflate and restart.
            diag[i + 1] -= p
            off[high] = 0.0
            return
        s = f / r
        c = g / r
        g = diag[i + 1] - p
        r = (diag[i] - g) * s + 2.0 * c * b
        p = s * r
        diag[i + 1] = g + p
        g = c * r - b
        if z_rows is not None:  # rows i, i+1 <- [[c, -s], [s, c]] @ rows i, i+1
            pair = z_rows[i : i + 2]  # (2, n) view
            pair[...] = np.array([[c, -s], [s, c]], dtype=pair.dtype) @ pair
    diag[low] -= p
    off[low] = g
    off[high] = 0.0
