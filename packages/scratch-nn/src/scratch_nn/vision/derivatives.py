"""Derivative filters: sobel, prewitt, scharr (first derivatives) and laplace (second), as scipy.ndimage.

Each first-derivative filter is separable: a central difference along `axis` and a smoothing
along the other image axis, applied in that order (scipy's), each with the boundary mode:

    derivative  [-1, 0, 1]      out[i] = x[i + 1] - x[i - 1]   (positive where x grows with i)
    smoothing   sobel [1, 2, 1]   prewitt [1, 1, 1]   scharr [3, 10, 3]

so sobel's 2-D kernel for axis=-1 (x, along columns) is

    [[-1, 0, 1],
     [-2, 0, 2],
     [-1, 0, 1]]       (unnormalized, as scipy; divide by 8 for a unit-slope derivative)

scharr is not in scipy.ndimage; it follows the same conventions with OpenCV's Scharr weights
([[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]]), whose smoothing makes the gradient direction more
rotation-invariant. laplace sums the second differences [1, -2, 1] along both image axes.

axis: -1 (or the last axis) = columns = x; -2 = rows = y. Unlike scipy, which smooths along
EVERY other axis of its input, the smoothing here runs along the other image axis only, so a
batch (N, C, H, W) is filtered image by image (scipy on each 2-D slice gives the same numbers).
"""

from ._boundary import check_mode
from ._correlate import correlate_1d
from ._images import as_images, as_stack, image_axis

CENTRAL_DIFFERENCE = (-1.0, 0.0, 1.0)
SECOND_DIFFERENCE = (1.0, -2.0, 1.0)
SMOOTHING = {"sobel": (1.0, 2.0, 1.0), "prewitt": (1.0, 1.0, 1.0), "scharr": (3.0, 10.0, 3.0)}


def _first_derivative(name, images, axis, mode, cval):
    images = as_images(images, name)
    axis = image_axis(axis, images.ndim, name)
    check_mode(mode, name)
    stack = as_stack(images)  # (B, 1, H, W)
    derivative = correlate_1d(stack, CENTRAL_DIFFERENCE, axis, mode, cval)  # (B, 1, H, W)
    smoothed = correlate_1d(derivative, SMOOTHING[name], -3 - axis, mode, cval)  # the other axis
    return smoothed.reshape(images.shape)


def sobel(input, axis=-1, mode="reflect", cval=0.0):
    """Sobel derivative of each image along `axis` (-1: x, -2: y); same shape as the input."""
    return _first_derivative("sobel", input, axis, mode, cval)


def prewitt(input, axis=-1, mode="reflect", cval=0.0):
    """Prewitt derivative (box smoothing [1, 1, 1]) along `axis`; same shape as the input."""
    return _first_derivative("prewitt", input, axis, mode, cval)


def scharr(input, axis=-1, mode="reflect", cval=0.0):
    """Scharr derivative (smoothing [3, 10, 3], OpenCV's weights) along `axis`; same shape as the input."""
    return _first_derivative("scharr", input, axis, mode, cval)


def laplace(input, mode="reflect", cval=0.0):
    """Discrete Laplacian d2x/drow2 + d2x/dcol2 with the 3-tap second difference; same shape as the input."""
    images = as_images(input, "laplace")
    check_mode(mode, "laplace")
    stack = as_stack(images)  # (B, 1, H, W)
    rows = correlate_1d(stack, SECOND_DIFFERENCE, -2, mode, cval)  # (B, 1, H, W)
    columns = correlate_1d(stack, SECOND_DIFFERENCE, -1, mode, cval)  # (B, 1, H, W)
    return (rows + columns).reshape(images.shape)
