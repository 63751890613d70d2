"""Regression losses on the difference d = input - target, each one fused op (torch's names):

    mse_loss     l(d) = d^2                                        dl/dd = 2 d
    l1_loss      l(d) = |d|                                        dl/dd = sign(d)   (0 at d = 0)
    huber_loss   l(d) = d^2 / 2            if |d| < delta          dl/dd = clip(d, -delta, delta)
                        delta (|d| - delta / 2) otherwise

then reduced ('mean' divides by the number of elements). The input's gradient is
dl/dd * dL/dl and the target's is its negative, each summed back over broadcast axes.

With `weight` (same shape as input) the loss is built from Tensor ops exactly as torch builds it:
l * weight, then sum / sum(weight) for 'mean' in mse and l1 but a plain mean in huber (torch's
choice), so the weight gets a gradient too.

subtle: like torch, a target shaped differently from the input is broadcast with a UserWarning
(usually a bug: (N, 1) against (N,) makes an (N, N) loss).
"""

import warnings

import numpy as np

from ..autograd import record
from ..tensor import Tensor
from ._loss_reduction import check_reduction, per_element_grad, reduce_loss
from ._operands import binary_operands, check_broadcastable, unbroadcast


def _squared(diff):
    return diff * diff


def _squared_slope(diff):
    return 2.0 * diff


def _pointwise_loss(input, target, reduction, loss_name, node_name, value, slope):
    """The shared fused op: validate, d = input - target, l = value(d), reduce; backward slope(d)."""
    check_reduction(reduction, loss_name)
    if not isinstance(input, Tensor) or not isinstance(target, Tensor):
        raise TypeError(f"{loss_name}: input and target must be Tensors, got "
                        f"{type(input).__name__} and {type(target).__name__}")
    input, target, input_data, target_data = binary_operands(input, target)
    if input_data.dtype.kind != "f":
        raise TypeError(f"{loss_name}: needs floating point tensors, got dtype {input_data.dtype}")
    if input.shape != target.shape:
        check_broadcastable(input.shape, target.shape, loss_name)
        warnings.warn(f"{loss_name}: using a target size {target.shape} that is different to the input "
                      f"size {input.shape}; broadcasting will likely give incorrect results. "
                      "Please ensure they have the same size.", UserWarning, stacklevel=3)
    diff = input_data - target_data  # (broadcast shape)
    if diff.size == 0 and reduction == "mean":
        raise ValueError(f"{loss_name}: the mean over an empty input is undefined (torch returns nan)")
    out = reduce_loss(value(diff), reduction)

    def backward(grad):  # dL/dd = dL/dl * dl/dd; d(d)/d(input) = 1, d(d)/d(target) = -1
        grad_diff = per_element_grad(grad, reduction, diff.shape) * slope(diff)
        return unbroadcast(grad_diff, input.shape), unbroadcast(-grad_diff, target.shape)

    return record(out, (input, target), backward, node_name)


def _weighted(loss_name, unweighted, input, weight, reduction, mean_by_weight):
    """torch's weighted form: (l * w) reduced; 'mean' is sum(l w) / sum(w) or mean(l w)."""
    check_reduction(reduction, loss_name)
    if not isinstance(weight, Tensor):
        raise TypeError(f"{loss_name}: weight must be a Tensor, got {type(weight).__name__}")
    if weight.shape != input.shape:
        raise ValueError(f"{loss_name}: weight must have the input's shape {input.shape}, got {weight.shape}")
    weighted = unweighted * weight
    if reduction == "none":
        return weighted
    if reduction == "sum":
        return weighted.sum()
    return weighted.sum() / weight.sum() if mean_by_weight else weighted.mean()


def mse_loss(input, target, reduction="mean", weight=None):
    """Mean squared error: reduce((input - target)^2)."""
    if weight is not None:
        return _weighted("mse_loss", mse_loss(input, target, "none"), input, weight, reduction, True)
    return _pointwise_loss(input, target, reduction, "mse_loss", "MseLossBackward0", _squared, _squared_slope)


def l1_loss(input, target, reduction="mean", weight=None):
    """Mean absolute error: reduce(|input - target|)."""
    if weight is not None:
        return _weighted("l1_loss", l1_loss(input, target, "none"), input, weight, reduction, True)
    return _pointwise_loss(input, target, reduction, "l1_loss", "L1LossBackward0", np.abs, np.sign)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """Quadratic for |d| < delta, linear beyond: robust to outliers, smooth at 0."""
    if isinstance(delta, bool) or not isinstance(delta, (int, float)) or not delta > 0:
        raise ValueError(f"huber_loss: delta must be a positive number, got {delta!r}")
    delta = float(delta)
    if weight is not None:
        return _weighted("huber_loss", huber_loss(input, target, "none", delta), input, weight,
                         reduction, False)

    def value(diff):
        absolute = np.abs(diff)
        return np.where(absolute < delta, 0.5 * diff * diff, delta * (absolute - 0.5 * delta))

    def slope(diff):  # subtle: at |d| = delta both pieces have slope +-delta, so clip is exact
        return np.clip(diff, -delta, delta)

    return _pointwise_loss(input, target, reduction, "huber_loss", "HuberLossBackward0", value, slope)
