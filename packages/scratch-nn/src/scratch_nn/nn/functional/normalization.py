"""Normalization layers as fused ops: batch_norm (per channel, over the batch) and layer_norm
(per sample, over the last dims). Both compute, over a set of m values of x,

    mu = mean(x),   var = mean((x - mu)^2)   (biased),   xhat = (x - mu) / sqrt(var + eps)
    y  = gamma * xhat + beta

and, with g = dL/dy and gh = g * gamma, the backward of normalizing with the statistics of x itself:

    dL/dx     = (gh - mean(gh) - xhat * mean(gh * xhat)) / sqrt(var + eps)
    dL/dgamma = sum(g * xhat),    dL/dbeta = sum(g)

(the two subtracted means are the paths through mu and var). batch_norm outside training uses the
running statistics, which are constants: dL/dx = gh / sqrt(running_var + eps).

batch_norm's running statistics, when given and training, are updated in place with momentum m:

    running_mean = (1 - m) running_mean + m mu
    running_var  = (1 - m) running_var  + m var * n / (n - 1)     (unbiased, as torch)
"""

import numpy as np

from ...autograd import record
from ...tensor import Tensor


def _check(value, label, name, dtype, shape=None):
    if value is None:
        return None
    if not isinstance(value, Tensor):
        raise TypeError(f"{name}: {label} must be a Tensor or None, got {type(value).__name__}")
    if value.data.dtype != dtype:
        raise TypeError(f"{name}: {label} has dtype {value.dtype} but input has dtype {dtype}")
    if shape is not None and value.shape != shape:
        raise ValueError(f"{name}: {label} must have shape {shape}, got {value.shape}")
    return value.data


def _normalize_backward(grad, xhat, inv_std, gamma, axes):
    """dL/dx of xhat = (x - mean) * inv_std followed by * gamma, statistics over `axes`."""
    grad_xhat = grad if gamma is None else grad * gamma
    mean_grad = grad_xhat.mean(axis=axes, keepdims=True)
    mean_grad_xhat = (grad_xhat * xhat).mean(axis=axes, keepdims=True)
    return (grad_xhat - mean_grad - xhat * mean_grad_xhat) * inv_std


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,  # noqa: A002
               momentum=0.1, eps=1e-5):
    """Normalize each channel of input (N, C, *) with its batch statistics (training) or the running ones."""
    name = "batch_norm"
    if not isinstance(input, Tensor) or input.data.dtype.kind != "f":
        raise TypeError(f"{name}: input must be a floating point Tensor")
    x = input.data
    if x.ndim < 2:
        raise ValueError(f"{name}: expected input of shape (N, C, *), got {input.shape}")
    channels = x.shape[1]
    gamma = _check(weight, "weight", name, x.dtype, (channels,))
    beta = _check(bias, "bias", name, x.dtype, (channels,))
    mean_buffer = _check(running_mean, "running_mean", name, x.dtype, (channels,))
    var_buffer = _check(running_var, "running_var", name, x.dtype, (channels,))
    axes = (0,) + tuple(range(2, x.ndim))  # every dim but the channel
    broadcast = (1, channels) + (1,) * (x.ndim - 2)  # (1, C, 1, ...)
    count = x.size // channels if channels else 0
    if training:
        if count <= 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {list(x.shape)}")
        mean = x.mean(axis=axes, keepdims=True)  # (1, C, 1, ...)
        centered = x - mean
        var = (centered * centered).mean(axis=axes, keepdims=True)  # biased
        if mean_buffer is not None:
            mean_buffer *= 1.0 - momentum
            mean_buffer += momentum * mean.reshape(channels)
        if var_buffer is not None:
            var_buffer *= 1.0 - momentum
            var_buffer += (momentum * count / (count - 1)) * var.reshape(channels)
    else:
        if mean_buffer is None or var_buffer is None:
            raise ValueError(f"{name}: running_mean and running_var are needed when training=False")
        centered = x - mean_buffer.reshape(broadcast)
        var = var_buffer.reshape(broadcast)
    inv_std = (1.0 / np.sqrt(var + eps)).astype(x.dtype)  # (1, C, 1, ...)
    xhat = centered * inv_std
    gamma_b = None if gamma is None else gamma.reshape(broadcast)
    y = xhat if gamma is None else xhat * gamma_b
    if beta is not None:
        y = y + beta.reshape(broadcast)

    def backward(grad):
        grad_input = grad_weight = grad_bias = None
        if input._requires_grad:
            if training:
                grad_input = _normalize_backward(grad, xhat, inv_std, gamma_b, axes)
            else:
                grad_input = (grad if gamma_b is None else grad * gamma_b) * inv_std
        if weight is not None and weight._requires_grad:
            grad_weight = (grad * xhat).sum(axis=axes)  # (C,)
        if bias is not None and bias._requires_grad:
            grad_bias = grad.sum(axis=axes)  # (C,)
        return _select(grad_input, grad_weight, grad_bias, weight, bias)

    inputs = (input,) + tuple(t for t in (weight, bias) if t is not None)
    return record(y, inputs, backward, "NativeBatchNormBackward0")


def _select(grad_input, grad_weight, grad_bias, weight, bias):
    """The gradients for the inputs actually given (input, then weight and bias where not None)."""
    return (grad_input,) + ((grad_weight,) if weight is not None else ()) + ((grad_bias,) if bias is not None else ())


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):  # noqa: A002
    """Normalize each sample over its last len(normalized_shape) dims: input (*, *normalized_shape)."""
    name = "layer_norm"
    if not isinstance(input, Tensor) or input.data.dtype.kind != "f":
        raise TypeError(f"{name}: input must be a floating point Tensor")
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    x = input.data
    if len(shape) == 0 or x.ndim < len(shape) or x.shape[x.ndim - len(shape):] != shape:
        raise ValueError(f"Given normalized_shape={list(shape)}, expected input with shape [*, "
                         f"{', '.join(map(str, shape))}], but got input of size {list(x.shape)}")
    gamma = _check(weight, "weight", name, x.dtype, shape)
    beta = _check(bias, "bias", name, x.dtype, shape)
    axes = tuple(range(x.ndim - len(shape), x.ndim))
    mean = x.mean(axis=axes, keepdims=True)  # (*, 1, ..., 1)
    centered = x - mean
    var = (centered * centered).mean(axis=axes, keepdims=True)
    inv_std = (1.0 / np.sqrt(var + eps)).astype(x.dtype)
    xhat = centered * inv_std  # (*, *normalized_shape)
    y = xhat if gamma is None else xhat * gamma
    if beta is not None:
        y = y + beta
    leading = tuple(range(x.ndim - len(shape)))

    def backward(grad):
        grad_input = grad_weight = grad_bias = None
        if input._requires_grad:
            grad_input = _normalize_backward(grad, xhat, inv_std, gamma, axes)
        if weight is not None and weight._requires_grad:
            grad_weight = (grad * xhat).sum(axis=leading)  # normalized_shape
        if bias is not None and bias._requires_grad:
            grad_bias = grad.sum(axis=leading)
        return _select(grad_input, grad_weight, grad_bias, weight, bias)

    inputs = (input,) + tuple(t for t in (weight, bias) if t is not None)
    return record(y, inputs, backward, "NativeLayerNormBackward0")


__all__ = ["batch_norm", "layer_norm"]
