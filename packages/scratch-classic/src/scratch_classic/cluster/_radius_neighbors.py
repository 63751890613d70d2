"""All pairs (i, j) with distance(x_i, x_j) <= eps, by blocks of rows (each point is its own pair).

Euclidean distances are screened with the expansion ||x||^2 - 2 x.y + ||y||^2 on the centred data
(one BLAS-3 product per block of rows), and the pairs that pass are measured again exactly as
sum_k (x_k - y_k)^2 on the original coordinates:

    subtle: the expansion loses absolute precision ~ eps_machine * (||x||^2 + ||y||^2), so a pair
    right at the radius could land on the wrong side; the screen keeps a margin of that size
    (with the largest ||y||^2, one threshold per row) and the exact re-measurement decides, as a
    tree search (which measures exactly) would.

Other Minkowski distances are measured directly on broadcast differences; with
metric="precomputed" the input already is the (n, n) distance matrix.

    radius_neighbor_pairs([[0.0], [1.0], [5.0]], eps=1.5) -> rows [0, 0, 1, 1, 2], cols [0, 1, 0, 1, 2]
"""

import numpy as np

from ..neighbors._distances import minkowski_block, query_blocks

_SCREEN_MARGIN = 64 * np.finfo(np.float64).eps  # relative to ||x||^2 + ||y||^2


def _euclidean_pairs(X, eps):
    n_samples = X.shape[0]
    centered = X - X.mean(axis=0)  # (n, d): smaller norms, less rounding in the expansion
    squared_norms = np.einsum("ij,ij->i", centered, centered)  # (n,)
    largest_norm = squared_norms.max()
    rows_found, cols_found = [], []
    for block in query_blocks(n_samples, n_samples):
        # screen ||y||^2 - 2 x.y <= eps^2 + margin - ||x||^2, one threshold per row x
        scores = centered[block] @ centered.T  # (n_block, n)
        scores *= -2.0
        scores += squared_norms[None, :]
        margin = _SCREEN_MARGIN * (squared_norms[block] + largest_norm)  # (n_block,)
        threshold = eps * eps + margin - squared_norms[block]  # (n_block,)
        rows, cols = np.divmod(np.flatnonzero(scores <= threshold[:, None]), n_samples)
        rows += block.start
        differences = X[rows] - X[cols]  # (n_candidates, d), exact on the original coordinates
        keep = np.einsum("ij,ij->i", differences, differences) <= eps * eps
        rows_found.append(rows[keep])
        cols_found.append(cols[keep])
    return np.concatenate(rows_found), np.concatenate(cols_found)


def _minkowski_pairs(X, eps, p):
    rows_found, cols_found = [], []
    for block in query_blocks(X.shape[0], X.shape[0], X.shape[1]):
        rows, cols = np.nonzero(minkowski_block(X[block], X, p) <= eps)  # (n_block, n) screened
        rows_found.append(rows + block.start)
        cols_found.append(cols)
    return np.concatenate(rows_found), np.concatenate(cols_found)


def radius_neighbor_pairs(X, eps, p=2.0, precomputed=False):
    """(rows, cols): every pair within eps, ordered by row then column; int arrays of equal length.

    p is the Minkowski exponent (2 euclidean, 1 manhattan, inf chebyshev); precomputed means X
    is a square matrix of distances.
    """
    if precomputed:
        return np.nonzero(X <= eps)
    if p == 2.0:
        return _euclidean_pairs(X, eps)
    return _minkowski_pairs(X, eps, p)
