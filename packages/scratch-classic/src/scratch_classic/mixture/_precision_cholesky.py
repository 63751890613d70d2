"""Precision Cholesky factors: the form in which a Gaussian mixture keeps its covariances.

For a covariance S = L L^T (L lower triangular, by Cholesky), the precision is
S^-1 = L^-T L^-1 = U U^T with U = L^-T upper triangular, and U is what is stored
(`precisions_cholesky_`): the log-density then needs only

    ||(x - mean)^T U||^2 = (x - mean)^T S^-1 (x - mean)     and     log det S^-1 = 2 sum log diag U

(diag / spherical: U is 1 / sqrt(variance), elementwise). From a user-given precision P instead,
U U^T = P with U upper triangular comes from the lower Cholesky of P with rows and columns
reversed: J P J = M M^T gives P = (J M J)(J M J)^T with J M J upper triangular.
"""

import numpy as np
import scratch_linalg as sla

_ILL_DEFINED = (
    "Fitting the mixture model failed because some components have ill-defined empirical "
    "covariance (for instance caused by singleton or collapsed samples). Try to decrease the "
    "number of components, increase reg_covar, or scale the input data."
)


def precision_cholesky_from_covariances(covariances, covariance_type):
    """U = L^-T per covariance (full: (k, d, d), tied: (d, d)), or 1 / sqrt(variance)."""
    if covariance_type in ("full", "tied"):
        try:
            lower = sla.cholesky(covariances)  # (k, d, d) or (d, d)
        except sla.LinAlgError as error:
            raise ValueError(_ILL_DEFINED) from error
        identity = np.broadcast_to(np.eye(covariances.shape[-1]), covariances.shape)
        inverse_lower = sla.solve_triangular(lower, identity, lower=True)  # L^-1
        return np.ascontiguousarray(np.swapaxes(inverse_lower, -1, -2))  # L^-T, upper triangular
    if np.any(covariances <= 0.0):
        raise ValueError(_ILL_DEFINED)
    return 1.0 / np.sqrt(covariances)


def precision_cholesky_from_precisions(precisions, covariance_type):
    """U upper triangular with U U^T = P (full / tied), or sqrt(P) (diag / spherical)."""
    if covariance_type in ("full", "tied"):
        reversed_lower = sla.cholesky(precisions[..., ::-1, ::-1])  # J P J = M M^T
        return np.ascontiguousarray(reversed_lower[..., ::-1, ::-1])  # J M J
    return np.sqrt(precisions)


def precisions_from_cholesky(precisions_cholesky, covariance_type):
    """P = U U^T (full / tied), or U^2 (diag / spherical)."""
    if covariance_type in ("full", "tied"):
        return precisions_cholesky @ np.swapaxes(precisions_cholesky, -1, -2)
    return precisions_cholesky**2


def log_det_cholesky(precisions_cholesky, covariance_type, n_features):
    """log det U per component = 1/2 log det of the precision: (k,) (a scalar for tied)."""
    if covariance_type == "full":
        return np.log(np.diagonal(precisions_cholesky, axis1=1, axis2=2)).sum(axis=1)
    if covariance_type == "tied":
        return np.log(np.diagonal(precisions_cholesky)).sum()
    if covariance_type == "diag":
        return np.log(precisions_cholesky).sum(axis=1)
    return n_features * np.log(precisions_cholesky)
