"""Binary cross-entropy on probabilities (binary_cross_entropy) or on logits (..._with_logits).

On probabilities x in [0, 1], with target t and optional weight w (broadcast to x's shape):

    l = -w (t log x + (1 - t) log(1 - x)),   each log clamped to >= -100 as torch does, so x = 0
                                             or 1 gives a large finite loss instead of inf
    dl/dx = w (x - t) / max(x (1 - x), 1e-12)        (torch's formula, finite at x = 0 or 1)
    dl/dt = w (log(1 - x) - log x)                    (torch leaves these logs unclamped)

On logits z (the stable form: never log(sigmoid) of a saturated sigmoid), with pos_weight p_w
broadcast along the last dim (one per class) and softplus(a) = log(1 + e^a):

    l = w ((1 - t) z + (1 + (p_w - 1) t) softplus(-z))
      = -w (p_w t log sigmoid(z) + (1 - t) log(1 - sigmoid(z)))
    dl/dz = w ((1 - t) - (1 + (p_w - 1) t) sigmoid(-z))      (p_w = 1: w (sigmoid(z) - t))
    dl/dt = w (-z + (p_w - 1) softplus(-z))

weight and pos_weight are constants here (torch does not differentiate them either).
"""

import numpy as np

from ..autograd import record
from ..tensor import Tensor
from ._loss_reduction import check_reduction, per_element_grad, reduce_loss
from ._operands import check_broadcastable

_LOG_FLOOR = -100.0  # torch clamps log(x) and log(1 - x) here
_EPSILON = 1e-12  # torch's floor on x (1 - x) in the gradient


def _operands(input, target, weight, reduction, loss_name, target_message):
    """Validate; returns (input array, target array, weight array or None), all in one dtype."""
    check_reduction(reduction, loss_name)
    for name, value in (("input", input), ("target", target)):
        if not isinstance(value, Tensor):
            raise TypeError(f"{loss_name}: {name} must be a Tensor, got {type(value).__name__}")
    if input.data.dtype.kind != "f":
        raise TypeError(f"{loss_name}: input must be floating point, got dtype {input.dtype}")
    if target.shape != input.shape:
        raise ValueError(f"{loss_name}: {target_message}: target shape {target.shape}, input shape {input.shape}")
    if input.data.size == 0 and reduction == "mean":
        raise ValueError(f"{loss_name}: the mean over an empty input is undefined (torch returns nan)")
    dtype = np.promote_types(input.data.dtype, target.data.dtype) if target.data.dtype.kind == "f" \
        else input.data.dtype
    weight_data = _constant(weight, "weight", input.shape, dtype, loss_name)
    return input.data.astype(dtype, copy=False), target.data.astype(dtype, copy=False), weight_data


def _constant(tensor, name, shape, dtype, loss_name):
    """The array of an optional weight Tensor that must broadcast to the input's `shape`."""
    if tensor is None:
        return None
    if not isinstance(tensor, Tensor):
        raise TypeError(f"{loss_name}: {name} must be a Tensor, got {type(tensor).__name__}")
    check_broadcastable(tensor.shape, shape, f"{loss_name} {name}")
    if np.broadcast_shapes(tensor.shape, shape) != shape:
        raise ValueError(f"{loss_name}: {name} of shape {tensor.shape} must broadcast to the input's shape {shape}")
    return tensor.data.astype(dtype, copy=False)


def _target_grad_or_none(target, grad_target):
    return grad_target if target.data.dtype.kind == "f" else None


def binary_cross_entropy(input, target, weight=None, reduction="mean"):
    """-w (t log x + (1 - t) log(1 - x)) for probabilities x in [0, 1]."""
    x, t, w = _operands(input, target, weight, reduction, "binary_cross_entropy",
                        "target and input must have the same shape")
    if not np.all((x >= 0) & (x <= 1)):  # subtle: NaN fails this too, as in torch
        raise ValueError("binary_cross_entropy: all elements of input should be between 0 and 1 "
                         "(use binary_cross_entropy_with_logits on unbounded scores)")
    with np.errstate(divide="ignore"):  # log(0) = -inf, clamped in the loss
        log_x, log_one_minus_x = np.log(x), np.log1p(-x)  # (...)
    per_element = -(t * np.maximum(log_x, _LOG_FLOOR) + (1.0 - t) * np.maximum(log_one_minus_x, _LOG_FLOOR))
    if w is not None:
        per_element = per_element * w
    out = reduce_loss(per_element, reduction)

    def backward(grad):
        upstream = per_element_grad(grad, reduction, x.shape)  # dL/dl
        if w is not None:
            upstream = upstream * w
        grad_input = upstream * (x - t) / np.maximum(x * (1.0 - x), _EPSILON)
        grad_target = upstream * (log_one_minus_x - log_x)  # subtle: unclamped, as torch (inf at x = 0, 1)
        return grad_input, _target_grad_or_none(target, grad_target)

    return record(out, (input, target), backward, "BinaryCrossEntropyBackward0")


def _softplus(a):
    """log(1 + e^a) without overflow: max(a, 0) + log1p(e^-|a|)."""
    return np.maximum(a, 0.0) + np.log1p(np.exp(-np.abs(a)))


def _sigmoid(a):
    exp_minus_abs = np.exp(-np.abs(a))  # in (0, 1]: no overflow
    return np.where(a >= 0, 1.0, exp_minus_abs) / (1.0 + exp_minus_abs)


def binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean", pos_weight=None):
    """Binary cross-entropy of sigmoid(input), computed from the logits in a stable form."""
    z, t, w = _operands(input, target, weight, reduction, "binary_cross_entropy_with_logits",
                        "target size must be the same as input size")
    pos_weight_data = _constant(pos_weight, "pos_weight", z.shape, z.dtype, "binary_cross_entropy_with_logits")
    # the weight of softplus(-z): 1 + (p_w - 1) t
    log_weight = None if pos_weight_data is None else 1.0 + (pos_weight_data - 1.0) * t
    softplus_minus_z = _softplus(-z)  # -log sigmoid(z)
    per_element = (1.0 - t) * z + (softplus_minus_z if log_weight is None else log_weight * softplus_minus_z)
    if w is not None:
        per_element = per_element * w
    out = reduce_loss(per_element, reduction)

    def backward(grad):
        upstream = per_element_grad(grad, reduction, z.shape)  # dL/dl
        if w is not None:
            upstream = upstream * w
        sigmoid_minus_z = _sigmoid(-z)
        if log_weight is None:
            grad_input = upstream * ((1.0 - t) - sigmoid_minus_z)
            grad_target = upstream * -z
        else:
            grad_input = upstream * ((1.0 - t) - log_weight * sigmoid_minus_z)
            grad_target = upstream * (-z + (pos_weight_data - 1.0) * softplus_minus_z)
        return grad_input, _target_grad_or_none(target, grad_target)

    return record(out, (input, target), backward, "BinaryCrossEntropyWithLogitsBackward0")
