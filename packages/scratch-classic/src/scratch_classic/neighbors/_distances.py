"""Pairwise distances between query rows and training rows, by blocks of query rows.

Euclidean distances use the expansion (one BLAS-3 product per block):

    ||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2

clipped at 0 (rounding can make it slightly negative), as scikit-learn's brute search does;
the ranking is done on squared distances and the square root is taken only for the k returned.
Minkowski distances for other p, (sum_j |x_j - y_j|^p)^(1/p), broadcast a (rows, n_train,
n_features) difference block, so the blocks are smaller there; p = inf is the Chebyshev distance
max_j |x_j - y_j|.

    _minkowski_block([[0, 0]], [[3, 4], [1, 1]], p=1) -> [[7, 2]]
"""

import numpy as np

# Bytes a block of distances (or of broadcast differences) may take: bounds peak memory.
_BLOCK_BYTES = 16 * 2**20


def query_blocks(n_queries, n_train, n_features=1):
    """Slices of query rows so one (rows, n_train, n_features) float64 block fits _BLOCK_BYTES."""
    rows = max(1, _BLOCK_BYTES // (8 * max(1, n_train) * max(1, n_features)))
    return [slice(start, min(start + rows, n_queries)) for start in range(0, n_queries, rows)]


def squared_euclidean_block(queries, train, train_squared_norms):
    """||q - t||^2 for every pair: (n_block, n_train), clipped at 0."""
    query_squared_norms = np.einsum("ij,ij->i", queries, queries)  # (n_block,)
    squared = queries @ train.T  # (n_block, n_train)
    squared *= -2.0
    squared += query_squared_norms[:, None]
    squared += train_squared_norms[None, :]
    np.maximum(squared, 0.0, out=squared)
    return squared


def minkowski_block(queries, train, p):
    """(sum_j |q_j - t_j|^p)^(1/p) for every pair (p = inf: max_j |q_j - t_j|): (n_block, n_train)."""
    differences = np.abs(queries[:, None, :] - train[None, :, :])  # (n_block, n_train, n_features)
    if p == 1:
        return differences.sum(axis=2)
    if np.isinf(p):
        return differences.max(axis=2)
    return (differences**p).sum(axis=2) ** (1.0 / p)
