"""SGDClassifier and SGDRegressor: linear models fitted by plain stochastic gradient descent.

Both minimize  mean_i s_i L(y_i, x_i w + b) + alpha R(w),  R(w) = (1 - l1_ratio)/2 ||w||^2 +
l1_ratio ||w||_1 ("l2": l1_ratio = 0, "l1": 1, "elasticnet": as given), one sample at a time
(`_sgd_engine.plain_sgd`) with a loss from `_sgd_losses`. The classifier is one-vs-all: class k
against the rest with targets +-1 (a single problem, class classes_[1] positive, for two
classes); all K problems run in the same pass over the data.

With shuffle=False the updates are scikit-learn's, step for step (same coef_ to rounding, same
n_iter_ and t_). Deviations from scikit-learn:
- the K one-vs-all problems share one shuffled order per epoch (scikit-learn draws a seed per
  class), and numpy's Generator draws the orders, so shuffled fits agree with scikit-learn's in
  accuracy, not bit for bit;
- average with an L1 penalty ("l1", "elasticnet") returns the plain mean of the iterates.
  subtle: scikit-learn's lazy averaging (Bottou's trick) does not see the L1 truncation steps,
  which then act on its average as if they had been applied to every past iterate too;
- early_stopping / validation_fraction, warm_start, partial_fit, n_jobs and the
  passive-aggressive learning rates are not implemented.
A fit that runs all max_iter epochs with tol set warns ConvergenceWarning, as scikit-learn's.
"""

import numbers
import warnings

import numpy as np
from scratch_optim.special import expit

from ..base import BaseEstimator, RegressorMixin
from ..exceptions import ConvergenceWarning
from ..utils.validation import check_classification_targets, check_random_state, check_sample_weight
from ._base import LinearClassifierMixin, class_weight_per_sample
from ._sgd_engine import SGDSettings, plain_sgd
from ._sgd_losses import CLASSIFICATION_LOSSES, REGRESSION_LOSSES, make_loss

PENALTIES = ("l2", "l1", "elasticnet", None)
LEARNING_RATES = ("constant", "optimal", "invscaling", "adaptive")


def _check_choice(value, name, choices):
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")


def _check_real(value, name, low, low_inclusive=True, high=None):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) \
            or (value < low if low_inclusive else value <= low) \
            or (high is not None and value > high):
        bound = f"{'>=' if low_inclusive else '>'} {low}"
        bound += f" and <= {high}" if high is not None else ""
        raise ValueError(f"{name} must be a finite number {bound}; got {value!r}")


def _check_integer(value, name, low):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
        raise ValueError(f"{name} must be an integer >= {low}; got {value!r}")


class _BaseSGD(BaseEstimator):
    """Parameter checks and the call into the SGD engine shared by both estimators."""

    _losses = ()

    def _settings(self):
        _check_choice(self.loss, "loss", self._losses)
        _check_choice(self.penalty, "penalty", PENALTIES)
        _check_choice(self.learning_rate, "learning_rate", LEARNING_RATES)
        _check_real(self.alpha, "alpha", 0.0)
        _check_real(self.l1_ratio, "l1_ratio", 0.0, high=1.0)
        _check_real(self.epsilon, "epsilon", 0.0)
        _check_real(self.eta0, "eta0", 0.0, low_inclusive=False)
        _check_real(self.power_t, "power_t", 0.0)
        _check_integer(self.max_iter, "max_iter", 1)
        _check_integer(self.n_iter_no_change, "n_iter_no_change", 1)
        if self.tol is not None:
            _check_real(self.tol, "tol", 0.0)
        if self.learning_rate == "optimal" and self.alpha == 0:
            raise ValueError("alpha must be > 0 since learning_rate is 'optimal'. alpha is used "
                             "to compute the optimal learning rate.")
        if not isinstance(self.average, (bool, numbers.Integral)) or self.average < 0:
            raise ValueError(f"average must be a bool or an integer >= 0; got {self.average!r}")
        return SGDSettings(
            penalty=self.penalty, alpha=float(self.alpha), l1_ratio=float(self.l1_ratio),
            fit_intercept=bool(self.fit_intercept), max_iter=int(self.max_iter), tol=self.tol,
            shuffle=bool(self.shuffle), learning_rate=self.learning_rate, eta0=float(self.eta0),
            power_t=float(self.power_t), n_iter_no_change=int(self.n_iter_no_change),
            average=int(self.average))

    def _run(self, X, targets, weights, settings):
        # overflow is reported once, as a ValueError at the end of the epoch (see plain_sgd)
        with np.errstate(over="ignore", invalid="ignore"):
            result = plain_sgd(X, targets, weights, make_loss(self.loss, self.epsilon), settings,
                               check_random_state(self.random_state))
        self.n_iter_ = result.n_iter
        self.t_ = float(result.samples_seen + 1)  # scikit-learn's t_: samples seen + 1
        if settings.tol is not None and result.n_iter == settings.max_iter:
            warnings.warn("Maximum number of iteration reached before convergence. Consider "
                          "increasing max_iter to improve the fit.", ConvergenceWarning,
                          stacklevel=3)
        return result

    def _decision(self, X):
        X = self._validate_data(X, reset=False)
        return X @ self.coef_.T + self.intercept_


class SGDClassifier(LinearClassifierMixin, _BaseSGD):
    """Linear classifier by SGD: hinge (linear SVM), log_loss (logistic), modified_huber, ...

    Fitted attributes: classes_, coef_ (1, d) for two classes else (K, d), intercept_ (1,) or
    (K,), n_iter_ (epochs run, the most over classes), t_ (samples seen + 1), n_features_in_.
    """

    _losses = CLASSIFICATION_LOSSES

    def __init__(self, loss="hinge", *, penalty="l2", alpha=0.0001, l1_ratio=0.15,
                 fit_intercept=True, max_iter=1000, tol=1e-3, shuffle=True, epsilon=0.1,
                 random_state=None, learning_rate="optimal", eta0=0.01, power_t=0.5,
                 n_iter_no_change=5, class_weight=None, average=False):
        self.loss = loss
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.shuffle = shuffle
        self.epsilon = epsilon
        self.random_state = random_state
        self.learning_rate = learning_rate
        self.eta0 = eta0
        self.power_t = power_t
        self.n_iter_no_change = n_iter_no_change
        self.class_weight = class_weight
        self.average = average

    def fit(self, X, y, sample_weight=None):
        """Run SGD on the one-vs-all problems (one for two classes); returns self."""
        settings = self._settings()
        X, y = self._validate_data(X, y)
        check_classification_targets(y)
        self.classes_, encoded_y = np.unique(y, return_inverse=True)
        n_classes = len(self.classes_)
        if n_classes < 2:
            raise ValueError("The number of classes has to be greater than one; got 1 class")
        sample_weight = check_sample_weight(sample_weight, X.shape[0])  # (n,)
        class_weights = class_weight_per_sample(self.class_weight, self.classes_, encoded_y)  # (n,)
        if n_classes == 2:
            targets = np.where(encoded_y == 1, 1.0, -1.0)[:, None]  # (n, 1)
            weights = (sample_weight * class_weights)[:, None]  # (n, 1)
        else:
            is_class = encoded_y[:, None] == np.arange(n_classes)  # (n, K)
            targets = np.where(is_class, 1.0, -1.0)
            # subtle: one-vs-all weighs only the positive side by its class weight, as sklearn
            weights = sample_weight[:, None] * np.where(is_class, class_weights[:, None], 1.0)
        result = self._run(X, targets, weights, settings)
        self.coef_ = result.coef  # (1 or K, d)
        self.intercept_ = result.intercept  # (1 or K,)
        return self

    # decision_function ((n,) for two classes, > 0: classes_[1]; else (n, K)) and predict come
    # from LinearClassifierMixin

    @property
    def predict_proba(self):
        """Probabilities for loss="log_loss" (expit) or "modified_huber" ((clip(s, -1, 1) + 1) / 2);
        with more classes the one-vs-all probabilities are normalized to sum 1."""
        if self.loss not in ("log_loss", "modified_huber"):
            # subtle: an AttributeError, so hasattr(model, "predict_proba") is False, as sklearn
            raise AttributeError(f"probability estimates are not available for loss={self.loss!r}")
        return self._predict_proba

    @property
    def predict_log_proba(self):
        """log of predict_proba (same availability)."""
        self.predict_proba  # noqa: B018  (raises AttributeError for losses without probabilities)
        return self._predict_log_proba

    def _predict_log_proba(self, X):
        with np.errstate(divide="ignore"):  # modified_huber gives exact zeros: log 0 = -inf
            return np.log(self._predict_proba(X))

    def _predict_proba(self, X):
        scores = self._decision(X)  # (n, 1 or K)
        if self.loss == "log_loss":
            proba = expit(scores)
        else:
            proba = (np.clip(scores, -1.0, 1.0) + 1.0) / 2.0
        if proba.shape[1] == 1:
            return np.hstack([1.0 - proba, proba])
        totals = proba.sum(axis=1, keepdims=True)  # (n, 1)
        # subtle: a row where every class says 0 (modified_huber) becomes uniform
        return np.divide(proba, totals, out=np.full_like(proba, 1.0 / proba.shape[1]),
                         where=totals > 0)


class SGDRegressor(RegressorMixin, _BaseSGD):
    """Linear regression by SGD: squared_error, huber, epsilon_insensitive (linear SVR), ...

    Fitted attributes: coef_ (d,), intercept_ (1,), n_iter_ (epochs run), t_, n_features_in_.
    """

    _losses = REGRESSION_LOSSES

    def __init__(self, loss="squared_error", *, penalty="l2", alpha=0.0001, l1_ratio=0.15,
                 fit_intercept=True, max_iter=1000, tol=1e-3, shuffle=True, epsilon=0.1,
                 random_state=None, learning_rate="invscaling", eta0=0.01, power_t=0.25,
                 n_iter_no_change=5, average=False):
        self.loss = loss
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.shuffle = shuffle
        self.epsilon = epsilon
        self.random_state = random_state
        self.learning_rate = learning_rate
        self.eta0 = eta0
        self.power_t = power_t
        self.n_iter_no_change = n_iter_no_change
        self.average = average

    def fit(self, X, y, sample_weight=None):
        """Run SGD on the regression problem; returns self."""
        settings = self._settings()
        X, y = self._validate_data(X, y, y_numeric=True)
        weights = check_sample_weight(sample_weight, X.shape[0])[:, None]  # (n, 1)
        result = self._run(X, y[:, None], weights, settings)
        self.coef_ = result.coef[0]  # (d,)
        self.intercept_ = result.intercept  # (1,)
        return self

    def predict(self, X):
        X = self._validate_data(X, reset=False)
        return X @ self.coef_ + self.intercept_[0]  # (n,)
