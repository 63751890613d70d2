"""Classification losses over class scores: cross_entropy (fused) and nll_loss, as torch's.

Both see the scores as rows x_i (M, C) (see _class_layout) and a target distribution per row
q_i (C,), and compute

    loss_i = -sum_c q_ic log p_ic,       log p_i = log_softmax(x_i)  (cross_entropy)
                                         log p_i = x_i               (nll_loss: x is already log p)

The target decides q. With class weights w (C,) and label smoothing eps:

    class index y_i         q_i = (1 - eps) w_{y_i} onehot(y_i) + (eps / C) w;   q_i = 0 if y_i == ignore_index
    class probabilities t_i q_i = w * ((1 - eps) t_i + eps / C)

'mean' divides the summed loss by sum_i w_{y_i} over kept rows (index targets: torch's weighted
mean, the count of kept rows without weights) or by M (probability targets).

Fused backward of cross_entropy (no softmax Jacobian is ever formed): with s_i = sum_c q_ic,

    dL/dx_i = g_i (s_i p_i - q_i)        (s_i = 1, q_i = onehot: the familiar p - y)
    dL/dt_i = -g_i (1 - eps) w * log p_i   (probability targets only)

where g_i = dL/dloss_i. nll_loss's gradient is just -g_i q_i (its input is log p).
"""

import numpy as np

from ..autograd import record
from ..tensor import Tensor
from ._class_layout import (
    check_index_target,
    check_scores,
    class_weight,
    from_rows,
    per_sample_shape,
    to_rows,
)
from ._loss_reduction import check_reduction, per_element_grad, reduce_loss


def _log_softmax_rows(rows):
    """log softmax of each row of (M, C), shifted by the row max so exp never overflows."""
    shifted = rows - np.max(rows, axis=1, keepdims=True)  # (M, C)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))


def _reduce(per_row, reduction, sample_shape, divisor):
    """Reduce (M,) row losses; 'none' gives them the target's shape."""
    if reduction == "none":
        return per_row.reshape(sample_shape)
    with np.errstate(invalid="ignore", divide="ignore"):  # subtle: all rows ignored -> 0/0 = nan, as torch
        return reduce_loss(per_row, reduction, divisor)


def _row_grads(grad, reduction, num_rows, divisor):
    """dL/dloss_i as an (M,) array from the upstream gradient of the reduced loss."""
    if reduction == "none":
        return grad.reshape(num_rows)
    if reduction == "mean" and divisor == 0:  # subtle: all rows ignored: torch's gradient is 0, not nan
        return np.zeros(num_rows, dtype=grad.dtype)
    return per_element_grad(grad, reduction, (num_rows,), divisor)


def _check_common(input, reduction, label_smoothing, loss_name):
    check_reduction(reduction, loss_name)
    num_classes = check_scores(input, loss_name)
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, (int, float)) \
            or not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"{loss_name}: label_smoothing must be in [0, 1], got {label_smoothing!r}")
    return num_classes


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """Cross-entropy between softmax(input) over dim 1 and class indices or class probabilities.

    input (C,) / (N, C) / (N, C, d1, ...) logits; target: integer class indices shaped like the
    input without dim 1, or floating class probabilities shaped like the input.
    """
    num_classes = _check_common(input, reduction, label_smoothing, "cross_entropy")
    if not isinstance(target, Tensor):
        raise TypeError(f"cross_entropy: target must be a Tensor, got {type(target).__name__}")
    if target.data.dtype.kind == "f":
        if ignore_index != -100:
            raise ValueError("cross_entropy: ignore_index is not supported for class-probability targets")
        return _cross_entropy_probabilities(input, target, weight, reduction, float(label_smoothing), num_classes)
    return _cross_entropy_indices(input, target, weight, ignore_index, reduction, float(label_smoothing),
                                  num_classes)


def _cross_entropy_indices(input, target, weight, ignore_index, reduction, eps, num_classes):
    """The hot path. With shifted scores z = x - max(x) and S_i = sum_c e^{z_ic}, every log p
    needed is a gather or a dot product of z minus log S_i, so the (M, C) work is one subtraction,
    one exp (in place) and one sum; backward is one multiply by the saved e^z / S."""
    classes, kept = check_index_target(target, input.shape, num_classes, ignore_index, "cross_entropy")
    dtype = input.data.dtype
    weight_given = weight
    weight = class_weight(weight, num_classes, dtype, "cross_entropy")  # (C,)
    scores = to_rows(input.data)  # (M, C), a view for (N, C) input
    rows = np.arange(scores.shape[0])  # (M,)
    exp_shifted = scores - np.max(scores, axis=1, keepdims=True)  # (M, C) z, soon e^z
    target_shifted = exp_shifted[rows, classes]  # (M,) z_{i, y_i}
    uniform_weight = weight_given is None
    if eps > 0:  # (M,) sum_c w_c z_ic
        weighted_shifted = exp_shifted.sum(axis=1) if uniform_weight else exp_shifted @ weight
    np.exp(exp_shifted, out=exp_shifted)  # (M, C) e^z, in place: no second (M, C) array
    sums = np.sum(exp_shifted, axis=1)  # (M,) S_i
    log_sums = np.log(sums)  # (M,)
    target_weight = weight[classes] * kept  # (M,) w_{y_i}, 0 where ignored
    per_row = (log_sums - target_shifted) * target_weight  # (M,) -w_{y_i} log p_{i, y_i}
    if eps > 0:
        smooth = (log_sums * weight.sum() - weighted_shifted) * kept  # (M,) -sum_c w_c log p_ic
        per_row = (1.0 - eps) * per_row + (eps / num_classes) * smooth
    divisor = target_weight.sum()  # the weighted count of kept rows
    out = _reduce(per_row, reduction, target.shape, divisor)

    def backward(grad):  # g_i (s_i p_i - q_i), with q_i sparse: never built as an (M, C) matrix
        row_grad = _row_grads(grad, reduction, len(rows), divisor)  # (M,)
        total_q = (1.0 - eps) * target_weight  # (M,) s_i
        if eps > 0:
            total_q = total_q + (eps / num_classes) * weight.sum() * kept
        row_scale = (row_grad * total_q / sums).astype(dtype, copy=False)  # (M,) g_i s_i / S_i
        grad_rows = exp_shifted * row_scale[:, None]  # (M, C) g_i s_i p_i
        grad_rows[rows, classes] -= row_grad * (1.0 - eps) * target_weight
        if eps > 0:  # minus the smoothing part of q_i: g_i (eps / C) w
            smoothing_scale = (row_grad * kept * (eps / num_classes)).astype(dtype, copy=False)  # (M,)
            if uniform_weight:
                grad_rows -= smoothing_scale[:, None]  # broadcast: no (M, C) temporary
            else:
                grad_rows -= smoothing_scale[:, None] * weight[None, :]
        return from_rows(grad_rows, input.shape), None

    return record(out, (input, target), backward, "CrossEntropyLossBackward0")


def _cross_entropy_probabilities(input, target, weight, reduction, eps, num_classes):
    if target.shape != input.shape:
        raise ValueError(f"cross_entropy: a class-probability target must have the input's shape "
                         f"{input.shape}, got {target.shape}")
    dtype = np.promote_types(input.data.dtype, target.data.dtype)
    weight = class_weight(weight, num_classes, dtype, "cross_entropy")  # (C,)
    # subtle: log_softmax in the input's dtype, then promoted (as torch: float32 logits stay float32 there)
    log_probs = _log_softmax_rows(to_rows(input.data)).astype(dtype, copy=False)  # (M, C)
    smoothed = to_rows(target.data).astype(dtype, copy=False)  # (M, C)
    if eps > 0:
        smoothed = smoothed * (1.0 - eps) + eps / num_classes
    q = smoothed * weight  # (M, C)
    per_row = -np.sum(q * log_probs, axis=1)  # (M,)
    num_rows = per_row.shape[0]
    out = _reduce(per_row, reduction, per_sample_shape(input.shape), float(num_rows))

    def backward(grad):
        row_grad = _row_grads(grad, reduction, num_rows, float(num_rows))  # (M,)
        grad_rows = np.exp(log_probs) * (row_grad * q.sum(axis=1))[:, None] - row_grad[:, None] * q
        grad_target = (-(1.0 - eps) * row_grad)[:, None] * weight * log_probs  # (M, C)
        return from_rows(grad_rows, input.shape), from_rows(grad_target, target.shape)

    return record(out, (input, target), backward, "CrossEntropyLossBackward0")


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):
    """Negative log-likelihood: -w_{y_i} input[i, y_i] for log-probabilities `input` (torch layout)."""
    num_classes = _check_common(input, reduction, 0.0, "nll_loss")
    classes, kept = check_index_target(target, input.shape, num_classes, ignore_index, "nll_loss")
    weight = class_weight(weight, num_classes, input.data.dtype, "nll_loss")  # (C,)
    log_probs = to_rows(input.data)  # (M, C)
    rows = np.arange(log_probs.shape[0])  # (M,)
    target_weight = weight[classes] * kept  # (M,)
    per_row = -log_probs[rows, classes] * target_weight  # (M,)
    divisor = target_weight.sum()
    out = _reduce(per_row, reduction, target.shape, divisor)

    def backward(grad):  # d loss_i / d x_{i, y_i} = -w_{y_i}; zero elsewhere
        row_grad = _row_grads(grad, reduction, len(rows), divisor)  # (M,)
        grad_rows = np.zeros_like(log_probs)  # (M, C)
        grad_rows[rows, classes] = -row_grad * target_weight
        return from_rows(grad_rows, input.shape), None

    return record(out, (input, target), backward, "NllLossBackward0")
