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

Chunks are independent, so they run on a few threads (`utils._threads.map_in_threads`, as many
as scikit-learn would take: `effective_n_threads()`), each thread a contiguous run of chunks with
BLAS held to one thread. The per-chunk sums and inertias come back in chunk order and are added
in that order, so the result is bit for bit the sequential loop's, whatever the thread count.

    assign_labels([[0, 0], [9, 9]], centers=[[1, 1], [8, 8]]) -> [0, 1]
"""

import numpy as np

from ..utils._threads import effective_n_threads, map_in_threads

# Bytes one chunk's (rows, max(n_clusters, n_features)) float64 block may take.
_CHUNK_BYTES = 4 * 2**20
# The assignment's chunks are smaller, so that each X block stays in a core's L2 cache.
_ASSIGN_CHUNKS_PER_CHUNK = 4
_MIN_CHUNK_ROWS = 256


def chunk_slices(n_samples, width, chunk_bytes=None):
    """Slices of rows such that a (rows, width) float64 block stays near chunk_bytes.

    chunk_bytes defaults to _CHUNK_BYTES.
    """
    chunk_bytes = _CHUNK_BYTES if chunk_bytes is None else chunk_bytes
    rows = max(_MIN_CHUNK_ROWS, chunk_bytes // (8 * max(1, width)))
    return [slice(start, min(start + rows, n_samples)) for start in range(0, n_samples, rows)]


def _longest(run):
    return max((rows.stop - rows.start for rows in run), default=0)


def assign_labels(X, centers, n_threads=None):
    """Index of the nearest centre of each row: (n_samples,) intp.

    n_threads: how many threads share the chunks (None: `effective_n_threads()`).
    """
    n_clusters = centers.shape[0]
    minus_two_centers_t = np.ascontiguousarray(-2.0 * centers.T)  # (d, k)
    center_squared_norms = np.einsum("ij,ij->i", centers, centers)  # (k,)
    labels = np.empty(X.shape[0], dtype=np.intp)  # (n,), each chunk fills its own rows

    def label_run(run):
        buffer = np.empty((_longest(run), n_clusters))  # reused by the run's chunks
        for rows in run:
            scores = buffer[: rows.stop - rows.start]  # (n_chunk, k)
            np.matmul(X[rows], minus_two_centers_t, out=scores)  # -2 x.c
            scores += center_squared_norms  # ||c||^2 - 2 x.c
            np.argmin(scores, axis=1, out=labels[rows])
        return run

    # subtle: labels do not depend on the chunking, so these chunks are cache-sized (each
    # X block read once into L2), not the 4 MiB of the sums, whose rounding they would change
    chunk_bytes = _CHUNK_BYTES // _ASSIGN_CHUNKS_PER_CHUNK
    chunks = chunk_slices(X.shape[0], max(n_clusters, X.shape[1]), chunk_bytes)
    map_in_threads(label_run, chunks, effective_n_threads(n_threads))
    return labels


def _one_hot(labels, n_clusters, out=None):
    """(n, k) float64, 1 at (i, labels[i]), into out if given.

    _one_hot([1, 0], 2) -> [[0, 1], [1, 0]]
    """
    if out is None:
        out = np.empty((len(labels), n_clusters))  # (n, k)
    return np.equal(labels[:, None], np.arange(n_clusters)[None, :], out=out)  # bool -> 0., 1.


def cluster_sums(weighted_X, sample_weight, labels, n_clusters, n_threads=None):
    """(sums (k, d), weights (k,)): the weighted sum of the rows of each cluster, and their weight.

    weighted_X is sample_weight[:, None] * X.
    """

    def sum_run(run):
        buffer = np.empty((_longest(run), n_clusters))  # reused by the run's chunks
        partial_sums = []
        for rows in run:
            chunk_one_hot = _one_hot(labels[rows], n_clusters, out=buffer[: rows.stop - rows.start])
            partial_sums.append(chunk_one_hot.T @ weighted_X[rows])  # (k, d)
        return partial_sums

    chunks = chunk_slices(weighted_X.shape[0], max(n_clusters, weighted_X.shape[1]))
    sums = np.zeros((n_clusters, weighted_X.shape[1]))  # (k, d)
    for partial_sums in map_in_threads(sum_run, chunks, effective_n_threads(n_threads)):
        sums += partial_sums  # in chunk order: the sequential loop's rounding
    weights = np.bincount(labels, weights=sample_weight, minlength=n_clusters)  # (k,)
    return sums, weights


def moved_sums(weighted_X, labels_old, labels_new, moved, n_clusters):
    """Change of the sums (k, d) when the rows `moved` go from labels_old to labels_new."""
    transfer = _one_hot(labels_new[moved], n_clusters) - _one_hot(
        labels_old[moved], n_clusters
    )  # (m, k): +1 to, -1 from
    return transfer.T @ weighted_X[moved]


def inertia(X, sample_weight, centers, labels, n_threads=None):
    """sum_i w_i ||x_i - c_label(i)||^2, from the differences (exact to rounding)."""

    def inertia_run(run):
        buffer = np.empty((_longest(run), X.shape[1]))  # reused by the run's chunks
        partial_inertias = []
        for rows in run:
            differences = buffer[: rows.stop - rows.start]  # (n_chunk, d)
            np.take(centers, labels[rows], axis=0, out=differences)  # own centres
            np.subtract(X[rows], differences, out=differences)  # x - c_label(x)
            squared = np.einsum("ij,ij->i", differences, differences)  # (n_chunk,)
            partial_inertias.append(float(sample_weight[rows] @ squared))
        return partial_inertias

    chunks = chunk_slices(X.shape[0], X.shape[1])
    total = 0.0
    for partial_inertia in map_in_threads(inertia_run, chunks, effective_n_threads(n_threads)):
        total += partial_inertia  # in chunk order: the sequential loop's rounding
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
