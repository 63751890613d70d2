"""What the least-squares models share: centering for the intercept, sample weights, prediction.

A linear model predicts  y_hat = X w + b.  The intercept b is never penalized, so it is taken out
before solving: with the (weighted) means  x_bar = sum_i s_i x_i / sum_i s_i  and  y_bar  alike,
w is fitted on the centered data  X - x_bar,  y - y_bar,  and afterwards

    b = y_bar - x_bar . w

Weighted least squares  sum_i s_i (y_i - x_i w)^2  is plain least squares on rows scaled by
sqrt(s_i), so after centering every solver sees  X <- sqrt(s) X,  y <- sqrt(s) y  and needs no
notion of weights at all (scikit-learn's `_preprocess_data` + `_rescale_data`).

Targets are handled as a matrix Y (n_samples, n_targets) inside; `coef_` is (n_features,) for a
1-D y and (n_targets, n_features) for a 2-D one, as scikit-learn stores it.

The linear classifiers (RidgeClassifier, LogisticRegression, SGDClassifier) share
`LinearClassifierMixin` (scores and labels) and `class_weight_per_sample` (class weights as a
factor on each sample's weight).
"""

import numpy as np
import scratch_linalg as sla

from ..base import BaseEstimator, ClassifierMixin
from ..svm._class_weight import class_weights
from ..utils.validation import check_sample_weight


def targets_as_matrix(y):
    """y (n_samples,) or (n_samples, n_targets) -> (Y (n_samples, n_targets), y_was_1d)."""
    if y.ndim > 2:
        raise ValueError(f"y must be 1-D or 2-D, got an array of shape {y.shape}")
    return (y[:, np.newaxis], True) if y.ndim == 1 else (y, False)


def preprocess_data(X, Y, fit_intercept, sample_weight=None):
    """Center (when fit_intercept) and scale rows by sqrt(sample_weight); never modifies X or Y.

    X: (n_samples, n_features), Y: (n_samples, n_targets), sample_weight: (n_samples,) or None.
    Returns X_out, Y_out, X_offset (n_features,), Y_offset (n_targets,).
    """
    n_features, n_targets = X.shape[1], Y.shape[1]
    if fit_intercept:
        if sample_weight is None:
            X_offset = X.mean(axis=0)  # (n_features,)
            Y_offset = Y.mean(axis=0)  # (n_targets,)
        else:
            total_weight = sample_weight.sum()
            X_offset = sample_weight @ X / total_weight  # (n_features,)
            Y_offset = sample_weight @ Y / total_weight  # (n_targets,)
        X = X - X_offset  # (n_samples, n_features), a new array
        Y = Y - Y_offset  # (n_samples, n_targets)
    else:
        X_offset, Y_offset = np.zeros(n_features), np.zeros(n_targets)
    if sample_weight is not None:
        root_weight = np.sqrt(sample_weight)[:, np.newaxis]  # (n_samples, 1)
        X = X * root_weight if not fit_intercept else np.multiply(X, root_weight, out=X)
        Y = Y * root_weight if not fit_intercept else np.multiply(Y, root_weight, out=Y)
    return X, Y, X_offset, Y_offset


def validated_sample_weight(sample_weight, n_samples):
    """None stays None (unweighted: no scaling pass); anything else as checked (n_samples,)."""
    if sample_weight is None:
        return None
    sample_weight = check_sample_weight(sample_weight, n_samples)
    if not sample_weight.sum() > 0:  # subtle: all-zero weights leave nothing to fit
        raise ValueError("The sum of sample_weight must be positive.")
    return sample_weight


def class_weight_per_sample(class_weight, classes, encoded_y, sample_weight=None):
    """(n_samples,) the weight of each sample's class: None -> 1, "balanced", or a dict.

    The per-class rule is `svm._class_weight.class_weights` (one rule for every classifier);
    sample_weight only changes "balanced" (weighted class totals), as LogisticRegression's.
        classes [a, b], encoded_y [0, 0, 0, 1], "balanced" -> [0.667, 0.667, 0.667, 2.0]
    """
    return class_weights(class_weight, classes, encoded_y, sample_weight)[encoded_y]


def cholesky_solve(gram, rhs):
    """x with gram x = rhs for a symmetric positive definite gram (raises sla.LinAlgError if not).

    gram = L L^T, then two triangular solves:  L z = rhs,  L^T x = z.
    """
    lower = sla.cholesky(gram)  # (d, d)
    z = sla.solve_triangular(lower, rhs, lower=True)  # (d, k)
    return sla.solve_triangular(lower.T, z, lower=False)  # (d, k)


class LinearModel(BaseEstimator):
    """Stores coef_ / intercept_ from a solution on centered data and predicts X coef_^T + b."""

    # subtle: sklearn's Ridge / Lasso store coef_ as (n_features,) for a (n_samples, 1) y too,
    # with intercept_ (1,); LinearRegression keeps (1, n_features). Subclasses choose.
    _ravel_single_target = False

    def _set_coef(self, coef, X_offset, Y_offset, y_was_1d):
        """coef: (n_features, n_targets) solved on centered data -> coef_, intercept_."""
        coef_ = np.ascontiguousarray(coef.T)  # (n_targets, n_features)
        intercept = Y_offset - coef_ @ X_offset if self.fit_intercept else None  # (n_targets,)
        if y_was_1d:
            self.coef_ = coef_[0]  # (n_features,)
            self.intercept_ = intercept[0] if self.fit_intercept else 0.0
        else:
            single = self._ravel_single_target and coef_.shape[0] == 1
            self.coef_ = coef_[0] if single else coef_
            # subtle: without an intercept sklearn stores intercept_ = 0.0 even for 2-D y.
            self.intercept_ = intercept if self.fit_intercept else 0.0

    def _decision_function(self, X):
        X = self._validate_data(X, reset=False)
        return X @ self.coef_.T + self.intercept_  # (n_samples,) or (n_samples, n_targets)

    def predict(self, X):
        """Predicted targets X coef_^T + intercept_: (n_samples,) or (n_samples, n_targets)."""
        return self._decision_function(X)


class LinearClassifierMixin(ClassifierMixin):
    """Linear decision scores X coef_^T + intercept_; the label is the best-scoring class.

    With one coef_ row or a 1-D coef_ (two classes) the score is for classes_[1]: positive ->
    classes_[1].
    """

    def decision_function(self, X):
        """Scores: (n_samples,) with two classes, (n_samples, n_classes) with more."""
        X = self._validate_data(X, reset=False)
        scores = X @ self.coef_.T + self.intercept_  # (n_samples,) or (n_samples, n_rows)
        return scores[:, 0] if scores.ndim == 2 and scores.shape[1] == 1 else scores

    def predict(self, X):
        """The predicted class label of each sample, one of classes_."""
        scores = self.decision_function(X)
        winners = (scores > 0).astype(np.intp) if scores.ndim == 1 else scores.argmax(axis=1)
        return self.classes_[winners]
