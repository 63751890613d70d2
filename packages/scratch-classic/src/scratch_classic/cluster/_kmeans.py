"""KMeans: Lloyd's algorithm from n_init seedings, keeping the run of lowest inertia.

Minimizes the (weighted) inertia, the within-cluster sum of squares,

    J(c) = sum_i w_i min_j ||x_i - c_j||^2

by alternating assignment and mean steps (see `_lloyd`). As scikit-learn does, the data are
centred first (x - mean(x), the centres shifted back at the end): distances by the expansion
||x||^2 - 2 x.c + ||c||^2 lose less precision near the origin. A later run replaces the best one
only if its inertia is lower AND its clustering differs (not just the same partition relabelled,
where a lower inertia would be rounding).
"""

import warnings

import numpy as np

from ..exceptions import ConvergenceWarning
from ..utils.validation import check_random_state
from ._kmeans_base import KMeansBase
from ._lloyd import kmeans_single_lloyd


def is_same_clustering(labels_a, labels_b, n_clusters):
    """True when each cluster of labels_a maps into a single cluster of labels_b (sklearn's test).

    With every cluster non-empty this means the same partition, relabelled.

        is_same_clustering([0, 0, 1], [1, 1, 0], 2) -> True
        is_same_clustering([0, 0, 1], [1, 0, 0], 2) -> False
    """
    pair_codes = np.asarray(labels_a, dtype=np.int64) * n_clusters + np.asarray(labels_b)  # (n,)
    return len(np.unique(pair_codes)) == len(np.unique(labels_a))


class KMeans(KMeansBase):
    """k-means clustering (sklearn.cluster.KMeans, algorithm "lloyd").

    Parameters as scikit-learn's: n_clusters, init ("k-means++" | "random" | array | callable),
    n_init ("auto": 1 for k-means++ or an array, 10 for random), max_iter, tol (relative to the
    mean per-feature variance), random_state, algorithm ("lloyd" only).
    Fitted: cluster_centers_ (k, d), labels_ (n,), inertia_, n_iter_, n_features_in_.
    """

    def __init__(
        self,
        n_clusters=8,
        *,
        init="k-means++",
        n_init="auto",
        max_iter=300,
        tol=1e-4,
        random_state=None,
        algorithm="lloyd",
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.algorithm = algorithm

    def fit(self, X, y=None, sample_weight=None):
        """Cluster X (n_samples, n_features); sample_weight (n_samples,) defaults to ones."""
        X = self._validate_data(X)
        if self.algorithm != "lloyd":
            raise ValueError(
                f"algorithm={self.algorithm!r} is not supported; only 'lloyd' is implemented."
            )
        self._check_common_params(X, tol_from_X=False)
        weights = self._checked_weights(sample_weight, X.shape[0])
        init_array = self._validated_init_array(X)
        rng = check_random_state(self.random_state)

        X_mean = X.mean(axis=0)  # (d,)
        X_centered = X - X_mean  # (n, d), a new array: the caller's X is untouched
        if init_array is not None:
            init_array -= X_mean
        # tol * mean per-feature variance, read off the centred data in one pass
        self._tol = (
            self.tol * np.einsum("ij,ij->", X_centered, X_centered) / X.size if self.tol else 0.0
        )
        # squared norms serve the k-means++ seeding only
        seeding = isinstance(self.init, str) and self.init == "k-means++"
        X_squared_norms = np.einsum("ij,ij->i", X_centered, X_centered) if seeding else None

        best = None  # (inertia, labels, centers, n_iter)
        for _ in range(self._n_init):
            centers_init = self._init_centroids(
                X_centered, X_squared_norms, init_array, rng, weights
            )
            labels, run_inertia, centers, n_iter = kmeans_single_lloyd(
                X_centered, weights, centers_init, self.max_iter, self._tol
            )
            if best is None or (
                run_inertia < best[0] and not is_same_clustering(labels, best[1], self.n_clusters)
            ):
                best = (run_inertia, labels, centers, n_iter)

        self.inertia_, self.labels_, centers, self.n_iter_ = best
        self.cluster_centers_ = centers + X_mean  # (k, d)
        self._n_features_out = self.n_clusters
        n_distinct = len(np.unique(self.labels_))
        if n_distinct < self.n_clusters:
            warnings.warn(
                f"Number of distinct clusters ({n_distinct}) found smaller than n_clusters "
                f"({self.n_clusters}). Possibly due to duplicate points in X.",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self
