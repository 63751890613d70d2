"""What every naive Bayes classifier shares: predictions from a joint log-likelihood.

Each model supplies jll[i, c] = log P(c) + log P(x_i | c) (features independent given the class);
then, normalising with a stable log-sum-exp,

    log P(c | x_i) = jll[i, c] - logsumexp_c' jll[i, c'],    predict = argmax_c jll[i, c].
"""

import numpy as np
from scratch_optim.special import logsumexp

from ..base import BaseEstimator, ClassifierMixin
from ..utils.validation import check_classification_targets


class BaseNB(ClassifierMixin, BaseEstimator):
    """predict / predict_log_proba / predict_proba on top of `_joint_log_likelihood(X)`."""

    def _joint_log_likelihood(self, X):  # (n_samples, n_classes); X already validated
        raise NotImplementedError

    def _check_X(self, X):
        return self._validate_data(X, reset=False)

    def predict(self, X):
        """The class of highest posterior for each row."""
        joint = self._joint_log_likelihood(self._check_X(X))  # (n_samples, n_classes); checks fitted first
        return self.classes_[np.argmax(joint, axis=1)]

    def predict_log_proba(self, X):
        """log P(c | x): (n_samples, n_classes), columns in the order of `classes_`."""
        joint = self._joint_log_likelihood(self._check_X(X))  # (n_samples, n_classes)
        return joint - logsumexp(joint, axis=1, keepdims=True)

    def predict_proba(self, X):
        """P(c | x): (n_samples, n_classes), rows sum to 1."""
        return np.exp(self.predict_log_proba(X))


def start_partial_fit(estimator, y, classes):
    """Record `classes_` on the first partial_fit call; return True if this is that first call.

    `classes` must be given on the first call (it lists every class the model will ever see), and
    if given later it must not change. Every label of y must be one of `classes_`.
    """
    check_classification_targets(y)
    first_call = not hasattr(estimator, "classes_")
    if first_call:
        if classes is None:
            raise ValueError("classes must be passed on the first call to partial_fit.")
        estimator.classes_ = np.unique(classes)
    elif classes is not None and not np.array_equal(np.unique(classes), estimator.classes_):
        raise ValueError(
            f"`classes={classes!r}` is not the same as on last call to partial_fit, was: {estimator.classes_!r}"
        )
    unknown = np.setdiff1d(np.unique(y), estimator.classes_)
    if unknown.size:
        raise ValueError(
            f"The target label(s) {unknown} in y do not exist in the initial classes {estimator.classes_}"
        )
    return first_call
