"""Ordinary least squares:  minimize_w ||y - X w||^2  (sklearn.linear_model.LinearRegression).

Two ways to the same minimizer, chosen by how well conditioned X is:

- normal equations  X^T X w = X^T y,  solved by Cholesky. Cheap (one d x d Gram, 2 n d^2 flops)
  but squares the condition number: the error grows like cond(X)^2 eps.
- the SVD  X = U diag(s) V^T  (scratch_linalg.lstsq):  w = V_r diag(1/s_r) U_r^T y  over the
  singular values above  tol * s_1.  Costlier, but exact for any X, and when X is rank
  deficient it gives the minimum-norm minimizer, which is scikit-learn's answer.

The eigenvalues of X^T X are the squared singular values of X, so one `eigvalsh` of the Gram
(d^3, no pass over the data) decides: Cholesky when s_min > max(tol, 1e-4) s_max (no singular
value would be cut, and cond(X)^2 eps < 3e-8), the SVD otherwise. It also gives `singular_`.
The intercept comes from centering (see `_base`).
"""

import numpy as np
import scratch_linalg as sla

from ..base import RegressorMixin
from ._base import (
    LinearModel,
    cholesky_solve,
    preprocess_data,
    targets_as_matrix,
    validated_sample_weight,
)

# Cholesky on the normal equations only when s_min / s_max exceeds this: the relative error of
# the normal equations, ~ (s_max / s_min)^2 eps, then stays below ~ 2e-8.
WELL_CONDITIONED_RATIO = 1e-4


def least_squares(X, Y, tol):
    """Minimum-norm minimizer of ||Y - X W||_F -> (W (d, k), rank, singular values of X)."""
    n_samples, n_features = X.shape
    if n_samples >= n_features:
        gram = X.T @ X  # (d, d)
        eigenvalues = sla.eigvalsh(gram)  # ascending
        singular_values = np.sqrt(np.clip(eigenvalues[::-1], 0.0, None))  # (d,) descending
        if singular_values[-1] > max(tol, WELL_CONDITIONED_RATIO) * singular_values[0]:
            try:
                return cholesky_solve(gram, X.T @ Y), n_features, singular_values
            except sla.LinAlgError:  # subtle: rounding can still break positive definiteness
                pass
    coef, _, rank, singular_values = sla.lstsq(X, Y, rcond=tol)
    return coef, int(rank), singular_values


class LinearRegression(RegressorMixin, LinearModel):
    """Ordinary least squares with an optional intercept, sample weights and several targets.

    tol: singular values of the centered X below tol * s_max count as zero (sklearn's `cond`).
    Fitted: coef_ (n_features,) or (n_targets, n_features), intercept_, rank_, singular_.
    """

    def __init__(self, *, fit_intercept=True, tol=1e-6):
        self.fit_intercept = fit_intercept
        self.tol = tol

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y, y_numeric=True, multi_output=True)
        if not (np.isscalar(self.tol) and self.tol >= 0):
            raise ValueError(f"tol must be a float >= 0, got {self.tol!r}")
        Y, y_was_1d = targets_as_matrix(y)  # (n_samples, n_targets)
        sample_weight = validated_sample_weight(sample_weight, X.shape[0])
        X, Y, X_offset, Y_offset = preprocess_data(X, Y, self.fit_intercept, sample_weight)
        coef, self.rank_, self.singular_ = least_squares(X, Y, self.tol)  # coef (d, k)
        self._set_coef(coef, X_offset, Y_offset, y_was_1d)
        return self
