"""Checking filter inputs and viewing any stack of images as (B, 1, H, W) for conv2d.

A filter input is a Tensor or numpy array of shape (H, W), (C, H, W) or (N, C, H, W): every
2-D slice over the last two axes is filtered on its own (channels first, as torch). Integer and
bool images become the default float dtype (float32); float16 becomes float32; float32 and
float64 are kept. NaN or inf pixels are refused.
"""

import numpy as np

from .._dtypes import get_default_dtype
from ..tensor import Tensor


def as_images(images, who):
    """images as a float Tensor of shape (H, W), (C, H, W) or (N, C, H, W), after the checks above."""
    if isinstance(images, np.ndarray):
        images = Tensor(images)
    if not isinstance(images, Tensor):
        raise TypeError(f"{who}: expected a Tensor or numpy array of images, got {type(images).__name__}")
    if not 2 <= images.ndim <= 4:
        raise ValueError(f"{who}: expected an image of shape (H, W), (C, H, W) or (N, C, H, W), "
                         f"got shape {tuple(images.shape)}")
    if images.shape[-2] == 0 or images.shape[-1] == 0:
        raise ValueError(f"{who}: the image is empty (shape {tuple(images.shape)})")
    if images.dtype.kind != "f" or images.dtype == np.float16:
        float_dtype = np.float32 if images.dtype == np.float16 else get_default_dtype()
        images = images.to(float_dtype)
    if not np.isfinite(images.data).all():
        raise ValueError(f"{who}: the image contains NaN or inf")
    return images


def as_stack(images):
    """(B, 1, H, W) view of a checked image batch, for a single-channel conv2d."""
    height, width = images.shape[-2:]
    return images.reshape(-1, 1, height, width)  # (B, 1, H, W)


def image_axis(axis, ndim, who):
    """-2 (rows, y) or -1 (columns, x) for an axis given as either of the last two axes."""
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)) or not -ndim <= axis < ndim:
        raise ValueError(f"{who}: axis must be one of the image axes (-2 = rows/y, -1 = columns/x), got {axis!r}")
    axis = int(axis) - ndim if axis >= 0 else int(axis)
    if axis not in (-2, -1):
        raise ValueError(f"{who}: axis must be one of the last two axes (-2 = rows/y, -1 = columns/x); "
                         f"got {axis + ndim} for an input with {ndim} dims")
    return axis
