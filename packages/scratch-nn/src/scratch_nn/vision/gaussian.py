"""Gaussian smoothing, as scipy.ndimage.gaussian_filter over the two image axes.

The 1-D kernel (scipy's): radius r = int(truncate * sigma + 0.5) unless given, then

    w[j] = exp(-j^2 / (2 sigma^2)) / sum_k exp(-k^2 / (2 sigma^2)),   j = -r .. r

(normalized to sum 1, so a flat image stays flat). The 2-D Gaussian is separable: correlate
the rows' axis with w, then the columns' axis (each pass with the boundary mode). An axis whose
sigma is 0 is left as is, as in scipy.

    gaussian_kernel1d(1.0, radius=2) -> [0.054, 0.242, 0.399, 0.242, 0.054]
"""

import numbers

import numpy as np

from ._boundary import check_mode
from ._correlate import correlate_1d
from ._images import as_images, as_stack


def gaussian_kernel1d(sigma, radius):
    """The normalized Gaussian weights at -radius .. radius (float64)."""
    offsets = np.arange(-radius, radius + 1, dtype=np.float64)  # (2r + 1,)
    weights = np.exp(-0.5 / (sigma * sigma) * offsets**2)
    return weights / weights.sum()


def _per_axis(value, name, who):
    """A (rows, columns) pair from a number or a pair of numbers."""
    pair = (value, value) if isinstance(value, numbers.Real) else tuple(value)
    if len(pair) != 2 or not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in pair):
        raise ValueError(f"{who}: {name} must be a number or a pair of numbers (rows, columns), got {value!r}")
    return pair


def gaussian_filter(input, sigma, mode="reflect", cval=0.0, truncate=4.0, radius=None):
    """Each image smoothed by a Gaussian of standard deviation `sigma` (pixels; a number or (rows, cols)).

    truncate: the kernel reaches truncate * sigma pixels each side; radius: that reach, explicitly.
    """
    images = as_images(input, "gaussian_filter")
    check_mode(mode, "gaussian_filter")
    sigmas = _per_axis(sigma, "sigma", "gaussian_filter")
    if any(not np.isfinite(s) or s < 0 for s in sigmas):
        raise ValueError(f"gaussian_filter: sigma must be finite and non-negative, got {sigma!r}")
    if not isinstance(truncate, numbers.Real) or not np.isfinite(truncate) or truncate <= 0:
        raise ValueError(f"gaussian_filter: truncate must be a positive number, got {truncate!r}")
    if radius is None:
        radii = tuple(int(truncate * s + 0.5) for s in sigmas)
    else:
        radii = _per_axis(radius, "radius", "gaussian_filter")
        if any(not isinstance(r, numbers.Integral) or r < 0 for r in radii):
            raise ValueError(f"gaussian_filter: radius must be a non-negative int or a pair of them, "
                             f"got {radius!r}")
    stack = as_stack(images)  # (B, 1, H, W)
    for axis, axis_sigma, axis_radius in zip((-2, -1), sigmas, radii):
        if axis_sigma > 1e-15:  # subtle: scipy's threshold for "no smoothing on this axis"
            stack = correlate_1d(stack, gaussian_kernel1d(axis_sigma, axis_radius), axis, mode, cval)
    return stack.reshape(images.shape)
