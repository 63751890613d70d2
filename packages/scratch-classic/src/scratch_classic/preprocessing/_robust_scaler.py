"""RobustScaler: center on the median, scale by the interquartile range, as sklearn's RobustScaler.

    x' = (x - median) / (q_hi - q_lo)      with (q_lo, q_hi) the quantile_range percentiles

Medians and quantiles ignore outliers that would drag a mean and a standard deviation. With
unit_variance=True the range is divided by the same range of a standard normal (1.349 for the
interquartile range), so normally distributed features end with variance ~1. NaN counts as
missing: skipped by the order statistics, kept by `transform`.
"""

import numbers

import numpy as np
from scratch_optim.stats import norm

from ..base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from ..utils.validation import check_is_fitted
from ._quantile import median_of_sorted, quantile_of_sorted, sorted_columns
from ._scaling import handle_zeros_in_scale


class RobustScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Scale features with statistics robust to outliers. Fitted: center_ (d,), scale_ (d,)."""

    def __init__(
        self,
        *,
        with_centering=True,
        with_scaling=True,
        quantile_range=(25.0, 75.0),
        copy=True,
        unit_variance=False,
    ):
        self.with_centering = with_centering
        self.with_scaling = with_scaling
        self.quantile_range = quantile_range
        self.copy = copy
        self.unit_variance = unit_variance

    def _more_tags(self):
        return {"allow_nan": True}

    def fit(self, X, y=None):
        """Median and quantile range of each feature."""
        X = self._validate_data(X, ensure_all_finite="allow-nan")  # (n, d)
        q_range = self.quantile_range
        if not (
            isinstance(q_range, (tuple, list))
            and len(q_range) == 2
            and all(isinstance(q, numbers.Real) for q in q_range)
            and 0 <= q_range[0] <= q_range[1] <= 100
        ):
            raise ValueError(
                f"Invalid quantile range: {q_range}: expected 0 <= q_min <= q_max <= 100"
            )
        q_min, q_max = q_range
        # subtle: percentiles -> fractions first, as numpy's percentile does
        fractions = np.array([q_min, q_max], dtype=np.float64) / 100
        sorted_rows, observed = sorted_columns(X, fractions)  # one pass: median and quantiles
        self.center_ = median_of_sorted(sorted_rows, observed) if self.with_centering else None
        if self.with_scaling:
            lower, upper = quantile_of_sorted(sorted_rows, observed, fractions)  # (d,) each
            scale = handle_zeros_in_scale(upper - lower)
            if self.unit_variance:
                scale = scale / (norm.ppf(q_max / 100.0) - norm.ppf(q_min / 100.0))
            self.scale_ = scale
        else:
            self.scale_ = None
        return self

    def transform(self, X):
        """(X - center_) / scale_, each step only when enabled."""
        check_is_fitted(self)
        X = self._validate_data(
            X, reset=False, ensure_all_finite="allow-nan", copy=self.copy
        )  # (n, d)
        if self.with_centering:
            X -= self.center_
        if self.with_scaling:
            X /= self.scale_
        return X

    def inverse_transform(self, X):
        """X * scale_ + center_."""
        check_is_fitted(self)
        X = self._validate_data(
            X, reset=False, ensure_all_finite="allow-nan", copy=self.copy
        )  # (n, d)
        if self.with_scaling:
            X *= self.scale_
        if self.with_centering:
            X += self.center_
        return X
