"""MinMaxScaler: map each feature's [min, max] onto feature_range, as sklearn's MinMaxScaler.

    scale_ = (hi - lo) / (max - min)        min_ = lo - min * scale_        x' = x scale_ + min_

A constant feature (max == min) gets range 1, so it maps to lo instead of dividing by 0.
NaN counts as missing: ignored by min and max (np.fmin skips NaN), kept by `transform`. With
clip=True, values outside the training range are clipped into feature_range by `transform`.
"""

import numbers

import numpy as np

from ..base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from ..utils.validation import check_is_fitted
from ._scaling import handle_zeros_in_scale


class MinMaxScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Scale each feature to feature_range (default (0, 1)) by its training min and max.

    Fitted attributes: data_min_, data_max_, data_range_ (d,), scale_, min_ (d,), n_samples_seen_.
    """

    def __init__(self, feature_range=(0, 1), *, copy=True, clip=False):
        self.feature_range = feature_range
        self.copy = copy
        self.clip = clip

    def _more_tags(self):
        return {"allow_nan": True}

    def _reset(self):
        for name in ("scale_", "min_", "n_samples_seen_", "data_min_", "data_max_", "data_range_"):
            self.__dict__.pop(name, None)

    def _checked_range(self):
        bounds = self.feature_range
        if not (
            isinstance(bounds, (tuple, list))
            and len(bounds) == 2
            and all(isinstance(b, numbers.Real) and np.isfinite(b) for b in bounds)
        ):
            raise ValueError(
                f"feature_range must be a pair of finite numbers (low, high), got {bounds!r}"
            )
        if bounds[0] >= bounds[1]:
            raise ValueError(
                f"Minimum of desired feature range must be smaller than maximum. Got {tuple(bounds)}."
            )
        return bounds

    def fit(self, X, y=None):
        """Record each feature's min and max (from scratch: a refit forgets earlier batches)."""
        self._reset()
        return self.partial_fit(X, y)

    def partial_fit(self, X, y=None):
        """Widen the running min and max by the batch X."""
        low, high = self._checked_range()
        first_pass = not hasattr(self, "n_samples_seen_")
        X = self._validate_data(X, reset=first_pass, ensure_all_finite="allow-nan")  # (n, d)
        data_min = np.fmin.reduce(X, axis=0)  # (d,) NaN only where a column is all NaN
        data_max = np.fmax.reduce(X, axis=0)  # (d,)
        if first_pass:
            self.n_samples_seen_ = X.shape[0]
        else:
            data_min = np.fmin(self.data_min_, data_min)
            data_max = np.fmax(self.data_max_, data_max)
            self.n_samples_seen_ += X.shape[0]
        data_range = data_max - data_min  # (d,)
        self.scale_ = (high - low) / handle_zeros_in_scale(data_range)  # (d,)
        self.min_ = low - data_min * self.scale_  # (d,)
        self.data_min_, self.data_max_, self.data_range_ = data_min, data_max, data_range
        return self

    def transform(self, X):
        """x * scale_ + min_ (then clipped into feature_range when clip=True)."""
        check_is_fitted(self)
        X = self._validate_data(
            X, reset=False, ensure_all_finite="allow-nan", copy=self.copy
        )  # (n, d)
        X *= self.scale_
        X += self.min_
        if self.clip:
            np.clip(X, self.feature_range[0], self.feature_range[1], out=X)
        return X

    def inverse_transform(self, X):
        """(x - min_) / scale_: back to the original units."""
        check_is_fitted(self)
        X = self._validate_data(
            X, reset=False, ensure_all_finite="allow-nan", copy=self.copy
        )  # (n, d)
        X -= self.min_
        X /= self.scale_
        return X
