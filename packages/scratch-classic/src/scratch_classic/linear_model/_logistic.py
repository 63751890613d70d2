"""Logistic regression: binary (one coef_ row) and multinomial (softmax over K >= 3 classes).

The model is scikit-learn's (>= 1.5, where multi_class is gone):

    binary:       P(y = classes_[1] | x) = expit(x w + b)
    multinomial:  P(y = classes_[k] | x) = softmax(x W' + b)_k

fitted by minimizing  C sum_i s_i loss_i + penalty(w)  with the log-loss, sample weights s_i
(times class weights), the intercept never penalized, and penalty 1/2 ||w||^2 ("l2"),
||w||_1 ("l1") or 0 (None). `_logistic_loss` holds the objective (at the mean-loss scale).

Solvers (all from scratch_optim):
    "lbfgs"   minimize(method="L-BFGS-B", jac=True), options as scikit-learn's (maxls=50)
    "newton"  minimize(method="newton") with the exact Hessian (Cholesky-solved steps)
    "gd"      minimize(method="gd"): steepest descent with an Armijo line search; with
              penalty="l1" it is FISTA (accelerated proximal gradient: the smooth log-loss step,
              then soft thresholding of the coefficients, never the intercept)
"lbfgs" and "newton" need a smooth objective, so penalty="l1" asks for solver="gd" (as
scikit-learn asks for "saga" or "liblinear"). `tol` bounds the largest gradient entry of the
mean-loss objective (lbfgs, newton, gd), or the relative step max|theta+ - theta| (FISTA, l1).
A solver that stops at max_iter warns ConvergenceWarning, as scikit-learn's does.

class_weight multiplies each sample's weight by its class's; "balanced" counts the classes by
their total sample weight, as scikit-learn's LogisticRegression does.

Deviation from scikit-learn >= 1.8: the penalty is chosen by `penalty` (scikit-learn 1.8
deprecated it for l1_ratio in {0, 1} and C=np.inf); C=np.inf also means no penalty here.
"""

import numbers
import warnings

import numpy as np
import scratch_optim as so
from scratch_optim.special import expit, log_expit, log_softmax, softmax

from ..base import BaseEstimator
from ..exceptions import ConvergenceWarning
from ..utils.validation import check_classification_targets, check_sample_weight
from ._base import LinearClassifierMixin, class_weight_per_sample
from ._logistic_loss import LogisticObjective

SOLVERS = ("lbfgs", "newton", "gd")
PENALTIES = ("l2", "l1", None)
SMOOTH_SOLVERS = ("lbfgs", "newton")


class LogisticRegression(LinearClassifierMixin, BaseEstimator):
    """Log-loss linear classifier; see the module docstring for the model and the solvers.

    Fitted attributes: classes_ (K,), coef_ (1, d) if K == 2 else (K, d), intercept_ (1,) or
    (K,), n_iter_ (1,) (the solver's iterations), n_features_in_.
    """

    def __init__(self, penalty="l2", *, C=1.0, fit_intercept=True, class_weight=None,
                 solver="lbfgs", max_iter=100, tol=1e-4):
        self.penalty = penalty
        self.C = C
        self.fit_intercept = fit_intercept
        self.class_weight = class_weight
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol

    def _check_params(self):
        if self.penalty not in PENALTIES:
            raise ValueError(f"penalty must be one of 'l2', 'l1', None; got {self.penalty!r}")
        if self.solver not in SOLVERS:
            raise ValueError(f"solver must be one of {', '.join(map(repr, SOLVERS))}; "
                             f"got {self.solver!r}")
        if self.penalty == "l1" and self.solver in SMOOTH_SOLVERS:
            raise ValueError(f"Solver {self.solver} supports only 'l2' or None penalties, got l1 "
                             "penalty; use solver='gd' (proximal gradient) for l1.")
        if isinstance(self.C, bool) or not isinstance(self.C, numbers.Real) or not self.C > 0:
            raise ValueError(f"C must be a positive float, got {self.C!r}")
        if isinstance(self.max_iter, bool) or not isinstance(self.max_iter, numbers.Integral) \
                or self.max_iter < 1:
            raise ValueError(f"max_iter must be a positive integer, got {self.max_iter!r}")
        if not isinstance(self.tol, numbers.Real) or not self.tol >= 0:
            raise ValueError(f"tol must be a float >= 0, got {self.tol!r}")

    def fit(self, X, y, sample_weight=None):
        """Minimize the penalized, weighted log-loss from theta = 0; returns self."""
        self._check_params()
        X, y = self._validate_data(X, y)
        check_classification_targets(y)
        self.classes_, encoded_y = np.unique(y, return_inverse=True)
        n_classes = len(self.classes_)
        if n_classes < 2:
            raise ValueError("This solver needs samples of at least 2 classes in the data, but "
                             f"the data contains only one class: {self.classes_[0]!r}")
        weights = check_sample_weight(sample_weight, X.shape[0])  # (n,)
        weights = weights * class_weight_per_sample(self.class_weight, self.classes_, encoded_y,
                                                    weights)  # (n,)
        if not weights.sum() > 0:
            raise ValueError("sample weights (times class weights) must have a positive sum")

        n_rows = 1 if n_classes == 2 else n_classes
        target = encoded_y.astype(np.float64) if n_rows == 1 else encoded_y
        # C sum s_i loss_i + 1/2 ||w||^2, divided by C S: mean loss + ||w||^2 / (2 C S)
        penalty_strength = 0.0 if self.penalty is None else 1.0 / (self.C * weights.sum())
        l2_strength = penalty_strength if self.penalty == "l2" else 0.0
        objective = LogisticObjective(X, target, weights, l2_strength, self.fit_intercept, n_rows)
        result = self._minimize(objective, penalty_strength)
        if result.status == 1:  # the iteration cap, not the tolerance, ended the solve
            warnings.warn(f"{self.solver} failed to converge after {result.nit} iterations "
                          f"(max_iter={self.max_iter}); increase max_iter or scale the data.",
                          ConvergenceWarning, stacklevel=2)
        theta, n_iter = result.x, result.nit

        coef, intercept = objective.unpack(theta)
        self.coef_ = coef.copy()  # (K or 1, d)
        self.intercept_ = intercept.copy()  # (K or 1,)
        self.n_iter_ = np.array([n_iter], dtype=np.int32)
        return self

    def _minimize(self, objective, penalty_strength):
        """The solver's OptimizeResult for the objective (+ the l1 term)."""
        theta0 = np.zeros(objective.size)
        if self.penalty == "l1":
            # penalty_strength ||w||_1 on the coefficients only: a per-coordinate lam
            result = so.fista(objective.grad, theta0, penalty_strength * objective.penalty_mask(),
                              fun=objective.value, max_iter=self.max_iter, tol=self.tol)
        elif self.solver == "lbfgs":
            result = so.minimize(objective.value_and_grad, theta0, method="L-BFGS-B", jac=True,
                                 options={"maxiter": self.max_iter, "maxls": 50, "gtol": self.tol,
                                          "ftol": 64 * np.finfo(float).eps})
        elif self.solver == "newton":
            result = so.minimize(objective.value_and_grad, theta0, method="newton", jac=True,
                                 hess=objective.hessian,
                                 options={"maxiter": self.max_iter, "gtol": self.tol})
        else:
            result = so.minimize(objective.value_and_grad, theta0, method="gd", jac=True,
                                 options={"maxiter": self.max_iter, "gtol": self.tol})
        return result

    # -- prediction (decision_function and predict from LinearClassifierMixin) --

    def predict_proba(self, X):
        """(n, K) class probabilities, columns in the order of classes_."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            # subtle: expit(-z) rather than 1 - expit(z), which loses all digits when p ~ 1
            return np.column_stack([expit(-scores), expit(scores)])
        return softmax(scores, axis=1)

    def predict_log_proba(self, X):
        """(n, K) log-probabilities, computed stably (never log of a rounded-to-0 probability)."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return np.column_stack([log_expit(-scores), log_expit(scores)])
        return log_softmax(scores, axis=1)
