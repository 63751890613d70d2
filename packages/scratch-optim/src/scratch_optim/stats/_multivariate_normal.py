"""The multivariate normal distribution N(mean, cov), as scipy.stats.multivariate_normal.

    log pdf(x) = -1/2 (k log(2 pi) + log pdet(cov) + (x - mean)' cov^+ (x - mean))

with k = rank(cov). The covariance is factored once:

  * positive definite (the default): cov = L L' by Cholesky, log det = 2 sum log diag(L), and the
    Mahalanobis term is ||L^-1 (x - mean)||^2 (one triangular solve for all points);
    draws are mean + L z with z ~ N(0, I).
  * allow_singular=True: cov = V diag(s) V' by eigh; eigenvalues below
    1e6 * eps * max|s| (scipy's cutoff) count as zero, k is the number left, pdet their product,
    and points off the support mean + range(cov) get density 0 (log density -inf).
    Draws are mean + V sqrt(s) z.

Shapes follow scipy: x of shape (..., d) gives (...) densities, squeezed; for d = 1 a scalar or
(n,) array is n points. cov may be a scalar (times I), a (d,) diagonal or a (d, d) matrix.
Deviation from scipy: rvs draws through Cholesky (numpy's Generator.multivariate_normal uses an
SVD), so the same seed gives different but equally distributed samples.
"""

import numpy as np
import scratch_linalg as sla

from .._random import check_random_state

_LOG_2PI = 1.8378770664093454835606594728112352797228


def _as_mean_and_cov(mean, cov):
    """Validate and broadcast to mean (d,) and cov (d, d), as scipy's _process_parameters."""
    mean = np.asarray(mean, dtype=np.float64) if mean is not None else None
    cov = np.asarray(cov, dtype=np.float64)
    if mean is None:
        dim = 1 if cov.ndim == 0 else cov.shape[0]
        mean = np.zeros(dim)
    if mean.ndim > 1:
        raise ValueError(f"mean must be a scalar or a 1-D array, got shape {mean.shape}")
    mean = mean.reshape(-1)  # (d,)
    dim = mean.shape[0]
    if dim == 0:
        raise ValueError("mean must have at least one entry")
    if cov.ndim == 0:
        cov = cov * np.eye(dim)
    elif cov.ndim == 1:
        cov = np.diag(cov)
    if cov.shape != (dim, dim):
        raise ValueError(
            f"cov must be a scalar, a ({dim},) diagonal or a ({dim}, {dim}) matrix to match "
            f"mean of shape ({dim},), got shape {cov.shape}"
        )
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(cov))):
        raise ValueError("mean and cov must be finite (no NaN or inf)")
    if not np.allclose(cov, cov.T, rtol=1e-10, atol=1e-12 * np.max(np.abs(cov), initial=0.0)):
        raise ValueError("cov must be symmetric")
    return mean, cov


def _as_points(x, dim):
    """x as an array of points (..., d), following scipy's _process_quantiles."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 0:
        x = x[np.newaxis]
    if x.ndim == 1:
        x = x[:, np.newaxis] if dim == 1 else x[np.newaxis, :]
    if x.shape[-1] != dim:
        raise ValueError(f"x must have last dimension {dim} (the mean's length), got {x.shape}")
    return x


def _squeeze(out):
    out = np.squeeze(out)
    return out[()] if out.ndim == 0 else out


class _FactoredCovariance:
    """cov factored once: whiten(dev) = W' dev with W W' = cov^+, and a sampling factor."""

    def __init__(self, cov, allow_singular):
        dim = cov.shape[0]
        self.null_basis = None
        if not allow_singular:
            try:
                lower = sla.cholesky(cov)  # (d, d), cov = L L'
            except sla.LinAlgError:
                raise ValueError(
                    "cov is not positive definite (Cholesky failed); pass allow_singular=True "
                    "for a positive semidefinite covariance"
                ) from None
            self.lower = lower
            self.rank = dim
            self.log_pdet = 2.0 * np.sum(np.log(np.diag(lower)))
            self.sampling_factor = lower
            return
        eigenvalues, eigenvectors = sla.eigh(cov)  # (d,), (d, d)
        cutoff = 1e6 * np.finfo(np.float64).eps * np.max(np.abs(eigenvalues))
        if np.min(eigenvalues) < -cutoff:
            raise ValueError("cov must be positive semidefinite (it has a negative eigenvalue)")
        kept = eigenvalues > cutoff
        self.lower = None
        self.rank = int(np.sum(kept))
        self.log_pdet = np.sum(np.log(eigenvalues[kept]))
        self.whitener = eigenvectors[:, kept] / np.sqrt(eigenvalues[kept])  # (d, k)
        self.sampling_factor = eigenvectors[:, kept] * np.sqrt(eigenvalues[kept])  # (d, k)
        self.null_basis = eigenvectors[:, ~kept]  # (d, d - k)
        self.support_tolerance = 1e3 * cutoff  # scipy's

    def mahalanobis(self, deviations):
        """(x - mean)' cov^+ (x - mean) for deviations of shape (..., d) -> (...)."""
        if self.lower is not None:
            flat = deviations.reshape(-1, deviations.shape[-1])  # (n, d)
            whitened = sla.solve_triangular(self.lower, flat.T, lower=True)  # (d, n)
            return np.sum(whitened * whitened, axis=0).reshape(deviations.shape[:-1])
        whitened = deviations @ self.whitener  # (..., k)
        return np.sum(whitened * whitened, axis=-1)

    def off_support(self, deviations):
        """True where a point lies off mean + range(cov) (only possible when singular)."""
        if self.null_basis is None or self.null_basis.shape[1] == 0:
            return np.zeros(deviations.shape[:-1], dtype=bool)
        residual = deviations @ self.null_basis  # (..., d - k)
        return np.sqrt(np.sum(residual * residual, axis=-1)) >= self.support_tolerance


class multivariate_normal_frozen:
    """N(mean, cov) with its parameters fixed and the covariance factored once."""

    def __init__(self, mean=None, cov=1, allow_singular=False):
        self.mean, self.cov = _as_mean_and_cov(mean, cov)
        self.allow_singular = allow_singular
        self._factored = _FactoredCovariance(self.cov, allow_singular)

    @property
    def dim(self):
        return self.mean.shape[0]

    def logpdf(self, x):
        deviations = _as_points(x, self.dim) - self.mean  # (..., d)
        factored = self._factored
        out = -0.5 * (
            factored.rank * _LOG_2PI + factored.log_pdet + factored.mahalanobis(deviations)
        )
        out = np.where(factored.off_support(deviations), -np.inf, out)
        return _squeeze(out)

    def pdf(self, x):
        return np.exp(self.logpdf(x))

    def rvs(self, size=1, random_state=None):
        """Draws of shape size + (d,), squeezed as scipy does (size=1 gives shape (d,))."""
        size = (size,) if np.ndim(size) == 0 else tuple(size)
        factor = self._factored.sampling_factor  # (d, k)
        z = check_random_state(random_state).standard_normal(size + (factor.shape[1],))
        return _squeeze(self.mean + z @ factor.T)


class multivariate_normal_gen:
    """The family; `multivariate_normal(mean, cov)` freezes one, or pass mean/cov on each call."""

    def __call__(self, mean=None, cov=1, allow_singular=False):
        return multivariate_normal_frozen(mean, cov, allow_singular)

    def logpdf(self, x, mean=None, cov=1, allow_singular=False):
        return multivariate_normal_frozen(mean, cov, allow_singular).logpdf(x)

    def pdf(self, x, mean=None, cov=1, allow_singular=False):
        return multivariate_normal_frozen(mean, cov, allow_singular).pdf(x)

    def rvs(self, mean=None, cov=1, size=1, random_state=None):
        # subtle: scipy's rvs accepts positive semidefinite covariances, so sampling does too.
        frozen = multivariate_normal_frozen(mean, cov, allow_singular=True)
        return frozen.rvs(size=size, random_state=random_state)


multivariate_normal = multivariate_normal_gen()
