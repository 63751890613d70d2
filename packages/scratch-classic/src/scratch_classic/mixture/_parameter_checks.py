"""GaussianMixture's parameter checks, with scikit-learn's messages.

Hyper-parameters: n_components >= 1 (and <= n_samples), a known covariance_type and init_params,
tol and reg_covar >= 0, max_iter >= 0, n_init >= 1.

Initial parameters, when given (each validated copy is returned; the estimator's own
attributes are left as passed, so clone and get_params see them unchanged):
  - weights_init (k,): in [0, 1], summing to 1 within 1e-8;
  - means_init (k, d);
  - precisions_init: (k, d, d) full, (d, d) tied, (k, d) diag, (k,) spherical; the matrices
    symmetric positive definite (a Cholesky factorization succeeds), the vectors positive.
"""

import numbers

import numpy as np
import scratch_linalg as sla

from ..utils.validation import check_array
from ._gaussian_parameters import COVARIANCE_TYPES

INIT_PARAMS = ("kmeans", "k-means++", "random", "random_from_data")


def _is_integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_hyper_parameters(mixture, n_samples):
    """Raise ValueError naming the first invalid hyper-parameter of the mixture."""
    if not _is_integer(mixture.n_components) or mixture.n_components < 1:
        raise ValueError(f"n_components must be an integer >= 1, got {mixture.n_components!r}.")
    if mixture.covariance_type not in COVARIANCE_TYPES:
        raise ValueError(
            f"covariance_type must be one of {list(COVARIANCE_TYPES)}, "
            f"got {mixture.covariance_type!r}."
        )
    if mixture.init_params not in INIT_PARAMS:
        raise ValueError(
            f"init_params must be one of {list(INIT_PARAMS)}, got {mixture.init_params!r}."
        )
    for name in ("tol", "reg_covar"):
        value = getattr(mixture, name)
        if not _is_real(value) or not value >= 0.0:
            raise ValueError(f"{name} must be a real number >= 0.0, got {value!r}.")
    if not _is_integer(mixture.max_iter) or mixture.max_iter < 0:
        raise ValueError(f"max_iter must be an integer >= 0, got {mixture.max_iter!r}.")
    if not _is_integer(mixture.n_init) or mixture.n_init < 1:
        raise ValueError(f"n_init must be an integer >= 1, got {mixture.n_init!r}.")
    if n_samples < mixture.n_components:
        raise ValueError(
            "Expected n_samples >= n_components but got "
            f"n_components = {mixture.n_components}, n_samples = {n_samples}"
        )


def _checked_shape(value, name, shape):
    array = check_array(value, name=name, ensure_2d=False, ensure_min_samples=0)
    if array.shape != shape:
        raise ValueError(
            f"The parameter '{name}' should have the shape of {shape}, but got {array.shape}"
        )
    return array


def _check_weights(weights):
    if np.any(weights < 0) or np.any(weights > 1):
        raise ValueError(
            "The parameter 'weights' should be in the range [0, 1], but got max value "
            f"{weights.max():.5f}, min value {weights.min():.5f}"
        )
    if not abs(1.0 - weights.sum()) <= 1e-8:
        raise ValueError(
            "The parameter 'weights' should be normalized, "
            f"but got sum(weights) = {weights.sum():.5f}"
        )


def _check_precisions(precisions, covariance_type):
    if covariance_type in ("diag", "spherical"):
        if np.any(precisions <= 0.0):
            raise ValueError(f"'{covariance_type} precision' should be positive")
        return
    symmetric = np.allclose(precisions, np.swapaxes(precisions, -1, -2))
    try:
        sla.cholesky(precisions)  # succeeds exactly when positive definite
        positive = True
    except sla.LinAlgError:
        positive = False
    if not (symmetric and positive):
        raise ValueError(f"'{covariance_type} precision' should be symmetric, positive-definite")


def checked_initial_parameters(mixture, n_features):
    """(weights, means, precisions): each validated float64 array, or None when not given."""
    k, d = mixture.n_components, n_features
    weights = means = precisions = None
    if mixture.weights_init is not None:
        weights = _checked_shape(mixture.weights_init, "weights", (k,))
        _check_weights(weights)
    if mixture.means_init is not None:
        means = _checked_shape(mixture.means_init, "means", (k, d))
    if mixture.precisions_init is not None:
        shapes = {"full": (k, d, d), "tied": (d, d), "diag": (k, d), "spherical": (k,)}
        name = f"{mixture.covariance_type} precision"
        precisions = _checked_shape(mixture.precisions_init, name, shapes[mixture.covariance_type])
        _check_precisions(precisions, mixture.covariance_type)
    return weights, means, precisions
