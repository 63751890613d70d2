"""Normalizer: scale each ROW (sample) to unit norm, as sklearn.preprocessing.Normalizer.

    x' = x / ||x||     with ||x|| = sum |x_j| (l1), sqrt(sum x_j^2) (l2) or max |x_j| (max)

Rows are independent, so `fit` learns nothing but the number of features; an all-zero row has
norm 0 and is left as it is.
"""

import numpy as np

from ..base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from ..utils.validation import check_is_fitted
from ._scaling import handle_zeros_in_scale

_NORMS = {
    "l1": lambda X: np.abs(X).sum(axis=1),
    "l2": lambda X: np.sqrt(np.einsum("ij,ij->i", X, X)),
    "max": lambda X: np.abs(X).max(axis=1),
}


class Normalizer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Normalize samples to unit l1, l2 or max norm."""

    def __init__(self, norm="l2", *, copy=True):
        self.norm = norm
        self.copy = copy

    def _check_norm(self):
        if not isinstance(self.norm, str) or self.norm not in _NORMS:
            raise ValueError(
                f"The 'norm' parameter of Normalizer must be one of {sorted(_NORMS)}, got {self.norm!r}."
            )

    def fit(self, X, y=None):
        """Only checks X and records n_features_in_: each row is normalized on its own."""
        self._check_norm()
        self._validate_data(X)
        return self

    def transform(self, X, copy=None):
        """Each row divided by its norm (rows of norm 0 unchanged)."""
        check_is_fitted(self)
        self._check_norm()
        copy = self.copy if copy is None else copy
        X = self._validate_data(X, reset=False, copy=copy)  # (n, d)
        norms = handle_zeros_in_scale(_NORMS[self.norm](X))  # (n,)
        X /= norms[:, None]
        return X
