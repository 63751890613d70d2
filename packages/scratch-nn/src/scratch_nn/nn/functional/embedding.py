"""embedding(input, weight): rows of a lookup table, as torch.nn.functional.embedding.

    y[..., :] = weight[input[...], :]          input (*) integers, weight (num_embeddings, dim) -> (*, dim)

The backward adds each output row's gradient into the row it was read from (a row read twice
gets both), so dL/dweight = sum over positions i with input[i] = r of g[i]:

    dL/dweight[r] = sum_{i: input_i = r} g_i         (np.add.at: an unbuffered scatter-add)

padding_idx: that row's gradient is always 0 (its vector stays as initialized, usually zeros).
scale_grad_by_freq: each row's gradient is divided by how often the row occurs in `input`.
max_norm: before the lookup, rows that `input` uses and whose p-norm exceeds max_norm are
rescaled in place to norm max_norm (as torch.embedding_renorm_, outside autograd).
"""

import numpy as np

from ...autograd import record
from ...tensor import Tensor


def _check_indices(input, num_embeddings):  # noqa: A002 - torch's argument name
    if not isinstance(input, Tensor):
        raise TypeError(f"embedding: input must be a Tensor of indices, got {type(input).__name__}")
    if input.data.dtype.kind not in "iu":
        raise TypeError(f"embedding: expected an integer tensor of indices (Long or Int), got dtype {input.dtype}")
    indices = input.data
    if indices.size and (indices.min() < 0 or indices.max() >= num_embeddings):
        bad = indices[(indices < 0) | (indices >= num_embeddings)].flat[0]
        raise IndexError(f"embedding: index {bad} is out of range for a table of {num_embeddings} rows")
    return indices


def embedding_padding_idx(padding_idx, num_embeddings):
    """A padding_idx in [-num_embeddings, num_embeddings) as a non-negative row (None stays None)."""
    if padding_idx is None:
        return None
    if not -num_embeddings <= padding_idx < num_embeddings:
        raise ValueError(f"padding_idx must be within num_embeddings ({num_embeddings}), got {padding_idx}")
    return padding_idx % num_embeddings


def _renorm_rows(table, indices, max_norm, norm_type):
    """Scale the used rows whose norm exceeds max_norm down to max_norm, in place (torch's 1e-7 guard)."""
    rows = np.unique(indices)
    norms = np.sum(np.abs(table[rows]) ** norm_type, axis=1) ** (1.0 / norm_type)  # (rows,)
    too_long = norms > max_norm
    scale = (max_norm / (norms[too_long] + 1e-7)).astype(table.dtype)
    table[rows[too_long]] *= scale[:, None]


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,  # noqa: A002
              scale_grad_by_freq=False, sparse=False):
    """Look up rows of weight (num_embeddings, dim) for the integer tensor input (*) -> (*, dim)."""
    if not isinstance(weight, Tensor) or weight.data.ndim != 2:
        raise ValueError(f"embedding: weight must be a 2-D Tensor (num_embeddings, embedding_dim), "
                         f"got {getattr(weight, 'shape', type(weight).__name__)}")
    if sparse:
        raise ValueError("embedding: sparse gradients are not supported by scratch_nn; use sparse=False")
    table = weight.data
    indices = _check_indices(input, table.shape[0])
    padding_idx = embedding_padding_idx(padding_idx, table.shape[0])
    if max_norm is not None:
        _renorm_rows(table, indices, float(max_norm), float(norm_type))
    y = table[indices]  # (*, dim)

    def backward(grad):  # grad (*, dim)
        grad_rows = grad.reshape(indices.size, table.shape[1])  # (n, dim)
        flat = indices.reshape(-1)  # (n,)
        if scale_grad_by_freq:
            counts = np.bincount(flat, minlength=table.shape[0])  # (num_embeddings,)
            grad_rows = grad_rows / counts[flat][:, None]
        grad_weight = np.zeros_like(table)  # (num_embeddings, dim)
        np.add.at(grad_weight, flat, grad_rows)
        if padding_idx is not None:
            grad_weight[padding_idx] = 0.0
        return (None, grad_weight)

    return record(y, (input, weight), backward, "EmbeddingBackward0")


__all__ = ["embedding"]
