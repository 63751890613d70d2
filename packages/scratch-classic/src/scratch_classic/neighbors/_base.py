"""Brute-force k-nearest-neighbour search shared by the classifier and the regressor.

fit stores the training rows; kneighbors measures every query against every training row (by
blocks of query rows, see `_distances`) and keeps the k closest:

    1. a bound that is at least the k-th smallest distance, from the minima of groups of columns
       (one pass, no sort);
    2. the few entries within the bound are ordered by (distance, training index), so equal
       distances keep the lower training index first, and the first k are kept.

Neighbour weights (`weights`): "uniform" (all 1), "distance" (1 / d; a query that coincides with
training points gives those weight 1 and the others 0, as scikit-learn), or a callable on the
(n_queries, k) distance array.
"""

import numbers

import numpy as np

from ..base import BaseEstimator
from ..utils.validation import check_is_fitted
from ._distances import minkowski_block, query_blocks, squared_euclidean_block

_METRICS = ("minkowski", "euclidean", "l2", "manhattan", "cityblock", "l1", "chebyshev")
_ALGORITHMS = ("auto", "brute")
_WEIGHTS = ("uniform", "distance")


def _effective_minkowski_p(metric, p):
    """The Minkowski exponent a metric name (and p) stands for: 2 = euclidean, 1 = manhattan, inf."""
    if metric not in _METRICS:
        raise ValueError(f"metric={metric!r} is not supported; valid metrics are {list(_METRICS)}.")
    if metric in ("euclidean", "l2"):
        return 2.0
    if metric in ("manhattan", "cityblock", "l1"):
        return 1.0
    if metric == "chebyshev":
        return np.inf
    if not isinstance(p, numbers.Real) or isinstance(p, bool) or not p >= 1:
        raise ValueError(f"p must be a real number >= 1 for the minkowski metric, got p={p!r}.")
    return float(p)


def _k_smallest(distances, k):
    """Indices (n_rows, k) of the k smallest entries per row, ordered by (distance, index).

    A cheap upper bound first: split each row into G >= k groups and take the k-th smallest
    group minimum; k actual points lie at or below it, so every k-nearest point does too, and
    only the few entries under the bound (ties included) are sorted exactly.

        _k_smallest([[5, 1, 3, 1]], 2) -> [[1, 3]]
    """
    n_rows, n_train = distances.shape
    n_groups = min(n_train, max(k, int(np.sqrt(n_train * k))))
    group_starts = (np.arange(n_groups) * n_train) // n_groups  # ragged groups covering the row
    group_minima = np.minimum.reduceat(distances, group_starts, axis=1)  # (n_rows, n_groups)
    bound = np.partition(group_minima, k - 1, axis=1)[:, k - 1]  # (n_rows,)
    rows, columns = np.nonzero(distances <= bound[:, None])  # row-major: columns ascend per row
    order = np.lexsort((columns, distances[rows, columns], rows))  # by row, distance, then index
    first_of_row = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n_rows))[:-1]))
    picks = order[first_of_row[:, None] + np.arange(k)]  # (n_rows, k)
    return columns[picks]


def neighbor_weights(distances, weights):
    """Weights (n_queries, k) for the neighbours at `distances`, or None for uniform weights."""
    if weights == "uniform":
        return None
    if callable(weights):
        return np.asarray(weights(distances), dtype=np.float64)
    with np.errstate(divide="ignore"):
        inverse = 1.0 / distances
    # subtle: a query sitting on training points is decided by those points alone (weight 1 each).
    coincident = np.isinf(inverse)
    rows_with_coincident = coincident.any(axis=1)
    inverse[rows_with_coincident] = coincident[rows_with_coincident]
    return inverse


class KNeighborsBase(BaseEstimator):
    """Stores the training set and answers k-nearest-neighbour queries by brute force."""

    def _fit_neighbors(self, X):
        """Validate the parameters and remember the training rows (X already validated)."""
        if not isinstance(self.n_neighbors, numbers.Integral) or self.n_neighbors < 1:
            raise ValueError(f"n_neighbors must be an integer >= 1, got {self.n_neighbors!r}.")
        if self.algorithm not in _ALGORITHMS:
            raise ValueError(
                f"algorithm={self.algorithm!r} is not supported; valid algorithms are {list(_ALGORITHMS)} "
                "(the search is exact brute force)."
            )
        if not (callable(self.weights) or self.weights in _WEIGHTS):
            raise ValueError(f"weights must be one of {list(_WEIGHTS)} or a callable, got {self.weights!r}.")
        self.effective_p_ = _effective_minkowski_p(self.metric, self.p)
        self.effective_metric_ = {2.0: "euclidean", 1.0: "manhattan", np.inf: "chebyshev"}.get(
            self.effective_p_, "minkowski"
        )
        self._fit_X = X  # (n_samples_fit, n_features)
        self._fit_squared_norms = np.einsum("ij,ij->i", X, X)  # (n_samples_fit,)
        self.n_samples_fit_ = X.shape[0]

    def _block_distances(self, queries):
        """Distances (n_block, n_samples_fit); squared ones for euclidean (ranking only needs order)."""
        if self.effective_p_ == 2.0:
            return squared_euclidean_block(queries, self._fit_X, self._fit_squared_norms)
        return minkowski_block(queries, self._fit_X, self.effective_p_)

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        """The n_neighbors nearest training points of each query row.

        X=None queries the training set itself, and a point is then not its own neighbour.
        Returns (distances, indices), each (n_queries, n_neighbors), nearest first; only the
        indices when return_distance=False.
        """
        check_is_fitted(self, "_fit_X")
        if n_neighbors is None:
            n_neighbors = self.n_neighbors
        if not isinstance(n_neighbors, numbers.Integral) or n_neighbors < 1:
            raise ValueError(f"n_neighbors must be an integer >= 1, got {n_neighbors!r}.")
        query_is_train = X is None
        if query_is_train:
            queries = self._fit_X
            n_neighbors += 1  # the point itself comes back first and is removed below
        else:
            queries = self._validate_data(X, reset=False)
        if n_neighbors > self.n_samples_fit_:
            raise ValueError(
                f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {n_neighbors}, "
                f"n_samples_fit = {self.n_samples_fit_}, n_samples = {queries.shape[0]}"
            )
        n_queries = queries.shape[0]
        indices = np.empty((n_queries, n_neighbors), dtype=np.intp)
        distances = np.empty((n_queries, n_neighbors))
        n_features = 1 if self.effective_p_ == 2.0 else queries.shape[1]
        for block in query_blocks(n_queries, self.n_samples_fit_, n_features):
            block_distances = self._block_distances(queries[block])  # (n_block, n_samples_fit)
            nearest = _k_smallest(block_distances, n_neighbors)  # (n_block, n_neighbors)
            indices[block] = nearest
            distances[block] = np.take_along_axis(block_distances, nearest, axis=1)
        if self.effective_p_ == 2.0:
            np.sqrt(distances, out=distances)
        if query_is_train:
            distances, indices = _drop_self(distances, indices)
        return (distances, indices) if return_distance else indices

    def _neighbors_and_weights(self, X):
        """(indices, weights or None) of the n_neighbors nearest points of each query row."""
        if self.weights == "uniform":
            return self.kneighbors(X, return_distance=False), None
        distances, indices = self.kneighbors(X)
        weights = neighbor_weights(distances, self.weights)
        if np.any(np.all(weights == 0, axis=1)):
            raise ValueError(
                "All neighbors of some sample is getting zero weights. Please modify 'weights' to "
                "avoid this case if you are using a user-defined function."
            )
        return indices, weights


def _drop_self(distances, indices):
    """Remove each training point from its own neighbour list (k + 1 columns -> k)."""
    n_queries = indices.shape[0]
    not_self = indices != np.arange(n_queries)[:, None]  # (n_queries, k + 1)
    # subtle: with duplicates the point itself may be pushed out of the list; then drop the
    # first neighbour instead (a duplicate at distance 0), as scikit-learn does.
    self_missing = not_self.all(axis=1)
    not_self[self_missing, 0] = False
    keep = indices.shape[1] - 1
    return distances[not_self].reshape(n_queries, keep), indices[not_self].reshape(n_queries, keep)
