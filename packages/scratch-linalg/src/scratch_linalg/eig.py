"""Eigenvalues and eigenvectors of a general real square matrix, like numpy.linalg.eig (dgeev).

Three stages, O(n^3) in all:

    A = Q H Q^T            Householder reduction to Hessenberg form      (hessenberg.py)
    H = U T U^T            Francis double-shift QR to real Schur form    (schur.py)
    T X = X diag(w)        back substitution on the quasi-triangular T   (this file, dtrevc's idea)

and the eigenvectors of A are V = Z X with Z = Q U, each column scaled to unit 2-norm with its
largest component real (dgeev's normalization).

Back substitution: the eigenvector x of T for the eigenvalue w_j of diagonal block j is zero
below block j, is the 2x2 block's own eigenvector (or 1) on block j, and above it solves, block
row i by block row i going up,

    (T_ii - w_j I) x_i = - T_i,(i+1:) x_(i+1:).

All eigenvectors advance together: one block row costs one (1 or 2, n) x (n, n) product, and a
1x1 or 2x2 complex solve per column, so the Python loop runs over block rows, not elements.
A near-zero pivot (a repeated eigenvalue) is replaced by eps |w_j| as LAPACK's dlaln2 does.

Results like numpy: real arrays when every eigenvalue (of every matrix in the batch) is real,
otherwise complex (complex64 for float32 input); a conjugate pair is adjacent, +imag first.
"""

from typing import NamedTuple

import numpy as np

from ._batch import map_matrices
from ._validate import matrix_input
from .hessenberg import hessenberg_q, hessenberg_reduce
from .schur import real_schur, schur_eigenvalues


class EigResult(NamedTuple):
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray


def eig(a):
    """Eigenvalues w (..., M) and right eigenvectors v (..., M, M): a @ v[:, j] = w[j] v[:, j]."""
    a = matrix_input(a, "a", square=True)

    def one_matrix(matrix):
        matrix, scale = _scaled_to_safe_range(matrix)
        reduced, tau = hessenberg_reduce(matrix)
        t = np.triu(reduced, -1)  # (n, n) Hessenberg
        z_transposed = np.ascontiguousarray(hessenberg_q(reduced, tau).T)  # (n, n) Q^T
        real_schur(t, z_transposed)  # now (Q U)^T = Z^T
        eigenvalues = schur_eigenvalues(t)  # (n,)
        eigenvectors = z_transposed.T @ schur_eigenvectors(t, eigenvalues)  # (n, n)
        return eigenvalues * scale, normalize_eigenvectors(eigenvectors)

    eigenvalues, eigenvectors = map_matrices(one_matrix, a)
    if np.all(eigenvalues.imag == 0):
        return EigResult(eigenvalues.real.copy(), eigenvectors.real.copy())
    return EigResult(eigenvalues, eigenvectors)


def eigvals(a):
    """Eigenvalues (..., M) of general real square matrices, like `numpy.linalg.eigvals`.

    Cheaper than `eig`: no Q, no Z, and the QR sweeps update only the active window.
    """
    a = matrix_input(a, "a", square=True)

    def one_matrix(matrix):
        matrix, scale = _scaled_to_safe_range(matrix)
        reduced, _ = hessenberg_reduce(matrix)
        t = np.triu(reduced, -1)  # (n, n) Hessenberg
        real_schur(t, full=False)
        return (schur_eigenvalues(t) * scale,)

    (eigenvalues,) = map_matrices(one_matrix, a)
    if np.all(eigenvalues.imag == 0):
        return eigenvalues.real.copy()
    return eigenvalues


def _scaled_to_safe_range(matrix):
    """(matrix / scale, scale), rescaled to max-norm 1 when its entries are very small or large.

    subtle: the shifts square the entries (h^2 ~ 1e-500 underflows to 0 and the QR iteration
    stalls), so dgeev scales A into [sqrt(tiny) / eps, its inverse] first; eigenvalues scale back.
    """
    largest = np.abs(matrix).max(initial=0)
    finfo = np.finfo(matrix.dtype)
    safe_low = np.sqrt(finfo.tiny) / finfo.eps
    if largest == 0 or safe_low <= largest <= 1 / safe_low:
        return matrix, matrix.dtype.type(1)
    return matrix / largest, largest


def schur_eigenvectors(t, eigenvalues):
    """X (n, n) complex, block upper triangular, with T X = X diag(eigenvalues).

    t: (n, n) quasi-triangular real Schur form whose 2x2 blocks hold complex pairs;
    eigenvalues: (n,) complex as `schur_eigenvalues` orders them.
    """
    n = t.shape[0]
    eps = np.finfo(t.dtype).eps
    tiny = np.finfo(t.dtype).tiny
    rescale_above = 1 / eps  # columns are rescaled (direction unchanged) before they can overflow
    block_starts = _block_starts(t)
    X = np.zeros((n, n), dtype=eigenvalues.dtype)  # (n, n)
    for start in block_starts:  # each block's own eigenvectors
        if start + 1 < n and t[start + 1, start] != 0:
            # [w - d, c] solves [[a - w, b], [c, d - w]] x = 0 in its second row
            w = eigenvalues[start]
            X[start : start + 2, start] = [w - t[start + 1, start + 1], t[start + 1, start]]
            X[:, start + 1] = X[:, start].conj()
        else:
            X[start, start] = 1
    # pivots smaller than this (relative to |w_j|) are perturbed, as in dtrevc / dlaln2.
    # subtle: floored at eps ||T|| too, so a zero eigenvalue's pivot cannot overflow x.
    floor = max(eps * np.abs(t).max(initial=0), tiny)
    smallest_pivot = np.maximum(eps * (np.abs(eigenvalues.real) + np.abs(eigenvalues.imag)), floor)
    block_ends = list(block_starts[1:]) + [n]
    for start, end in reversed(list(zip(block_starts, block_ends))):
        if end == n:
            continue
        rhs = -(t[start:end, end:] @ X[end:, end:])  # (size, n - end)
        solution = _solve_shifted_block(t[start:end, start:end], eigenvalues[end:], rhs,
                                        smallest_pivot[end:])  # (size, n - end)
        X[start:end, end:] = solution
        too_big = np.abs(solution).max(axis=0) > rescale_above  # (n - end,)
        if too_big.any():
            columns = end + np.flatnonzero(too_big)
            X[:, columns] /= np.abs(X[:, columns]).max(axis=0)
    return X


def _block_starts(t):
    """Indices where the diagonal blocks (1x1 or 2x2) of a quasi-triangular t begin."""
    n = t.shape[0]
    pair_tops = set(np.flatnonzero(np.diagonal(t, -1)).tolist())
    starts, k = [], 0
    while k < n:
        starts.append(k)
        k += 2 if k in pair_tops else 1
    return starts


def _solve_shifted_block(block, shifts, rhs, smallest_pivot):
    """Solve (block - shifts[j] I) x_j = rhs[:, j] for every column j. block: (1, 1) or (2, 2)."""
    if block.shape[0] == 1:
        pivot = block[0, 0] - shifts  # (c,)
        # subtle: a repeated eigenvalue gives pivot 0; a tiny stand-in gives a huge component,
        # which is the right direction (the matrix is then nearly defective).
        pivot = np.where(np.abs(pivot) < smallest_pivot, smallest_pivot, pivot)
        return rhs / pivot
    # Gaussian elimination with partial pivoting, per column (Cramer's rule is not backward
    # stable when the block is nearly singular, which is exactly the repeated-eigenvalue case).
    a, b, c, d = block[0, 0] - shifts, block[0, 1], block[1, 0], block[1, 1] - shifts  # (cols,)
    b, c = np.full_like(a, b), np.full_like(a, c)
    swap = np.abs(c) > np.abs(a)  # (cols,): pivot on the second row
    pivot, pivot_right = np.where(swap, c, a), np.where(swap, d, b)
    other, other_right = np.where(swap, a, c), np.where(swap, b, d)
    rhs_pivot, rhs_other = np.where(swap, rhs[1], rhs[0]), np.where(swap, rhs[0], rhs[1])
    multiplier = other / pivot
    schur_complement = other_right - multiplier * pivot_right  # (cols,)
    # subtle: a tiny pivot is replaced (LAPACK's dlaln2): x then solves a nearby system exactly.
    schur_complement = np.where(
        np.abs(schur_complement) < smallest_pivot, smallest_pivot, schur_complement
    )
    second = (rhs_other - multiplier * rhs_pivot) / schur_complement
    first = (rhs_pivot - pivot_right * second) / pivot
    return np.stack([first, second])  # (2, cols)


def normalize_eigenvectors(vectors):
    """Unit 2-norm columns, each rotated so that its largest component is real (dgeev).

    vectors: (n, n) complex. subtle: the sign of that component's real part is kept, as
    LAPACK's rotation (dlartg) keeps it, so real eigenvectors are only scaled.
    """
    if vectors.size == 0:
        return vectors
    magnitudes = np.abs(vectors)  # (n, n)
    vectors = vectors / np.sqrt((magnitudes**2).sum(axis=0))
    largest = vectors[magnitudes.argmax(axis=0), np.arange(vectors.shape[1])]  # (n,)
    phase = largest / np.abs(largest)  # (n,)
    sign = np.where(largest.real < 0, -1, 1).astype(magnitudes.dtype)
    vectors = vectors * (sign * phase.conj())
    rows, columns = magnitudes.argmax(axis=0), np.arange(vectors.shape[1])
    vectors[rows, columns] = vectors[rows, columns].real  # subtle: exactly real, as dgeev sets it
    return vectors
