"""Pooling over 2-D windows: max_pool2d, avg_pool2d and adaptive_avg_pool2d (as torch's).

Output size per dim, for input size n, kernel k, stride s, padding p, dilation r:

    floor mode:  o = (n + 2p - r (k - 1) - 1) // s + 1
    ceil mode:   o = ceil((n + 2p - r (k - 1) - 1) / s) + 1, minus 1 if the last window would start
                 beyond the input and its left padding ((o - 1) s >= n + p)

max_pool:  y = max over the window of x_pad (padding is -inf); dL/dx gets g at the window's argmax
           (the first one on ties; a NaN wins, as torch). Forward and backward loop over the
           k_h * k_w kernel offsets, each step one strided slice of all windows at once: forward
           keeps the running maximum, backward adds g where the first offset holding it sits.
avg_pool:  y = (sum over the window of x_pad (padding is 0)) / divisor. The divisor counts the window
           cells inside the padded input (count_include_pad=True) or inside the input itself
           (False); cells that only ceil mode adds never count. dL/dx spreads g / divisor over
           the window. Counting cells per dim and multiplying gives every divisor at once.
adaptive:  output cell i along a dim of size n averages x[floor(i n / o) : ceil((i + 1) n / o)].
           That is a matrix A (o, n) with 1/length in each row's range, so y = A_h x A_w^T and
           dL/dx = A_h^T G A_w: two matrix products each way (for a non-finite input the forward
           averages bin by bin, so a NaN or inf reaches only its own bins, as in torch).
"""

import numpy as np

from ...autograd import record
from ...tensor import Tensor
from . import _windows


def _check_input(input, name):  # noqa: A002 - torch's argument name
    if not isinstance(input, Tensor):
        raise TypeError(f"{name}: input must be a Tensor, got {type(input).__name__}")
    if input.data.dtype.kind != "f":
        raise TypeError(f"{name}: needs a floating point tensor, got dtype {input.dtype}")
    if input.data.ndim not in (3, 4):
        raise ValueError(f"{name}: expected 3D (C, H, W) or 4D (N, C, H, W) input, got shape {input.shape}")
    if any(n == 0 for n in input.shape[-3:]):
        raise ValueError(f"{name}: expected input with non-zero channels, height and width, got shape {input.shape}")
    return (input.data[None], True) if input.data.ndim == 3 else (input.data, False)


def _pool_geometry(spatial, kernel_size, stride, padding, dilation, ceil_mode, name):
    """kernel, stride, padding, dilation tuples, output size, and the padded canvas size (pads hi side
    extended so ceil mode's last window fits)."""
    kernel = _windows.positive_tuple(kernel_size, 2, "kernel_size")
    stride = kernel if stride is None or (not isinstance(stride, int) and len(stride) == 0) else \
        _windows.positive_tuple(stride, 2, "stride")
    padding = _windows.nonnegative_tuple(padding, 2, "padding")
    dilation = _windows.positive_tuple(dilation, 2, "dilation")
    for k, p, r in zip(kernel, padding, dilation):
        if 2 * p > r * (k - 1) + 1:
            raise ValueError(f"{name}: pad should be at most half of effective kernel size, but got "
                             f"pad={p}, kernel_size={k} and dilation={r}")
    out = []
    for n, k, s, p, r in zip(spatial, kernel, stride, padding, dilation):
        span = n + 2 * p - r * (k - 1) - 1
        o = (span + (s - 1 if ceil_mode else 0)) // s + 1
        if ceil_mode and (o - 1) * s >= n + p:  # subtle: the last window must start inside input or left pad
            o -= 1
        if span < 0 or o <= 0:
            raise ValueError(f"{name}: input spatial size {tuple(spatial)} is too small for kernel {kernel} "
                             f"(dilation {dilation}, padding {padding}): output size would be < 1")
        out.append(o)
    out = tuple(out)
    pads = tuple((p, max(p, (o - 1) * s + r * (k - 1) + 1 - n - p))
                 for n, k, s, p, r, o in zip(spatial, kernel, stride, padding, dilation, out))
    return kernel, stride, dilation, pads, out


def _new(like, spatial, value, dtype=None):
    """A new (N, C, *spatial) array filled with value, laid out batch last (see _windows)."""
    n, c = like.shape[:2]
    return _windows.batch_first(np.full((c,) + tuple(spatial) + (n,), value, dtype=dtype or like.dtype))


def _at_offset(array, offset, stride, dilation, out):
    """The (N, C, *out) view of the entries that kernel offset `offset` reads in every window."""
    return array[(slice(None), slice(None)) + _windows.kernel_slices(offset, stride, dilation, out)]


def _winners(slices, y, kernel, stride, dilation, pads, out):
    """The offset index of each window's maximum (N, C, Ho, Wo), exactly as torch's scan picks it:
    the first offset holding the maximum (its comparison is a strict >), except that every NaN
    takes over (so the last NaN wins), and a window of -inf only points at its first cell inside
    the input (never at padding)."""
    winner = np.zeros(y.shape, dtype=np.int32)
    for index in range(len(slices) - 1, -1, -1):  # backwards, so the first offset writes last
        winner = np.where(slices[index] == y, np.int32(index), winner)
    nan_windows = np.isnan(y)
    if nan_windows.any():
        for index, values in enumerate(slices):
            winner = np.where(nan_windows & np.isnan(values), np.int32(index), winner)
    minus_inf_windows = y == -np.inf
    if minus_inf_windows.any():
        first = [np.maximum(0, -((np.arange(o) * s - lo) // r))  # first offset i with o s - lo + i r >= 0
                 for o, s, (lo, _), r in zip(out, stride, pads, dilation)]
        winner = np.where(minus_inf_windows, first[0][:, None] * kernel[1] + first[1], winner)
    return winner


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,  # noqa: A002
               return_indices=False):
    """Max over each window: input (N, C, H, W) or (C, H, W) -> (N, C, H_out, W_out) [, indices].

    indices (int64) are flat positions h * W + w in each input channel, as torch returns them.
    """
    x, unbatched = _check_input(input, "max_pool2d")
    kernel, stride, dilation, pads, out = _pool_geometry(x.shape[2:], kernel_size, stride, padding, dilation,
                                                         ceil_mode, "max_pool2d")
    x_padded = _windows.pad(x, pads, value=-np.inf)  # (N, C, Hp, Wp), laid out batch last
    offsets = _windows.kernel_offsets(kernel)
    slices = [_at_offset(x_padded, offset, stride, dilation, out) for offset in offsets]  # (N, C, Ho, Wo) each
    y = slices[0].copy(order="K")  # (N, C, Ho, Wo)
    for values in slices[1:]:
        np.maximum(y, values, out=y)  # NaN propagates, as torch
    # subtle: the plain rule (first offset equal to the maximum) fails only for NaN and -inf windows
    winner = None
    if return_indices or not np.isfinite(y).all():
        winner = _winners(slices, y, kernel, stride, dilation, pads, out)

    def backward(grad):  # grad (N, C, Ho, Wo): all of it to each window's winner
        grad = grad[None] if unbatched else grad
        canvas = _new(x_padded, x_padded.shape[2:], 0.0)  # (N, C, Hp, Wp)
        unclaimed = None if winner is not None else _new(x, out, True, bool)
        for index, (offset, values) in enumerate(zip(offsets, slices)):
            if winner is not None:
                won = winner == index
            else:  # the first offset equal to the maximum claims the window
                won = values == y
                won &= unclaimed
                unclaimed ^= won
            target = _at_offset(canvas, offset, stride, dilation, out)
            target += grad * won  # (N, C, Ho, Wo)
        grad_input = _windows.crop(canvas, pads, x.shape[2:])
        return (grad_input[0] if unbatched else grad_input,)

    result = record(y[0] if unbatched else y, (input,), backward, "MaxPool2DWithIndicesBackward0")
    if not return_indices:
        return result
    rows = (np.arange(out[0])[:, None] * stride[0] - pads[0][0]
            + (winner // kernel[1]) * dilation[0])  # (N, C, Ho, Wo) input row of the winner
    cols = (np.arange(out[1]) * stride[1] - pads[1][0] + (winner % kernel[1]) * dilation[1])
    indices = (rows * x.shape[3] + cols).astype(np.int64)  # (N, C, Ho, Wo)
    return result, Tensor(indices[0] if unbatched else indices)


def _window_counts(kernel, stride, out, inside):
    """Per output cell of one dim, how many of its window's cells lie in [inside[0], inside[1]) of the
    padded axis."""
    starts = np.arange(out) * stride  # (out,) window starts on the padded axis
    return np.clip(np.minimum(starts + kernel, inside[1]) - np.maximum(starts, inside[0]), 0, None)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,  # noqa: A002
               divisor_override=None):
    """Mean over each window: input (N, C, H, W) or (C, H, W) -> (N, C, H_out, W_out)."""
    x, unbatched = _check_input(input, "avg_pool2d")
    kernel, stride, dilation, pads, out = _pool_geometry(x.shape[2:], kernel_size, stride, padding, 1,
                                                         ceil_mode, "avg_pool2d")
    if divisor_override is not None:
        if isinstance(divisor_override, bool) or not isinstance(divisor_override, int) or divisor_override == 0:
            raise ValueError(f"avg_pool2d: divisor_override must be a non-zero int, got {divisor_override!r}")
        divisor = np.array(float(divisor_override))
    else:
        counts = []
        for n, k, s, o, (lo, _) in zip(x.shape[2:], kernel, stride, out, pads):
            inside = (0, n + 2 * lo) if count_include_pad else (lo, lo + n)
            counts.append(_window_counts(k, s, o, inside))
        divisor = np.multiply.outer(counts[0], counts[1]).astype(x.dtype)  # (Ho, Wo)
    x_padded = _windows.pad(x, pads)  # (N, C, Hp, Wp), laid out batch last
    offsets = _windows.kernel_offsets(kernel)
    total = _new(x, out, 0.0)  # (N, C, Ho, Wo)
    for offset in offsets:
        total += _at_offset(x_padded, offset, stride, dilation, out)
    y = (total / divisor).astype(x.dtype, copy=False)

    def backward(grad):  # each window cell gets g / divisor
        grad = grad[None] if unbatched else grad
        share = grad / divisor  # (N, C, Ho, Wo)
        canvas = _new(x_padded, x_padded.shape[2:], 0.0)
        for offset in offsets:
            _at_offset(canvas, offset, stride, dilation, out)[...] += share
        grad_input = _windows.crop(canvas, pads, x.shape[2:])
        return (grad_input[0] if unbatched else grad_input,)

    return record(y[0] if unbatched else y, (input,), backward, "AvgPool2DBackward0")


def _adaptive_bins(size, out):
    """(starts, ends) of the out bins over a dim of `size`: bin i is [floor(i size / out), ceil((i + 1) size / out)).
    e.g. size 5, out 3 -> [0, 2), [1, 4), [3, 5)."""
    cells = np.arange(out)
    return (cells * size) // out, -((-(cells + 1) * size) // out)  # (out,), (out,): floor and ceil division


def _adaptive_matrix(size, out, dtype):
    """A (out, size) whose row i averages bin i: A[i, j] = 1 / len(bin i) for j in bin i, else 0."""
    starts, ends = _adaptive_bins(size, out)
    positions = np.arange(size)  # (size,)
    inside = (positions >= starts[:, None]) & (positions < ends[:, None])  # (out, size)
    return (inside / (ends - starts)[:, None]).astype(dtype)


def _mean_over_bins(array, axis, size, out):
    """Mean of each bin along `axis` (the bins of _adaptive_bins), stacked along that axis."""
    return np.stack([array.take(np.arange(start, end), axis=axis).mean(axis=axis)
                     for start, end in zip(*_adaptive_bins(size, out))], axis=axis)


def adaptive_avg_pool2d(input, output_size):  # noqa: A002
    """Average pooling to a fixed output size (H_out, W_out) whatever the input size; None keeps a dim."""
    x, unbatched = _check_input(input, "adaptive_avg_pool2d")
    sizes = output_size if isinstance(output_size, (tuple, list)) else (output_size, output_size)
    if len(sizes) != 2:
        raise ValueError(f"adaptive_avg_pool2d: output_size must be an int or a pair, got {output_size!r}")
    sizes = tuple(n if o is None else o for n, o in zip(x.shape[2:], sizes))
    if any(isinstance(o, bool) or not isinstance(o, int) or o <= 0 for o in sizes):
        raise ValueError(f"adaptive_avg_pool2d: output_size must be positive ints (or None), got {output_size!r}")
    if np.isfinite(x).all():
        y = _adaptive_matrix(x.shape[2], sizes[0], x.dtype) @ (x @ _adaptive_matrix(x.shape[3], sizes[1], x.dtype).T)
    else:  # subtle: 0 * inf = NaN would spread a non-finite value to every bin; average bin by bin instead
        y = _mean_over_bins(_mean_over_bins(x, 2, x.shape[2], sizes[0]), 3, x.shape[3], sizes[1])

    def backward(grad):  # A_h^T G A_w
        grad = grad[None] if unbatched else grad
        rows = _adaptive_matrix(x.shape[2], sizes[0], grad.dtype)  # (Ho, H)
        cols = _adaptive_matrix(x.shape[3], sizes[1], grad.dtype)  # (Wo, W)
        grad_input = rows.T @ (grad @ cols)  # (N, C, H, W)
        return (grad_input[0] if unbatched else grad_input,)

    return record(y[0] if unbatched else y, (input,), backward, "AdaptiveAvgPool2DBackward0")


__all__ = ["adaptive_avg_pool2d", "avg_pool2d", "max_pool2d"]
