"""Dimension arguments: negative dims, tuples of dims, and the numpy-style aliases axis/keepdims.

    normalize_dim(-1, ndim=3)         -> 2
    normalize_dims((0, -1), ndim=3)   -> (0, 2)        normalize_dims(None, 3) -> (0, 1, 2)

subtle: a 0-d tensor accepts dim 0 and -1 (torch treats it as one dimension of size 1).
"""

import operator


class DimensionError(IndexError, ValueError):
    """A dim outside [-ndim, ndim - 1]; an IndexError as torch raises, and a ValueError as bad input."""


def normalize_dim(dim, ndim, *, allow_end=False):
    """dim in [-ndim, ndim) (or [-ndim - 1, ndim] with allow_end, for unsqueeze) as a non-negative int."""
    try:
        dim = operator.index(dim)
    except TypeError:
        raise TypeError(f"dim must be an int, got {type(dim).__name__}") from None
    size = ndim + 1 if allow_end else max(ndim, 1)
    if not -size <= dim < size:
        raise DimensionError(f"Dimension out of range (expected to be in range of [{-size}, {size - 1}], "
                             f"but got {dim})")
    return dim % size


def normalize_dims(dims, ndim):
    """None / an int / a sequence of ints -> a sorted tuple of distinct non-negative dims."""
    if dims is None:
        return tuple(range(ndim))
    if isinstance(dims, (list, tuple)):
        if len(dims) == 0:  # subtle: torch reduces over every dim for dim=() or dim=[]
            return tuple(range(ndim))
        normalized = [normalize_dim(d, ndim) for d in dims]
        if len(set(normalized)) != len(normalized):
            raise ValueError(f"dim {tuple(dims)} names the same dimension more than once")
        return tuple(sorted(d for d in normalized if d < ndim))
    dim = normalize_dim(dims, ndim)
    return (dim,) if dim < ndim else ()


def resolve_aliases(dim, keepdim, axis, keepdims):
    """Accept numpy's spelling (axis=, keepdims=) next to torch's (dim=, keepdim=), never both."""
    if axis is not None:
        if dim is not None:
            raise TypeError("pass either dim or axis, not both")
        dim = axis
    if keepdims is not None:
        if keepdim:
            raise TypeError("pass either keepdim or keepdims, not both")
        keepdim = keepdims
    return dim, bool(keepdim)


def kept_shape(shape, dims):
    """`shape` with the reduced `dims` set to 1: where a keepdim=False result must be reshaped
    back to broadcast against the input."""
    return tuple(1 if i in dims else n for i, n in enumerate(shape))
