"""What KMeans and MiniBatchKMeans share: parameter checks, seeding, and predict/transform/score.

Initial centres (`init`):
  - "k-means++": greedy k-means++ seeding (see `_kmeans_plusplus`);
  - "random": n_clusters distinct rows drawn with probability proportional to sample_weight;
  - an array (n_clusters, n_features): used as given (then a single init is run);
  - a callable init(X, n_clusters, random_state) returning such an array.

After fit, `predict` gives the nearest centre, `transform` the Euclidean distances to every centre
(n_samples, n_clusters), and `score` the opposite of the (weighted) inertia,
-sum_i w_i min_j ||x_i - c_j||^2, so that higher is better.
"""

import numbers
import warnings

import numpy as np

from ..base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, ClusterMixin, TransformerMixin
from ..utils.validation import check_array, check_is_fitted, check_sample_weight
from ._assign import assign_labels, inertia, squared_distances
from ._kmeans_plusplus import kmeans_plusplus_seeds


def _is_integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def tolerance(X, tol):
    """tol scaled to the data: tol * mean over features of the per-feature variance (sklearn's)."""
    if tol == 0:
        return 0.0
    return float(np.mean(np.var(X, axis=0)) * tol)


class KMeansBase(ClassNamePrefixFeaturesOutMixin, TransformerMixin, ClusterMixin, BaseEstimator):
    """Shared by KMeans and MiniBatchKMeans (subclasses define fit and _default_n_init).

    fit_predict comes from ClusterMixin, fit_transform from TransformerMixin (both pass
    sample_weight on to fit); get_feature_names_out gives "kmeans0", "kmeans1", ...
    """

    _default_n_init = 10

    # -- checks run at the start of fit --

    def _check_common_params(self, X, tol_from_X=True):
        """Validate the shared parameters against X; sets _n_init (and _tol, if tol_from_X)."""
        if not _is_integer(self.n_clusters) or self.n_clusters < 1:
            raise ValueError(f"n_clusters must be an integer >= 1, got {self.n_clusters!r}.")
        if X.shape[0] < self.n_clusters:
            raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={self.n_clusters}.")
        if not _is_integer(self.max_iter) or self.max_iter < 1:
            raise ValueError(f"max_iter must be an integer >= 1, got {self.max_iter!r}.")
        if (
            not isinstance(self.tol, numbers.Real)
            or isinstance(self.tol, bool)
            or not self.tol >= 0
        ):
            raise ValueError(f"tol must be a real number >= 0, got {self.tol!r}.")
        init_is_array = not isinstance(self.init, str) and not callable(self.init)
        if isinstance(self.init, str) and self.init not in ("k-means++", "random"):
            raise ValueError(
                f"init={self.init!r} is not supported; use 'k-means++', 'random', an array of shape "
                "(n_clusters, n_features) or a callable."
            )
        if self.n_init == "auto":
            self._n_init = (
                1 if (init_is_array or self.init == "k-means++") else self._default_n_init
            )
        elif _is_integer(self.n_init) and self.n_init >= 1:
            self._n_init = self.n_init
        else:
            raise ValueError(f"n_init must be 'auto' or an integer >= 1, got {self.n_init!r}.")
        if init_is_array and self._n_init != 1:
            warnings.warn(
                f"Explicit initial center position passed: performing only one init in "
                f"{type(self).__name__} instead of n_init={self._n_init}.",
                RuntimeWarning,
                stacklevel=3,
            )
            self._n_init = 1
        if tol_from_X:
            self._tol = tolerance(X, self.tol)

    def _validated_init_array(self, X):
        """The init array checked against X (a float64 copy), or None when init is not an array."""
        if isinstance(self.init, str) or callable(self.init):
            return None
        centers = check_array(self.init, name="init")
        self._check_center_shape(X, centers)
        return centers.copy()

    def _check_center_shape(self, X, centers):
        if centers.shape[0] != self.n_clusters:
            raise ValueError(
                f"The shape of the initial centers {centers.shape} does not match the number of "
                f"clusters {self.n_clusters}."
            )
        if centers.shape[1] != X.shape[1]:
            raise ValueError(
                f"The shape of the initial centers {centers.shape} does not match the number of "
                f"features of the data {X.shape[1]}."
            )

    @staticmethod
    def _checked_weights(sample_weight, n_samples):
        weights = check_sample_weight(sample_weight, n_samples)
        if not weights.sum() > 0:
            raise ValueError("sample_weight must have a positive sum.")
        return weights

    # -- seeding --

    def _init_centroids(self, X, X_squared_norms, init_array, rng, sample_weight, init_size=None):
        """Initial centres (n_clusters, d) from X (optionally a random subset of init_size rows)."""
        n_samples = X.shape[0]
        if init_size is not None and init_size < n_samples:
            subset = rng.integers(
                0, n_samples, init_size
            )  # (init_size,), with replacement as sklearn
            X, X_squared_norms, sample_weight = (
                X[subset],
                X_squared_norms[subset],
                sample_weight[subset],
            )
            n_samples = init_size
        if init_array is not None:
            return init_array.copy()
        if callable(self.init):
            centers = check_array(self.init(X, self.n_clusters, random_state=rng), name="init")
            self._check_center_shape(X, centers)
            return centers
        if self.init == "k-means++":
            return kmeans_plusplus_seeds(X, self.n_clusters, sample_weight, rng, X_squared_norms)[0]
        seeds = rng.choice(
            n_samples, size=self.n_clusters, replace=False, p=sample_weight / sample_weight.sum()
        )
        return X[seeds]

    # -- after fit --

    def predict(self, X):
        """Index of the nearest centre of each row: (n_samples,) int32, as scikit-learn's."""
        check_is_fitted(self, "cluster_centers_")
        X = self._validate_data(X, reset=False)
        return assign_labels(X, self.cluster_centers_).astype(np.int32)

    def transform(self, X):
        """Euclidean distance of each row to each centre: (n_samples, n_clusters)."""
        check_is_fitted(self, "cluster_centers_")
        X = self._validate_data(X, reset=False)
        return np.sqrt(squared_distances(X, self.cluster_centers_))

    def score(self, X, y=None, sample_weight=None):
        """Opposite of the weighted inertia of X on the fitted centres (higher is better)."""
        check_is_fitted(self, "cluster_centers_")
        X = self._validate_data(X, reset=False)
        weights = check_sample_weight(sample_weight, X.shape[0])
        labels = assign_labels(X, self.cluster_centers_)
        return -inertia(X, weights, self.cluster_centers_, labels)
