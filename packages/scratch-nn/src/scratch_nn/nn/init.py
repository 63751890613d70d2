"""Weight initialization, as torch.nn.init: each function fills a tensor in place and returns it.

For a weight of shape (out, in, *kernel), the receptive field r = prod(kernel) and

    fan_in = in * r,   fan_out = out * r

    xavier_uniform_   U(-b, b),  b   = gain * sqrt(6 / (fan_in + fan_out))     (Glorot & Bengio, 2010)
    xavier_normal_    N(0, s^2), s   = gain * sqrt(2 / (fan_in + fan_out))
    kaiming_uniform_  U(-b, b),  b   = gain * sqrt(3 / fan)                    (He et al., 2015)
    kaiming_normal_   N(0, s^2), s   = gain / sqrt(fan)       fan = fan_in or fan_out (mode)
    orthogonal_       Q of the QR of a Gaussian matrix, the signs of diag(R) folded into Q's columns
                      (so Q is uniform over the orthogonal group), times gain
    trunc_normal_     N(mean, std^2) conditioned on [a, b], by the inverse CDF of a uniform draw

gain = calculate_gain(nonlinearity, param): 1 for linear/conv/sigmoid, 5/3 for tanh, sqrt(2) for
relu, sqrt(2 / (1 + slope^2)) for leaky_relu, 3/4 for selu. Every function takes an optional
`generator`; the draws follow the same distributions as torch's but not the same numbers
(numpy's PCG64 stream, see scratch_nn.random), so tests compare moments and bounds.
"""

import math
import numbers

import numpy as np
from scratch_linalg import qr
from scratch_optim.special import ndtr, ndtri

from ..grad_mode import no_grad
from ..ops import inplace
from ..random import numpy_generator
from ..tensor import Tensor

_LINEAR_NONLINEARITIES = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                          "conv_transpose3d", "sigmoid")


def calculate_gain(nonlinearity, param=None):
    """The recommended scale of the weights for a layer followed by `nonlinearity`."""
    if nonlinearity in _LINEAR_NONLINEARITIES:
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, numbers.Real) and not isinstance(param, bool):
            slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _check_tensor(tensor, name):
    if not isinstance(tensor, Tensor):
        raise TypeError(f"{name}: expected a scratch_nn Tensor, got {type(tensor).__name__}")
    if tensor.data.dtype.kind != "f":
        raise TypeError(f"{name}: needs a floating point tensor, got dtype {tensor.dtype}")


def _calculate_fan_in_and_fan_out(tensor):
    """(fan_in, fan_out) of a weight shaped (out, in, *kernel)."""
    if tensor.ndim < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    receptive_field = math.prod(tensor.shape[2:])
    return tensor.shape[1] * receptive_field, tensor.shape[0] * receptive_field


def _calculate_correct_fan(tensor, mode):
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of fan_in, fan_out")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return fan_in if mode == "fan_in" else fan_out


def uniform_(tensor, a=0.0, b=1.0, generator=None):
    """Fill with draws from U(a, b)."""
    _check_tensor(tensor, "uniform_")
    if not a <= b:
        raise ValueError(f"uniform_: expects a <= b, got a={a}, b={b}")
    with no_grad():
        return inplace.uniform_(tensor, a, b, generator=generator)


def normal_(tensor, mean=0.0, std=1.0, generator=None):
    """Fill with draws from N(mean, std^2)."""
    _check_tensor(tensor, "normal_")
    with no_grad():
        return inplace.normal_(tensor, mean, std, generator=generator)


def trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None):
    """Fill with N(mean, std^2) draws restricted to [a, b]: u ~ U(Phi(alpha), Phi(beta)), then
    mean + std * Phi^-1(u), with alpha = (a - mean) / std, beta = (b - mean) / std."""
    _check_tensor(tensor, "trunc_normal_")
    if not std > 0 or not a < b:
        raise ValueError(f"trunc_normal_: needs std > 0 and a < b, got std={std}, a={a}, b={b}")
    low, high = ndtr((a - mean) / std), ndtr((b - mean) / std)
    u = numpy_generator(generator).uniform(low, high, size=tensor.shape)  # (...) in (Phi(alpha), Phi(beta))
    values = np.clip(mean + std * ndtri(u), a, b)  # subtle: clip guards the rounding at the ends
    with no_grad():
        return inplace.copy_(tensor, values)


def constant_(tensor, val):
    """Fill with the value `val`."""
    _check_tensor(tensor, "constant_")
    with no_grad():
        return inplace.fill_(tensor, val)


def zeros_(tensor):
    return constant_(tensor, 0.0)


def ones_(tensor):
    return constant_(tensor, 1.0)


def eye_(tensor):
    """Fill a 2-D tensor with the identity matrix (ones on the diagonal of a rectangle)."""
    _check_tensor(tensor, "eye_")
    if tensor.ndim != 2:
        raise ValueError(f"Only tensors with 2 dimensions are supported, got shape {tensor.shape}")
    with no_grad():
        return inplace.copy_(tensor, np.eye(*tensor.shape))


def xavier_uniform_(tensor, gain=1.0, generator=None):
    """U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out))."""
    _check_tensor(tensor, "xavier_uniform_")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    bound = gain * math.sqrt(6.0 / float(fan_in + fan_out))
    return uniform_(tensor, -bound, bound, generator=generator)


def xavier_normal_(tensor, gain=1.0, generator=None):
    """N(0, s^2) with s = gain * sqrt(2 / (fan_in + fan_out))."""
    _check_tensor(tensor, "xavier_normal_")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return normal_(tensor, 0.0, gain * math.sqrt(2.0 / float(fan_in + fan_out)), generator=generator)


def _kaiming_std(tensor, a, mode, nonlinearity):
    return calculate_gain(nonlinearity, a) / math.sqrt(_calculate_correct_fan(tensor, mode))


def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """U(-b, b) with b = gain * sqrt(3 / fan); `a` is the leaky_relu slope that sets the gain."""
    _check_tensor(tensor, "kaiming_uniform_")
    if tensor.data.size == 0:  # subtle: nothing to fill (torch warns and returns the tensor)
        return tensor
    bound = math.sqrt(3.0) * _kaiming_std(tensor, a, mode, nonlinearity)
    return uniform_(tensor, -bound, bound, generator=generator)


def kaiming_normal_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """N(0, s^2) with s = gain / sqrt(fan)."""
    _check_tensor(tensor, "kaiming_normal_")
    if tensor.data.size == 0:
        return tensor
    return normal_(tensor, 0.0, _kaiming_std(tensor, a, mode, nonlinearity), generator=generator)


def orthogonal_(tensor, gain=1.0, generator=None):
    """A (semi-)orthogonal matrix (rows or columns orthonormal) of shape (rows, prod(rest)), times gain."""
    _check_tensor(tensor, "orthogonal_")
    if tensor.ndim < 2:
        raise ValueError(f"Only tensors with 2 or more dimensions are supported, got shape {tensor.shape}")
    if tensor.data.size == 0:
        return tensor
    rows = tensor.shape[0]
    cols = tensor.data.size // rows
    gaussian = numpy_generator(generator).standard_normal((rows, cols))  # (rows, cols)
    if rows < cols:
        gaussian = gaussian.T  # (cols, rows): QR needs a tall matrix
    q, r = qr(gaussian)  # q (tall, short) with orthonormal columns
    q = q * np.sign(np.diagonal(r))  # subtle: fix the sign ambiguity of QR so Q is Haar distributed
    if rows < cols:
        q = q.T  # (rows, cols)
    with no_grad():
        return inplace.copy_(tensor, (gain * q).reshape(tensor.shape))


__all__ = ["calculate_gain", "constant_", "eye_", "kaiming_normal_", "kaiming_uniform_", "normal_", "ones_",
           "orthogonal_", "trunc_normal_", "uniform_", "xavier_normal_", "xavier_uniform_", "zeros_"]
