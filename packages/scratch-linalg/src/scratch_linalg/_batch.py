"""Run a single-matrix algorithm over a stack of matrices.

numpy.linalg accepts `(..., M, N)`: the last two axes are the matrix, the leading axes a batch.
Each algorithm in this package is written for one matrix; `map_matrices` loops it over the
batch (a plain Python loop: the per-matrix work is already vectorized) and stacks the results.

    map_matrices(lambda m: (m.T,), x)   # x: (B1, B2, M, N) -> ((B1, B2, N, M),)
"""

import numpy as np


def map_matrices(func, *arrays, core_ndims=None):
    """Apply `func(*cores) -> tuple of arrays` to every batch element and stack each output.

    arrays:     each with shape (*batch, *core), all sharing `batch` after broadcasting.
    core_ndims: how many trailing axes form the core of each input (default 2 for all).
    Returns a tuple with one array per output of `func`, shaped (*batch, *output_core).
    """
    if core_ndims is None:
        core_ndims = (2,) * len(arrays)
    # subtle: one matrix, no batch, is the common case; broadcasting it (some 10 us of Python)
    # is a sizable share of a small factorization, so hand the arrays over as they are. (The
    # functions never write into their inputs: the broadcast views below are read-only.)
    if all(a.ndim == k for a, k in zip(arrays, core_ndims, strict=True)):
        return tuple(func(*arrays))
    batch_shape = np.broadcast_shapes(
        *[a.shape[: a.ndim - k] for a, k in zip(arrays, core_ndims, strict=True)]
    )
    arrays = [
        np.broadcast_to(a, batch_shape + a.shape[a.ndim - k :])
        for a, k in zip(arrays, core_ndims, strict=True)
    ]
    if not batch_shape:
        return tuple(func(*arrays))
    results = [tuple(func(*[a[index] for a in arrays])) for index in np.ndindex(batch_shape)]
    if not results:  # an empty batch: run once on zeros to learn the output shapes and dtypes
        probe = tuple(func(*[_identity_like(a, k) for a, k in zip(arrays, core_ndims)]))
        return tuple(np.empty(batch_shape + np.shape(p), np.asarray(p).dtype) for p in probe)
    return tuple(
        np.stack([r[i] for r in results]).reshape(batch_shape + np.shape(results[0][i]))
        for i in range(len(results[0]))
    )


def _identity_like(array, core_ndim):
    """A well-behaved stand-in core (identity matrix / ones vector) for probing output shapes."""
    core_shape = array.shape[array.ndim - core_ndim :]
    if core_ndim == 2:
        return np.eye(*core_shape, dtype=array.dtype)
    return np.ones(core_shape, dtype=array.dtype)
