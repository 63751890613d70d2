"""Moore-Penrose pseudo-inverse through the SVD (numpy.linalg.pinv).

With A = U diag(s) V^T (thin SVD, s descending), the pseudo-inverse is

    A^+ = V diag(s^+) U^T,    s^+_i = 1 / s_i  if s_i > cutoff,  else 0,
    cutoff = rcond * s_1.

A^+ is the unique X with AXA = A, XAX = X and AX, XA symmetric; A^+ b is the minimum-norm least
squares solution. Dropping the singular values below the cutoff keeps rounding noise (amplified
by 1/s_i) out of the result. Cost for (m, n), m >= n: the SVD, ~ 4 m n^2 + 8 n^3 flops with
vectors, plus 2 m n^2 for the product V diag(s^+) U^T.
"""

import numpy as np

from ._validate import matrix_input
from .svd import svd

_NO_VALUE = object()  # tells "rtol not given" apart from rtol=None, which has its own meaning
_DEFAULT_RCOND = 1e-15


def pinv(a, rcond=None, hermitian=False, *, rtol=_NO_VALUE):
    """Pseudo-inverse of a (..., m, n) stack of matrices -> (..., n, m), as numpy.linalg.pinv.

    rcond / rtol: relative cutoff for small singular values (both may broadcast over the batch).
    Defaults: rcond=1e-15 when neither is given; rtol=None means max(m, n) * eps.
    hermitian: a is symmetric; its SVD then comes from `eigh` (faster), as in numpy.
    """
    a = matrix_input(a, "a")
    m, n = a.shape[-2:]
    if rcond is None:
        if rtol is _NO_VALUE:
            rcond = _DEFAULT_RCOND
        elif rtol is None:
            rcond = max(m, n) * np.finfo(a.dtype).eps
        else:
            rcond = rtol
    elif rtol is not _NO_VALUE:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    if a.size == 0:
        return np.empty(a.shape[:-2] + (n, m), dtype=a.dtype)
    # (..., m, k), (..., k), (..., k, n)
    u, s, vh = svd(a, full_matrices=False, hermitian=hermitian)
    cutoff = np.asarray(rcond)[..., np.newaxis] * s.max(axis=-1, keepdims=True)  # (..., 1)
    return pseudo_inverse_from_svd(u, s, vh, cutoff)


def pseudo_inverse_from_svd(u, s, vh, cutoff):
    """V diag(s^+) U^T, keeping 1 / s_i only where s_i > cutoff.

    u: (..., m, k), s: (..., k), vh: (..., k, n), cutoff broadcastable to s -> (..., n, m).
    """
    kept = s > cutoff  # (..., k)
    inverted = np.where(kept, 1 / np.where(kept, s, 1), 0).astype(s.dtype)  # (..., k)
    scaled_ut = inverted[..., :, np.newaxis] * np.swapaxes(u, -1, -2)  # (..., k, m)
    return np.swapaxes(vh, -1, -2) @ scaled_ut  # (..., n, m)
