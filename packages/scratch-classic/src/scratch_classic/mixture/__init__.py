"""Mixture models, as sklearn.mixture: the Gaussian mixture fitted by EM in log space."""

from ._gaussian_mixture import GaussianMixture

__all__ = ["GaussianMixture"]
