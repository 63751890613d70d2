"""DBSCAN: density-based clusters of core points, with border points and noise (sklearn's labels).

With N(i) = {j : d(x_i, x_j) <= eps} (i itself included, see `_radius_neighbors`):

  - i is a CORE point when sum_{j in N(i)} w_j >= min_samples (w = 1 without sample_weight);
  - the clusters are the connected components of the graph joining core points that are
    neighbours (see `_components`), numbered in the order of their smallest core index;
  - a non-core point with a core neighbour is a BORDER point and joins the lowest-numbered
    cluster among its core neighbours; every other point is NOISE, labelled -1.

This is exactly what scikit-learn's depth-first expansion produces (it starts clusters at core
points in index order, and a border point keeps the first cluster that reaches it), computed
here without a per-point loop.
"""

import numbers

import numpy as np

from ..base import BaseEstimator, ClusterMixin
from ..neighbors._base import _effective_minkowski_p
from ..utils.validation import check_array
from ._components import component_roots
from ._radius_neighbors import radius_neighbor_pairs

_ALGORITHMS = ("auto", "brute")


class DBSCAN(ClusterMixin, BaseEstimator):
    """Density-Based Spatial Clustering of Applications with Noise (sklearn.cluster.DBSCAN).

    eps: neighbourhood radius; min_samples: neighbourhood weight (the point included) that makes a
    core point; metric: "euclidean" (default), "manhattan", "chebyshev", "minkowski" (with p, default
    2) or "precomputed" (X is then an (n, n) distance matrix); algorithm: "auto" or "brute" (the
    same exact search). Fitted: labels_ (n,) with -1 for noise, core_sample_indices_, components_.
    fit_predict (from ClusterMixin) returns labels_; there is no predict, as in scikit-learn.
    """

    def __init__(self, eps=0.5, *, min_samples=5, metric="euclidean", algorithm="auto", p=None):
        self.eps = eps
        self.min_samples = min_samples
        self.metric = metric
        self.algorithm = algorithm
        self.p = p

    def _check_params(self):
        if not isinstance(self.eps, numbers.Real) or isinstance(self.eps, bool) or not self.eps > 0:
            raise ValueError(f"eps must be a real number > 0, got {self.eps!r}.")
        if (
            not isinstance(self.min_samples, numbers.Integral)
            or isinstance(self.min_samples, bool)
            or self.min_samples < 1
        ):
            raise ValueError(f"min_samples must be an integer >= 1, got {self.min_samples!r}.")
        if self.algorithm not in _ALGORITHMS:
            raise ValueError(
                f"algorithm={self.algorithm!r} is not supported; valid algorithms are {list(_ALGORITHMS)} "
                "(the search is exact brute force)."
            )
        if self.metric == "precomputed":
            return None
        return _effective_minkowski_p(self.metric, 2 if self.p is None else self.p)

    def fit(self, X, y=None, sample_weight=None):
        """Cluster X (n_samples, n_features), or a distance matrix (n, n) with metric="precomputed"."""
        X = self._validate_data(X)
        p = self._check_params()
        precomputed = p is None
        if precomputed:
            if X.shape[0] != X.shape[1]:
                raise ValueError(
                    f"metric='precomputed' needs a square distance matrix, got shape {X.shape}."
                )
            if (X < 0).any():
                raise ValueError("Negative values in data passed to precomputed distance matrix.")
        n_samples = X.shape[0]
        rows, cols = radius_neighbor_pairs(X, self.eps, p, precomputed)  # all pairs within eps
        if sample_weight is None:
            neighborhood_weight = np.bincount(rows, minlength=n_samples).astype(np.float64)  # (n,)
        else:
            # check_array, not check_sample_weight: DBSCAN allows negative weights (they inhibit cores)
            weights = check_array(sample_weight, name="sample_weight", ensure_2d=False)
            if weights.shape != (n_samples,):
                raise ValueError(
                    f"sample_weight.shape == {weights.shape}, expected ({n_samples},)!"
                )
            neighborhood_weight = np.bincount(rows, weights=weights[cols], minlength=n_samples)
        is_core = neighborhood_weight >= self.min_samples  # (n,)

        labels = np.full(n_samples, -1, dtype=np.intp)
        core_indices = np.flatnonzero(is_core)  # ascending
        core_position = np.cumsum(is_core) - 1  # index of each core point within core_indices
        both_core = is_core[rows] & is_core[cols]
        roots = component_roots(
            len(core_indices), core_position[rows[both_core]], core_position[cols[both_core]]
        )
        _, core_cluster = np.unique(
            roots, return_inverse=True
        )  # clusters in order of smallest core index
        labels[core_indices] = core_cluster

        border_edges = ~is_core[rows] & is_core[cols]  # non-core point -> core neighbour
        border_rows = rows[border_edges]
        if len(border_rows):
            first_cluster = np.full(n_samples, np.iinfo(np.intp).max)
            np.minimum.at(first_cluster, border_rows, labels[cols[border_edges]])
            reached = first_cluster < np.iinfo(np.intp).max
            labels[reached] = first_cluster[reached]

        self.core_sample_indices_ = core_indices
        self.labels_ = labels
        self.components_ = X[core_indices].copy()  # (n_core, n_features)
        return self
