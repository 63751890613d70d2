"""KNeighborsClassifier: vote of the k nearest training points.

    proba[q, c] = sum_{j in kNN(q), y_j = c} w_qj / sum_{j in kNN(q)} w_qj,   predict = argmax_c

with w = 1 ("uniform"), 1 / distance ("distance") or a user callable (see `_base`).
Equal votes go to the class that sorts first in `classes_`, as np.argmax does.
"""

import numpy as np

from ..base import ClassifierMixin
from ..utils.validation import check_classification_targets
from ._base import KNeighborsBase


class KNeighborsClassifier(ClassifierMixin, KNeighborsBase):
    """k-nearest-neighbours classification by exact (brute-force) search.

    metric "minkowski" uses the exponent p (2 = euclidean, 1 = manhattan); "euclidean",
    "manhattan" and "chebyshev" name the usual cases directly. algorithm accepts "auto" and
    "brute" (both the same exact search).
    """

    def __init__(self, n_neighbors=5, *, weights="uniform", algorithm="auto", p=2, metric="minkowski"):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.algorithm = algorithm
        self.p = p
        self.metric = metric

    def fit(self, X, y):
        X, y = self._validate_data(X, y)
        check_classification_targets(y)
        self.classes_, self._y = np.unique(y, return_inverse=True)  # _y: (n_samples,) class codes
        self._fit_neighbors(X)
        return self

    def predict_proba(self, X):
        """Class probabilities (n_queries, n_classes), columns in the order of `classes_`."""
        indices, weights = self._neighbors_and_weights(X)  # (n_queries, k)
        n_queries, n_classes = indices.shape[0], len(self.classes_)
        neighbor_classes = self._y[indices]  # (n_queries, k)
        flat_bins = (np.arange(n_queries)[:, None] * n_classes + neighbor_classes).ravel()
        votes = np.bincount(
            flat_bins, weights=None if weights is None else weights.ravel(), minlength=n_queries * n_classes
        ).reshape(n_queries, n_classes)
        totals = votes.sum(axis=1, keepdims=True)
        totals[totals == 0.0] = 1.0
        return votes / totals

    def predict(self, X):
        """The most voted class of each query row."""
        probabilities = self.predict_proba(X)  # (n_queries, n_classes); checks fitted first
        return self.classes_[np.argmax(probabilities, axis=1)]
