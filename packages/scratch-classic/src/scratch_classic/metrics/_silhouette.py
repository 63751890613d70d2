"""Silhouette coefficient: how much closer each sample is to its own cluster than to the next one.

For sample i in cluster C_i, with d the distance metric:
    a_i = mean distance to the other members of C_i       = sum_{j in C_i} d(i, j) / (|C_i| - 1)
    b_i = min over other clusters C of the mean distance  = min_{C != C_i} sum_{j in C} d(i, j) / |C|
    s_i = (b_i - a_i) / max(a_i, b_i)        (0 for a sample alone in its cluster)

The (n, n) distance matrix is never held whole: rows come in blocks whose distances fit a
fixed memory budget, and each block is reduced at once to per-cluster distance sums with one
product D_block @ one_hot (n_block, n) @ (n, k). Euclidean distances use the same expansion as
scikit-learn (||x||^2 - 2 x.y + ||y||^2, clipped at 0, a sample's distance to itself set to 0).
"""

import numpy as np

from ..neighbors._distances import minkowski_block, query_blocks, squared_euclidean_block
from ..utils.validation import (
    check_array,
    check_consistent_length,
    check_random_state,
    column_or_1d,
)

METRICS = ("euclidean", "manhattan", "cityblock", "l1", "precomputed")


def _distance_blocks(X, metric):
    """Yield (rows, D_block): D_block (n_block, n) the distances from X[rows] to every row of X."""
    n_samples = len(X)
    if metric == "precomputed":
        yield slice(0, n_samples), X
        return
    if metric == "euclidean":
        squared_norms = np.einsum("ij,ij->i", X, X)  # (n,)
        for rows in query_blocks(n_samples, n_samples):
            block = np.sqrt(squared_euclidean_block(X[rows], X, squared_norms))  # (n_block, n)
            block[np.arange(block.shape[0]), np.arange(rows.start, rows.stop)] = 0.0
            yield rows, block
    else:  # manhattan
        for rows in query_blocks(n_samples, n_samples, X.shape[1]):
            yield rows, minkowski_block(X[rows], X, p=1)


def silhouette_samples(X, labels, *, metric="euclidean"):
    """The silhouette s_i of every sample, shape (n_samples,); see the module docstring."""
    if metric not in METRICS:
        raise ValueError(f"Unknown metric {metric!r}: choose one of {METRICS}")
    X = check_array(X)
    labels = column_or_1d(labels, name="labels")
    check_consistent_length(X, labels)
    if labels.dtype.kind == "f" and not np.isfinite(labels).all():
        raise ValueError("Input labels contains NaN or infinity.")
    if metric == "precomputed":
        if X.shape[0] != X.shape[1]:
            raise ValueError(f"A precomputed distance matrix must be square, got shape {X.shape}")
        if np.any(np.abs(np.diagonal(X)) > 100 * np.finfo(X.dtype).eps):
            raise ValueError(
                "The precomputed distance matrix contains non-zero elements on the diagonal. Use np.fill_diagonal(X, 0)."
            )
    classes, codes = np.unique(labels, return_inverse=True)  # codes: (n,) cluster index per sample
    n_samples, n_clusters = len(codes), len(classes)
    if not 1 < n_clusters < n_samples:
        raise ValueError(
            f"Number of labels is {n_clusters}. Valid values are 2 to n_samples - 1 (inclusive)"
        )
    cluster_sizes = np.bincount(codes)  # (k,)
    one_hot = (codes[:, None] == np.arange(n_clusters)[None, :]).astype(np.float64)  # (n, k)
    own_sums = np.empty(n_samples)  # (n,) sum of distances to the sample's own cluster
    nearest_other = np.empty(n_samples)  # (n,) b_i
    for rows, block in _distance_blocks(X, metric):
        cluster_sums = block @ one_hot  # (n_block, k)
        block_codes = codes[rows]
        within = np.arange(len(block_codes))
        own_sums[rows] = cluster_sums[within, block_codes]
        cluster_sums[within, block_codes] = np.inf
        nearest_other[rows] = (cluster_sums / cluster_sizes).min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        # subtle: a singleton cluster divides 0 by 0 here; its NaN silhouette becomes 0 below
        mean_own = own_sums / (cluster_sizes[codes] - 1)  # (n,) a_i
        silhouettes = (nearest_other - mean_own) / np.maximum(mean_own, nearest_other)
    return np.nan_to_num(silhouettes)


def silhouette_score(X, labels, *, metric="euclidean", sample_size=None, random_state=None):
    """Mean silhouette over all samples, or over a random subset of `sample_size` samples.

    Deviation: the subset is drawn with numpy's Generator, so it differs from scikit-learn's
    for the same random_state (the score on a given subset is the same).
    """
    if sample_size is not None:
        X = check_array(X)
        labels = column_or_1d(labels, name="labels")
        check_consistent_length(X, labels)
        chosen = check_random_state(random_state).permutation(X.shape[0])[:sample_size]
        X = X[np.ix_(chosen, chosen)] if metric == "precomputed" else X[chosen]
        labels = labels[chosen]
    return float(np.mean(silhouette_samples(X, labels, metric=metric)))
