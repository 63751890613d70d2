"""SVD of an upper bidiagonal B (diagonal d, superdiagonal e) through its Golub-Kahan matrix.

Interleave the unknowns as (v_1, u_1, v_2, u_2, ..., v_n, u_n): then [[0, B^T], [B, 0]] becomes the
2n x 2n symmetric tridiagonal

    T_GK = tridiag(off = [d_1, e_1, d_2, e_2, ..., d_n],  diagonal = 0)

whose eigenvalues are +-sigma_i, the eigenvector of +sigma_i being (v_i, u_i) interleaved, over
sqrt(2) (check a row: T_GK's row for u_1 reads d_1 v_1 + e_1 v_2 = (B v)_1 = sigma u_1). So one
call of the divide-and-conquer tridiagonal eigensolver gives the whole SVD; it costs about that of
a 2n-eigenproblem, O((2n)^3) in matrix products at worst, and the rest here is O(n^2).

subtle: a computed eigenvector of +sigma is off by about eps ||B|| / gap, and the nearest other
eigenvalue may be its own mirror -sigma (gap 2 sigma). Mixing with the mirror only rescales the
u- and v-halves (so each half is normalized on its own), but for small sigma the halves of
different vectors also lose orthogonality, and for sigma = 0 the +-0 pair is a cluster whose
eigenvectors may be pure u or pure v (a zero half). So the halves of the suspect vectors (sigma
below COUPLING_RATIO * sigma_max, or halves of unequal length, as LAPACK's dbdsvdx tests) are
re-orthogonalized against all earlier ones in order of decreasing sigma; a half that is empty or
lies in the span of the earlier ones is replaced by the unit vector e_k farthest from that span
(any orthonormal completion is right for a singular value at rounding level). For p suspects
this costs about 8 n^2 p flops per half, most of it in one matrix product against the trusted rows.
Exact zeros in d or e need no special case: they split T_GK, which the eigensolver deflates.
"""

import numpy as np

from .tridiagonal_eigen import tridiagonal_eigh

# Halves of vectors with sigma below this fraction of sigma_max are re-orthogonalized: the loss of
# orthogonality between u_i, u_j is about eps sigma_max / (sigma_i + sigma_j), so trusted vectors
# stay orthogonal to within about eps / (2 COUPLING_RATIO), a few eps.
COUPLING_RATIO = 1e-1


def golub_kahan_offdiagonal(d, e):
    """[d_1, e_1, d_2, ..., e_{n-1}, d_n]: the off-diagonal of T_GK, shape (2n-1,).

    >>> golub_kahan_offdiagonal(np.array([1.0, 2.0]), np.array([5.0])).tolist()
    [1.0, 5.0, 2.0]
    """
    off = np.empty(2 * len(d) - 1, dtype=d.dtype)
    off[0::2] = d
    off[1::2] = e
    return off


def bidiagonal_svd(d, e, compute_vectors=True):
    """B = U diag(s) V^T for B upper bidiagonal; returns (s, U, V), or s alone.

    d: (n,), e: (n-1,). s: (n,) descending, U and V: (n, n) orthonormal columns.
    """
    n = len(d)
    dtype = d.dtype
    if n == 0:
        empty = np.zeros((0, 0), dtype)
        return (np.zeros(0, dtype), empty, empty) if compute_vectors else np.zeros(0, dtype)
    off = golub_kahan_offdiagonal(d, e)  # (2n-1,)
    diagonal = np.zeros(2 * n, dtype)  # (2n,)
    if not compute_vectors:
        eigenvalues = tridiagonal_eigh(diagonal, off, compute_vectors=False)
        eigenvalues = eigenvalues[0] if isinstance(eigenvalues, tuple) else eigenvalues
        return np.sort(np.abs(eigenvalues[n:]))[::-1].astype(dtype, copy=False)
    eigenvalues, Z = tridiagonal_eigh(diagonal, off)  # (2n,) ascending, (2n, 2n)
    # The n largest eigenvalues are +sigma; subtle: +-0 pairs may come out as tiny negatives.
    s = np.abs(eigenvalues[n:][::-1])  # (n,)
    top = Z[:, n:][:, ::-1]  # (2n, n) their eigenvectors, largest first
    order = np.argsort(-s, kind="stable")
    s, top = s[order], top[:, order]
    V = orthonormal_halves(top[0::2].T, s)  # (n, n) row j = v_j
    U = orthonormal_halves(top[1::2].T, s)  # (n, n) row j = u_j
    return s.astype(dtype, copy=False), U.T, V.T


def orthonormal_halves(halves, s):
    """Orthonormal rows from the u- (or v-) halves of T_GK eigenvectors, in order of s.

    halves: (n, n), row j the half of the eigenvector of s[j] (length 1/sqrt(2) when exact).
    Rows before the first suspect one are only normalized; later rows are also re-orthogonalized.
    """
    n = len(s)
    eps = np.finfo(halves.dtype).eps
    lengths = np.sqrt(np.einsum("ij,ij->i", halves, halves))  # (n,)
    rows = halves / np.where(lengths > 0, lengths, 1)[:, None]  # (n, n)
    lopsided = np.abs(lengths * np.sqrt(2) - 1) > np.sqrt(eps)
    suspect = lopsided | (s <= s[0] * COUPLING_RATIO)
    if not suspect.any():
        return rows
    first = int(np.argmax(suspect))
    trusted, suspects = rows[:first], rows[first:]  # (first, n), (n - first, n) views
    for _ in range(2):  # classical Gram-Schmidt twice against the trusted block: BLAS-3
        suspects -= (suspects @ trusted.T) @ trusted
    for j in range(first, n):  # then one by one among the suspects: inherently sequential
        x = _project_out(rows[j], rows[first:j])  # (n,)
        length = np.sqrt(x @ x)
        if not length > 0.5:  # subtle: an empty half, or one inside the earlier span
            x = _project_out(_farthest_unit_vector(rows[:j], n, rows.dtype), rows[:j])
            length = np.sqrt(x @ x)
        rows[j] = x / length
    return rows


def _project_out(x, basis):
    """x minus its projection on the orthonormal rows of basis, twice (classical Gram-Schmidt 2)."""
    for _ in range(2):
        x = x - (basis @ x) @ basis  # (n,)
    return x


def _farthest_unit_vector(basis, n, dtype):
    """The e_k least covered by the rows of basis: its projection out keeps length >= 1/sqrt(n)."""
    coverage = np.einsum("ij,ij->j", basis, basis)  # (n,) squared length of e_k's projection
    unit = np.zeros(n, dtype)
    unit[int(np.argmin(coverage))] = 1
    return unit
