"""TruncatedSVD: the top singular directions of X itself, NOT centred (latent semantic analysis).

    X ~ U_k diag(S_k) V_k^T,   components_ = V_k^T,   transform(x) = x V_k,   inverse(z) = z V_k^T

algorithm "randomized" (default): the randomized SVD (see `_randomized_svd`) with n_iter power
iterations; "arpack": the exact top k from a full scratch_linalg SVD (same answer as scipy's
ARPACK, by a dense route). explained_variance_ is the variance of each column of the transformed
training data, explained_variance_ratio_ that over the total variance of X's columns.

Deviation from scikit-learn: the randomized draws come from a NumPy Generator, so results agree
with scikit-learn's only as far as the randomized method has converged (more n_iter: closer).
"""

import numbers

import numpy as np
import scratch_linalg as sla

from ..base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from ..utils.validation import check_array, check_is_fitted, check_random_state
from ._randomized_svd import NORMALIZERS, randomized_svd
from ._svd_flip import svd_flip

ALGORITHMS = ("randomized", "arpack")


def _is_integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


class TruncatedSVD(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Truncated SVD of uncentred data (sklearn.decomposition.TruncatedSVD).

    Fitted: components_ (k, d), explained_variance_, explained_variance_ratio_, singular_values_.
    """

    def __init__(
        self,
        n_components=2,
        *,
        algorithm="randomized",
        n_iter=5,
        n_oversamples=10,
        power_iteration_normalizer="auto",
        random_state=None,
    ):
        self.n_components = n_components
        self.algorithm = algorithm
        self.n_iter = n_iter
        self.n_oversamples = n_oversamples
        self.power_iteration_normalizer = power_iteration_normalizer
        self.random_state = random_state

    def _check_params(self, X):
        if not _is_integer(self.n_components) or self.n_components < 1:
            raise ValueError(f"n_components must be an integer >= 1, got {self.n_components!r}.")
        if self.algorithm not in ALGORITHMS:
            raise ValueError(
                f"algorithm={self.algorithm!r} is not supported; valid algorithms are {list(ALGORITHMS)}."
            )
        if not _is_integer(self.n_iter) or self.n_iter < 0:
            raise ValueError(f"n_iter must be an integer >= 0, got {self.n_iter!r}.")
        if not _is_integer(self.n_oversamples) or self.n_oversamples < 1:
            raise ValueError(f"n_oversamples must be an integer >= 1, got {self.n_oversamples!r}.")
        if self.power_iteration_normalizer not in NORMALIZERS:
            raise ValueError(
                f"power_iteration_normalizer must be one of {list(NORMALIZERS)}, "
                f"got {self.power_iteration_normalizer!r}."
            )
        if self.algorithm == "randomized" and self.n_components > X.shape[1]:
            raise ValueError(
                f"n_components({self.n_components}) must be <= n_features({X.shape[1]})."
            )
        if self.algorithm == "arpack" and self.n_components >= min(X.shape):
            raise ValueError(
                f"n_components={self.n_components} must be strictly less than min(n_samples, n_features)="
                f"{min(X.shape)} with algorithm='arpack'."
            )

    def fit(self, X, y=None):
        """Learn the top singular directions of X; returns self."""
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit, and return X projected on the components: (n_samples, n_components)."""
        X = self._validate_data(X, ensure_min_features=2)
        self._check_params(X)
        if self.algorithm == "randomized":
            U, S, Vt = randomized_svd(
                X,
                self.n_components,
                n_oversamples=self.n_oversamples,
                n_iter=self.n_iter,
                power_iteration_normalizer=self.power_iteration_normalizer,
                rng=check_random_state(self.random_state),
            )
        else:
            U, S, Vt = sla.svd(X, full_matrices=False)
            U, S, Vt = U[:, : self.n_components], S[: self.n_components], Vt[: self.n_components]
        U, Vt = svd_flip(U, Vt)
        self.components_ = np.ascontiguousarray(Vt)  # (k, d)
        self._n_features_out = self.components_.shape[0]
        # randomized: X V is exact for the returned V, while U S only approximates it
        transformed = X @ self.components_.T if self.algorithm == "randomized" else U * S  # (n, k)
        self.explained_variance_ = np.var(transformed, axis=0)
        self.explained_variance_ratio_ = self.explained_variance_ / np.var(X, axis=0).sum()
        self.singular_values_ = S
        return transformed

    def transform(self, X):
        """X projected on the components: (n_samples, n_components)."""
        check_is_fitted(self, "components_")
        X = self._validate_data(X, reset=False)
        return X @ self.components_.T

    def inverse_transform(self, X):
        """Back to feature space, z V_k^T: (n_samples, n_features)."""
        check_is_fitted(self, "components_")
        Z = check_array(X)
        if Z.shape[1] != self.components_.shape[0]:
            raise ValueError(
                f"X has {Z.shape[1]} features, but inverse_transform is expecting "
                f"{self.components_.shape[0]} features (n_components)."
            )
        return Z @ self.components_
