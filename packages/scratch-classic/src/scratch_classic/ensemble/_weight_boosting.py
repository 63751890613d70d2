"""AdaBoostClassifier with SAMME (Zhu, Zou, Rosset & Hastie 2009): multi-class AdaBoost.

Sample weights start uniform (normalised to sum 1). For m = 1..M:

    fit a weak classifier h_m with the current weights w
    err_m   = sum_i w_i 1[h_m(x_i) != y_i] / sum_i w_i
    alpha_m = learning_rate * (log((1 - err_m) / err_m) + log(K - 1))
    w_i    <- w_i exp(alpha_m 1[h_m(x_i) != y_i]),  then renormalise

Stop early when a learner is perfect (err = 0, it gets weight 1) or no better than chance
(err >= 1 - 1/K, it is discarded). The ensemble scores class k by
f_k(x) = sum_m alpha_m (1 if h_m(x) = k else -1/(K-1)) / sum_m alpha_m;
predict = argmax_k f_k, predict_proba = softmax(f / (K - 1)) (two classes: +-f/2).
"""

import numbers

import numpy as np
from scratch_optim.special import softmax

from ..base import BaseEstimator, ClassifierMixin, clone
from ..tree import DecisionTreeClassifier
from ..utils.validation import check_classification_targets, check_is_fitted, check_random_state, check_sample_weight

_MAX_SEED = np.iinfo(np.int32).max


class AdaBoostClassifier(ClassifierMixin, BaseEstimator):
    """SAMME boosting of a weak classifier (default: a decision stump, max_depth=1)."""

    def __init__(self, estimator=None, *, n_estimators=50, learning_rate=1.0, algorithm="SAMME", random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.algorithm = algorithm
        self.random_state = random_state

    def _new_estimator(self, rng):
        estimator = DecisionTreeClassifier(max_depth=1) if self.estimator is None else clone(self.estimator)
        seeds = {name: int(rng.integers(_MAX_SEED)) for name in estimator.get_params() if name.endswith("random_state")}
        return estimator.set_params(**seeds)

    def fit(self, X, y, sample_weight=None):
        if self.algorithm != "SAMME":
            raise ValueError(f"algorithm must be 'SAMME', got {self.algorithm!r}.")
        if not isinstance(self.n_estimators, numbers.Integral) or self.n_estimators < 1:
            raise ValueError(f"n_estimators must be an integer >= 1, got {self.n_estimators!r}.")
        if not (isinstance(self.learning_rate, numbers.Real) and self.learning_rate > 0):
            raise ValueError(f"learning_rate must be a number > 0, got {self.learning_rate!r}.")
        X, y = self._validate_data(X, y)
        check_classification_targets(y)
        weights = check_sample_weight(sample_weight, X.shape[0]).copy()  # (n_samples,)
        if not weights.sum() > 0:
            raise ValueError("sample_weight must contain at least one positive weight (they sum to 0).")
        weights /= weights.sum()
        self.classes_ = np.unique(y)
        self.n_classes_ = K = len(self.classes_)
        rng = check_random_state(self.random_state)
        self.estimators_ = []
        self.estimator_weights_ = np.zeros(self.n_estimators)
        self.estimator_errors_ = np.ones(self.n_estimators)
        self.estimator_ = DecisionTreeClassifier(max_depth=1) if self.estimator is None else self.estimator
        for m in range(self.n_estimators):
            learner = self._new_estimator(rng).fit(X, y, sample_weight=weights)
            incorrect = learner.predict(X) != y  # (n_samples,)
            error = np.average(incorrect, weights=weights)
            if error <= 0:  # perfect: keep it alone at weight 1 and stop
                self.estimators_.append(learner)
                self.estimator_weights_[m], self.estimator_errors_[m] = 1.0, 0.0
                break
            if error >= 1.0 - 1.0 / K:  # no better than chance: discard it and stop
                if not self.estimators_:
                    raise ValueError(
                        "BaseClassifier in AdaBoostClassifier ensemble is worse than random, ensemble can not be fit."
                    )
                break
            self.estimators_.append(learner)
            alpha = self.learning_rate * (np.log((1.0 - error) / error) + np.log(K - 1.0))
            self.estimator_weights_[m], self.estimator_errors_[m] = alpha, error
            if m < self.n_estimators - 1:
                # subtle: multiply in log space only where the weight is positive (0 stays 0)
                weights = np.exp(np.log(weights, where=weights > 0, out=np.full_like(weights, -np.inf))
                                 + alpha * incorrect * (weights > 0))
                total = weights.sum()
                if not (np.isfinite(total) and total > 0):
                    break
                weights /= total
        return self

    def decision_function(self, X):
        """f(x): (n_samples, n_classes), or (n_samples,) f_1 - f_0 style score for two classes."""
        check_is_fitted(self, "estimators_")
        X = self._validate_data(X, reset=False)
        K = self.n_classes_
        scores = np.zeros((X.shape[0], K))
        for learner, alpha in zip(self.estimators_, self.estimator_weights_):
            votes = learner.predict(X)[:, None] == self.classes_[None, :]  # (n_samples, K)
            scores += np.where(votes, alpha, -alpha / (K - 1))
        scores /= self.estimator_weights_.sum()
        if K == 2:
            return scores[:, 1] - scores[:, 0]
        return scores

    def predict(self, X):
        scores = self.decision_function(X)
        if self.n_classes_ == 2:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]

    def predict_proba(self, X):
        scores = self.decision_function(X)
        if self.n_classes_ == 2:
            return softmax(np.column_stack([-scores, scores]) / 2, axis=1)
        return softmax(scores / (self.n_classes_ - 1), axis=1)
