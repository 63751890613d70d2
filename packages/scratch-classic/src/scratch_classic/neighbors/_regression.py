"""KNeighborsRegressor: (weighted) mean target of the k nearest training points.

    y_hat(q) = sum_{j in kNN(q)} w_qj y_j / sum_{j in kNN(q)} w_qj

with w = 1 ("uniform": the plain mean), 1 / distance ("distance") or a user callable (see `_base`).
Targets may be (n_samples,) or (n_samples, n_outputs); predictions have the same trailing shape.
"""

import numpy as np

from ..base import RegressorMixin
from ._base import KNeighborsBase


class KNeighborsRegressor(RegressorMixin, KNeighborsBase):
    """k-nearest-neighbours regression by exact (brute-force) search (parameters as the classifier's)."""

    def __init__(self, n_neighbors=5, *, weights="uniform", algorithm="auto", p=2, metric="minkowski"):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.algorithm = algorithm
        self.p = p
        self.metric = metric

    def fit(self, X, y):
        X, y = self._validate_data(X, y, y_numeric=True, multi_output=True)
        if y.ndim > 2:
            raise ValueError(f"y must be 1-D or 2-D, got shape {y.shape}.")
        self._y = y  # (n_samples,) or (n_samples, n_outputs)
        self._fit_neighbors(X)
        return self

    def predict(self, X):
        """Predicted targets (n_queries,) or (n_queries, n_outputs)."""
        indices, weights = self._neighbors_and_weights(X)  # (n_queries, k)
        neighbor_targets = self._y[indices]  # (n_queries, k) or (n_queries, k, n_outputs)
        if weights is None:
            return np.mean(neighbor_targets, axis=1)
        if neighbor_targets.ndim == 3:
            weights = weights[:, :, None]
        return np.sum(neighbor_targets * weights, axis=1) / np.sum(weights, axis=1)
