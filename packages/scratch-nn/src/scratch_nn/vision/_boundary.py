"""Extending an image past its border, with scipy.ndimage's boundary modes.

For a row a b c d (n = 4), padded by 3 on each side:

    reflect    c b a | a b c d | d c b     the edge pixel repeats (half-sample symmetric, period 2n)
    mirror     d c b | a b c d | c b a     the edge pixel does not repeat (whole-sample, period 2n - 2)
    nearest    a a a | a b c d | d d d
    wrap       b c d | a b c d | a b c     periodic
    constant   k k k | a b c d | k k k     k = cval

Every mode but constant is a gather: padded[p] = x[source(p)], with source() computed here in
NumPy once and applied as one differentiable fancy index (its gradient adds back into x).
Constant gathers the nearest pixel and then puts cval where the position is outside.
Pads longer than the row keep the same periodic rule (reflect of a b: a b | a b | b a a b ...).
"""

import numpy as np

from ..ops.elementwise import where
from ..tensor import Tensor

MODES = ("reflect", "mirror", "nearest", "wrap", "constant")


def check_mode(mode, who):
    if mode not in MODES:
        raise ValueError(f"{who}: unknown mode {mode!r}; expected one of {', '.join(MODES)}")


def source_indices(n, before, after, mode):
    """For positions -before .. n + after - 1: the index of x each one copies, and which are inside.

    source_indices(4, 2, 2, "reflect") -> [1, 0, 0, 1, 2, 3, 3, 2]
    """
    positions = np.arange(-before, n + after)  # (before + n + after,)
    inside = (positions >= 0) & (positions < n)
    if mode == "reflect":
        folded = positions % (2 * n)
        return np.where(folded < n, folded, 2 * n - 1 - folded), inside
    if mode == "mirror":
        if n == 1:  # subtle: a one-pixel row mirrors onto itself
            return np.zeros_like(positions), inside
        folded = positions % (2 * n - 2)
        return np.where(folded < n, folded, 2 * n - 2 - folded), inside
    if mode == "wrap":
        return positions % n, inside
    return np.clip(positions, 0, n - 1), inside  # nearest, and constant before its cval


def pad_axis(images, axis, before, after, mode, cval=0.0):
    """images (Tensor, any shape) extended by `before`/`after` entries along `axis` (non-negative)."""
    if before == 0 and after == 0:
        return images
    axis = axis % images.ndim
    source, inside = source_indices(images.shape[axis], before, after, mode)
    key = (slice(None),) * axis + (source,)
    padded = images[key]  # (..., before + n + after, ...)
    if mode == "constant" and not inside.all():
        mask_shape = [1] * images.ndim
        mask_shape[axis] = inside.size
        padded = where(Tensor(inside.reshape(mask_shape)), padded, cval)
    return padded
