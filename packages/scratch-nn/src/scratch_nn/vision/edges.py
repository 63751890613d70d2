"""Edge strength of grayscale or RGB images: the length of the image gradient at each pixel.

    magnitude = sqrt(gx^2 + gy^2 + eps),   gx = op(image, axis=-1),  gy = op(image, axis=-2)

with op one of sobel, prewitt, scharr (derivatives.py). Colour is reduced in one of two ways:

    "luminance"  gray = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601 luma, as PIL's convert("L")),
                 then the magnitude of gray's gradient (cheap; misses edges between colours
                 of equal brightness)
    "max"        the magnitude of each channel's gradient, then the largest over R, G, B
                 (catches every colour edge)

Layouts: (H, W) grayscale -> (H, W); (H, W, 3) RGB channels-last -> (H, W);
(N, 3, H, W) or (N, 1, H, W) channels-first -> (N, 1, H, W).

eps: sqrt has an infinite slope at 0, so the gradient of the magnitude is NaN on flat patches;
pass a small eps (1e-12) when you backpropagate through it. The default 0 gives exact values.
"""

import numpy as np

from ..ops.elementwise import sqrt
from ..ops.extrema import max as tensor_max
from ..ops.shape import permute
from ..tensor import Tensor
from ._images import as_images
from .derivatives import prewitt, scharr, sobel

OPERATORS = {"sobel": sobel, "prewitt": prewitt, "scharr": scharr}
REDUCTIONS = ("luminance", "max")
LUMA_WEIGHTS = (0.299, 0.587, 0.114)  # R, G, B


def _channels_first(images):
    """(image as (N, C, H, W) with C in {1, 3}, a function restoring the caller's layout)."""
    shape = tuple(images.shape)
    if images.ndim == 2:
        return images.reshape(1, 1, *shape), lambda out: out.reshape(shape)
    if images.ndim == 3 and shape[2] == 3:
        return permute(images, (2, 0, 1)).reshape(1, 3, *shape[:2]), lambda out: out.reshape(shape[:2])
    if images.ndim == 4 and shape[1] in (1, 3):
        return images, lambda out: out
    raise ValueError(f"edge_magnitude: expected a grayscale (H, W), an RGB (H, W, 3) or a batch (N, 3, H, W) "
                     f"or (N, 1, H, W) image, got shape {shape}")


def edge_magnitude(image, operator="sobel", reduce="luminance", mode="reflect", cval=0.0, eps=0.0):
    """Gradient magnitude per pixel (see the module docstring for layouts and the colour reduction)."""
    if operator not in OPERATORS:
        raise ValueError(f"edge_magnitude: unknown operator {operator!r}; expected one of {', '.join(OPERATORS)}")
    if reduce not in REDUCTIONS:
        raise ValueError(f"edge_magnitude: unknown reduce {reduce!r}; expected one of {', '.join(REDUCTIONS)}")
    if not np.isfinite(eps) or eps < 0:
        raise ValueError(f"edge_magnitude: eps must be a non-negative number, got {eps!r}")
    images, restore_layout = _channels_first(as_images(image, "edge_magnitude"))  # (N, C, H, W)
    if images.shape[1] == 3 and reduce == "luminance":
        luma = Tensor(np.asarray(LUMA_WEIGHTS, dtype=images.dtype).reshape(1, 3, 1, 1))
        images = (images * luma).sum(dim=1, keepdim=True)  # (N, 1, H, W)
    derivative = OPERATORS[operator]
    along_x = derivative(images, axis=-1, mode=mode, cval=cval)  # (N, C, H, W)
    along_y = derivative(images, axis=-2, mode=mode, cval=cval)
    magnitude = sqrt(along_x * along_x + along_y * along_y + eps)  # (N, C, H, W)
    if magnitude.shape[1] > 1:
        magnitude = tensor_max(magnitude, dim=1, keepdim=True)[0]  # (N, 1, H, W)
    return restore_layout(magnitude)
