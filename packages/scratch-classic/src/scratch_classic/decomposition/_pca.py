"""PCA: principal component analysis by SVD of the centred data (or eigh of its covariance).

With X_c = X - mean (n, d) and its SVD X_c = U diag(S) V^T (S descending):

    components_ = rows of V^T (the principal axes), explained_variance_ = S^2 / (n - 1),
    explained_variance_ratio_ = explained_variance_ / total variance,
    transform(x) = (x - mean) V_k  (divided by sqrt(explained_variance_) when whiten),
    inverse_transform(z) = z V_k^T + mean  (z scaled back first when whiten).

Solvers (svd_solver), all giving that same decomposition:
  - "full": scratch_linalg.svd of X_c;
  - "covariance_eigh": eigh of C = (X^T X - n mean mean^T) / (n - 1), whose eigenvalues are
    the explained variances (fast for n >> d: one d x d eigenproblem);
  - "randomized": the randomized truncated SVD (see `_randomized_svd`) of X_c;
  - "auto" (scikit-learn's rule): covariance_eigh when d <= 1000 and n >= 10 d; else full when
    max(n, d) <= 500 or n_components == "mle"; else randomized when 1 <= n_components <
    0.8 min(n, d); else full.
Signs follow svd_flip (largest entry of each component positive).

n_components: an int, None (all min(n, d)), a float in (0, 1) (the fewest components whose
cumulative explained variance ratio exceeds it), or "mle" (Minka, see `_pca_dimension`).
noise_variance_ is the mean of the discarded variances (probabilistic PCA's sigma^2), which
score_samples uses: the data's covariance under the model is
C = V_k diag(explained_variance_ - sigma^2) V_k^T + sigma^2 I.
"""

import math
import numbers

import numpy as np
import scratch_linalg as sla

from ..base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from ..utils.validation import check_array, check_is_fitted, check_random_state
from ._pca_dimension import infer_dimension
from ._randomized_svd import NORMALIZERS, randomized_svd
from ._svd_flip import svd_flip

SOLVERS = ("auto", "full", "covariance_eigh", "randomized")


def _is_integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


class PCA(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Principal component analysis (sklearn.decomposition.PCA).

    Parameters as scikit-learn's: n_components, whiten, svd_solver ("auto" | "full" |
    "covariance_eigh" | "randomized"), iterated_power and n_oversamples and
    power_iteration_normalizer (randomized only), random_state.
    Fitted: components_ (k, d), explained_variance_, explained_variance_ratio_, singular_values_,
    mean_, noise_variance_, n_components_, n_samples_, n_features_in_.
    """

    def __init__(
        self,
        n_components=None,
        *,
        whiten=False,
        svd_solver="auto",
        iterated_power="auto",
        n_oversamples=10,
        power_iteration_normalizer="auto",
        random_state=None,
    ):
        self.n_components = n_components
        self.whiten = whiten
        self.svd_solver = svd_solver
        self.iterated_power = iterated_power
        self.n_oversamples = n_oversamples
        self.power_iteration_normalizer = power_iteration_normalizer
        self.random_state = random_state

    # -- parameter checks --

    def _check_params(self, X):
        n_components = self.n_components
        valid = (
            n_components is None
            or n_components == "mle"
            or (_is_integer(n_components) and n_components >= 0)
            or (
                isinstance(n_components, numbers.Real)
                and not _is_integer(n_components)
                and not isinstance(n_components, bool)
                and 0 < n_components < 1
            )
        )
        if not valid:
            raise ValueError(
                "n_components must be None, 'mle', an integer >= 0 or a float in (0, 1), "
                f"got {n_components!r}."
            )
        if self.svd_solver not in SOLVERS:
            raise ValueError(
                f"svd_solver={self.svd_solver!r} is not supported; valid solvers are {list(SOLVERS)}."
            )
        if not (
            self.iterated_power == "auto"
            or (_is_integer(self.iterated_power) and self.iterated_power >= 0)
        ):
            raise ValueError(
                f"iterated_power must be 'auto' or an integer >= 0, got {self.iterated_power!r}."
            )
        if not _is_integer(self.n_oversamples) or self.n_oversamples < 1:
            raise ValueError(f"n_oversamples must be an integer >= 1, got {self.n_oversamples!r}.")
        if self.power_iteration_normalizer not in NORMALIZERS:
            raise ValueError(
                f"power_iteration_normalizer must be one of {list(NORMALIZERS)}, "
                f"got {self.power_iteration_normalizer!r}."
            )
        n_samples, n_features = X.shape
        if n_components is None:
            n_components = min(n_samples, n_features)
        solver = self.svd_solver
        if solver == "auto":
            if n_features <= 1_000 and n_samples >= 10 * n_features:
                solver = "covariance_eigh"
            elif max(X.shape) <= 500 or n_components == "mle":
                solver = "full"
            elif _is_integer(n_components) and 1 <= n_components < 0.8 * min(X.shape):
                solver = "randomized"
            else:
                solver = "full"
        return n_components, solver

    # -- fit --

    def fit(self, X, y=None):
        """Learn the principal axes of X (n_samples, n_features); returns self."""
        self._fit(X)
        return self

    def fit_transform(self, X, y=None):
        """fit(X) and the projection of X: (n_samples, n_components_)."""
        U, S, X = self._fit(X)
        if U is None:  # covariance_eigh has no U
            return self._project(X)
        U = U[:, : self.n_components_]
        if self.whiten:
            return U * math.sqrt(X.shape[0] - 1)  # X V / sqrt(S^2 / (n - 1)) = U sqrt(n - 1)
        return U * S[: self.n_components_]  # X V = U S

    def _fit(self, X):
        """Fit; returns (U or None, S, validated X) for fit_transform."""
        X = self._validate_data(X)
        n_components, solver = self._check_params(X)
        self._fit_svd_solver = solver
        if solver == "randomized":
            return self._fit_randomized(X, n_components)
        return self._fit_exact(X, n_components, solver)

    def _fit_exact(self, X, n_components, solver):
        n_samples, n_features = X.shape
        if n_components == "mle":
            if n_samples < n_features:
                raise ValueError("n_components='mle' is only supported if n_samples >= n_features")
        elif not 0 <= n_components <= min(n_samples, n_features):
            raise ValueError(
                f"n_components={n_components} must be between 0 and min(n_samples, n_features)="
                f"{min(n_samples, n_features)} with svd_solver={solver!r}"
            )
        self.mean_ = X.mean(axis=0)  # (d,)
        if solver == "full":
            U, S, Vt = sla.svd(X - self.mean_, full_matrices=False)  # (n, r), (r,), (r, d)
            explained_variance = S**2 / (n_samples - 1)
        else:  # covariance_eigh
            covariance = X.T @ X  # (d, d)
            covariance -= n_samples * np.outer(self.mean_, self.mean_)
            covariance /= n_samples - 1
            eigenvalues, eigenvectors = sla.eigh(covariance)  # ascending
            explained_variance = np.maximum(
                eigenvalues[::-1], 0.0
            )  # subtle: rounding can go below 0
            S = np.sqrt(explained_variance * (n_samples - 1))
            U, Vt = None, eigenvectors[:, ::-1].T
        U, Vt = svd_flip(U, Vt)
        ratio = explained_variance / explained_variance.sum()
        if n_components == "mle":
            n_components = infer_dimension(explained_variance, n_samples)
        elif 0 < n_components < 1.0:
            # the fewest components whose cumulative ratio EXCEEDS the float (side="right")
            n_components = int(np.searchsorted(np.cumsum(ratio), n_components, side="right")) + 1
        if n_components < min(n_features, n_samples):
            self.noise_variance_ = float(np.mean(explained_variance[n_components:]))
        else:
            self.noise_variance_ = 0.0
        self._store(n_samples, n_components, Vt, explained_variance, ratio, S)
        return U, S, X

    def _fit_randomized(self, X, n_components):
        n_samples, n_features = X.shape
        if isinstance(n_components, str):
            raise ValueError(  # noqa: TRY004 (sklearn raises ValueError here)
                f"n_components={n_components!r} cannot be a string with svd_solver='randomized'"
            )
        if not _is_integer(n_components) or not 1 <= n_components <= min(n_samples, n_features):
            raise ValueError(
                f"n_components={n_components!r} must be between 1 and min(n_samples, n_features)="
                f"{min(n_samples, n_features)} with svd_solver='randomized'"
            )
        self.mean_ = X.mean(axis=0)  # (d,)
        X_centered = X - self.mean_  # (n, d)
        U, S, Vt = randomized_svd(
            X_centered,
            n_components,
            n_oversamples=self.n_oversamples,
            n_iter=self.iterated_power,
            power_iteration_normalizer=self.power_iteration_normalizer,
            rng=check_random_state(self.random_state),
        )
        U, Vt = svd_flip(U, Vt)
        explained_variance = S**2 / (n_samples - 1)
        total_variance = np.einsum("ij,ij->", X_centered, X_centered) / (n_samples - 1)
        ratio = explained_variance / total_variance
        if n_components < min(n_features, n_samples):
            discarded = total_variance - explained_variance.sum()
            self.noise_variance_ = float(discarded / (min(n_features, n_samples) - n_components))
        else:
            self.noise_variance_ = 0.0
        self._store(n_samples, n_components, Vt, explained_variance, ratio, S)
        return U, S, X

    def _store(self, n_samples, n_components, Vt, explained_variance, ratio, S):
        self.n_samples_ = n_samples
        self.n_components_ = int(n_components)
        self._n_features_out = self.n_components_
        self.components_ = np.ascontiguousarray(Vt[:n_components])  # (k, d)
        self.explained_variance_ = explained_variance[:n_components].copy()
        self.explained_variance_ratio_ = ratio[:n_components].copy()
        self.singular_values_ = S[:n_components].copy()

    # -- after fit --

    def transform(self, X):
        """Coordinates of X on the principal axes: (n_samples, n_components_)."""
        check_is_fitted(self, "components_")
        return self._project(self._validate_data(X, reset=False))

    def _project(self, X):
        """transform on validated X."""
        projected = X @ self.components_.T - self.mean_ @ self.components_.T  # (n, k)
        if self.whiten:
            # subtle: a component with (near) zero variance would divide by zero; clip as sklearn
            scale = np.maximum(np.sqrt(self.explained_variance_), np.finfo(np.float64).eps)
            projected /= scale
        return projected

    def inverse_transform(self, X):
        """Back to feature space: (n_samples, n_features) (exact only on the components' span)."""
        check_is_fitted(self, "components_")
        Z = check_array(X, ensure_min_features=0)  # n_components_ may be 0
        if Z.shape[1] != self.n_components_:
            raise ValueError(
                f"X has {Z.shape[1]} features, but inverse_transform is expecting {self.n_components_} features (n_components_)."
            )
        if self.whiten:
            return Z @ (np.sqrt(self.explained_variance_)[:, None] * self.components_) + self.mean_
        return Z @ self.components_ + self.mean_

    def get_covariance(self):
        """Data covariance under the model: V_k diag(ev - sigma^2) V_k^T + sigma^2 I  (d, d)."""
        check_is_fitted(self, "components_")
        components = self.components_
        variances = self.explained_variance_
        if self.whiten:
            components = components * np.sqrt(variances[:, None])
        excess = np.maximum(variances - self.noise_variance_, 0.0)  # (k,)
        covariance = (components.T * excess) @ components  # (d, d)
        covariance.flat[:: covariance.shape[0] + 1] += self.noise_variance_
        return covariance

    def get_precision(self):
        """Inverse of get_covariance(), by the matrix inversion lemma when sigma^2 > 0: (d, d)."""
        check_is_fitted(self, "components_")
        n_features = self.components_.shape[1]
        if self.n_components_ == 0:
            return np.eye(n_features) / self.noise_variance_
        if self.noise_variance_ == 0.0:
            return sla.inv(self.get_covariance())
        components = self.components_
        variances = self.explained_variance_
        if self.whiten:
            components = components * np.sqrt(variances[:, None])
        excess = np.where(variances > self.noise_variance_, variances - self.noise_variance_, 0.0)
        # (sigma^2 I + W^T D W)^-1 = I/sigma^2 - W^T (D^-1 + W W^T / sigma^2)^-1 W / sigma^4
        with np.errstate(divide="ignore"):
            inner = components @ components.T / self.noise_variance_  # (k, k)
            inner.flat[:: inner.shape[0] + 1] += 1.0 / excess
        precision = components.T @ sla.inv(inner) @ components  # (d, d)
        precision /= -(self.noise_variance_**2)
        precision.flat[:: n_features + 1] += 1.0 / self.noise_variance_
        return precision

    def score_samples(self, X):
        """Log-likelihood of each row under the probabilistic PCA model: (n_samples,)."""
        check_is_fitted(self, "components_")
        X = self._validate_data(X, reset=False)
        deviations = X - self.mean_  # (n, d)
        precision = self.get_precision()
        sign, log_det = sla.slogdet(precision)
        log_det = log_det if sign > 0 else -np.inf
        log_like = -0.5 * np.einsum("ij,ij->i", deviations, deviations @ precision)
        return log_like - 0.5 * (X.shape[1] * math.log(2.0 * math.pi) - log_det)

    def score(self, X, y=None):
        """Mean log-likelihood of the rows of X."""
        return float(np.mean(self.score_samples(X)))
