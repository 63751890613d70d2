"""Joining and splitting along a dim: cat, stack, split, chunk.

    cat([a (2, 3), b (4, 3)], dim=0)  -> (6, 3)      backward: cut g back into (2, 3) and (4, 3)
    stack([a, b], dim=0)              -> (2, *shape)  backward: g[0] to a, g[1] to b
    split(x (5, 3), 2)                -> (2, 3), (2, 3), (1, 3)   each piece a slice of x
    chunk(x (5, 3), 3)                -> pieces of ceil(5 / 3) = 2 rows: (2, 3), (2, 3), (1, 3)

A piece of split/chunk is an ordinary slice of x, so its backward writes g into zeros shaped
like x; the pieces' gradients add up in x (each piece costs one x-sized array in backward).
"""

import numpy as np

from .._dtypes import promote_dtypes
from ..autograd import record
from ..tensor import Tensor
from ._dims import normalize_dim


def _check_tensors(tensors, name):
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(f"{name} expects a list or tuple of Tensors, got {type(tensors).__name__}")
    if len(tensors) == 0:
        raise ValueError(f"{name} expects a non-empty list of Tensors")
    for i, tensor in enumerate(tensors):
        if not isinstance(tensor, Tensor):
            raise TypeError(f"{name}: element {i} is a {type(tensor).__name__}, not a Tensor")
    tensors = tuple(tensors)
    dtype = tensors[0].data.dtype
    for tensor in tensors[1:]:
        dtype = promote_dtypes(dtype, tensor.data.dtype)  # torch promotes across the list
    return tensors, dtype


def cat(tensors, dim=0):
    """Concatenate along an existing dim; all other sizes must match."""
    tensors, dtype = _check_tensors(tensors, "cat")
    reference = tensors[0]
    dim = normalize_dim(dim, reference.data.ndim)
    for i, tensor in enumerate(tensors):
        if tensor.data.ndim == 0:
            raise ValueError(f"cat: zero-dimensional tensor {i} cannot be concatenated")
        if tensor.data.ndim != reference.data.ndim or any(
                n != m for d, (n, m) in enumerate(zip(tensor.shape, reference.shape)) if d != dim):
            raise ValueError(f"cat: tensor {i} has shape {tensor.shape} but tensor 0 has {reference.shape}; "
                             f"they may differ only in dim {dim}")
    out = np.concatenate([tensor.data for tensor in tensors], axis=dim, dtype=dtype)
    boundaries = np.cumsum([tensor.shape[dim] for tensor in tensors])[:-1]

    def backward(grad):  # each input gets its own stretch of g along dim
        return tuple(np.split(grad, boundaries, axis=dim))

    return record(out, tensors, backward, "CatBackward0")


def stack(tensors, dim=0):
    """Join equal-shaped tensors along a new dim."""
    tensors, dtype = _check_tensors(tensors, "stack")
    shape = tensors[0].shape
    for i, tensor in enumerate(tensors):
        if tensor.shape != shape:
            raise ValueError(f"stack expects each tensor to be equal size, but got {shape} at entry 0 "
                             f"and {tensor.shape} at entry {i}")
    dim = normalize_dim(dim, len(shape), allow_end=True)
    out = np.stack([tensor.data for tensor in tensors], axis=dim, dtype=dtype)

    def backward(grad):  # input i gets slice i of g along the new dim
        return tuple(np.moveaxis(grad, dim, 0))

    return record(out, tensors, backward, "StackBackward0")


def _narrow(x, dim, start, length):
    """x's entries start .. start + length - 1 along dim, as a differentiable view."""
    key = (slice(None),) * dim + (slice(start, start + length),)
    source_shape, source_dtype = x.shape, x.data.dtype

    def backward(grad):  # g into its slice, zeros elsewhere
        full = np.zeros(source_shape, dtype=source_dtype)
        full[key] = grad
        return (full,)

    return record(x.data[key], (x,), backward, "SplitBackward0")


def split(x, split_size_or_sections, dim=0):
    """Pieces of `split_size` along dim (the last may be smaller), or pieces of the given sizes."""
    if x.data.ndim == 0:
        raise ValueError("split: cannot split a 0-d tensor")
    dim = normalize_dim(dim, x.data.ndim)
    length = x.shape[dim]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = [int(size) for size in split_size_or_sections]
        if any(size < 0 for size in sizes) or sum(sizes) != length:
            raise ValueError(f"split: sizes {sizes} must be non-negative and sum to {length} (dim {dim} of {x.shape})")
    else:
        size = int(split_size_or_sections)
        if size <= 0:
            raise ValueError(f"split: split_size must be a positive int, got {split_size_or_sections}")
        sizes = [min(size, length - start) for start in range(0, length, size)] or [0]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    return tuple(_narrow(x, dim, int(start), size) for start, size in zip(starts, sizes))


def chunk(x, chunks, dim=0):
    """Split into `chunks` pieces of ceil(n / chunks) (fewer pieces if n is small), as torch.chunk."""
    if isinstance(chunks, bool) or not isinstance(chunks, (int, np.integer)) or chunks <= 0:
        raise ValueError(f"chunk: chunks must be a positive int, got {chunks!r}")
    if x.data.ndim == 0:
        raise ValueError("chunk: cannot chunk a 0-d tensor")
    length = x.shape[normalize_dim(dim, x.data.ndim)]
    return split(x, max(-(-length // chunks), 1), dim)
