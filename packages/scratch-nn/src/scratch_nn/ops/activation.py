"""Activation functions: tanh, sigmoid, relu, leaky_relu, gelu, softmax, log_softmax.

Forward formula, then the local derivative the backward closure multiplies g by:

    tanh(x)                                        1 - out^2
    sigmoid(x) = 1 / (1 + e^-x)                    out (1 - out)
    relu(x) = max(x, 0)                            0 where x <= 0, else 1 (0 at x = 0, as torch)
    leaky_relu(x) = x if x > 0 else s x            1 where x > 0, else s
    gelu(x) = x Phi(x),  Phi(x) = (1 + erf(x / sqrt 2)) / 2
                                                   Phi(x) + x phi(x),  phi = e^(-x^2/2) / sqrt(2 pi)
    gelu tanh form: x (1 + tanh(u)) / 2,  u = sqrt(2/pi) (x + 0.044715 x^3)
                                                   (1 + t)/2 + x (1 - t^2) sqrt(2/pi) (1 + 3 0.044715 x^2) / 2
    softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m)  (m = max: no overflow)
                                                   backward: out * (g - sum(g * out))
    log_softmax(x) = x - m - log sum_j e^(x_j - m) backward: g - softmax(x) * sum(g)

Every constant is a Python float, so float32 inputs stay float32 end to end.
"""

import math

import numpy as np
from scratch_optim.special import erf

from ..autograd import record
from ._dims import normalize_dim

_SQRT_HALF = math.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_GELU_CUBIC = 0.044715


def _require_floating(x, name):
    if x.data.dtype.kind != "f":
        raise TypeError(f"{name}: needs a floating point tensor, got dtype {x.dtype}; use .float()")
    return x.data


def tanh(x):
    """Hyperbolic tangent."""
    out = np.tanh(_require_floating(x, "tanh"))

    def backward(grad):  # d tanh = 1 - tanh^2
        return (grad * (1.0 - out * out),)

    return record(out, (x,), backward, "TanhBackward0")


def sigmoid(x):
    """The logistic function, computed without overflow: e^-|x| never exceeds 1."""
    data = _require_floating(x, "sigmoid")
    exp_minus_abs = np.exp(-np.abs(data))  # (...) in (0, 1]
    out = np.where(data >= 0, 1.0, exp_minus_abs) / (1.0 + exp_minus_abs)

    def backward(grad):  # d sigmoid = out (1 - out)
        return (grad * (out * (1.0 - out)),)

    return record(out, (x,), backward, "SigmoidBackward0")


def relu(x):
    """max(x, 0); NaN stays NaN."""
    data = _require_floating(x, "relu")
    out = np.maximum(data, 0.0)

    def backward(grad):  # 0 where x <= 0, else 1 (subtle: a NaN input passes g on, as torch)
        keep = ~(data <= 0)  # (*,) bool: x > 0 or x is NaN
        # subtle: a product by the mask is ~8x faster than np.where here, and equal to it
        # unless g is inf or NaN where x <= 0 (0 * inf is NaN): then select instead.
        with np.errstate(invalid="ignore"):  # 0 * inf: NaN, replaced just below
            grad_input = grad * keep
        if not np.isfinite(grad_input).all():
            grad_input = np.where(keep, grad, 0.0)
        return (grad_input,)

    return record(out, (x,), backward, "ReluBackward0")


def leaky_relu(x, negative_slope=0.01):
    """x where x > 0, negative_slope * x elsewhere."""
    data = _require_floating(x, "leaky_relu")
    if not isinstance(negative_slope, (int, float)) or isinstance(negative_slope, bool):
        raise TypeError(f"leaky_relu: negative_slope must be a number, got {negative_slope!r}")
    slope = float(negative_slope)
    positive = data > 0
    out = np.where(positive, data, data * slope)

    def backward(grad):  # 1 where x > 0, slope elsewhere
        return (np.where(positive, grad, grad * slope),)

    return record(out, (x,), backward, "LeakyReluBackward0")


def gelu(x, approximate="none"):
    """Gaussian error linear unit: x Phi(x) exactly (erf), or its tanh approximation."""
    data = _require_floating(x, "gelu")
    if approximate == "none":
        cdf = (0.5 * (1.0 + erf(data * _SQRT_HALF))).astype(data.dtype)  # erf runs in float64
        out = data * cdf

        def backward(grad):  # Phi(x) + x phi(x)
            return (grad * (cdf + data * (np.exp(-0.5 * data * data) * _INV_SQRT_2PI)),)

    elif approximate == "tanh":
        t = np.tanh(_SQRT_2_OVER_PI * (data + _GELU_CUBIC * data * data * data))
        out = 0.5 * data * (1.0 + t)

        def backward(grad):
            du_dx = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_CUBIC * data * data)
            return (grad * (0.5 * (1.0 + t) + 0.5 * data * (1.0 - t * t) * du_dx),)

    else:
        raise ValueError(f"gelu: approximate must be 'none' or 'tanh', got {approximate!r}")
    return record(out, (x,), backward, "GeluBackward0")


def _softmax_dim(x, dim, name):
    if dim is None:
        raise TypeError(f"{name}: dim is required (the dim whose entries sum to one)")
    data = _require_floating(x, name)
    return (data.reshape(1) if data.ndim == 0 else data), normalize_dim(dim, data.ndim)


def softmax(x, dim):
    """exp(x) / sum(exp(x)) along dim."""
    data, dim = _softmax_dim(x, dim, "softmax")
    out = data - np.max(data, axis=dim, keepdims=True)
    np.exp(out, out=out)
    out /= np.sum(out, axis=dim, keepdims=True)

    def backward(grad):  # Jacobian-vector product: out * (g - <g, out>)
        grad = grad.reshape(out.shape)
        return ((out * (grad - np.sum(grad * out, axis=dim, keepdims=True))).reshape(x.shape),)

    return record(out.reshape(x.shape), (x,), backward, "SoftmaxBackward0")


def log_softmax(x, dim):
    """x - logsumexp(x) along dim: the log of softmax without its underflow."""
    data, dim = _softmax_dim(x, dim, "log_softmax")
    shifted = data - np.max(data, axis=dim, keepdims=True)
    out = shifted - np.log(np.sum(np.exp(shifted), axis=dim, keepdims=True))

    def backward(grad):  # g - softmax * sum(g)
        grad = grad.reshape(out.shape)
        return ((grad - np.exp(out) * np.sum(grad, axis=dim, keepdims=True)).reshape(x.shape),)

    return record(out.reshape(x.shape), (x,), backward, "LogSoftmaxBackward0")
