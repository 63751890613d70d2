"""Naive Bayes over counts or binary features: what MultinomialNB and BernoulliNB share.

Fitting only accumulates (sample-weighted) counts, so fit and partial_fit are the same sum:

    class_count_[c]      = sum_{i: y_i = c} w_i
    feature_count_[c, j] = sum_{i: y_i = c} w_i x_ij          (Y' X with Y the weighted one-hot)

then each model turns the counts, smoothed by `alpha` (Laplace / Lidstone), into feature
log-probabilities. The class log prior is log(class_prior) if given, else the log class frequency
(fit_prior=True) or uniform -log(n_classes).
"""

import numbers
import warnings

import numpy as np

from ..utils.validation import check_sample_weight
from ._base import BaseNB, start_partial_fit

_ALPHA_FLOOR = 1e-10


class BaseDiscreteNB(BaseNB):
    """Counting fit / partial_fit; subclasses define `_transform_features`, `_update_feature_log_prob`."""

    def _transform_features(self, X):  # the features as the model counts them (validated X)
        return X

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y)
        self.__dict__.pop("classes_", None)  # refit starts over
        return self._partial_fit(X, y, np.unique(y), sample_weight)

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """Add one more batch to the counts; `classes` is required on the first call."""
        X, y = self._validate_data(X, y, reset=not hasattr(self, "classes_"))
        return self._partial_fit(X, y, classes, sample_weight)

    def _partial_fit(self, X, y, classes, sample_weight):
        X = self._transform_features(X)
        first_call = start_partial_fit(self, y, classes)
        n_classes = len(self.classes_)
        if first_call:
            self.class_count_ = np.zeros(n_classes)
            self.feature_count_ = np.zeros((n_classes, X.shape[1]))
        weights = check_sample_weight(sample_weight, X.shape[0])  # (n_samples,)
        one_hot = np.zeros((X.shape[0], n_classes))  # (n_samples, n_classes), weighted
        one_hot[np.arange(X.shape[0]), np.searchsorted(self.classes_, y)] = weights
        self.feature_count_ += one_hot.T @ X
        self.class_count_ += one_hot.sum(axis=0)
        self._update_feature_log_prob(self._checked_alpha())
        self._update_class_log_prior()
        return self

    def _checked_alpha(self):
        alpha = self.alpha if isinstance(self.alpha, numbers.Real) else np.asarray(self.alpha, dtype=np.float64)
        if isinstance(alpha, np.ndarray) and alpha.shape != (self.n_features_in_,):
            raise ValueError(
                "When alpha is an array, it should contains `n_features`. "
                f"Got {alpha.shape} elements instead of {self.n_features_in_}."
            )
        if np.min(alpha) < 0:
            raise ValueError(f"alpha must be >= 0, got {self.alpha!r}.")
        if np.min(alpha) < _ALPHA_FLOOR and not self.force_alpha:
            warnings.warn(
                f"alpha too small will result in numeric errors, setting alpha = {_ALPHA_FLOOR:.1e}. "
                "Use `force_alpha=True` to keep alpha unchanged."
            )
            return np.maximum(alpha, _ALPHA_FLOOR)
        return alpha

    def _update_class_log_prior(self):
        n_classes = len(self.classes_)
        if self.class_prior is not None:
            class_prior = np.asarray(self.class_prior, dtype=np.float64)
            if class_prior.shape != (n_classes,):
                raise ValueError("Number of priors must match number of classes.")
            self.class_log_prior_ = np.log(class_prior)
        elif self.fit_prior:
            with np.errstate(divide="ignore"):  # subtle: a class absent so far gets log 0 = -inf
                log_class_count = np.log(self.class_count_)
            self.class_log_prior_ = log_class_count - np.log(self.class_count_.sum())
        else:
            self.class_log_prior_ = np.full(n_classes, -np.log(n_classes))
