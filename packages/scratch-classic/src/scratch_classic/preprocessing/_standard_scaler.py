"""StandardScaler: z = (x - mean) / std per feature, as sklearn.preprocessing.StandardScaler.

    mean_j = sum_i w_i x_ij / sum_i w_i          var_j = sum_i w_i (x_ij - mean_j)^2 / sum_i w_i

(the population variance, ddof = 0). A feature whose variance is within rounding error of zero
gets scale 1, so a constant column maps to 0 instead of dividing by ~0. NaN counts as missing:
skipped by `fit` (each feature keeps its own count) and kept as NaN by `transform`.
`partial_fit` merges batch after batch into the same statistics (see `_scaling`).
"""

import numpy as np

from ..base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from ..utils.validation import check_is_fitted, check_sample_weight
from ._scaling import handle_zeros_in_scale, incremental_mean_and_var, is_constant_feature


class StandardScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Standardize features by removing the mean and scaling to unit variance.

    Fitted attributes: mean_ (d,) (None when neither centering nor scaling), var_ (d,) and
    scale_ = sqrt(var_) (d,) (None when with_std=False), n_samples_seen_ (an int when no value
    was missing, else one count per feature; sums of weights when sample_weight is given).
    """

    def __init__(self, *, copy=True, with_mean=True, with_std=True):
        self.copy = copy
        self.with_mean = with_mean
        self.with_std = with_std

    def _more_tags(self):
        return {"allow_nan": True}

    def _reset(self):
        for name in ("n_samples_seen_", "mean_", "var_", "scale_"):
            self.__dict__.pop(name, None)

    def fit(self, X, y=None, sample_weight=None):
        """Compute the mean and standard deviation of each feature (from scratch: a refit forgets)."""
        self._reset()
        return self.partial_fit(X, y, sample_weight)

    def partial_fit(self, X, y=None, sample_weight=None):
        """Merge the batch X into the running mean and variance."""
        first_call = not hasattr(self, "n_samples_seen_")
        X = self._validate_data(X, reset=first_call, ensure_all_finite="allow-nan")  # (n, d)
        n_features = X.shape[1]
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X.shape[0])  # (n,)
        count_dtype = np.int64 if sample_weight is None else np.float64
        if first_call:
            self.n_samples_seen_ = np.zeros(n_features, dtype=count_dtype)
            self.mean_ = 0.0
            self.var_ = 0.0 if self.with_std else None
        elif np.size(self.n_samples_seen_) == 1:  # an int after a batch with nothing missing
            self.n_samples_seen_ = np.repeat(self.n_samples_seen_, n_features).astype(count_dtype)

        if not self.with_mean and not self.with_std:
            self.mean_ = self.var_ = None
            self.n_samples_seen_ = self.n_samples_seen_ + (X.shape[0] - np.isnan(X).sum(axis=0))
        else:
            # subtle: the mean is tracked even with with_mean=False: the variance update needs it
            self.mean_, self.var_, self.n_samples_seen_ = incremental_mean_and_var(
                X, self.mean_, self.var_, self.n_samples_seen_, sample_weight=sample_weight
            )
        if np.max(self.n_samples_seen_) == np.min(self.n_samples_seen_):
            self.n_samples_seen_ = self.n_samples_seen_[0]  # one count for all: nothing missing

        if self.with_std:
            constant = is_constant_feature(self.var_, self.mean_, self.n_samples_seen_)  # (d,)
            self.scale_ = handle_zeros_in_scale(np.sqrt(self.var_), constant_mask=constant)
        else:
            self.scale_ = None
        return self

    def transform(self, X, copy=None):
        """(X - mean_) / scale_, each step only when enabled; NaN stays NaN."""
        check_is_fitted(self)
        copy = self.copy if copy is None else copy
        X = self._validate_data(X, reset=False, ensure_all_finite="allow-nan", copy=copy)  # (n, d)
        if self.with_mean:
            X -= self.mean_
        if self.with_std:
            X /= self.scale_
        return X

    def inverse_transform(self, X, copy=None):
        """X * scale_ + mean_: back to the original units."""
        check_is_fitted(self)
        copy = self.copy if copy is None else copy
        X = self._validate_data(X, reset=False, ensure_all_finite="allow-nan", copy=copy)  # (n, d)
        if self.with_std:
            X *= self.scale_
        if self.with_mean:
            X += self.mean_
        return X
