"""MultinomialNB: features are counts (word counts, say) drawn from a per-class multinomial.

    feature_log_prob_[c, j] = log (N_cj + alpha) - log sum_j' (N_cj' + alpha)
    log P(x | c) = sum_j x_j feature_log_prob_[c, j]      (+ a term constant in c, dropped)

with N = feature_count_. X must be non-negative.
"""

import numpy as np

from ._discrete import BaseDiscreteNB


class MultinomialNB(BaseDiscreteNB):
    """Multinomial naive Bayes with additive (Laplace/Lidstone) smoothing `alpha`."""

    def __init__(self, *, alpha=1.0, force_alpha=True, fit_prior=True, class_prior=None):
        self.alpha = alpha
        self.force_alpha = force_alpha
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def _transform_features(self, X):
        if (X < 0).any():
            raise ValueError("Negative values in data passed to MultinomialNB (input X).")
        return X

    def _update_feature_log_prob(self, alpha):
        smoothed_counts = self.feature_count_ + alpha  # (n_classes, n_features)
        smoothed_totals = smoothed_counts.sum(axis=1)  # (n_classes,)
        self.feature_log_prob_ = np.log(smoothed_counts) - np.log(smoothed_totals.reshape(-1, 1))

    def _joint_log_likelihood(self, X):
        return X @ self.feature_log_prob_.T + self.class_log_prior_  # (n_samples, n_classes)
