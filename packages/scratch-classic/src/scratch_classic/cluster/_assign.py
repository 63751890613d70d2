"""Nearest-centre assignment (the E-step of k-means) and the per-cluster sums of the M-step.

For a point x and centres c_1..c_k,

    label(x) = argmin_j ||x - c_j||^2 = argmin_j (||c_j||^2 - 2 x.c_j)

||x||^2 is the same for every centre, so the argmin skips it (as scikit-learn's Lloyd loop does).
Rows are taken in chunks, each costing one BLAS-3 product X_chunk @ (-2 C)^T (scaling by -2 is
exact in binary floating point) into a reused buffer. Ties go to the lowest centre index
(np.argmin keeps the first minimum, as scikit-learn's strict `<` scan does).

The M-step's sums come from one-hot label matrices, one product per chunk:

    sums[j] = sum_{i: label_i = j} w_i x_i = (onehot^T @ (w * X))[j],   weights[j] = sum w_i

and, when only a few labels changed since the last step, from those rows alone (`moved_sums`):
a row moving from cluster a to b adds w x to sums[b] and takes it from sums[a].

The inertia, sum_i w_i ||x_i - c_label(i)||^2, is measured on the differences themselves (not
the expansion), so it is exact to rounding even when points sit on their centres.

    assign_labels([[0, 0], [9, 9]], centers=[[1, 1], [8, 8]]) -> [0, 1]
"""

import numpy as np

# Bytes one chunk's (rows, max(n_clusters, n_features)) float64 block may take.
_CHUNK_BYTES = 4 * 2**20
_MIN_CHUNK_ROWS = 256


def chunk_slices(n_samples, width):
    """Slices of rows such that a (rows, width) float64 block stays near _CHUNK_BYTES."""
    rows = max(_MIN_CHUNK_ROWS, _CHUNK_BYTES // (8 * max(1, width)))
    return [slice(start, min(start + rows, n_samples)) for start in range(0, n_samples, rows)]


def assign_labels(X, centers):
    """Index of the nearest centre of each row: (n_samples,) intp."""
    n_clusters = centers.shape[0]
    minus_two_centers_t = np.ascontiguousarray(-2.0 * centers.T)  # (d, k)
    center_squared_norms = np.einsum("ij,ij->i", centers, centers)  # (k,)
    labels = np.empty(X.shape[0], dtype=np.intp)
    chunks = chunk_slices(X.shape[0], max(n_clusters, X.shape[1]))
    buffer = np.empty(
        (chunks[0].stop - chunks[0].start if chunks else 0, n_clusters)
    )  # reused per chunk
    for rows in chunks:
        scores = buffer[: rows.stop - rows.start]  # (n_chunk, k)
        np.matmul(X[rows], minus_two_centers_t, out=scores)  # -2 x.c
        scores += center_squared_norms  # ||c||^2 - 2 x.c
        np.argmin(scores, axis=1, out=labels[rows])
    return labels


def _one_hot(labels, n_clusters):
    return (labels[:, None] == np.arange(n_clusters)[None, :]).astype(np.float64)  # (n, k)


def cluster_sums(weighted_X, sample_weight, labels, n_clusters):
    """(sums (k, d), weights (k,)): the weighted sum of the rows of each cluster, and their weight.

    weighted_X is sample_weight[:, None] * X.
    """
    sums = np.zeros((n_clusters, weighted_X.shape[1]))  # (k, d)
    for rows in chunk_slices(weighted_X.shape[0], max(n_clusters, weighted_X.shape[1])):
        sums += _one_hot(labels[rows], n_clusters).T @ weighted_X[rows]
    weights = np.bincount(labels, weights=sample_weight, minlength=n_clusters)  # (k,)
    return sums, weights


def moved_sums(weighted_X, labels_old, labels_new, moved, n_clusters):
    """Change of the sums (k, d) when the rows `moved` go from labels_old to labels_new."""
    transfer = _one_hot(labels_new[moved], n_clusters) - _one_hot(
        labels_old[moved], n_clusters
    )  # (m, k): +1 to, -1 from
    return transfer.T @ weighted_X[moved]


def inertia(X, sample_weight, centers, labels):
    """sum_i w_i ||x_i - c_label(i)||^2, from the differences (exact to rounding)."""
    total = 0.0
    chunks = chunk_slices(X.shape[0], X.shape[1])
    buffer = np.empty(
        (chunks[0].stop - chunks[0].start if chunks else 0, X.shape[1])
    )  # reused per chunk
    for rows in chunks:
        differences = buffer[: rows.stop - rows.start]  # (n_chunk, d)
        np.take(centers, labels[rows], axis=0, out=differences)
        np.subtract(X[rows], differences, out=differences)
        total += float(sample_weight[rows] @ np.einsum("ij,ij->i", differences, differences))
    return total


def squared_distances(X, centers):
    """||x - c_j||^2 for every row and centre, clipped at 0 (rounding): (n_samples, n_clusters)."""
    X_squared_norms = np.einsum("ij,ij->i", X, X)  # (n,)
    center_squared_norms = np.einsum("ij,ij->i", centers, centers)  # (k,)
    distances = X @ centers.T  # (n, k)
    distances *= -2.0
    distances += X_squared_norms[:, None]
    distances += center_squared_norms[None, :]
    np.maximum(distances, 0.0, out=distances)
    return distances
