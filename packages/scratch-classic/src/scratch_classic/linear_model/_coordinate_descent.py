"""The elastic net and the lasso (sklearn.linear_model.ElasticNet / Lasso), scikit-learn's objective

    1/(2 n) sum_i s_i (y_i - x_i w - b)^2 + alpha l1_ratio ||w||_1 + alpha (1 - l1_ratio)/2 ||w||^2

with sample weights s rescaled to sum to n (so a constant weight changes nothing) and the
intercept b unpenalized (taken out by centering, see `_base`). Lasso is l1_ratio = 1.

Multiplying by n gives the form the solvers in `_enet_solvers` work on (l1 = n alpha l1_ratio,
l2 = n alpha (1 - l1_ratio)): coordinate descent on the Gram matrix X^T X (solver="cd"), or
FISTA proximal gradient (solver="gd"). Both stop on scikit-learn's duality gap,
gap <= tol * ||y||^2, and store dual_gap_ = gap / n. Several targets are independent problems
that share one Gram matrix.

The Gram matrix (d^2 memory, n d^2 flops once) makes a sweep O(d^2) instead of scikit-learn's
default O(n d) residual updates: the right trade when n >= d (scikit-learn's precompute=True),
the wrong one when d >> n, where residual-based sweeps would be cheaper.
"""

import numbers
import warnings

import numpy as np

from ..base import RegressorMixin
from ..exceptions import ConvergenceWarning
from ..utils.validation import check_random_state
from ._base import LinearModel, preprocess_data, targets_as_matrix, validated_sample_weight
from ._enet_solvers import enet_coordinate_descent_gram, enet_proximal_gradient_gram

SOLVERS = ("cd", "gd")
SELECTIONS = ("cyclic", "random")


class _BaseElasticNet(RegressorMixin, LinearModel):
    """The fit shared by ElasticNet and Lasso; subclasses say their l1 share by `_l1_ratio()`."""

    _ravel_single_target = True

    def _check_options(self, l1_ratio):
        if not (isinstance(self.alpha, numbers.Real) and 0 <= self.alpha < np.inf):
            raise ValueError(f"alpha must be a float >= 0, got {self.alpha!r}")
        if not (isinstance(l1_ratio, numbers.Real) and 0 <= l1_ratio <= 1):
            raise ValueError(f"l1_ratio must be a float in [0, 1], got {l1_ratio!r}")
        max_iter = self.max_iter
        if isinstance(max_iter, bool) or not isinstance(max_iter, numbers.Integral) or max_iter < 1:
            raise ValueError(f"max_iter must be an integer >= 1, got {self.max_iter!r}")
        if not (isinstance(self.tol, numbers.Real) and self.tol >= 0):
            raise ValueError(f"tol must be a float >= 0, got {self.tol!r}")
        if self.selection not in SELECTIONS:
            raise ValueError(f"selection must be one of {SELECTIONS}, got {self.selection!r}")
        if self.solver not in SOLVERS:
            raise ValueError(f"solver must be one of {SOLVERS}, got {self.solver!r}")

    def fit(self, X, y, sample_weight=None):
        l1_ratio = self._l1_ratio()
        self._check_options(l1_ratio)
        X, y = self._validate_data(X, y, y_numeric=True, multi_output=True)
        if self.alpha == 0:
            warnings.warn("With alpha=0, this algorithm does not converge well. You are advised "
                          "to use the LinearRegression estimator", UserWarning, stacklevel=2)
        n_samples = X.shape[0]
        Y, y_was_1d = targets_as_matrix(y)  # (n_samples, n_targets)
        sample_weight = validated_sample_weight(sample_weight, n_samples)
        if sample_weight is not None:
            # subtle: weights summing to n keep n alpha the right penalty scale (sklearn does this).
            sample_weight = sample_weight * (n_samples / sample_weight.sum())
        X, Y, X_offset, Y_offset = preprocess_data(X, Y, self.fit_intercept, sample_weight)
        gram = X.T @ X  # (d, d)
        correlations = X.T @ Y  # (d, k)
        l1 = n_samples * self.alpha * l1_ratio
        l2 = n_samples * self.alpha * (1.0 - l1_ratio)
        rng = check_random_state(self.random_state) if self.selection == "random" else None

        coef = np.zeros_like(correlations)  # (d, k)
        dual_gaps, iterations = np.zeros(Y.shape[1]), []
        for target in range(Y.shape[1]):
            y_norm2 = Y[:, target] @ Y[:, target]
            if self.solver == "cd":
                w, gap, gap_tol, n_iter, converged = enet_coordinate_descent_gram(
                    gram, correlations[:, target], y_norm2, l1, l2, self.max_iter, self.tol, rng)
            else:
                w, gap, gap_tol, n_iter, converged = enet_proximal_gradient_gram(
                    gram, correlations[:, target], y_norm2, l1, l2, self.max_iter, self.tol)
            if not converged:
                warnings.warn(f"Objective did not converge. You might want to increase the number "
                              f"of iterations. Duality gap: {gap:.6e}, tolerance: {gap_tol:.3e}",
                              ConvergenceWarning, stacklevel=2)
            coef[:, target], dual_gaps[target] = w, gap / n_samples
            iterations.append(n_iter)

        self._set_coef(coef, X_offset, Y_offset, y_was_1d)
        single_target = Y.shape[1] == 1
        self.dual_gap_ = dual_gaps[0] if single_target else dual_gaps
        self.n_iter_ = iterations[0] if single_target else iterations
        return self


class ElasticNet(_BaseElasticNet):
    """Least squares with a mixed L1 + L2 penalty, fitted by coordinate descent.

    alpha: penalty strength; l1_ratio: its L1 share (1 = lasso, 0 = ridge, scaled as sklearn's).
    solver: "cd" (coordinate descent) or "gd" (FISTA proximal gradient; max_iter counts its steps).
    selection: "cyclic" or "random" (coordinates drawn with random_state), for "cd".
    Fitted: coef_, intercept_, dual_gap_ (gap / n_samples), n_iter_ (sweeps, a list per target
    for 2-D y).
    """

    def __init__(self, alpha=1.0, *, l1_ratio=0.5, fit_intercept=True, max_iter=1000, tol=1e-4,
                 random_state=None, selection="cyclic", solver="cd"):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.selection = selection
        self.solver = solver

    def _l1_ratio(self):
        return self.l1_ratio


class Lasso(_BaseElasticNet):
    """Least squares with an L1 penalty alpha ||w||_1 (ElasticNet with l1_ratio = 1).

    Parameters and fitted attributes as ElasticNet's.
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, max_iter=1000, tol=1e-4, random_state=None,
                 selection="cyclic", solver="cd"):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.selection = selection
        self.solver = solver

    def _l1_ratio(self):
        return 1.0
