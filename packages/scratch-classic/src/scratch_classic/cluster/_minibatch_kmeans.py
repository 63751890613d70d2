"""MiniBatchKMeans: k-means by small random batches (Sculley 2010), as scikit-learn's.

Each step draws a batch B (with replacement, probability proportional to sample_weight), assigns
its points to the nearest centres, and moves every centre that received points to the running
mean of all the points it has ever received:

    c_j <- (n_j c_j + sum_{i in B, label_i = j} w_i x_i) / (n_j + sum_{i in B, label_i = j} w_i)
    n_j <- n_j + sum_{i in B, label_i = j} w_i

so the step size of centre j is its batch weight over its total weight. Optional reassignment:
every 10 * n_clusters samples seen (or at once when a centre has no weight), centres whose count
is below reassignment_ratio * max count jump to random points of the batch.

Stopping, as scikit-learn's: an exponentially weighted average (EWA) of the mean batch inertia
(alpha = 2 batch_size / (n_samples + 1)) that has not improved for max_no_improvement steps, or
a total squared centre move <= tol (tol scaled by the mean variance, off by default), or
max_iter passes over the data. n_init seedings are compared on a fixed validation subset.
"""

import numbers
import warnings

import numpy as np

from ..utils.validation import check_random_state, check_sample_weight
from ._assign import assign_labels, cluster_sums, inertia
from ._kmeans_base import KMeansBase, _is_integer


def minibatch_step(
    X_batch, weights_batch, centers, counts, rng, random_reassign, reassignment_ratio
):
    """One batch update; returns (new centres (k, d), batch inertia before the update).

    counts (k,) is updated in place.
    """
    labels = assign_labels(X_batch, centers)
    sums, batch_counts = cluster_sums(
        X_batch * weights_batch[:, None], weights_batch, labels, centers.shape[0]
    )
    batch_inertia = inertia(X_batch, weights_batch, centers, labels)
    new_centers = centers.copy()  # (k, d)
    hit = batch_counts > 0  # centres that received points
    totals = counts[hit] + batch_counts[hit]
    new_centers[hit] = (centers[hit] * counts[hit, None] + sums[hit]) / totals[:, None]
    counts[hit] = totals
    if random_reassign and reassignment_ratio > 0:
        to_reassign = counts < reassignment_ratio * counts.max()  # (k,)
        n_batch = X_batch.shape[0]
        if to_reassign.sum() > 0.5 * n_batch:  # at most half a batch of new centres
            to_reassign[np.argsort(counts)[int(0.5 * n_batch) :]] = False
        n_reassign = int(to_reassign.sum())
        if n_reassign:
            new_centers[to_reassign] = X_batch[rng.choice(n_batch, size=n_reassign, replace=False)]
            # subtle: not reset to 0 (it would be reassigned again at once), as scikit-learn does
            counts[to_reassign] = np.min(counts[~to_reassign])
    return new_centers, batch_inertia


class _EarlyStopping:
    """The EWA-of-inertia and small-move stopping rules of MiniBatchKMeans.fit."""

    def __init__(self, n_samples, batch_size, tol, max_no_improvement):
        self.alpha = min(1.0, batch_size * 2.0 / (n_samples + 1))
        self.batch_size, self.tol, self.max_no_improvement = batch_size, tol, max_no_improvement
        self.ewa_inertia = self.ewa_inertia_min = None
        self.no_improvement = 0

    def should_stop(self, step, squared_move, batch_inertia):
        batch_inertia /= self.batch_size
        if step == 0:
            return False  # the first batch measures the initialization, not progress
        if self.ewa_inertia is None:
            self.ewa_inertia = batch_inertia
        else:
            self.ewa_inertia = self.ewa_inertia * (1 - self.alpha) + batch_inertia * self.alpha
        if self.tol > 0.0 and squared_move <= self.tol:
            return True
        if self.ewa_inertia_min is None or self.ewa_inertia < self.ewa_inertia_min:
            self.no_improvement, self.ewa_inertia_min = 0, self.ewa_inertia
        else:
            self.no_improvement += 1
        return (
            self.max_no_improvement is not None and self.no_improvement >= self.max_no_improvement
        )


class MiniBatchKMeans(KMeansBase):
    """Mini-batch k-means (sklearn.cluster.MiniBatchKMeans).

    Parameters as scikit-learn's: n_clusters, init, max_iter (passes over the data), batch_size,
    compute_labels, random_state, tol, max_no_improvement, init_size (default 3 * batch_size),
    n_init ("auto": 1 for k-means++ or an array, 3 for random), reassignment_ratio.
    Fitted: cluster_centers_, labels_ and inertia_ (when compute_labels), n_iter_, n_steps_.
    """

    _default_n_init = 3

    def __init__(
        self,
        n_clusters=8,
        *,
        init="k-means++",
        max_iter=100,
        batch_size=1024,
        compute_labels=True,
        random_state=None,
        tol=0.0,
        max_no_improvement=10,
        init_size=None,
        n_init="auto",
        reassignment_ratio=0.01,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.compute_labels = compute_labels
        self.random_state = random_state
        self.tol = tol
        self.max_no_improvement = max_no_improvement
        self.init_size = init_size
        self.n_init = n_init
        self.reassignment_ratio = reassignment_ratio

    def _check_params(self, X):
        self._check_common_params(X)
        if not _is_integer(self.batch_size) or self.batch_size < 1:
            raise ValueError(f"batch_size must be an integer >= 1, got {self.batch_size!r}.")
        if self.max_no_improvement is not None and (
            not _is_integer(self.max_no_improvement) or self.max_no_improvement < 0
        ):
            raise ValueError(
                f"max_no_improvement must be None or an integer >= 0, got {self.max_no_improvement!r}."
            )
        if self.init_size is not None and (not _is_integer(self.init_size) or self.init_size < 1):
            raise ValueError(f"init_size must be None or an integer >= 1, got {self.init_size!r}.")
        if (
            not isinstance(self.reassignment_ratio, numbers.Real)
            or not self.reassignment_ratio >= 0
        ):
            raise ValueError(f"reassignment_ratio should be >= 0, got {self.reassignment_ratio!r}.")
        self._batch_size = min(self.batch_size, X.shape[0])
        init_size = self.init_size
        if init_size is None:
            init_size = 3 * self._batch_size
            if init_size < self.n_clusters:
                init_size = 3 * self.n_clusters
        elif init_size < self.n_clusters:
            warnings.warn(
                f"init_size={init_size} should be larger than n_clusters={self.n_clusters}. Setting it "
                "to min(3*n_clusters, n_samples)",
                RuntimeWarning,
                stacklevel=3,
            )
            init_size = 3 * self.n_clusters
        self._init_size = min(init_size, X.shape[0])

    def _reassign_now(self):
        """Reassign every 10 * n_clusters samples seen, or at once if a centre has no weight."""
        self._n_since_last_reassign += self._batch_size
        if (self._counts == 0).any() or self._n_since_last_reassign >= 10 * self.n_clusters:
            self._n_since_last_reassign = 0
            return True
        return False

    def fit(self, X, y=None, sample_weight=None):
        """Cluster X by mini-batches; sample_weight (n_samples,) weights both sampling and seeding."""
        X = self._validate_data(X)
        self._check_params(X)
        weights = self._checked_weights(sample_weight, X.shape[0])
        init_array = self._validated_init_array(X)
        rng = check_random_state(self.random_state)
        n_samples = X.shape[0]
        X_squared_norms = np.einsum("ij,ij->i", X, X)  # (n,)

        validation = rng.integers(0, n_samples, self._init_size)  # one subset to compare seedings
        best_inertia = None
        for _ in range(self._n_init):
            centers = self._init_centroids(
                X, X_squared_norms, init_array, rng, weights, self._init_size
            )
            labels = assign_labels(X[validation], centers)
            seeding_inertia = inertia(X[validation], weights[validation], centers, labels)
            if best_inertia is None or seeding_inertia < best_inertia:
                best_inertia, best_centers = seeding_inertia, centers

        centers = best_centers
        self._counts = np.zeros(self.n_clusters)
        self._n_since_last_reassign = 0
        stopping = _EarlyStopping(n_samples, self._batch_size, self._tol, self.max_no_improvement)
        n_steps = (self.max_iter * n_samples) // self._batch_size
        sampling = weights / weights.sum()
        unit_weights = np.ones(self._batch_size)  # the sampling already accounts for sample_weight
        step = -1
        for step in range(n_steps):
            batch = rng.choice(n_samples, self._batch_size, p=sampling, replace=True)
            new_centers, batch_inertia = minibatch_step(
                X[batch],
                unit_weights,
                centers,
                self._counts,
                rng,
                self._reassign_now(),
                self.reassignment_ratio,
            )
            squared_move = float(((new_centers - centers) ** 2).sum()) if self._tol > 0 else 0.0
            centers = new_centers
            if stopping.should_stop(step, squared_move, batch_inertia):
                break

        self.cluster_centers_ = centers  # (k, d)
        self._n_features_out = self.n_clusters
        self.n_steps_ = step + 1
        self.n_iter_ = int(np.ceil((step + 1) * self._batch_size / n_samples))
        if self.compute_labels:
            self.labels_ = assign_labels(X, centers).astype(np.int32)
            self.inertia_ = inertia(X, weights, centers, self.labels_)
        else:
            ewa = stopping.ewa_inertia if stopping.ewa_inertia is not None else 0.0
            self.inertia_ = ewa * weights.sum()
        return self

    def partial_fit(self, X, y=None, sample_weight=None):
        """One mini-batch update with the rows of X (the first call also seeds the centres)."""
        first_call = not hasattr(self, "cluster_centers_")
        X = self._validate_data(X, reset=first_call)
        weights = check_sample_weight(sample_weight, X.shape[0])
        if first_call:
            self._check_params(X)
            self._rng = check_random_state(self.random_state)
            X_squared_norms = np.einsum("ij,ij->i", X, X)  # (n,)
            self.cluster_centers_ = self._init_centroids(
                X,
                X_squared_norms,
                self._validated_init_array(X),
                self._rng,
                self._checked_weights(weights, len(X)),
                self._init_size,
            )
            self._counts = np.zeros(self.n_clusters)
            self._n_since_last_reassign = 0
            self.n_steps_ = 0
            self._n_features_out = self.n_clusters
        self.cluster_centers_, _ = minibatch_step(
            X,
            weights,
            self.cluster_centers_,
            self._counts,
            self._rng,
            self._reassign_now(),
            self.reassignment_ratio,
        )
        if self.compute_labels:
            self.labels_ = assign_labels(X, self.cluster_centers_).astype(np.int32)
            self.inertia_ = inertia(X, weights, self.cluster_centers_, self.labels_)
        self.n_steps_ += 1
        return self
