"""Ridge regression and the ridge classifier (sklearn.linear_model.Ridge / RidgeClassifier).

Ridge minimizes, per target,

    sum_i s_i (y_i - x_i w - b)^2 + alpha ||w||^2          (the intercept b is not penalized)

in closed form (the solvers and their math are in `_ridge_solvers`). solver="auto" is
"cholesky", which works on the d x d primal system when n_samples >= n_features and on the
n x n dual system otherwise; a singular system (alpha = 0 on rank-deficient data) falls back to
"svd", as scikit-learn does, and `solver_` records the solver that produced coef_.

RidgeClassifier turns the labels into one-vs-all targets in {-1, +1} (a single column, for
classes_[1], when there are two classes), fits the same ridge problem, and predicts the class
with the largest decision score.
"""

import numbers

import numpy as np
import scratch_linalg as sla

from ..base import RegressorMixin
from ..utils.validation import check_classification_targets
from ._base import (
    LinearClassifierMixin,
    LinearModel,
    class_weight_per_sample,
    preprocess_data,
    targets_as_matrix,
    validated_sample_weight,
)
from ._ridge_solvers import (
    ridge_dual_cholesky,
    ridge_gradient_descent,
    ridge_primal_cholesky,
    ridge_svd,
)

SOLVERS = ("auto", "cholesky", "svd", "gd")
DEFAULT_GD_MAX_ITER = 10_000


def _check_alphas(alpha, n_targets):
    """alpha (a float, or one per target) -> alphas (n_targets,), all finite and >= 0."""
    try:
        alphas = np.asarray(alpha, dtype=np.float64).ravel()
    except (TypeError, ValueError) as error:
        raise ValueError(f"alpha must be a float or an array of floats, got {alpha!r}") from error
    if alphas.size not in (1, n_targets):
        raise ValueError(f"Number of targets and number of penalties do not correspond: "
                         f"{alphas.size} != {n_targets}")
    if not np.all(np.isfinite(alphas)) or np.any(alphas < 0):
        raise ValueError(f"alpha must be >= 0 and finite, got {alpha!r}")
    return np.broadcast_to(alphas, (n_targets,)).copy()


class _BaseRidge(LinearModel):
    """The ridge fit shared by Ridge and RidgeClassifier."""

    _ravel_single_target = True

    def _check_options(self):
        if self.solver not in SOLVERS:
            raise ValueError(f"solver must be one of {SOLVERS}, got {self.solver!r}")
        if self.max_iter is not None and (
            not isinstance(self.max_iter, numbers.Integral) or isinstance(self.max_iter, bool)
            or self.max_iter < 1
        ):
            raise ValueError(f"max_iter must be None or an integer >= 1, got {self.max_iter!r}")
        if not (isinstance(self.tol, numbers.Real) and self.tol >= 0):
            raise ValueError(f"tol must be a float >= 0, got {self.tol!r}")

    def _fit_ridge(self, X, Y, y_was_1d, sample_weight):
        """X (n, d), Y (n, k) raw; sample_weight (n,) or None -> sets coef_, intercept_, ..."""
        self._check_options()
        alphas = _check_alphas(self.alpha, Y.shape[1])
        X, Y, X_offset, Y_offset = preprocess_data(X, Y, self.fit_intercept, sample_weight)
        solver = "cholesky" if self.solver == "auto" else self.solver
        self.n_iter_ = None
        if solver == "cholesky":
            try:
                wide = X.shape[1] > X.shape[0]
                coef = (ridge_dual_cholesky if wide else ridge_primal_cholesky)(X, Y, alphas)
            except sla.LinAlgError:  # singular system (alpha = 0 and rank-deficient X)
                solver = "svd"
        if solver == "svd":
            coef = ridge_svd(X, Y, alphas)
        elif solver == "gd":
            max_iter = DEFAULT_GD_MAX_ITER if self.max_iter is None else self.max_iter
            coef, self.n_iter_ = ridge_gradient_descent(X, Y, alphas, max_iter, self.tol)
        self.solver_ = solver
        self._set_coef(coef, X_offset, Y_offset, y_was_1d)
        return self


class Ridge(RegressorMixin, _BaseRidge):
    """Least squares with an L2 penalty alpha ||w||^2 (alpha: a float or one per target).

    solver: "auto" (= "cholesky"), "cholesky", "svd", or "gd" (gradient descent, a teaching
    variant that uses max_iter (None: 10000) and tol, a relative gradient norm).
    random_state: accepted for scikit-learn compatibility; no solver here is randomized.
    Fitted: coef_, intercept_, n_iter_ (None, or iterations per target for "gd"), solver_.
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, max_iter=None, tol=1e-4, solver="auto",
                 random_state=None):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y, y_numeric=True, multi_output=True)
        Y, y_was_1d = targets_as_matrix(y)  # (n_samples, n_targets)
        return self._fit_ridge(X, Y, y_was_1d, validated_sample_weight(sample_weight, X.shape[0]))


class RidgeClassifier(LinearClassifierMixin, _BaseRidge):
    """Ridge regression on one-vs-all targets in {-1, +1}; predicts the top-scoring class.

    Parameters as Ridge's, plus class_weight (None, 'balanced' or {label: weight}).
    Fitted: classes_, coef_ ((n_features,) for two classes, as sklearn, else (n_classes,
    n_features)), intercept_ (1 or n_classes,), n_iter_, solver_.
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, max_iter=None, tol=1e-4, class_weight=None,
                 solver="auto", random_state=None):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.class_weight = class_weight
        self.solver = solver
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y)
        check_classification_targets(y)
        self.classes_, class_index = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError(f"RidgeClassifier needs samples of at least 2 classes in the data, "
                             f"but the data contains only one class: {self.classes_[0]!r}")
        sample_weight = validated_sample_weight(sample_weight, X.shape[0])
        if self.class_weight is not None:
            weights = class_weight_per_sample(self.class_weight, self.classes_, class_index)
            sample_weight = weights if sample_weight is None else sample_weight * weights
        targets = -np.ones((X.shape[0], len(self.classes_)))  # (n_samples, n_classes)
        targets[np.arange(X.shape[0]), class_index] = 1.0
        if len(self.classes_) == 2:
            targets = targets[:, 1:]  # (n_samples, 1): +1 for classes_[1]
        return self._fit_ridge(X, targets, False, sample_weight)
