"""scaled_dot_product_attention as one fused autograd node (torch.nn.functional's signature).

    S = Q K^T * scale + bias             # (..., L, S), scale = 1 / sqrt(E) unless given
    P = softmax(S)  along the keys       # each query's weights over the S keys
    P' = P * keep / (1 - p)              # dropout on the weights (training only: dropout_p > 0)
    O = P' V                             # (..., L, Ev)

bias: 0 where attention is allowed and -inf where not (is_causal: key j > query i; a bool
attn_mask: False = not allowed, the inverse of MultiheadAttention's masks), or a float attn_mask
that is added as is. subtle: a query row with every key masked gets output 0 and gradient 0
(torch's CPU kernels do this; the plain softmax formula would give NaN). A NaN in a query row
gives a NaN row, as torch's reference (math) backend; torch's CPU flash kernel gives 0 there.

Backward, with G = dL/dO:

    dV = P'^T G              dP' = G V^T              dP = dP' * keep / (1 - p)
    dS = P * (dP - rowsum(dP * P))                    (the softmax Jacobian)
    dQ = dS K * scale        dK = dS^T Q * scale      d(float mask) = dS

One node instead of six saves the intermediate (..., L, S) arrays of every step but P; the
batch dims broadcast as in matmul and the gradients are summed back over broadcast dims.
enable_gqa=True lets K and V have fewer heads (dim -3) than Q: each K/V head serves a group of
consecutive query heads (repeat_interleave), and its gradient is the sum over its group.
"""

import math

import numpy as np

from ...autograd import record
from ...ops._operands import unbroadcast
from ...random import numpy_generator
from ...tensor import Tensor


def _check_arguments(query, key, value, attn_mask, dropout_p, is_causal, scale):
    for name, tensor in (("query", query), ("key", key), ("value", value)):
        if not isinstance(tensor, Tensor):
            raise TypeError(f"scaled_dot_product_attention: {name} must be a Tensor, got {type(tensor).__name__}")
        if tensor.ndim < 2:
            raise ValueError(f"scaled_dot_product_attention: {name} needs shape (..., seq_len, dim), got {tensor.shape}")
        if tensor.dtype.kind != "f":
            raise TypeError(f"scaled_dot_product_attention: {name} must be floating point, got dtype {tensor.dtype}")
    if not query.dtype == key.dtype == value.dtype:
        raise TypeError(f"scaled_dot_product_attention: query, key and value must share a dtype, got "
                        f"{query.dtype}, {key.dtype} and {value.dtype}")
    if query.shape[-1] != key.shape[-1]:
        raise ValueError(f"scaled_dot_product_attention: query {query.shape} and key {key.shape} must have "
                         f"the same last dim (the dot product's length)")
    if key.shape[-2] != value.shape[-2]:
        raise ValueError(f"scaled_dot_product_attention: key {key.shape} and value {value.shape} must have "
                         f"the same sequence length (dim -2)")
    if isinstance(dropout_p, bool) or not isinstance(dropout_p, (int, float)) or not 0.0 <= dropout_p < 1.0:
        raise ValueError(f"scaled_dot_product_attention: dropout_p must be in [0, 1), got {dropout_p!r}")
    if scale is not None and (isinstance(scale, bool) or not isinstance(scale, (int, float))):
        raise TypeError(f"scaled_dot_product_attention: scale must be a number or None, got {scale!r}")
    if attn_mask is not None:
        if is_causal:
            raise ValueError("scaled_dot_product_attention: give attn_mask or is_causal=True, not both")
        if not isinstance(attn_mask, Tensor):
            raise TypeError(f"scaled_dot_product_attention: attn_mask must be a Tensor, got {type(attn_mask).__name__}")
        if attn_mask.dtype != np.bool_ and attn_mask.dtype != query.dtype:
            raise TypeError(f"scaled_dot_product_attention: attn_mask must be bool or {query.dtype} (the query's "
                            f"dtype), got {attn_mask.dtype}")
        expected = query.shape[:-1] + (key.shape[-2],)
        try:
            np.broadcast_shapes(attn_mask.shape, expected)
        except ValueError:
            raise ValueError(f"scaled_dot_product_attention: attn_mask of shape {attn_mask.shape} does not "
                             f"broadcast to the scores' shape {expected}") from None


def _group_heads(query, key, value, enable_gqa):
    """K and V arrays with as many heads as Q (enable_gqa), and the group size (1 without)."""
    k, v = key.data, value.data
    if not enable_gqa:
        return k, v, 1
    if query.ndim < 3 or key.ndim < 3 or value.ndim < 3:
        raise ValueError("scaled_dot_product_attention: enable_gqa needs (..., heads, seq_len, dim) tensors")
    heads, key_heads = query.shape[-3], key.shape[-3]
    if key_heads != value.shape[-3] or heads % key_heads:
        raise ValueError(f"scaled_dot_product_attention: with enable_gqa the query heads ({heads}) must be a "
                         f"multiple of the key and value heads ({key_heads}, {value.shape[-3]}), which must agree")
    group = heads // key_heads
    return np.repeat(k, group, axis=-3), np.repeat(v, group, axis=-3), group


def _ungroup(grad, group, shape):
    """Sum the gradient of repeated heads back onto each K/V head (the inverse of _group_heads)."""
    if group == 1:
        return unbroadcast(grad, shape)
    lead = grad.shape[:-3]
    grad = grad.reshape(lead + (grad.shape[-3] // group, group) + grad.shape[-2:]).sum(axis=-3)
    return unbroadcast(grad, shape)


def _bias(mask, is_causal, length, source_length, dtype):
    """The additive bias: None, or an array broadcastable to the scores (0 allowed, -inf not)."""
    if is_causal:  # torch: tril(ones(L, S)), aligned at the top-left corner
        allowed = np.tri(length, source_length, dtype=bool)  # (L, S)
        return np.where(allowed, 0.0, -np.inf).astype(dtype)
    if mask is None:
        return None
    if mask.dtype == np.bool_:
        return np.where(mask.data, 0.0, -np.inf).astype(dtype)
    return mask.data


def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False,
                                 scale=None, enable_gqa=False, *, generator=None):
    """softmax(Q K^T * scale + mask) V, with optional dropout on the weights (see the module doc).

    query (..., L, E), key (..., S, E), value (..., S, Ev) -> (..., L, Ev). attn_mask: bool
    (True = may attend) or float (added), broadcastable to (..., L, S). dropout_p always applies
    (as torch: pass 0.0 in evaluation); the mask comes from `generator` (default generator if None).
    """
    _check_arguments(query, key, value, attn_mask, dropout_p, is_causal, scale)
    q = query.data
    k, v, group = _group_heads(query, key, value, enable_gqa)
    scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else float(scale)
    length, source_length = q.shape[-2], k.shape[-2]

    scores = q @ np.swapaxes(k, -1, -2)  # (..., L, S)
    scores *= scale
    bias = _bias(attn_mask, is_causal, length, source_length, q.dtype)
    if bias is not None:
        scores = scores + bias  # may broadcast to a larger batch shape
    row_max = scores.max(axis=-1, keepdims=True)  # (..., L, 1)
    fully_masked = row_max == -np.inf
    row_max[fully_masked] = 0.0  # subtle: exp(-inf - 0) = 0 keeps such rows at 0 instead of NaN
    weights = np.exp(scores - row_max)
    total = weights.sum(axis=-1, keepdims=True)
    total[fully_masked] = 1.0
    weights /= total  # (..., L, S): P
    keep_scaled = None
    dropped = weights
    if dropout_p > 0.0:
        draws = numpy_generator(generator).random(weights.shape, dtype=q.dtype if q.dtype == np.float32 else np.float64)
        keep_scaled = (draws >= dropout_p).astype(q.dtype) / q.dtype.type(1.0 - dropout_p)
        dropped = weights * keep_scaled  # (..., L, S): P'
    out = dropped @ v  # (..., L, Ev)

    inputs = (query, key, value) + ((attn_mask,) if attn_mask is not None and attn_mask.dtype != np.bool_ else ())

    def backward(grad):  # grad (..., L, Ev)
        grad_value = _ungroup(np.swapaxes(dropped, -1, -2) @ grad, group, value.shape) if value._requires_grad else None
        grad_weights = grad @ np.swapaxes(v, -1, -2)  # (..., L, S): dP'
        if keep_scaled is not None:
            grad_weights *= keep_scaled  # dP
        grad_scores = weights * (grad_weights - (grad_weights * weights).sum(axis=-1, keepdims=True))  # dS
        grads = [
            unbroadcast((grad_scores @ k) * scale, query.shape) if query._requires_grad else None,
            _ungroup((np.swapaxes(grad_scores, -1, -2) @ q) * scale, group, key.shape) if key._requires_grad else None,
            grad_value,
        ]
        if len(inputs) == 4:
            grads.append(unbroadcast(grad_scores, attn_mask.shape) if attn_mask._requires_grad else None)
        return tuple(grads)

    return record(out, inputs, backward, "ScaledDotProductAttentionBackward0")
