"""Shape ops: reshape/view, transpose/permute/T/mT, flatten, unsqueeze/squeeze, expand.

None of these change values, only how they are laid out, so each backward undoes the layout
change on the gradient: reshape back, transpose with the inverse permutation, sum over expanded
dims. The forward results are numpy views where numpy can make them (no copy), as in torch.
"""

import numpy as np

from ..autograd import record
from ._dims import normalize_dim
from ._operands import unbroadcast


def _shape_arguments(shape, name):
    """Accept f(2, 3) and f((2, 3)) alike; every entry must be an int."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    for size in shape:
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
            raise TypeError(f"{name}: sizes must be ints, got {shape!r}")
    return tuple(int(size) for size in shape)


def reshape(x, *shape):
    """The same entries in a new shape; one size may be -1 (inferred)."""
    shape = _shape_arguments(shape, "reshape")
    try:
        out = x.data.reshape(shape)
    except ValueError:
        raise ValueError(f"shape {list(shape)} is invalid for input of size {x.data.size} "
                         f"(shape {x.shape})") from None
    source_shape = x.shape

    def backward(grad):  # identity on values: reshape back
        return (grad.reshape(source_shape),)

    return record(out, (x,), backward, "ViewBackward0")


view = reshape  # subtle: torch's view needs a contiguous layout; numpy copies when it must instead


def transpose(x, dim0, dim1):
    """Swap two dims."""
    ndim = x.data.ndim
    dim0, dim1 = normalize_dim(dim0, ndim), normalize_dim(dim1, ndim)
    if ndim == 0:
        return record(x.data, (x,), lambda grad: (grad,), "TransposeBackward0")

    def backward(grad):  # a swap is its own inverse
        return (np.swapaxes(grad, dim0, dim1),)

    return record(np.swapaxes(x.data, dim0, dim1), (x,), backward, "TransposeBackward0")


def t(x):
    """Transpose of a matrix (0-d and 1-D tensors are returned as they are)."""
    if x.data.ndim > 2:
        raise ValueError(f"t() expects a tensor with <= 2 dimensions, got shape {x.shape}; use transpose or mT")
    return transpose(x, 0, -1) if x.data.ndim == 2 else x


def permute(x, *dims):
    """Reorder the dims: out.shape[i] = x.shape[dims[i]]."""
    dims = _shape_arguments(dims, "permute")
    ndim = x.data.ndim
    if len(dims) != ndim:
        raise ValueError(f"permute: got {len(dims)} dims {dims} for a tensor of {ndim} dimensions")
    dims = tuple(normalize_dim(d, ndim) for d in dims)
    if len(set(dims)) != ndim:
        raise ValueError(f"permute: dims {dims} repeat a dimension")
    inverse = tuple(np.argsort(dims))

    def backward(grad):  # the inverse permutation puts every axis back
        return (np.transpose(grad, inverse),)

    return record(np.transpose(x.data, dims), (x,), backward, "PermuteBackward0")


def reverse_dims(x):
    """x.T: all dims reversed (a matrix transpose for 2-D tensors)."""
    return permute(x, *reversed(range(x.data.ndim))) if x.data.ndim > 1 else x


def flatten(x, start_dim=0, end_dim=-1):
    """Merge dims start_dim..end_dim into one: (2, 3, 4).flatten(1) -> (2, 12)."""
    ndim = x.data.ndim
    if ndim == 0:
        return reshape(x, 1)
    start, end = normalize_dim(start_dim, ndim), normalize_dim(end_dim, ndim)
    if start > end:
        raise ValueError(f"flatten: start_dim {start_dim} comes after end_dim {end_dim}")
    shape = x.shape
    return reshape(x, shape[:start] + (-1 if 0 not in shape[start:end + 1] else 0,) + shape[end + 1:])


def unsqueeze(x, dim):
    """Insert a size-1 dim at `dim` (in [-ndim - 1, ndim])."""
    dim = normalize_dim(dim, x.data.ndim, allow_end=True)
    source_shape = x.shape

    def backward(grad):  # drop the inserted axis
        return (grad.reshape(source_shape),)

    return record(np.expand_dims(x.data, dim), (x,), backward, "UnsqueezeBackward0")


def squeeze(x, dim=None):
    """Drop size-1 dims (all of them, or those in `dim` that have size 1; others are kept, as torch)."""
    ndim = x.data.ndim
    if dim is None:
        dims = tuple(i for i, n in enumerate(x.shape) if n == 1)
    else:
        requested = dim if isinstance(dim, (tuple, list)) else (dim,)
        dims = tuple(d for d in (normalize_dim(d, ndim) for d in requested) if d < ndim and x.shape[d] == 1)
    source_shape = x.shape

    def backward(grad):  # put the size-1 axes back
        return (grad.reshape(source_shape),)

    return record(np.squeeze(x.data, axis=dims), (x,), backward, "SqueezeBackward0")


def expand(x, *sizes):
    """Broadcast x to `sizes` without copying (-1 keeps a size; new dims may be added in front)."""
    sizes = _shape_arguments(sizes, "expand")
    ndim = x.data.ndim
    if len(sizes) < ndim:
        raise ValueError(f"expand: the number of sizes ({len(sizes)}) must be at least the number of "
                         f"dims ({ndim}) of shape {x.shape}")
    leading = len(sizes) - ndim
    target = []
    for i, size in enumerate(sizes):
        current = x.shape[i - leading] if i >= leading else None
        if size == -1:
            if current is None:
                raise ValueError(f"expand: -1 is not allowed for the new leading dim {i}")
            size = current
        elif current is not None and current != 1 and current != size:
            raise ValueError(f"expand: the size of dim {i - leading} ({current}) must match {size} "
                             f"or be 1 (shape {x.shape} to {tuple(sizes)})")
        target.append(size)
    target = tuple(target)
    source_shape = x.shape

    def backward(grad):  # every copy of an entry passes its gradient back: sum them
        return (unbroadcast(grad, source_shape),)

    return record(np.broadcast_to(x.data, target), (x,), backward, "ExpandBackward0")
