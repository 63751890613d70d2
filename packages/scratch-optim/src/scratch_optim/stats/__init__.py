"""Distributions as in scipy.stats: `norm` and `multivariate_normal` (plain and frozen forms)."""

from ._multivariate_normal import multivariate_normal
from ._norm import norm

__all__ = ["multivariate_normal", "norm"]
