"""Correlating a stack of images with a small kernel, through conv2d, with a boundary mode.

    correlate_1d(stack, [-1, 0, 1], axis=-1, mode="reflect")     # scipy.ndimage.correlate1d
    correlate_padded(stack, kernel_2d, pads, mode)               # any 2-D kernel

stack is (B, 1, H, W). A K-tap kernel along one axis is centred on tap K // 2 (scipy's origin 0):

    out[i] = sum_j w[j] * x_ext[i + j - K // 2]

where x_ext is x extended past the border by the mode (_boundary.py). Extend first, then a
"valid" cross-correlation, which is what conv2d computes (im2col + one matrix product), so the
result is differentiable with respect to the image (and the kernel, when it is a Tensor).
"""

import numpy as np

from ..nn.functional.convolution import conv2d
from ..tensor import Tensor
from ._boundary import pad_axis


def valid_correlation(stack, kernel):
    """(B, 1, H - kh + 1, W - kw + 1) cross-correlation of stack (B, 1, H, W) with kernel (kh, kw).

    The one place that calls conv2d (switching the convolution backend is a one-line change).
    """
    return conv2d(stack, kernel.reshape(1, 1, *kernel.shape))


def as_kernel(weights, dtype):
    """A kernel Tensor in the image dtype (conv2d needs equal dtypes); Tensors keep their graph."""
    if isinstance(weights, Tensor):
        return weights if weights.dtype == dtype else weights.to(dtype)
    return Tensor(np.asarray(weights, dtype=dtype))


def correlate_padded(stack, kernel, pads, mode, cval=0.0):
    """stack (B, 1, H, W) extended by pads ((top, bottom), (left, right)), then correlated with kernel."""
    (top, bottom), (left, right) = pads
    extended = pad_axis(pad_axis(stack, -2, top, bottom, mode, cval), -1, left, right, mode, cval)
    return valid_correlation(extended, kernel)


def correlate_1d(stack, weights, axis, mode, cval=0.0):
    """scipy.ndimage.correlate1d on the image axis -2 (rows) or -1 (columns) of stack (B, 1, H, W)."""
    kernel = as_kernel(weights, stack.dtype)  # (K,)
    taps = kernel.shape[0]
    before, after = taps // 2, taps - 1 - taps // 2
    if axis == -2:
        return correlate_padded(stack, kernel.reshape(taps, 1), ((before, after), (0, 0)), mode, cval)
    return correlate_padded(stack, kernel.reshape(1, taps), ((0, 0), (before, after)), mode, cval)
