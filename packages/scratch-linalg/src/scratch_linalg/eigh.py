"""Eigenvalues and eigenvectors of symmetric matrices: numpy.linalg.eigh / eigvalsh.

Three stages, as LAPACK's dsyevd:

    A = Q T Q^T          Householder tridiagonalization       4/3 n^3 flops  (tridiagonal_reduction)
    T = Z diag(w) Z^T    divide and conquer                  ~4/3 n^3 flops  (tridiagonal_eigen)
    V = Q Z              blocked back-transformation           2 n^3 flops   (compact WY)

so A V = V diag(w), V orthogonal, w ascending. Only the triangle named by UPLO is read (the
other is taken as its mirror), as numpy does. eigvalsh skips the back-transformation.
"""

from typing import NamedTuple

import numpy as np

from ._batch import map_matrices
from ._validate import matrix_input
from .tridiagonal_eigen import tridiagonal_eigh
from .tridiagonal_reduction import apply_tridiagonal_q, tridiagonalize


class EighResult(NamedTuple):
    eigenvalues: np.ndarray  # (..., M) ascending
    eigenvectors: np.ndarray  # (..., M, M) orthonormal columns


def eigh(a, UPLO="L"):
    """Return EighResult(eigenvalues, eigenvectors) of the symmetric matrices a (..., M, M).

    UPLO: 'L' (default) or 'U', the triangle to read. float32 in -> float32 out, ints -> float64.
    Raises LinAlgError when a is not square (or not at least 2-D), ValueError for NaN/inf or a
    bad UPLO, TypeError for complex input.

    >>> w, v = eigh(np.array([[2.0, 1.0], [1.0, 2.0]]))
    >>> w.tolist()
    [1.0, 3.0]
    """
    a = _symmetric_input(a, UPLO)
    w, v = map_matrices(lambda m: _eigh_one(m, compute_vectors=True), a)
    return EighResult(w, v)


def eigvalsh(a, UPLO="L"):
    """Eigenvalues (..., M), ascending, of the symmetric matrices a (..., M, M); see `eigh`."""
    a = _symmetric_input(a, UPLO)
    return map_matrices(lambda m: _eigh_one(m, compute_vectors=False)[:1], a)[0]


def _symmetric_input(a, UPLO):
    if UPLO not in ("L", "U", "l", "u"):
        raise ValueError(f"UPLO argument must be 'L' or 'U' (got {UPLO!r})")
    a = matrix_input(a, "a", square=True)
    # mirror the chosen triangle: the other one is never read
    if UPLO in ("L", "l"):
        lower = np.tril(a)
        return lower + np.swapaxes(np.tril(a, -1), -1, -2)
    upper = np.triu(a)
    return upper + np.swapaxes(np.triu(a, 1), -1, -2)


def _eigh_one(a, compute_vectors):
    """(w, V) for one symmetric (n, n) matrix."""
    tridiagonal = tridiagonalize(a)
    w, Z = tridiagonal_eigh(tridiagonal.diagonal, tridiagonal.off_diagonal)  # (n,), (n, n)
    if not compute_vectors:
        return w, None
    return w, apply_tridiagonal_q(tridiagonal.reflectors, tridiagonal.taus, Z)
