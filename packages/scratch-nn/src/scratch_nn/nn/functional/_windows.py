"""Sliding windows over the spatial dims of (N, C, *spatial) arrays: the machinery that convolution
and pooling share, for any number d of spatial dims (1 for Conv1d, 2 for Conv2d).

A window of a d-dim kernel k with stride s and dilation r, at output position o, reads the
(padded) input at  o * s + j * r  for each kernel offset j. Along one dim of padded size P:

    out = (P - r (k - 1) - 1) // s + 1                          (floor: a partial window is dropped)

im2col gathers every window into one column, so a convolution is one matrix product:

    windows   (N, C, *out, *k)                 a read-only as_strided view, no copy
    im2col    (C * prod(k), prod(out) * N)     one copy: rows ordered (c, *j), columns (*o, n)

col2im is its adjoint (the gradient of im2col): each entry of a column is added back where it was
read. Instead of a scatter (np.add.at) it loops over the prod(k) kernel offsets j, adding one
strided slice per offset, so every Python iteration moves a whole block of C * prod(out) * N values:

    canvas[c, j*r : j*r + s*(out-1) + 1 : s, n] += cols[c, j, o, n]      for each kernel offset j

Memory layout. Arrays keep numpy's (N, C, *spatial) axis order, but the arrays made here are laid
out in memory as (C, *spatial, N): channel-major, batch innermost (their strides say so; numpy
reads them like any other array). Then a kernel offset's slice is made of runs of out * N
consecutive values instead of runs of out, so the copies and additions above run over long
contiguous stretches. Convolution outputs keep that layout, so a network passes it along.
"""

import itertools
import math
import numbers
import operator

import numpy as np
from numpy.lib.stride_tricks import as_strided


def ntuple(value, d, name):
    """An int or a length-d sequence of ints -> a tuple of d ints.   ntuple(3, 2, "k") -> (3, 3)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return (int(value),) * d
    try:
        values = tuple(operator.index(v) for v in value)
    except TypeError:
        raise TypeError(f"{name} must be an int or a tuple of {d} ints, got {value!r}") from None
    if len(values) == 1:
        return values * d
    if len(values) != d:
        raise ValueError(f"{name} must be an int or a tuple of {d} ints, got {value!r}")
    return values


def positive_tuple(value, d, name):
    values = ntuple(value, d, name)
    if any(v <= 0 for v in values):
        raise ValueError(f"{name} must be positive, got {value!r}")
    return values


def nonnegative_tuple(value, d, name):
    values = ntuple(value, d, name)
    if any(v < 0 for v in values):
        raise ValueError(f"{name} must be non-negative, got {value!r}")
    return values


def batch_last(array):
    """The (C, *spatial, N) view of an (N, C, *spatial) array (no copy)."""
    return np.moveaxis(array, 0, -1)


def batch_first(array):
    """The (N, C, *spatial) view of a (C, *spatial, N) array (no copy)."""
    return np.moveaxis(array, -1, 0)


def is_batch_last(array):
    """Whether an (N, C, *spatial) array is laid out in memory as a contiguous (C, *spatial, N)."""
    return batch_last(array).flags.c_contiguous


def pad(array, pads, value=0.0):
    """Pad the spatial dims of (N, C, *spatial) with `value`; pads is ((lo, hi), ...) per spatial dim.

    The result is laid out as (C, *padded, N) (see the module docstring); an array already laid
    out so and needing no padding is returned as it is.
    """
    if not any(lo or hi for lo, hi in pads) and is_batch_last(array):
        return array
    padded_size = tuple(n + lo + hi for n, (lo, hi) in zip(array.shape[2:], pads))
    padded = batch_first(np.full((array.shape[1],) + padded_size + (array.shape[0],), value, dtype=array.dtype))
    padded[(slice(None), slice(None)) + tuple(slice(lo, lo + n) for n, (lo, _) in zip(array.shape[2:], pads))] = array
    return padded  # (N, C, *padded)


def crop(array, pads, sizes):
    """The inverse of pad: the (N, C, *sizes) block that starts at each pad's lo (a view)."""
    if not any(lo or hi for lo, hi in pads):
        return array
    return array[(slice(None), slice(None)) + tuple(slice(lo, lo + n) for (lo, _), n in zip(pads, sizes))]


def output_size(padded, kernel, stride, dilation):
    """Window count along each dim: (P - r (k - 1) - 1) // s + 1 (may be <= 0: no window fits)."""
    return tuple((p - r * (k - 1) - 1) // s + 1 for p, k, s, r in zip(padded, kernel, stride, dilation))


def kernel_slices(offset, stride, dilation, out):
    """Spatial index of the entries that kernel offset `offset` reads, for all outputs at once."""
    return tuple(slice(j * r, j * r + s * (o - 1) + 1, s) for j, s, r, o in zip(offset, stride, dilation, out))


def kernel_offsets(kernel):
    """Every kernel offset j in row-major order: (0, 0), (0, 1), ... (the order of a flattened kernel)."""
    return list(itertools.product(*(range(k) for k in kernel)))


def im2col(padded, kernel, stride, dilation, out):
    """Every window as a column: (C * prod(kernel), prod(out) * N), rows (c, *j), columns (*o, n)."""
    d = len(kernel)
    view = as_strided(padded, padded.shape[:2] + tuple(out) + tuple(kernel),  # (N, C, *out, *k)
                      padded.strides[:2] + tuple(b * s for b, s in zip(padded.strides[2:], stride))
                      + tuple(b * r for b, r in zip(padded.strides[2:], dilation)), writeable=False)
    columns_last = view.transpose((1,) + tuple(range(2 + d, 2 + 2 * d)) + tuple(range(2, 2 + d)) + (0,))
    return columns_last.reshape(padded.shape[1] * math.prod(kernel), math.prod(out) * padded.shape[0])  # (C*K, M)


def col2im(cols, batch, padded_size, kernel, stride, dilation, out):
    """Adjoint of im2col: add each entry of cols (C * prod(kernel), prod(out) * N) back at the input
    position it was read from; returns the padded canvas (N, C, *padded_size), laid out batch last."""
    channels = cols.shape[0] // math.prod(kernel)
    blocks = cols.reshape((channels,) + tuple(kernel) + tuple(out) + (batch,))  # (C, *k, *out, N)
    canvas = np.zeros((channels,) + tuple(padded_size) + (batch,), dtype=cols.dtype)  # (C, *padded, N)
    for offset in kernel_offsets(kernel):
        canvas[(slice(None),) + kernel_slices(offset, stride, dilation, out)] += blocks[(slice(None),) + offset]
    return batch_first(canvas)
