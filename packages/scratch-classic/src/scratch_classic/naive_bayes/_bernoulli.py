"""BernoulliNB: each feature is present or absent (x_j in {0, 1}), a per-class coin.

    p_cj = (N_cj + alpha) / (n_c + 2 alpha),   feature_log_prob_ = log p
    log P(x | c) = sum_j x_j log p_cj + (1 - x_j) log(1 - p_cj)
                 = x . (log p_c - log(1 - p_c)) + sum_j log(1 - p_cj)

Unlike the multinomial model, an absent feature counts as evidence. With `binarize` set, X is
first mapped to X > binarize (None: X is taken as already binary).
"""

import numpy as np

from ._discrete import BaseDiscreteNB


class BernoulliNB(BaseDiscreteNB):
    """Bernoulli naive Bayes with additive smoothing `alpha` and thresholding `binarize`."""

    def __init__(self, *, alpha=1.0, force_alpha=True, binarize=0.0, fit_prior=True, class_prior=None):
        self.alpha = alpha
        self.force_alpha = force_alpha
        self.binarize = binarize
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def _transform_features(self, X):
        return X if self.binarize is None else (X > self.binarize).astype(np.float64)

    def _check_X(self, X):
        return self._transform_features(super()._check_X(X))

    def _update_feature_log_prob(self, alpha):
        smoothed_counts = self.feature_count_ + alpha  # (n_classes, n_features)
        # subtle: alpha may be per feature, so the totals are (n_classes, n_features) or (n_classes, 1)
        smoothed_totals = self.class_count_[:, None] + 2 * np.atleast_1d(alpha)[None, :]
        self.feature_log_prob_ = np.log(smoothed_counts) - np.log(smoothed_totals)

    def _joint_log_likelihood(self, X):
        log_absent = np.log(1 - np.exp(self.feature_log_prob_))  # (n_classes, n_features)
        joint = X @ (self.feature_log_prob_ - log_absent).T  # (n_samples, n_classes)
        return joint + (self.class_log_prior_ + log_absent.sum(axis=1))
