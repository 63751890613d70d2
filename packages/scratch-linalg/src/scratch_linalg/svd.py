"""svd: A = U diag(S) Vh, as numpy.linalg.svd (S descending, U and Vh orthonormal).

For one (m, n) matrix with m >= n (a wide one is done on its transpose: A^T = V S U^T):

    1. A = U1 B V1^T           blocked Golub-Kahan bidiagonalization     4mn^2 - 4n^3/3 flops
    2. B = U_B S V_B^T          the 2n x 2n Golub-Kahan tridiagonal, by divide and conquer
    3. U = U1 [U_B; 0],  V = V1 V_B     reflectors applied in compact-WY blocks   ~4mn^2 + 4n^3

full_matrices=True pads [U_B; 0] to [[U_B, 0], [0, I]], so that U1 applied to it gives all m
columns. compute_uv=False stops after the eigenvalues of step 2. hermitian=True goes through
`eigh` as numpy does: S = |eigenvalues|, and the signs move into Vh.
"""

from typing import NamedTuple

import numpy as np

from ._batch import map_matrices
from ._validate import matrix_input
from .bidiagonal_reduction import apply_left, apply_right, bidiagonalize
from .bidiagonal_svd import bidiagonal_svd
from .eigh import eigh, eigvalsh


class SVDResult(NamedTuple):
    U: np.ndarray
    S: np.ndarray
    Vh: np.ndarray


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """Singular value decomposition of a (..., M, N); returns SVDResult(U, S, Vh), or S alone.

    U: (..., M, M) or (..., M, K) when full_matrices=False, K = min(M, N); S: (..., K)
    descending; Vh: (..., N, N) or (..., K, N). float32 in, float32 out; ints become float64.
    Raises LinAlgError below two dimensions, ValueError for NaN/inf, TypeError for complex.

    >>> U, S, Vh = svd(np.array([[0.0, 2.0], [-1.0, 0.0]]))
    >>> S.round(12).tolist()
    [2.0, 1.0]
    """
    a = matrix_input(a)
    if hermitian:
        return _hermitian_svd(a, compute_uv)
    if not compute_uv:
        (S,) = map_matrices(lambda matrix: (_singular_values(matrix),), a)
        return S
    U, S, Vh = map_matrices(lambda matrix: _svd_one(matrix, full_matrices), a)
    return SVDResult(U, S, Vh)


def _svd_one(a, full_matrices):
    m, n = a.shape
    if m < n:
        U, S, Vh = _svd_tall(a.T, full_matrices)
        return Vh.T, S, U.T
    return _svd_tall(a, full_matrices)


def _svd_tall(a, full_matrices):
    """U, S, Vh of one (m, n) matrix with m >= n."""
    m, n = a.shape
    a, exponent = _scaled(a)
    reduction = bidiagonalize(a)
    S, U_B, V_B = bidiagonal_svd(reduction.d, reduction.e)  # (n,), (n, n), (n, n)
    left = np.zeros((m, m if full_matrices else n), a.dtype)  # [U_B; 0] or [[U_B, 0], [0, I]]
    left[:n, :n] = U_B
    left[n:, n:] = np.eye(m - n, left.shape[1] - n, dtype=a.dtype)  # subtle: 0 columns if reduced
    U = apply_left(reduction, left)  # (m, m) or (m, n)
    V = apply_right(reduction, V_B)  # (n, n)
    return U, np.ldexp(S, exponent), V.T


def _singular_values(a):
    if a.shape[0] < a.shape[1]:
        a = a.T
    a, exponent = _scaled(a)
    reduction = bidiagonalize(a)
    return np.ldexp(bidiagonal_svd(reduction.d, reduction.e, compute_vectors=False), exponent)


def _scaled(a):
    """a / 2^k with max|a| in [0.5, 1), and k: exact, and no overflow or underflow in the norms.

    subtle: without it, entries near 1e200 (or 1e-200) overflow (underflow) when squared inside
    the Householder norms; a power of two changes no rounding, so S is simply scaled back.
    """
    largest = np.abs(a).max(initial=0)
    if largest == 0:
        return a, 0
    exponent = int(np.frexp(largest)[1])
    return np.ldexp(a, -exponent).astype(a.dtype, copy=False), exponent


def _hermitian_svd(a, compute_uv):
    """numpy's route for symmetric a: eigenvalues w, S = |w| descending, Vh = (U sign(w))^T."""
    if not compute_uv:
        return np.sort(np.abs(eigvalsh(a)), axis=-1)[..., ::-1]
    eigenvalues, vectors = eigh(a)  # (..., n), (..., n, n)
    signs = np.copysign(1, eigenvalues).astype(eigenvalues.dtype)  # subtle: -0.0 counts as negative
    S = np.abs(eigenvalues)
    order = np.argsort(S, axis=-1, kind="stable")[..., ::-1]  # descending
    S = np.take_along_axis(S, order, axis=-1)
    signs = np.take_along_axis(signs, order, axis=-1)
    U = np.take_along_axis(vectors, order[..., None, :], axis=-1)
    return SVDResult(U, S, np.swapaxes(U * signs[..., None, :], -1, -2))
