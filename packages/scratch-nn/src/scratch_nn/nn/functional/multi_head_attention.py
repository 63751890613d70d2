"""multi_head_attention_forward: the computation behind nn.MultiheadAttention (torch's signature).

With E = embed_dim split into h heads of d = E / h (sequence-first shapes, as torch):

    q = query W_q^T + b_q,  k = key W_k^T + b_k,  v = value W_v^T + b_v     # (L|S, B, E)
    split E into (h, d):  q (B, h, L, d),  k and v (B, h, S, d)
    head_i = softmax(q_i k_i^T / sqrt(d) + mask) v_i                        # (B, h, L, d)
    out = concat_i(head_i) W_o^T + b_o                                       # (L, B, E)

W_q, W_k, W_v are the three row blocks of in_proj_weight (3E, E), or separate q/k/v_proj_weight
when key and value have other sizes (kdim, vdim). Masks, in MultiheadAttention's convention:
key_padding_mask (B, S) and attn_mask (L, S) or (B h, L, S); a bool True means "may NOT attend"
(-inf), a float is added. Both become one additive float mask (B, h | 1, L, S).

need_weights=True computes the weights explicitly (softmax, dropout, matmul: torch does the same)
and returns them averaged over heads (B, L, S) or per head (B, h, L, S); otherwise the fused
scaled_dot_product_attention runs and the weights are None. subtle: with need_weights=True a query
whose keys are all masked gets NaN, as torch; the fused path gives 0 there (also as torch).
"""

import math

import numpy as np

from ...ops.joining import cat
from ...tensor import Tensor
from .attention import scaled_dot_product_attention
from .dropout import dropout as dropout_function
from .linear import linear


def _float_mask(mask, name, dtype):
    """A bool mask (True = masked) as 0 / -inf floats; a float mask as is; None stays None."""
    if mask is None:
        return None
    if not isinstance(mask, Tensor):
        raise TypeError(f"multi_head_attention_forward: {name} must be a Tensor, got {type(mask).__name__}")
    if mask.dtype == np.bool_:
        return Tensor(np.where(mask.data, -np.inf, 0.0).astype(dtype))
    if mask.dtype.kind != "f":
        raise TypeError(f"multi_head_attention_forward: only bool and floating types of {name} are supported, "
                        f"got {mask.dtype}")
    return mask


def _check_shapes(query, key, value, key_padding_mask, attn_mask, num_heads):
    """torch's _mha_shape_check: returns whether the input has a batch dim."""
    if query.ndim not in (2, 3):
        raise ValueError(f"query should be unbatched 2D (L, E) or batched 3D (L, N, E), got shape {query.shape}")
    batched = query.ndim == 3
    if key.ndim != query.ndim or value.ndim != query.ndim:
        raise ValueError(f"key {key.shape} and value {value.shape} must have {query.ndim} dims like query {query.shape}")
    if key_padding_mask is not None and key_padding_mask.ndim != (2 if batched else 1):
        raise ValueError(f"key_padding_mask must be {'(N, S)' if batched else '(S,)'}, got shape {key_padding_mask.shape}")
    if attn_mask is not None and attn_mask.ndim not in (2, 3):
        raise ValueError(f"attn_mask must be 2-D (L, S) or 3-D (N * num_heads, L, S), got shape {attn_mask.shape}")
    if not batched and attn_mask is not None and attn_mask.ndim == 3:
        expected = (num_heads, query.shape[0], key.shape[0])
        if attn_mask.shape != expected:
            raise ValueError(f"attn_mask must have shape {expected} for unbatched input, got {attn_mask.shape}")
    return batched


def _in_projection(query, key, value, embed_dim, in_proj_weight, in_proj_bias, separate_weights):
    """q, k, v = the three input projections; one matmul when query, key and value are one tensor."""
    if separate_weights is not None:
        q_weight, k_weight, v_weight = separate_weights
        biases = (None,) * 3 if in_proj_bias is None else in_proj_bias.chunk(3)
        return (linear(query, q_weight, biases[0]), linear(key, k_weight, biases[1]),
                linear(value, v_weight, biases[2]))
    if in_proj_weight is None:
        raise ValueError("multi_head_attention_forward: in_proj_weight is None but use_separate_proj_weight is False")
    if query is key and key is value:  # self-attention: one (L B, E) x (E, 3E) product
        return linear(query, in_proj_weight, in_proj_bias).chunk(3, dim=-1)
    weights = in_proj_weight.split(embed_dim)
    biases = (None,) * 3 if in_proj_bias is None else in_proj_bias.split(embed_dim)
    if key is value:  # encoder-decoder attention: keys and values share one product
        key_value = linear(key, cat([weights[1], weights[2]]), None if in_proj_bias is None else cat([biases[1], biases[2]]))
        return (linear(query, weights[0], biases[0]),) + key_value.chunk(2, dim=-1)
    return tuple(linear(x, w, b) for x, w, b in zip((query, key, value), weights, biases))


def _pad_last(mask):
    """One more zero column at the end of a float mask (for bias_k / add_zero_attn's extra key)."""
    if mask is None:
        return None
    return cat([mask, Tensor(np.zeros(mask.shape[:-1] + (1,), dtype=mask.dtype))], dim=-1)


def _add_batch_dim(query, key, value):
    """(S, E) -> (S, 1, E) for all three, keeping which of them are the same tensor (that identity
    picks the one-matmul in-projection)."""
    new_query = query.unsqueeze(1)
    new_key = new_query if key is query else key.unsqueeze(1)
    new_value = new_key if value is key else new_query if value is query else value.unsqueeze(1)
    return new_query, new_key, new_value


def _heads(x, batch, num_heads, head_dim):
    """(S, B, E) -> (B, h, S, d)."""
    return x.reshape(x.shape[0], batch, num_heads, head_dim).permute(1, 2, 0, 3)


def multi_head_attention_forward(query, key, value, embed_dim_to_check, num_heads, in_proj_weight,
                                 in_proj_bias, bias_k, bias_v, add_zero_attn, dropout_p, out_proj_weight,
                                 out_proj_bias, training=True, key_padding_mask=None, need_weights=True,
                                 attn_mask=None, use_separate_proj_weight=False, q_proj_weight=None,
                                 k_proj_weight=None, v_proj_weight=None, static_k=None, static_v=None,
                                 average_attn_weights=True, is_causal=False):
    """Multi-head attention (see the module doc): returns (output (L, B, E), weights or None).

    Unbatched query (L, E), key and value (S, E) give output (L, E) and weights (L, S) / (h, L, S).
    static_k / static_v (precomputed projected keys and values) are not supported.
    """
    if static_k is not None or static_v is not None:
        raise ValueError("multi_head_attention_forward: static_k and static_v are not supported")
    for name, tensor in (("query", query), ("key", key), ("value", value)):
        if not isinstance(tensor, Tensor):
            raise TypeError(f"multi_head_attention_forward: {name} must be a Tensor, got {type(tensor).__name__}")
    batched = _check_shapes(query, key, value, key_padding_mask, attn_mask, num_heads)
    if not batched:
        query, key, value = _add_batch_dim(query, key, value)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    length, batch, embed_dim = query.shape
    source_length = key.shape[0]
    if embed_dim != embed_dim_to_check:
        raise ValueError(f"multi_head_attention_forward: expected embedding dimension {embed_dim_to_check}, "
                         f"got query of shape {query.shape}")
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise ValueError(f"embed_dim {embed_dim} not divisible by num_heads {num_heads}")
    if key.shape[:2] != value.shape[:2] or key.shape[:2] != (source_length, batch):
        raise ValueError(f"key {key.shape} and value {value.shape} must share (seq_len, batch) = "
                         f"({source_length}, {batch}), and the batch of query {query.shape}")
    if not use_separate_proj_weight and key.shape != value.shape:
        raise ValueError(f"key shape {key.shape} does not match value shape {value.shape}")

    dtype = query.dtype
    key_padding_mask = _float_mask(key_padding_mask, "key_padding_mask", dtype)
    if is_causal and attn_mask is None:
        raise ValueError("Need attn_mask if specifying the is_causal hint. You may use "
                         "Transformer.generate_square_subsequent_mask to create this mask.")
    use_causal_kernel = is_causal and key_padding_mask is None and not need_weights
    attn_mask = None if use_causal_kernel else _float_mask(attn_mask, "attn_mask", dtype)

    separate = (q_proj_weight, k_proj_weight, v_proj_weight) if use_separate_proj_weight else None
    if separate is not None and any(w is None for w in separate):
        raise ValueError("multi_head_attention_forward: use_separate_proj_weight needs q, k and v_proj_weight")
    q, k, v = _in_projection(query, key, value, embed_dim, in_proj_weight, in_proj_bias, separate)

    if attn_mask is not None:  # -> (1, 1, L, S) or (B, h, L, S)
        if attn_mask.ndim == 2:
            if attn_mask.shape != (length, source_length):
                raise ValueError(f"The shape of the 2D attn_mask is {attn_mask.shape}, but should be "
                                 f"{(length, source_length)}.")
            attn_mask = attn_mask.reshape(1, 1, length, source_length)
        else:
            if attn_mask.shape != (batch * num_heads, length, source_length):
                raise ValueError(f"The shape of the 3D attn_mask is {attn_mask.shape}, but should be "
                                 f"{(batch * num_heads, length, source_length)}.")
            attn_mask = attn_mask.reshape(batch, num_heads, length, source_length)
    if key_padding_mask is not None:
        if key_padding_mask.shape != (batch, source_length):
            raise ValueError(f"key_padding_mask must have shape {(batch, source_length)}, got {key_padding_mask.shape}")
        key_padding_mask = key_padding_mask.reshape(batch, 1, 1, source_length)

    if (bias_k is None) != (bias_v is None):
        raise ValueError("multi_head_attention_forward: give both bias_k and bias_v, or neither")
    if bias_k is not None:  # one more key and value, learned, for every batch entry
        k = cat([k, bias_k.expand(1, batch, embed_dim)])
        v = cat([v, bias_v.expand(1, batch, embed_dim)])
        attn_mask, key_padding_mask = _pad_last(attn_mask), _pad_last(key_padding_mask)
    q, k, v = (_heads(x, batch, num_heads, head_dim) for x in (q, k, v))  # (B, h, L | S, d)
    if add_zero_attn:  # one more key and value of zeros, after the projections
        zeros = Tensor(np.zeros((batch, num_heads, 1, head_dim), dtype=dtype))
        k, v = cat([k, zeros], dim=2), cat([v, zeros], dim=2)
        attn_mask, key_padding_mask = _pad_last(attn_mask), _pad_last(key_padding_mask)
    if key_padding_mask is not None:
        attn_mask = key_padding_mask if attn_mask is None else attn_mask + key_padding_mask
    if not training:
        dropout_p = 0.0

    weights = None
    if need_weights:
        scores = (q * math.sqrt(1.0 / head_dim)) @ k.transpose(-2, -1)  # (B, h, L, S)
        if attn_mask is not None:
            scores = scores + attn_mask
        with np.errstate(invalid="ignore"):  # subtle: a fully masked row is -inf - -inf = NaN, as torch
            weights = scores.softmax(-1)
        if dropout_p > 0.0:
            weights = dropout_function(weights, p=dropout_p)
        heads = weights @ v  # (B, h, L, d)
        if average_attn_weights:
            weights = weights.mean(dim=1)  # (B, L, S)
    else:
        heads = scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, use_causal_kernel)  # (B, h, L, d)
    concatenated = heads.permute(2, 0, 1, 3).reshape(length * batch, embed_dim)  # (L B, E)
    out = linear(concatenated, out_proj_weight, out_proj_bias).reshape(length, batch, embed_dim)
    if not batched:
        out = out.squeeze(1)
        weights = None if weights is None else weights.squeeze(0)
    return out, weights
