"""GaussianNB: each feature is normal given the class.

    log P(x | c) = -1/2 sum_j log(2 pi var_cj) - 1/2 sum_j (x_j - theta_cj)^2 / var_cj

theta_ and var_ are the (sample-weighted) per-class means and variances, var_ plus
epsilon_ = var_smoothing * max_j Var(X_j), which keeps a constant feature from dividing by zero.

partial_fit merges a new batch into the running statistics (Chan, Golub & LeVeque), with counts
n (old) and m (new, weighted):

    mean = (n mean_old + m mean_new) / (n + m)
    var  = (n var_old + m var_new + n m / (n + m) (mean_old - mean_new)^2) / (n + m)
"""

import numpy as np

from ..utils.validation import check_sample_weight
from ._base import BaseNB, start_partial_fit


def _merge_mean_variance(count_past, mean_past, var_past, X, weights):
    """Running (mean, var) of the rows seen so far merged with the rows X (weights (n,))."""
    count_new = weights.sum()
    if X.shape[0] == 0 or np.isclose(count_new, 0.0):
        return mean_past, var_past
    mean_new = np.average(X, axis=0, weights=weights)  # (n_features,)
    var_new = np.average((X - mean_new) ** 2, axis=0, weights=weights)
    if count_past == 0:
        return mean_new, var_new
    count_total = count_past + count_new
    mean_total = (count_new * mean_new + count_past * mean_past) / count_total
    squared_deviations = (
        count_past * var_past + count_new * var_new
        + (count_new * count_past / count_total) * (mean_past - mean_new) ** 2
    )
    return mean_total, squared_deviations / count_total


class GaussianNB(BaseNB):
    """Gaussian naive Bayes; `priors` fixes P(c), else it is the weighted class frequency."""

    def __init__(self, *, priors=None, var_smoothing=1e-9):
        self.priors = priors
        self.var_smoothing = var_smoothing

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y)
        for name in ("classes_", "theta_", "var_", "class_count_", "class_prior_", "epsilon_"):
            self.__dict__.pop(name, None)  # refit starts over
        return self._partial_fit(X, y, np.unique(y), sample_weight)

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """Update the model with one more batch; `classes` is required on the first call."""
        X, y = self._validate_data(X, y, reset=not hasattr(self, "classes_"))
        return self._partial_fit(X, y, classes, sample_weight)

    def _partial_fit(self, X, y, classes, sample_weight):
        if not self.var_smoothing >= 0:
            raise ValueError(f"var_smoothing must be >= 0, got {self.var_smoothing!r}.")
        first_call = start_partial_fit(self, y, classes)
        weights = check_sample_weight(sample_weight, X.shape[0])  # (n_samples,)
        n_classes, n_features = len(self.classes_), X.shape[1]
        if first_call:
            self.theta_ = np.zeros((n_classes, n_features))
            self.var_ = np.zeros((n_classes, n_features))
            self.class_count_ = np.zeros(n_classes)
            self.class_prior_ = self._checked_priors(n_classes)
        else:
            # subtle: take out the smoothing of the previous batch (scikit-learn subtracts the new
            # batch's epsilon here, which leaves a bias of old minus new epsilon in var_).
            self.var_ -= self.epsilon_
        self.epsilon_ = self.var_smoothing * np.var(X, axis=0).max()
        codes = np.searchsorted(self.classes_, y)  # (n_samples,)
        for code in np.unique(codes):
            in_class = codes == code
            self.theta_[code], self.var_[code] = _merge_mean_variance(
                self.class_count_[code], self.theta_[code], self.var_[code], X[in_class], weights[in_class]
            )
            self.class_count_[code] += weights[in_class].sum()
        self.var_ += self.epsilon_
        if self.priors is None:
            self.class_prior_ = self.class_count_ / self.class_count_.sum()
        return self

    def _checked_priors(self, n_classes):
        if self.priors is None:
            return np.zeros(n_classes)
        priors = np.asarray(self.priors, dtype=np.float64)
        if priors.shape != (n_classes,):
            raise ValueError("Number of priors must match number of classes.")
        if not np.isclose(priors.sum(), 1.0):
            raise ValueError("The sum of the priors should be 1.")
        if (priors < 0).any():
            raise ValueError("Priors must be non-negative.")
        return priors

    def _joint_log_likelihood(self, X):
        with np.errstate(divide="ignore"):
            log_prior = np.log(self.class_prior_)  # (n_classes,)
        log_normalizer = -0.5 * np.sum(np.log(2.0 * np.pi * self.var_), axis=1)  # (n_classes,)
        joint = np.empty((X.shape[0], len(self.classes_)))
        for code in range(len(self.classes_)):  # one (n_samples, n_features) block per class
            squared = np.sum((X - self.theta_[code]) ** 2 / self.var_[code], axis=1)  # (n_samples,)
            joint[:, code] = log_prior[code] + (log_normalizer[code] - 0.5 * squared)
        return joint
