"""Convolutions as one matrix product over im2col columns: conv1d, conv2d, conv_transpose1d/2d.

conv (cross-correlation, as torch), for input x (N, C, *S), weight W (O, C/g, *k), g groups:

    y[n, o, p] = b[o] + sum_{c in group(o), j} W[o, c, j] * x_pad[n, c, p * s + j * r]

With X = im2col(x_pad) (C * prod(k) rows, one column per output position: M = prod(out) * N)
and W as (O, C * prod(k)) (per group: that group's rows of X and of W only), the forward is one
matrix product Y = W X, and for dL/dY = G (O, M):

    dL/dW = G X^T            dL/db = sum of G over columns            dL/dX = W^T G  -> col2im -> crop

conv_transpose is the adjoint of conv (the gradient of conv's input, used to upsample): for input
x (N, C_in, *S) and weight W (C_in, C_out/g, *k), each input entry scatters W-weighted copies:

    cols = W^T x_cols                               (C_out * prod(k), prod(S) * N)
    y    = crop(col2im(cols), padding) + b          size (S - 1) s - 2 p + r (k - 1) + output_padding + 1

and its backward is a convolution: dL/dx_cols = W im2col(pad(G)), dL/dW = x_cols im2col(pad(G))^T.
Columns are ordered (*out, n) and outputs are views laid out in memory as (O, *out, N), the
layout _windows works fastest with: no transposing copy on the way out or back in.
"""

import math

import numpy as np

from ...autograd import record
from ...tensor import Tensor
from . import _windows


def _check_tensors(input, weight, bias, name):  # noqa: A002 - torch's argument name
    for label, value in (("input", input), ("weight", weight)) + ((("bias", bias),) if bias is not None else ()):
        if not isinstance(value, Tensor):
            raise TypeError(f"{name}: {label} must be a Tensor, got {type(value).__name__}")
        if value.data.dtype.kind != "f":
            raise TypeError(f"{name}: {label} must be a floating point tensor, got dtype {value.dtype}")
        if value.data.dtype != input.data.dtype:
            raise TypeError(f"{name}: {label} has dtype {value.dtype} but input has dtype {input.dtype}")


def _batched(input, d, name):  # noqa: A002
    """(array with a batch dim, whether one was added): (C, *S) inputs are unbatched, as torch."""
    if input.data.ndim == d + 1:
        return input.data[None], True
    if input.data.ndim == d + 2:
        return input.data, False
    raise ValueError(f"Expected {d + 1}D (unbatched) or {d + 2}D (batched) input to {name}, but got input "
                     f"of size: {list(input.shape)}")


def _conv_pads(padding, kernel, stride, dilation, d, name):
    """((lo, hi), ...) per spatial dim from an int, a tuple, 'valid' or 'same'."""
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0),) * d
        if padding == "same":
            if any(s != 1 for s in stride):
                raise ValueError(f"{name}: padding='same' is not supported for strided convolutions")
            totals = [r * (k - 1) for k, r in zip(kernel, dilation)]  # subtle: odd totals pad one more on the right
            return tuple((t // 2, t - t // 2) for t in totals)
        raise ValueError(f"Invalid padding string {padding!r}, should be one of {{'valid', 'same'}}")
    return tuple((p, p) for p in _windows.nonnegative_tuple(padding, d, "padding"))


def _check_groups(groups, name):
    if isinstance(groups, bool) or not isinstance(groups, int) or groups <= 0:
        raise ValueError(f"{name}: groups must be a positive integer, got {groups!r}")


def _grouped(matrix, groups):
    """(g * a, b) -> (g, a, b): the rows of each group, a view."""
    return matrix.reshape(groups, matrix.shape[0] // groups, matrix.shape[-1])


def _channel_major(array):
    """(N, C, *S) -> (C, prod(S) * N): each channel's values as one row, columns (*s, n) as im2col's
    (a view when the array is laid out batch last, see _windows)."""
    return _windows.batch_last(array).reshape(array.shape[1], math.prod(array.shape) // max(array.shape[1], 1))


def _conv(input, weight, bias, stride, padding, dilation, groups, d, name):  # noqa: A002
    _check_tensors(input, weight, bias, name)
    x, unbatched = _batched(input, d, name)  # (N, C, *S)
    w = weight.data
    if w.ndim != d + 2:
        raise ValueError(f"{name}: weight must be {d + 2}-D (out_channels, in_channels / groups, *kernel), "
                         f"got shape {weight.shape}")
    _check_groups(groups, name)
    out_channels, channels_per_group, kernel = w.shape[0], w.shape[1], w.shape[2:]
    if x.shape[1] != channels_per_group * groups or out_channels % groups:
        raise ValueError(f"Given groups={groups}, weight of size {list(w.shape)}, expected input{list(x.shape)} "
                         f"to have {channels_per_group * groups} channels, but got {x.shape[1]} channels instead"
                         + ("" if out_channels % groups == 0 else f" (and {out_channels} out channels are not "
                                                                 f"divisible by {groups} groups)"))
    if bias is not None and bias.shape != (out_channels,):
        raise ValueError(f"{name}: bias must have shape ({out_channels},), got {bias.shape}")
    stride = _windows.positive_tuple(stride, d, "stride")
    dilation = _windows.positive_tuple(dilation, d, "dilation")
    pads = _conv_pads(padding, kernel, stride, dilation, d, name)
    x_padded = _windows.pad(x, pads)  # (N, C, *P)
    out = _windows.output_size(x_padded.shape[2:], kernel, stride, dilation)
    if any(o <= 0 for o in out):
        raise ValueError(f"{name}: calculated padded input size per channel: {x_padded.shape[2:]}, kernel size "
                         f"{tuple(kernel)} (dilation {dilation}): the kernel can't be greater than the input")

    batch = x.shape[0]
    cols = _windows.im2col(x_padded, kernel, stride, dilation, out)  # (C * K, M)
    w_groups = w.reshape(groups, out_channels // groups, -1)  # (g, O/g, C/g * K)
    y_rows = np.matmul(w_groups, _grouped(cols, groups)).reshape(out_channels, cols.shape[1])  # (O, M)
    if bias is not None:
        y_rows += bias.data[:, None]
    y = _windows.batch_first(y_rows.reshape((out_channels,) + out + (batch,)))  # (N, O, *out), a view

    def backward(grad):  # grad (N, O, *out)
        grad = grad[None] if unbatched else grad
        grad_rows = _grouped(_channel_major(grad), groups)  # (g, O/g, M)
        grad_input = grad_weight = grad_bias = None
        if input._requires_grad:
            grad_cols = np.matmul(w_groups.transpose(0, 2, 1), grad_rows).reshape(cols.shape)  # (C * K, M)
            canvas = _windows.col2im(grad_cols, batch, x_padded.shape[2:], kernel, stride, dilation, out)
            grad_input = _windows.crop(canvas, pads, x.shape[2:])  # (N, C, *S)
            grad_input = grad_input[0] if unbatched else grad_input
        if weight._requires_grad:
            grad_weight = np.matmul(grad_rows, _grouped(cols, groups).transpose(0, 2, 1)).reshape(w.shape)
        if bias is not None and bias._requires_grad:
            grad_bias = grad_rows.sum(axis=-1).reshape(out_channels)  # (O,)
        return (grad_input, grad_weight) + ((grad_bias,) if bias is not None else ())

    inputs = (input, weight) if bias is None else (input, weight, bias)
    return record(y[0] if unbatched else y, inputs, backward, "ConvolutionBackward0")


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):  # noqa: A002
    """1-D convolution: input (N, C, L) or (C, L), weight (O, C/groups, k) -> (N, O, L_out)."""
    return _conv(input, weight, bias, stride, padding, dilation, groups, 1, "conv1d")


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):  # noqa: A002
    """2-D convolution: input (N, C, H, W) or (C, H, W), weight (O, C/groups, kh, kw) -> (N, O, H_out, W_out)."""
    return _conv(input, weight, bias, stride, padding, dilation, groups, 2, "conv2d")


def _conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation, d, name):  # noqa: A002
    _check_tensors(input, weight, bias, name)
    x, unbatched = _batched(input, d, name)  # (N, C_in, *S)
    w = weight.data
    if w.ndim != d + 2:
        raise ValueError(f"{name}: weight must be {d + 2}-D (in_channels, out_channels / groups, *kernel), "
                         f"got shape {weight.shape}")
    _check_groups(groups, name)
    in_channels, out_per_group, kernel = w.shape[0], w.shape[1], w.shape[2:]
    if x.shape[1] != in_channels or in_channels % groups:
        raise ValueError(f"Given transposed=1, weight of size {list(w.shape)}, expected input{list(x.shape)} to "
                         f"have {in_channels} channels (divisible by groups={groups}), but got {x.shape[1]} channels")
    out_channels = out_per_group * groups
    if bias is not None and bias.shape != (out_channels,):
        raise ValueError(f"{name}: bias must have shape ({out_channels},), got {bias.shape}")
    if isinstance(padding, str):
        raise ValueError(f"{name}: padding must be an int or a tuple of ints, got {padding!r}")
    stride = _windows.positive_tuple(stride, d, "stride")
    dilation = _windows.positive_tuple(dilation, d, "dilation")
    padding = _windows.nonnegative_tuple(padding, d, "padding")
    output_padding = _windows.nonnegative_tuple(output_padding, d, "output_padding")
    if any(op >= max(s, r) for op, s, r in zip(output_padding, stride, dilation)):
        raise ValueError(f"{name}: output padding must be smaller than either stride or dilation, got "
                         f"output_padding={output_padding}, stride={stride}, dilation={dilation}")
    spatial = x.shape[2:]
    size = tuple((n - 1) * s - 2 * p + r * (k - 1) + op + 1
                 for n, s, p, r, k, op in zip(spatial, stride, padding, dilation, kernel, output_padding))
    if any(n <= 0 for n in size):
        raise ValueError(f"{name}: the output size {size} is too small for input {x.shape} with padding {padding}")
    canvas_size = tuple((n - 1) * s + r * (k - 1) + 1 + op
                        for n, s, r, k, op in zip(spatial, stride, dilation, kernel, output_padding))
    pads = tuple((p, c - p - n) for p, c, n in zip(padding, canvas_size, size))

    batch = x.shape[0]
    x_rows = _grouped(_channel_major(x), groups)  # (g, C_in/g, M), columns (*s, n)
    w_groups = w.reshape(groups, in_channels // groups, -1)  # (g, C_in/g, C_out/g * K)
    cols = np.matmul(w_groups.transpose(0, 2, 1), x_rows).reshape(out_channels * math.prod(kernel), x_rows.shape[-1])
    canvas = _windows.col2im(cols, batch, canvas_size, kernel, stride, dilation, spatial)  # (N, C_out, *canvas)
    y = _windows.crop(canvas, pads, size)  # (N, C_out, *size)
    if bias is not None:
        y = y + bias.data.reshape((-1,) + (1,) * d)

    def backward(grad):  # grad (N, C_out, *size)
        grad = grad[None] if unbatched else grad
        grad_cols = _grouped(_windows.im2col(_windows.pad(grad, pads), kernel, stride, dilation, spatial), groups)
        grad_input = grad_weight = grad_bias = None
        if input._requires_grad:
            grad_rows = np.matmul(w_groups, grad_cols).reshape((in_channels,) + spatial + (batch,))
            grad_input = _windows.batch_first(grad_rows)  # (N, C_in, *S)
            grad_input = grad_input[0] if unbatched else grad_input
        if weight._requires_grad:
            grad_weight = np.matmul(x_rows, grad_cols.transpose(0, 2, 1)).reshape(w.shape)  # (C_in, C_out/g, *k)
        if bias is not None and bias._requires_grad:
            grad_bias = grad.sum(axis=(0,) + tuple(range(2, 2 + d)))  # (C_out,)
        return (grad_input, grad_weight) + ((grad_bias,) if bias is not None else ())

    inputs = (input, weight) if bias is None else (input, weight, bias)
    return record(y[0] if unbatched else y, inputs, backward, "ConvolutionBackward0")


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,  # noqa: A002
                     dilation=1):
    """Transposed 1-D convolution: input (N, C_in, L), weight (C_in, C_out/groups, k) -> (N, C_out, L_out)."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation, 1,
                           "conv_transpose1d")


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,  # noqa: A002
                     dilation=1):
    """Transposed 2-D convolution: input (N, C_in, H, W), weight (C_in, C_out/groups, kh, kw) -> (N, C_out, H', W')."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation, 2,
                           "conv_transpose2d")


__all__ = ["conv1d", "conv2d", "conv_transpose1d", "conv_transpose2d"]
