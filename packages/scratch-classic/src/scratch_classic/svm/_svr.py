"""Epsilon-support vector regression (libsvm's epsilon-SVR, scikit-learn's SVR).

Errors within epsilon cost nothing; beyond it they cost C_i per unit. The dual has two variables
per sample, a+_i (pushes f up) and a-_i (pushes f down):

    min  1/2 (a+ - a-)' K (a+ - a-) + epsilon sum (a+ + a-) - z'(a+ - a-)
    s.t. sum (a+ - a-) = 0,  0 <= a+_i, a-_i <= C_i

which is libsvm's dual form with 2n variables (see _dual_problem), so the same SMO core solves it.
The model is f(x) = sum_i (a+_i - a-_i) K(x_i, x) - rho; the support vectors have a+_i != a-_i.
"""

import numbers

import numpy as np

from ..base import RegressorMixin
from ..utils.validation import check_sample_weight
from ._base import BaseLibSVM
from ._dual_problem import DualProblem
from ._kernel_cache import KernelColumns


class SVR(RegressorMixin, BaseLibSVM):
    """Kernel epsilon-insensitive regression; solver "smo" (libsvm's), "qp" (interior point) or "cvxopt"."""

    def __init__(
        self,
        *,
        kernel="rbf",
        degree=3,
        gamma="scale",
        coef0=0.0,
        tol=1e-3,
        C=1.0,
        epsilon=0.1,
        cache_size=200,
        max_iter=-1,
        solver="smo",
    ):
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.tol = tol
        self.C = C
        self.epsilon = epsilon
        self.cache_size = cache_size
        self.max_iter = max_iter
        self.solver = solver

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y, y_numeric=True)
        if not isinstance(self.epsilon, numbers.Real) or not self.epsilon >= 0:
            raise ValueError(f"epsilon must be a non-negative float, got {self.epsilon!r}.")
        kernel = self._make_kernel(X)
        sample_C = self.C * check_sample_weight(sample_weight, X.shape[0])  # (n,)
        # subtle: a sample of weight 0 cannot be a support vector; libsvm drops it before solving.
        kept = np.flatnonzero(sample_C > 0)  # (n_kept,)
        if kept.size == 0:
            raise ValueError("Invalid input: every sample has weight 0.")
        target = y[kept]
        n_kept = kept.size
        problem = DualProblem(
            KernelColumns(X[kept], kernel, self._cache_bytes),
            sign=np.concatenate([np.ones(n_kept), -np.ones(n_kept)]),  # (2 n_kept,) a+ then a-
            linear_term=np.concatenate([self.epsilon - target, self.epsilon + target]),
            upper_bound=np.tile(sample_C[kept], 2),
            sample_index=np.tile(np.arange(n_kept), 2),
        )
        alpha, rho, n_iter = self._solve(problem)
        coef = alpha[:n_kept] - alpha[n_kept:]  # (n_kept,) a+ - a-
        is_support = coef != 0

        self.support_ = kept[is_support].astype(np.int32)
        self.support_vectors_ = X[self.support_]
        self.n_support_ = np.array([self.support_.size], dtype=np.int32)
        self.dual_coef_ = coef[is_support][None, :]  # (1, n_SV)
        self.intercept_ = np.array([-rho])
        self.n_iter_ = n_iter
        return self

    @property
    def coef_(self):
        """Primal weights (1, n_features); linear kernel only."""
        if self.kernel != "linear":
            raise AttributeError("coef_ is only available when using a linear kernel")
        return self.dual_coef_ @ self.support_vectors_

    def predict(self, X):
        """f(x) = sum_s dual_coef_s K(sv_s, x) + intercept_: (n_samples,)."""
        X = self._validate_data(X, reset=False)
        prediction = np.empty(X.shape[0])
        for rows, kernel in self._kernel_to_support_vectors(X):  # kernel: (block, n_SV)
            prediction[rows] = kernel @ self.dual_coef_[0] + self.intercept_[0]
        return prediction
