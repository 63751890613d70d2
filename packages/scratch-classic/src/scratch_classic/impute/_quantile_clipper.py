"""QuantileClipper: clip each feature to its [lower, upper] training quantiles (winsorizing).

    lower_bounds_ = quantile(x_j, lower),  upper_bounds_ = quantile(x_j, upper),
    x' = min(max(x, lower_bounds_), upper_bounds_)

A few extreme values (sensor glitches, typos) then cannot dominate a mean, a variance or a
least-squares fit. OUR OWN NAME: scikit-learn has no such transformer; its oracle in the tests is
`np.clip(X, np.quantile(X, lower, axis=0), np.quantile(X, upper, axis=0))` (quantiles by linear
interpolation, numpy's default), computed here from scratch with the same order statistics as
RobustScaler.
"""

import numbers

import numpy as np

from ..base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from ..preprocessing._quantile import nan_quantile
from ..utils.validation import check_is_fitted


class QuantileClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Clip outliers to per-feature quantiles. Fitted: lower_bounds_ (d,), upper_bounds_ (d,)."""

    def __init__(self, lower=0.01, upper=0.99):
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):
        """The lower and upper quantile of each feature."""
        bounds = (self.lower, self.upper)
        if not (
            all(isinstance(b, numbers.Real) and not isinstance(b, bool) for b in bounds)
            and 0 <= self.lower <= self.upper <= 1
        ):
            raise ValueError(
                f"QuantileClipper needs 0 <= lower <= upper <= 1, got lower={self.lower!r}, upper={self.upper!r}."
            )
        X = self._validate_data(X)  # (n, d)
        self.lower_bounds_, self.upper_bounds_ = nan_quantile(
            X, np.array([self.lower, self.upper], dtype=np.float64)
        )
        return self

    def transform(self, X):
        """X clipped feature by feature into [lower_bounds_, upper_bounds_]."""
        check_is_fitted(self)
        X = self._validate_data(X, reset=False)  # (n, d)
        return np.clip(X, self.lower_bounds_, self.upper_bounds_)
