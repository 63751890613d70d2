"""Gradient clipping, in place on parameters' .grad (as torch.nn.utils).

    total = clip_grad_norm_(model.parameters(), max_norm=1.0)   # between backward() and step()

clip_grad_norm_ = get_total_norm + clip_grads_with_norm_ (torch's own split):

    total_norm = || (||g_1||_p, ||g_2||_p, ...) ||_p      the p-norm of all gradients as one vector
    g_k *= min(max_norm / (total_norm + 1e-6), 1)           (always multiplied, as torch: the factor
                                                             is 1 when the norm is within bounds)

with ||v||_p = (sum |v_i|^p)^(1/p), max |v_i| for p = inf, min |v_i| for p = -inf and the count of
nonzeros for p = 0 (then the "total" counts the gradients with a nonzero entry, as torch's).
clip_grad_value_ clamps every gradient entry into [-clip_value, clip_value].
"""

import math

import numpy as np

from ..._dtypes import get_default_dtype
from ...tensor import Tensor

_CLIP_EPSILON = 1e-6  # torch's guard against dividing by a zero norm


def _vector_norm(values, norm_type):
    """The p-norm of a flat array, as torch.linalg.vector_norm."""
    magnitudes = np.abs(values)
    if norm_type == math.inf:
        return magnitudes.max(initial=0.0)
    if norm_type == -math.inf:
        return magnitudes.min(initial=math.inf)
    if norm_type == 0:
        return np.asarray(np.count_nonzero(magnitudes), dtype=values.dtype)
    if norm_type == 1:
        return magnitudes.sum()
    if norm_type == 2:
        return np.sqrt(np.dot(values, values))  # one BLAS pass
    return np.sum(magnitudes**norm_type) ** (1.0 / norm_type)


def _as_list(parameters):
    return [parameters] if isinstance(parameters, Tensor) else list(parameters)


def _grads(parameters):
    """The .grad arrays of the parameters that have one."""
    grads = []
    for param in _as_list(parameters):
        if not isinstance(param, Tensor):
            raise TypeError(f"expected Tensors (parameters), got {type(param).__name__}")
        if param.grad is not None:
            grads.append(param.grad)
    return grads


def _check_number(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    return float(value)


def get_total_norm(tensors, norm_type=2.0, error_if_nonfinite=False):
    """The norm of the norms of `tensors` (a Tensor or an iterable of them), as a 0-d Tensor."""
    try:
        norm_type = float(norm_type)  # as torch: 2, 2.0, math.inf and "inf" all work
    except (TypeError, ValueError):
        raise ValueError(f"norm_type must be a number (or 'inf'), got {norm_type!r}") from None
    tensors = _as_list(tensors)
    if not tensors:
        return Tensor(np.array(0.0, dtype=get_default_dtype()))
    norms = [_vector_norm(tensor.data.reshape(-1), norm_type) for tensor in tensors]  # one per tensor
    dtype = np.result_type(*[tensor.data.dtype for tensor in tensors])
    total = _vector_norm(np.array(norms, dtype=dtype), norm_type)  # (len,) -> ()
    if error_if_nonfinite and not np.isfinite(total):
        raise RuntimeError(f"The total norm of order {norm_type} for gradients from `parameters` is "
                           "non-finite, so it cannot be clipped. To disable this error and scale the "
                           "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
    return Tensor(np.asarray(total, dtype=dtype))


def _update_in_place(grad, values):
    """grad.data[...] = values, keeping the array (as torch's in-place mul_/clamp_); a read-only
    gradient array is replaced instead."""
    if grad.data.flags.writeable:
        np.copyto(grad.data, values, casting="unsafe")
    else:
        grad.data = np.asarray(values, dtype=grad.data.dtype)


def clip_grads_with_norm_(parameters, max_norm, total_norm):
    """Scale every .grad by min(max_norm / (total_norm + 1e-6), 1), in place."""
    max_norm = _check_number("max_norm", max_norm)
    total = float(total_norm.item() if isinstance(total_norm, Tensor) else total_norm)
    # subtle: a nan total makes every gradient nan and an inf total zeroes them, as in torch
    coefficient = math.nan if math.isnan(total) else min(max_norm / (total + _CLIP_EPSILON), 1.0)
    for grad in _grads(parameters):
        with np.errstate(invalid="ignore"):  # inf * 0 = nan, which torch returns too
            _update_in_place(grad, grad.data * np.asarray(coefficient, dtype=grad.data.dtype))


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False):
    """Rescale the gradients so that their total norm is at most max_norm; returns the total norm
    before clipping (a 0-d Tensor)."""
    parameters = _as_list(parameters)
    total_norm = get_total_norm(_grads(parameters), norm_type, error_if_nonfinite)
    clip_grads_with_norm_(parameters, max_norm, total_norm)
    return total_norm


def clip_grad_value_(parameters, clip_value):
    """Clamp every gradient entry into [-clip_value, clip_value], in place."""
    clip_value = _check_number("clip_value", clip_value)
    for grad in _grads(parameters):
        _update_in_place(grad, np.clip(grad.data, -clip_value, clip_value))
