"""The M-step of a Gaussian mixture: weights, means and covariances from responsibilities.

With responsibilities r (n, k) (r_ij = P(component j | x_i)) and n_j = sum_i r_ij:

    weight_j = n_j / n,     mean_j = sum_i r_ij x_i / n_j

and the covariance in the four shapes scikit-learn offers (reg_covar added to every variance
keeps them positive definite):

    full       S_j = sum_i r_ij (x_i - mean_j)(x_i - mean_j)^T / n_j + reg I       (k, d, d)
    tied       S   = (X^T X - sum_j n_j mean_j mean_j^T) / n + reg I             (d, d)
    diag       s_j = sum_i r_ij x_i^2 / n_j - mean_j^2 + reg                      (k, d)
    spherical  v_j = mean over features of the diag s_j                          (k,)

n_j gets 10 eps added so an empty component divides by a tiny number, not by zero (as sklearn).
"""

import numpy as np

COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")


def _full(resp, X, nk, means, reg_covar):
    n_components, n_features = means.shape
    covariances = np.empty((n_components, n_features, n_features))  # (k, d, d)
    for j in range(n_components):  # one (d, n) @ (n, d) product per component
        deviations = X - means[j]  # (n, d)
        covariances[j] = (resp[:, j] * deviations.T) @ deviations / nk[j]
        covariances[j].flat[:: n_features + 1] += reg_covar
    return covariances


def _tied(resp, X, nk, means, reg_covar):
    covariance = X.T @ X - (nk * means.T) @ means  # (d, d)
    covariance /= nk.sum()
    covariance.flat[:: covariance.shape[0] + 1] += reg_covar
    return covariance


def _diag(resp, X, nk, means, reg_covar):
    average_square = resp.T @ (X * X) / nk[:, None]  # (k, d)
    return average_square - means**2 + reg_covar


def _spherical(resp, X, nk, means, reg_covar):
    return _diag(resp, X, nk, means, reg_covar).mean(axis=1)  # (k,)


_ESTIMATORS = {"full": _full, "tied": _tied, "diag": _diag, "spherical": _spherical}


def estimate_gaussian_parameters(X, resp, reg_covar, covariance_type):
    """(nk (k,), means (k, d), covariances) from X (n, d) and responsibilities (n, k).

    nk are the soft counts; weights are nk / n (the caller normalizes).
    """
    nk = resp.sum(axis=0) + 10 * np.finfo(resp.dtype).eps  # (k,)
    means = resp.T @ X / nk[:, None]  # (k, d)
    covariances = _ESTIMATORS[covariance_type](resp, X, nk, means, reg_covar)
    return nk, means, covariances
