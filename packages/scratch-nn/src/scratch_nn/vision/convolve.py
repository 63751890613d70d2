"""Any 2-D kernel: convolve2d and correlate2d, as scipy.signal, on a stack of images.

    convolve2d(image, kernel, mode="same", boundary="symm")    # scipy.signal.convolve2d

Convolution flips the kernel; correlation does not (conv2d in torch is a correlation):

    convolve:   out[i, j] = sum_{a, b} k[a, b] * x_ext[i - a, j - b]
    correlate:  out[i, j] = sum_{a, b} k[a, b] * x_ext[i + a, j + b]     (full: shifted by kh - 1, kw - 1)

mode: "full" every overlap, (H + kh - 1, W + kw - 1); "same" the centre of full cut to (H, W)
(starting at row (kh - 1) // 2); "valid" only where the kernel lies inside, (H - kh + 1, W - kw + 1).
boundary: "fill" (pad with fillvalue), "wrap" (periodic) or "symm" (mirror with the edge
repeated: scipy.ndimage's "reflect").

How: convolve2d(x, k) = correlate2d(x, k rotated 180 degrees), and a correlation is ONE valid
conv2d over x extended (by the boundary rule) with kh - 1 - s rows before and h - H + s after,
where h is the output height and s where the output starts inside the full result: 0 (full),
kh - 1 (valid), (kh - 1) // 2 (same; kh // 2 for correlate2d, as scipy). Columns likewise.

Differences from scipy: the input may be a batch (..., H, W) filtered image by image; the kernel
may be a Tensor that requires grad (its gradient flows); "valid" needs the kernel to fit in the
image (scipy swaps the two arguments when the kernel is larger).
"""

import numpy as np

from ..tensor import Tensor
from ._correlate import as_kernel, correlate_padded
from ._images import as_images, as_stack

BOUNDARIES = {"fill": "constant", "wrap": "wrap", "symm": "reflect"}  # scipy.signal -> ndimage mode
MODES = ("full", "same", "valid")


def _checked_kernel(kernel, who):
    if isinstance(kernel, np.ndarray):
        kernel = Tensor(kernel)
    if not isinstance(kernel, Tensor):
        raise TypeError(f"{who}: kernel must be a Tensor or numpy array, got {type(kernel).__name__}")
    if kernel.ndim != 2 or 0 in kernel.shape:
        raise ValueError(f"{who}: kernel must be a non-empty 2-D array (kh, kw), got shape {tuple(kernel.shape)}")
    if not np.isfinite(kernel.data).all():
        raise ValueError(f"{who}: kernel contains NaN or inf")
    return kernel


def _extension(taps, mode, flip):
    """(rows or columns added before, after) along one axis for a kernel of `taps` entries.

    `start` is where the output begins inside the full result; the output has length
    n + (taps - 1, 0, -(taps - 1)) for full, same, valid; the rest follows from
    out[i] = sum_a k[a] x_ext[i + a] over the extended input.
    """
    # subtle: for an even kernel scipy centres correlate2d's "same" output one entry later
    same_start = (taps - 1) // 2 if flip else taps // 2
    start = {"full": 0, "same": same_start, "valid": taps - 1}[mode]
    growth = {"full": taps - 1, "same": 0, "valid": 1 - taps}[mode]
    return taps - 1 - start, growth + start


def _convolve(who, input, kernel, mode, boundary, fillvalue, flip):
    images = as_images(input, who)
    kernel = _checked_kernel(kernel, who)
    if mode not in MODES:
        raise ValueError(f"{who}: unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    if boundary not in BOUNDARIES:
        raise ValueError(f"{who}: unknown boundary {boundary!r}; expected one of {', '.join(BOUNDARIES)}")
    kernel_height, kernel_width = kernel.shape
    height, width = images.shape[-2:]
    if mode == "valid" and (kernel_height > height or kernel_width > width):
        raise ValueError(f"{who}: in 'valid' mode the kernel {tuple(kernel.shape)} must fit inside the "
                         f"image {(height, width)}")
    kernel = as_kernel(kernel, images.dtype)
    if flip:
        kernel = kernel[np.arange(kernel_height - 1, -1, -1)][:, np.arange(kernel_width - 1, -1, -1)]
    pads = (_extension(kernel_height, mode, flip), _extension(kernel_width, mode, flip))
    out = correlate_padded(as_stack(images), kernel, pads, BOUNDARIES[boundary], fillvalue)  # (B, 1, h, w)
    return out.reshape(*images.shape[:-2], *out.shape[-2:])


def convolve2d(input, kernel, mode="full", boundary="fill", fillvalue=0.0):
    """Each image convolved with `kernel` (kh, kw), as scipy.signal.convolve2d."""
    return _convolve("convolve2d", input, kernel, mode, boundary, fillvalue, flip=True)


def correlate2d(input, kernel, mode="full", boundary="fill", fillvalue=0.0):
    """Each image cross-correlated with `kernel` (kh, kw), as scipy.signal.correlate2d."""
    return _convolve("correlate2d", input, kernel, mode, boundary, fillvalue, flip=False)
