"""Solvers for ridge regression  minimize_w ||y - X w||^2 + alpha ||w||^2,  one alpha per target.

X (n, d) and Y (n, k) arrive centered and weight-scaled (see `_base`); each solver returns the
coefficients W (d, k), column t solving the problem for target t with penalty alphas[t].

- primal Cholesky:  (X^T X + alpha I) w = X^T y           d x d system, best when n >= d;
- dual Cholesky:    (X X^T + alpha I) a = y,  w = X^T a    n x n system, best when n < d
  (the two agree: X^T (X X^T + alpha I)^-1 = (X^T X + alpha I)^-1 X^T);
- SVD:  X = U diag(s) V^T,  w = V diag(s / (s^2 + alpha)) U^T y  (any alpha >= 0; the singular
  values <= 1e-15 are dropped, as scikit-learn does, which makes alpha = 0 the minimum-norm
  least-squares answer);
- gradient descent (teaching variant): f(w) = 1/2 w^T (X^T X + alpha I) w - (X^T y)^T w has the
  gradient (X^T X + alpha I) w - X^T y and a Lipschitz constant L = lambda_max(X^T X) + alpha, so
  steps of 1/L converge (linearly, at the rate 1 - 1/cond); run by scratch_optim.minimize("gd").
"""

import warnings

import numpy as np
import scratch_linalg as sla
import scratch_optim as so

from ..exceptions import ConvergenceWarning
from ._base import cholesky_solve

SMALLEST_SINGULAR_VALUE = 1e-15  # smaller singular values are treated as zeros (scipy's pinv)


def _add_to_diagonal(matrix, value):
    matrix.flat[:: matrix.shape[0] + 1] += value


def _solve_shifted(matrix, rhs, alphas):
    """Solve (matrix + alpha_t I) x_t = rhs_t per target t; one factorization per distinct alpha."""
    solution = np.empty_like(rhs)  # (m, k)
    for alpha in np.unique(alphas):
        targets = alphas == alpha  # (k,) bool
        _add_to_diagonal(matrix, alpha)
        try:
            solution[:, targets] = cholesky_solve(matrix, rhs[:, targets])
        finally:
            _add_to_diagonal(matrix, -alpha)
    return solution


def ridge_primal_cholesky(X, Y, alphas):
    """(X^T X + alpha I)^-1 X^T Y; raises sla.LinAlgError when the system is singular."""
    return _solve_shifted(X.T @ X, X.T @ Y, alphas)  # (d, k)


def ridge_dual_cholesky(X, Y, alphas):
    """X^T (X X^T + alpha I)^-1 Y; raises sla.LinAlgError when the system is singular."""
    return X.T @ _solve_shifted(X @ X.T, Y, alphas)  # (d, n) @ (n, k)


def ridge_svd(X, Y, alphas):
    """V diag(s / (s^2 + alpha)) U^T Y, per target alpha."""
    u, singular_values, vh = sla.svd(X, full_matrices=False)  # (n, r), (r,), (r, d)
    kept = singular_values > SMALLEST_SINGULAR_VALUE  # (r,)
    s = singular_values[kept, np.newaxis]  # (r', 1)
    shrink = s / (s * s + alphas[np.newaxis, :])  # (r', k)
    return vh[kept].T @ (shrink * (u[:, kept].T @ Y))  # (d, r') @ (r', k)


def ridge_gradient_descent(X, Y, alphas, max_iter, tol):
    """Fixed-step gradient descent per target -> (W (d, k), iterations (k,)).

    Stops when ||gradient||_inf <= tol * ||X^T y||_inf (a relative gradient norm), or after
    max_iter steps (then a ConvergenceWarning).
    """
    gram = X.T @ X  # (d, d)
    correlations = X.T @ Y  # (d, k)
    largest_eigenvalue = sla.eigvalsh(gram)[-1]
    coef = np.zeros_like(correlations)  # (d, k)
    iterations = np.zeros(Y.shape[1], dtype=np.int32)
    for target, alpha in enumerate(alphas):
        xy = correlations[:, target]  # (d,)

        def value_and_gradient(w, alpha=alpha, xy=xy):
            shifted_w = gram @ w + alpha * w  # (d,)
            return 0.5 * w @ shifted_w - xy @ w, shifted_w - xy

        lipschitz = largest_eigenvalue + alpha
        if lipschitz == 0:  # X == 0 and alpha == 0: every w is optimal, keep 0
            continue
        result = so.minimize(
            value_and_gradient, np.zeros(X.shape[1]), jac=True, method="gd",
            options={"learning_rate": 1.0 / lipschitz, "gtol": tol * np.max(np.abs(xy)),
                     "maxiter": max_iter},
        )
        if not result.success:
            warnings.warn(f"Ridge gradient descent did not converge in {max_iter} iterations "
                          f"({result.message}); increase max_iter or tol.", ConvergenceWarning,
                          stacklevel=3)
        coef[:, target], iterations[target] = result.x, result.nit
    return coef, iterations
