"""The normal distribution N(loc, scale^2), as scipy.stats.norm.

    pdf(x)  = exp(-z^2 / 2) / (scale sqrt(2 pi)),   z = (x - loc) / scale
    cdf(x)  = Phi(z),   sf(x) = Phi(-z),   ppf(q) = loc + scale Phi^-1(q)

`norm.pdf(x, loc, scale)` takes the parameters on each call; `norm(loc, scale)` freezes them.
Phi and its inverse come from scratch_optim.special (Cody's erfc, Acklam + Newton).
Deviation from scipy: scale <= 0 or a non-finite loc/scale raises ValueError (scipy returns NaN).
"""

import numpy as np

from .._random import check_random_state
from ..special import log_ndtr, ndtr, ndtri

_LOG_SQRT_2PI = 0.9189385332046727417803297364056176398614


def _check_parameters(loc, scale):
    loc = np.asarray(loc, dtype=np.float64)
    scale = np.asarray(scale, dtype=np.float64)
    if not np.all(np.isfinite(loc)):
        raise ValueError("loc must be finite")
    if not np.all(np.isfinite(scale)) or np.any(scale <= 0):
        raise ValueError("scale must be finite and positive")
    return loc, scale


def _standardize(x, loc, scale):
    loc, scale = _check_parameters(loc, scale)
    return (np.asarray(x, dtype=np.float64) - loc) / scale, scale


class norm_gen:
    """The family of normal distributions; call it with (loc, scale) to freeze one."""

    def __call__(self, loc=0.0, scale=1.0):
        return norm_frozen(loc, scale)

    def logpdf(self, x, loc=0.0, scale=1.0):
        z, scale = _standardize(x, loc, scale)
        return (-0.5 * z * z - _LOG_SQRT_2PI - np.log(scale))[()]

    def pdf(self, x, loc=0.0, scale=1.0):
        return np.exp(self.logpdf(x, loc, scale))

    def cdf(self, x, loc=0.0, scale=1.0):
        z, _ = _standardize(x, loc, scale)
        return ndtr(z)

    def logcdf(self, x, loc=0.0, scale=1.0):
        z, _ = _standardize(x, loc, scale)
        return log_ndtr(z)

    def sf(self, x, loc=0.0, scale=1.0):
        z, _ = _standardize(x, loc, scale)
        return ndtr(-z)

    def logsf(self, x, loc=0.0, scale=1.0):
        z, _ = _standardize(x, loc, scale)
        return log_ndtr(-z)

    def ppf(self, q, loc=0.0, scale=1.0):
        loc, scale = _check_parameters(loc, scale)
        return (loc + scale * ndtri(q))[()]

    def isf(self, q, loc=0.0, scale=1.0):
        loc, scale = _check_parameters(loc, scale)
        return (loc - scale * ndtri(q))[()]

    def rvs(self, loc=0.0, scale=1.0, size=None, random_state=None):
        """loc + scale * standard normal draws; the same Generator gives scipy's exact draws."""
        loc, scale = _check_parameters(loc, scale)
        if size is None:
            size = np.broadcast_shapes(loc.shape, scale.shape)
        draws = check_random_state(random_state).standard_normal(size)
        return (loc + scale * draws)[()]

    def mean(self, loc=0.0, scale=1.0):
        return _check_parameters(loc, scale)[0][()]

    def var(self, loc=0.0, scale=1.0):
        return (_check_parameters(loc, scale)[1] ** 2)[()]

    def std(self, loc=0.0, scale=1.0):
        return _check_parameters(loc, scale)[1][()]


norm = norm_gen()


class norm_frozen:
    """N(loc, scale^2) with its parameters fixed (scipy's `norm(loc, scale)`)."""

    def __init__(self, loc=0.0, scale=1.0):
        self.loc, self.scale = _check_parameters(loc, scale)

    def logpdf(self, x):
        return norm.logpdf(x, self.loc, self.scale)

    def pdf(self, x):
        return norm.pdf(x, self.loc, self.scale)

    def cdf(self, x):
        return norm.cdf(x, self.loc, self.scale)

    def logcdf(self, x):
        return norm.logcdf(x, self.loc, self.scale)

    def sf(self, x):
        return norm.sf(x, self.loc, self.scale)

    def logsf(self, x):
        return norm.logsf(x, self.loc, self.scale)

    def ppf(self, q):
        return norm.ppf(q, self.loc, self.scale)

    def isf(self, q):
        return norm.isf(q, self.loc, self.scale)

    def rvs(self, size=None, random_state=None):
        return norm.rvs(self.loc, self.scale, size=size, random_state=random_state)

    def mean(self):
        return self.loc[()]

    def var(self):
        return (self.scale**2)[()]

    def std(self):
        return self.scale[()]
