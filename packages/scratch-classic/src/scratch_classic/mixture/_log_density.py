"""log N(x | mean_j, S_j) for every sample and component, from the precision Cholesky factors U_j.

    log N(x | m, S) = -1/2 (d log(2 pi) + ||(x - m)^T U||^2) + log det U

full / tied: (x - m)^T U = x^T U - m^T U, one product X @ [U_1 ... U_k] for all components at
once (tied: one U), by chunks of rows so the (rows, k, d) block stays small.
diag / spherical (precision p = U^2), by the expansion scikit-learn uses:

    sum_f p_jf (x_f - m_jf)^2 = sum_f p_jf m_jf^2 - 2 x . (p_j * m_j) + x^2 . p_j
"""

import math

import numpy as np

from ._precision_cholesky import log_det_cholesky

_CHUNK_BYTES = 16 * 2**20


def _row_chunks(n_samples, width):
    rows = max(1, _CHUNK_BYTES // (8 * max(1, width)))
    return [slice(start, min(start + rows, n_samples)) for start in range(0, n_samples, rows)]


def _mahalanobis_full(X, means, precisions_cholesky):
    n_components, n_features = means.shape
    # all factors side by side: column block j of `stacked` is U_j
    stacked = np.transpose(precisions_cholesky, (1, 0, 2)).reshape(
        n_features, n_components * n_features
    )  # (d, k*d)
    offsets = np.einsum("jf,jfg->jg", means, precisions_cholesky).reshape(-1)  # (k*d,): m_j^T U_j
    # summing each block of d squares is one more product, with a 0/1 block indicator (k*d, k)
    block_sums = np.repeat(np.eye(n_components), n_features, axis=0)
    squared = np.empty((X.shape[0], n_components))  # (n, k)
    for rows in _row_chunks(X.shape[0], n_components * n_features):
        whitened = X[rows] @ stacked - offsets  # (n_chunk, k*d)
        whitened *= whitened
        np.matmul(whitened, block_sums, out=squared[rows])
    return squared


def _mahalanobis_tied(X, means, precision_cholesky):
    n_components, n_features = means.shape
    offsets = means @ precision_cholesky  # (k, d)
    squared = np.empty((X.shape[0], n_components))  # (n, k)
    for rows in _row_chunks(X.shape[0], n_components * n_features):
        whitened = (X[rows] @ precision_cholesky)[:, None, :] - offsets[
            None, :, :
        ]  # (n_chunk, k, d)
        squared[rows] = np.einsum("ijf,ijf->ij", whitened, whitened)
    return squared


def _mahalanobis_diag(X, means, precisions_cholesky):
    precisions = precisions_cholesky**2  # (k, d)
    return (
        np.sum(means**2 * precisions, axis=1)[None, :]
        - 2.0 * (X @ (means * precisions).T)
        + (X**2) @ precisions.T
    )  # (n, k)


def _mahalanobis_spherical(X, means, precisions_cholesky):
    precisions = precisions_cholesky**2  # (k,)
    return (
        np.sum(means**2, axis=1)[None, :] * precisions
        - 2.0 * (X @ means.T * precisions)
        + np.outer(np.einsum("ij,ij->i", X, X), precisions)
    )  # (n, k)


_MAHALANOBIS = {
    "full": _mahalanobis_full,
    "tied": _mahalanobis_tied,
    "diag": _mahalanobis_diag,
    "spherical": _mahalanobis_spherical,
}


def estimate_log_gaussian_prob(X, means, precisions_cholesky, covariance_type):
    """log N(x_i | mean_j, S_j): (n_samples, n_components)."""
    n_features = means.shape[1]
    log_det = log_det_cholesky(precisions_cholesky, covariance_type, n_features)  # (k,) or scalar
    squared = _MAHALANOBIS[covariance_type](X, means, precisions_cholesky)  # (n, k)
    return -0.5 * (n_features * math.log(2 * math.pi) + squared) + log_det
