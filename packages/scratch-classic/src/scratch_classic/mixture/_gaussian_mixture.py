"""GaussianMixture: a mixture of k Gaussians fitted by expectation-maximization, in log space.

    p(x) = sum_j weight_j N(x | mean_j, S_j)

EM alternates, from an initialization (below), until the mean log-likelihood changes by < tol:

    E-step   log r_ij = log weight_j + log N(x_i | mean_j, S_j) - log p(x_i)
             log p(x_i) = logsumexp_j (log weight_j + log N(x_i | mean_j, S_j))
    M-step   weights, means, covariances from r (see `_gaussian_parameters`)

and lower_bound_ is the mean of log p(x_i) measured at the E-step of the last iteration (for EM
on a mixture the bound is the log-likelihood itself). Densities are evaluated from precision
Cholesky factors (see `_precision_cholesky`, `_log_density`), never by inverting a covariance.

Initialization (init_params) gives responsibilities, from which one M-step makes the parameters:
"kmeans" (hard labels of a KMeans run), "k-means++" (the seeds alone), "random" (uniform, row
normalized) or "random_from_data" (k random points). weights_init / means_init /
precisions_init override the matching parameter. The best of n_init runs (highest bound) is kept.

Deviations from scikit-learn: random draws come from a NumPy Generator (same seed, different but
equally distributed draws); no verbose printing (libraries here never print).
"""

import math
import numbers
import warnings

import numpy as np
import scratch_linalg as sla
from scratch_optim import stats
from scratch_optim.special import logsumexp

from ..base import BaseEstimator
from ..cluster import KMeans
from ..cluster._kmeans_plusplus import kmeans_plusplus_seeds
from ..exceptions import ConvergenceWarning
from ..utils.validation import check_is_fitted, check_random_state
from ._gaussian_parameters import estimate_gaussian_parameters
from ._log_density import estimate_log_gaussian_prob
from ._parameter_checks import check_hyper_parameters, checked_initial_parameters
from ._precision_cholesky import (
    precision_cholesky_from_covariances,
    precision_cholesky_from_precisions,
    precisions_from_cholesky,
)


def _is_integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


class GaussianMixture(BaseEstimator):
    """Gaussian mixture model by EM (sklearn.mixture.GaussianMixture).

    covariance_type: "full" (k, d, d), "tied" (d, d), "diag" (k, d) or "spherical" (k,).
    Fitted: weights_, means_, covariances_, precisions_, precisions_cholesky_, converged_,
    n_iter_, lower_bound_, lower_bounds_, n_features_in_.
    """

    _estimator_type = "DensityEstimator"

    def __init__(
        self,
        n_components=1,
        *,
        covariance_type="full",
        tol=1e-3,
        reg_covar=1e-6,
        max_iter=100,
        n_init=1,
        init_params="kmeans",
        weights_init=None,
        means_init=None,
        precisions_init=None,
        random_state=None,
        warm_start=False,
    ):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state
        self.warm_start = warm_start

    def _check_parameters(self, X):
        """Validate the hyper-parameters; returns the checked (weights, means, precisions) inits."""
        check_hyper_parameters(self, X.shape[0])
        return checked_initial_parameters(self, X.shape[1])

    # -- initialization --

    def _initial_responsibilities(self, X, rng):
        n_samples, k = X.shape[0], self.n_components
        if self.init_params == "kmeans":
            labels = KMeans(n_clusters=k, n_init=1, random_state=rng).fit(X).labels_
            resp = np.zeros((n_samples, k))
            resp[np.arange(n_samples), labels] = 1.0
        elif self.init_params == "random":
            resp = rng.uniform(size=(n_samples, k))
            resp /= resp.sum(axis=1, keepdims=True)
        elif self.init_params == "random_from_data":
            resp = np.zeros((n_samples, k))
            resp[rng.choice(n_samples, size=k, replace=False), np.arange(k)] = 1.0
        else:  # "k-means++"
            _, indices = kmeans_plusplus_seeds(X, k, np.ones(n_samples), rng)
            resp = np.zeros((n_samples, k))
            resp[indices, np.arange(k)] = 1.0
        return resp  # (n, k)

    def _initialize(self, X, rng, inits):
        weights_init, means_init, precisions_init = inits
        weights = means = covariances = None
        if weights_init is None or means_init is None or precisions_init is None:
            nk, means, covariances = estimate_gaussian_parameters(
                X, self._initial_responsibilities(X, rng), self.reg_covar, self.covariance_type
            )
            weights = nk / X.shape[0]
        self.weights_ = weights if weights_init is None else weights_init.copy()
        self.means_ = means if means_init is None else means_init.copy()
        if precisions_init is None:
            self.covariances_ = covariances
            self.precisions_cholesky_ = precision_cholesky_from_covariances(
                covariances, self.covariance_type
            )
        else:
            self.precisions_cholesky_ = precision_cholesky_from_precisions(
                precisions_init, self.covariance_type
            )
            # subtle: sklearn leaves covariances_ unset until the first M-step; set it from the
            # precisions so that max_iter=0 still gives a complete model.
            if self.covariance_type in ("full", "tied"):
                self.covariances_ = sla.inv(precisions_init)
            else:
                self.covariances_ = 1.0 / precisions_init

    # -- EM --

    def _estimate_weighted_log_prob(self, X):
        log_prob = estimate_log_gaussian_prob(
            X, self.means_, self.precisions_cholesky_, self.covariance_type
        )
        return log_prob + np.log(self.weights_)  # (n, k)

    def _estimate_log_prob_resp(self, X):
        """(log p(x_i) (n,), log responsibilities (n, k))."""
        weighted_log_prob = self._estimate_weighted_log_prob(X)  # (n, k)
        log_prob_norm = logsumexp(weighted_log_prob, axis=1)  # (n,)
        with np.errstate(under="ignore"):
            log_resp = weighted_log_prob - log_prob_norm[:, None]
        return log_prob_norm, log_resp

    def _m_step(self, X, log_resp):
        nk, self.means_, self.covariances_ = estimate_gaussian_parameters(
            X, np.exp(log_resp), self.reg_covar, self.covariance_type
        )
        self.weights_ = nk / nk.sum()
        self.precisions_cholesky_ = precision_cholesky_from_covariances(
            self.covariances_, self.covariance_type
        )

    def _get_parameters(self):
        return self.weights_, self.means_, self.covariances_, self.precisions_cholesky_

    def _set_parameters(self, params):
        self.weights_, self.means_, self.covariances_, self.precisions_cholesky_ = params
        self.precisions_ = precisions_from_cholesky(self.precisions_cholesky_, self.covariance_type)

    def fit(self, X, y=None):
        """Fit the mixture to X (n_samples, n_features) by EM; returns self."""
        self.fit_predict(X, y)
        return self

    def fit_predict(self, X, y=None):
        """Fit by EM, then the most likely component of each training row: (n_samples,)."""
        continuing = self.warm_start and hasattr(self, "converged_")
        X = self._validate_data(X, reset=not continuing, ensure_min_samples=2)
        inits = self._check_parameters(X)
        n_init = 1 if continuing else self.n_init
        rng = check_random_state(self.random_state)
        best_bound, best_params, best_n_iter, best_bounds, best_converged = (
            -np.inf,
            None,
            0,
            [],
            False,
        )
        for _ in range(n_init):
            if not continuing:
                self._initialize(X, rng, inits)
            lower_bound = self.lower_bound_ if continuing else -np.inf
            bounds, converged, n_iter = [], False, 0
            for n_iter in range(1, self.max_iter + 1):
                previous_bound = lower_bound
                log_prob_norm, log_resp = self._estimate_log_prob_resp(X)
                self._m_step(X, log_resp)
                lower_bound = float(np.mean(log_prob_norm))
                bounds.append(lower_bound)
                if abs(lower_bound - previous_bound) < self.tol:
                    converged = True
                    break
            if best_params is None or lower_bound > best_bound:
                best_bound, best_params, best_n_iter = lower_bound, self._get_parameters(), n_iter
                best_bounds, best_converged = bounds, converged
        if not best_converged and self.max_iter > 0:
            warnings.warn(
                "Best performing initialization did not converge. Try different init parameters, or "
                "increase max_iter, tol, or check for degenerate data.",
                ConvergenceWarning,
                stacklevel=2,
            )
        self._set_parameters(best_params)
        self.converged_ = best_converged
        self.n_iter_ = best_n_iter
        self.lower_bound_ = best_bound
        self.lower_bounds_ = best_bounds
        _, log_resp = self._estimate_log_prob_resp(X)
        return np.argmax(log_resp, axis=1)

    # -- after fit --

    def score_samples(self, X):
        """log p(x_i) under the fitted mixture: (n_samples,)."""
        check_is_fitted(self, "precisions_cholesky_")
        X = self._validate_data(X, reset=False)
        return logsumexp(self._estimate_weighted_log_prob(X), axis=1)

    def score(self, X, y=None):
        """Mean log-likelihood of the rows of X."""
        return float(np.mean(self.score_samples(X)))

    def predict(self, X):
        """Most likely component of each row: (n_samples,)."""
        check_is_fitted(self, "precisions_cholesky_")
        X = self._validate_data(X, reset=False)
        return np.argmax(self._estimate_weighted_log_prob(X), axis=1)

    def predict_proba(self, X):
        """Posterior probability of each component for each row: (n_samples, n_components)."""
        check_is_fitted(self, "precisions_cholesky_")
        X = self._validate_data(X, reset=False)
        return np.exp(self._estimate_log_prob_resp(X)[1])

    def _n_parameters(self):
        """Free parameters: covariances + means + (k - 1) weights."""
        n_features = self.means_.shape[1]
        k = self.n_components
        covariance_parameters = {
            "full": k * n_features * (n_features + 1) / 2.0,
            "diag": k * n_features,
            "tied": n_features * (n_features + 1) / 2.0,
            "spherical": k,
        }[self.covariance_type]
        return int(covariance_parameters + n_features * k + k - 1)

    def bic(self, X):
        """Bayesian information criterion -2 log L + p log n (lower is better)."""
        n_samples = self._validate_data(X, reset=False).shape[0]
        return -2 * self.score(X) * n_samples + self._n_parameters() * math.log(n_samples)

    def aic(self, X):
        """Akaike information criterion -2 log L + 2 p (lower is better)."""
        n_samples = self._validate_data(X, reset=False).shape[0]
        return -2 * self.score(X) * n_samples + 2 * self._n_parameters()

    def sample(self, n_samples=1):
        """Draw (X (n_samples, d), component labels (n_samples,)) from the fitted mixture.

        Counts per component are multinomial(n_samples, weights_); rows come out grouped by
        component, as scikit-learn's. The generator is re-seeded from random_state on each call.
        """
        check_is_fitted(self, "precisions_cholesky_")
        if not _is_integer(n_samples) or n_samples < 1:
            raise ValueError(
                f"Invalid value for 'n_samples': {n_samples!r}. The sampling requires at least one sample."
            )
        rng = check_random_state(self.random_state)
        counts = rng.multinomial(n_samples, self.weights_ / self.weights_.sum())  # (k,)
        n_features = self.means_.shape[1]
        draws = []
        for j, (mean, count) in enumerate(zip(self.means_, counts)):
            if self.covariance_type == "full":
                draws.append(
                    stats.multivariate_normal.rvs(
                        mean, self.covariances_[j], size=count, random_state=rng
                    )
                )
            elif self.covariance_type == "tied":
                draws.append(
                    stats.multivariate_normal.rvs(
                        mean, self.covariances_, size=count, random_state=rng
                    )
                )
            else:
                scale = np.sqrt(self.covariances_[j])  # (d,) or scalar
                draws.append(mean + rng.standard_normal((count, n_features)) * scale)
        X = np.vstack([np.reshape(draw, (count, n_features)) for draw, count in zip(draws, counts)])
        return X, np.repeat(np.arange(self.n_components), counts)
