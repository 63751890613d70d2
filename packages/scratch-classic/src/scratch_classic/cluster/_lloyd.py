"""One run of Lloyd's algorithm, step for step as scikit-learn's `_kmeans_single_lloyd`.

Each iteration, from the centres c (k, d):

    E-step   label_i = argmin_j ||x_i - c_j||^2                      (see `_assign`)
    M-step   c'_j = sum_{label_i = j} w_i x_i / sum_{label_i = j} w_i
    shift    s_j = ||c'_j - c_j||

and it stops when the labels did not change ("strict" convergence), when sum_j s_j^2 <= tol
(tol is already scaled by the data's mean variance), or after max_iter iterations. Unless the
stop was strict, one more E-step makes the labels agree with the returned centres.

Empty clusters (no weight after an E-step) are relocated as scikit-learn does: the n_empty points
farthest from their own centre become the new centres, and leave their old clusters' sums.
A cluster still empty after that (possible only when all points coincide with their centres)
takes the position of the heaviest cluster.
"""

import numpy as np

from ..utils._threads import blas_limited_to_one_thread, effective_n_threads
from ._assign import assign_labels, cluster_sums, inertia, moved_sums


def relocate_empty_clusters(X, sample_weight, centers_old, sums, weights, labels):
    """Give each empty cluster the farthest remaining point (in place on sums and weights)."""
    empty = np.flatnonzero(weights == 0)  # (n_empty,)
    n_empty = len(empty)
    if n_empty == 0:
        return
    differences = X - centers_old[labels]  # (n, d)
    distances = (differences**2).sum(axis=1)  # (n,)
    if np.max(distances) == 0:
        return  # more clusters than distinct points: relocating cannot help
    # the same expression as scikit-learn's, so ties between equally far points break alike
    top = np.argpartition(distances, -n_empty)  # (n,): the n_empty largest at the end
    farthest = top[: -n_empty - 1 : -1]  # (n_empty,), farthest first
    far_weights = sample_weight[farthest]  # (n_empty,)
    far_points = X[farthest] * far_weights[:, None]  # (n_empty, d)
    old_clusters = labels[farthest]  # never empty ones: they own these points
    np.subtract.at(sums, old_clusters, far_points)
    np.subtract.at(weights, old_clusters, far_weights)
    sums[empty] = far_points
    weights[empty] = far_weights


def average_centers(sums, weights):
    """Weighted means sums / weights; a still-empty cluster sits on the heaviest cluster's mean."""
    centers = np.empty_like(sums)
    filled = weights > 0
    centers[filled] = sums[filled] / weights[filled, None]
    centers[~filled] = centers[np.argmax(weights)]
    return centers


def kmeans_single_lloyd(X, sample_weight, centers_init, max_iter, tol, n_threads=None):
    """Run Lloyd from centers_init; returns (labels (n,) int32, inertia, centers (k, d), n_iter).

    The per-cluster sums are kept in step with the labels: computed in full at the first
    iteration, then updated from the rows that changed cluster (usually few after the first
    iterations), so later iterations cost little more than the assignment itself. Rounding
    residue in the running sum of an emptied cluster is harmless: relocation overwrites it.

    n_threads (None: `effective_n_threads()`, read once, before the run) threads share the
    row chunks of each pass over X. As in scikit-learn, BLAS is held to one thread for the whole
    run: our threads take its place, and the limit is set once rather than at every pass.
    """
    n_threads = effective_n_threads(n_threads)
    with blas_limited_to_one_thread():
        return _lloyd_iterations(X, sample_weight, centers_init, max_iter, tol, n_threads)


def _lloyd_iterations(X, sample_weight, centers_init, max_iter, tol, n_threads):
    """The iterations of `kmeans_single_lloyd`, with n_threads already fixed."""
    n_samples, n_clusters = X.shape[0], centers_init.shape[0]
    weighted_X = X if np.all(sample_weight == 1.0) else X * sample_weight[:, None]  # (n, d)
    centers = np.array(centers_init, dtype=np.float64)  # (k, d), a copy
    labels_old = sums = weights = None
    strict_convergence = False
    for iteration in range(max_iter):
        labels = assign_labels(X, centers, n_threads)  # E-step
        moved = None if labels_old is None else np.flatnonzero(labels != labels_old)
        if moved is None or len(moved) > n_samples // 4:  # first, or many moves: sum afresh
            sums, weights = cluster_sums(weighted_X, sample_weight, labels, n_clusters, n_threads)
        else:
            if len(moved):
                sums += moved_sums(weighted_X, labels_old, labels, moved, n_clusters)
            # subtle: weights are recounted, not updated, so an emptied cluster has weight
            # exactly 0 (running sums of non-integer weights could leave 1e-17 behind)
            weights = np.bincount(labels, weights=sample_weight, minlength=n_clusters)
        # M-step; relocation edits this iteration's sums only, not the running ones
        step_sums, step_weights = (
            (sums.copy(), weights.copy()) if (weights == 0).any() else (sums, weights)
        )
        relocate_empty_clusters(X, sample_weight, centers, step_sums, step_weights, labels)
        new_centers = average_centers(step_sums, step_weights)
        squared_shift = float(((new_centers - centers) ** 2).sum())  # sum_j ||c'_j - c_j||^2
        centers = new_centers
        if moved is not None and len(moved) == 0:
            strict_convergence = True  # the labels did not change
            break
        if squared_shift <= tol:
            break
        labels_old = labels
    if not strict_convergence:
        labels = assign_labels(X, centers, n_threads)  # the labels of the returned centres
    return (
        labels.astype(np.int32),
        inertia(X, sample_weight, centers, labels, n_threads),
        centers,
        iteration + 1,
    )
