"""What SVC and SVR share: hyper-parameter checks, the kernel, solving the dual, kernel expansions.

A fitted kernel machine predicts through its support vectors only,
f(x) = sum_s dual_coef_s K(sv_s, x) + intercept; K(X, support_vectors_) is formed in row blocks,
so predicting on many samples never holds more than a block of it.
"""

import numbers
import warnings

from ..base import BaseEstimator
from ..exceptions import ConvergenceWarning
from ._dual_problem import SOLVERS, solve_dual
from ._kernels import KERNELS, Kernel, resolve_gamma

_PREDICT_BLOCK = 2048  # rows of K(X, support_vectors_) formed at a time


class BaseLibSVM(BaseEstimator):
    """Kernel SVM plumbing; subclasses define __init__ and fit."""

    def _check_hyper_parameters(self):
        if self.kernel not in KERNELS:
            raise ValueError(f"kernel must be one of {KERNELS}, got {self.kernel!r}.")
        if self.solver not in SOLVERS:
            raise ValueError(f"solver must be one of {SOLVERS}, got {self.solver!r}.")
        if self.solver != "smo" and self.kernel == "sigmoid":
            # subtle: tanh(gamma <x, z> + coef0) is not positive semi-definite, so the dual is not
            # convex; SMO still finds a stationary point (libsvm's), an interior-point QP may not.
            raise ValueError(
                f"solver={self.solver!r} needs a positive semi-definite kernel; "
                "use solver='smo' with kernel='sigmoid'."
            )
        if not isinstance(self.C, numbers.Real) or not self.C > 0:
            raise ValueError(f"C must be a positive float, got {self.C!r}.")
        if not isinstance(self.tol, numbers.Real) or not self.tol > 0:
            raise ValueError(f"tol must be a positive float, got {self.tol!r}.")
        if not isinstance(self.degree, numbers.Integral) or self.degree < 0:
            raise ValueError(f"degree must be a non-negative int, got {self.degree!r}.")
        if (
            not isinstance(self.max_iter, numbers.Integral)
            or self.max_iter == 0
            or self.max_iter < -1
        ):
            raise ValueError(
                f"max_iter must be -1 (no limit) or a positive int, got {self.max_iter!r}."
            )
        if not isinstance(self.cache_size, numbers.Real) or not self.cache_size > 0:
            raise ValueError(
                f"cache_size must be a positive number of MB, got {self.cache_size!r}."
            )

    def _make_kernel(self, X):
        """Check the hyper-parameters, fix gamma from the training X, store `_gamma`."""
        self._check_hyper_parameters()
        self._gamma = resolve_gamma(self.gamma, X)
        return Kernel(self.kernel, self._gamma, self.degree, self.coef0)

    def _solve(self, problem):
        """alpha, rho, n_iter of one dual problem, warning if SMO / the QP stopped unconverged."""
        alpha, rho, n_iter, converged = solve_dual(problem, self.solver, self.tol, self.max_iter)
        if not converged:
            warnings.warn(
                f"Solver terminated early (max_iter={self.max_iter}, solver={self.solver!r}). "
                "Consider pre-processing your data with StandardScaler or MinMaxScaler.",
                ConvergenceWarning,
                stacklevel=3,
            )
        return alpha, rho, n_iter

    @property
    def _cache_bytes(self):
        return self.cache_size * 2**20

    def _kernel_to_support_vectors(self, X):
        """Yield (row slice, K(X[rows], support_vectors_)) in blocks of rows."""
        kernel = Kernel(self.kernel, self._gamma, self.degree, self.coef0)
        for start in range(0, X.shape[0], _PREDICT_BLOCK):
            rows = slice(start, start + _PREDICT_BLOCK)
            yield rows, kernel(X[rows], self.support_vectors_)  # (block, n_SV)
