"""Taking the rows of a split out of X, y and per-sample fit parameters, whatever container they are.

Arrays are indexed with the index array, lists give lists, pandas objects go through .iloc
(without importing pandas). A pairwise estimator (a precomputed kernel or distance matrix as X)
needs rows AND columns: its test block is K[test][:, train].
"""

import numpy as np


def num_samples(data):
    """Number of rows of an array-like (its first dimension)."""
    shape = getattr(data, "shape", None)
    if shape is not None and len(shape) > 0:
        return shape[0]
    if shape is not None or not hasattr(data, "__len__"):
        raise TypeError(f"Expected sequence or array-like, got {type(data).__name__}: {data!r}")
    return len(data)


def indexable(*iterables):
    """The inputs made row-indexable (a non-indexable iterable becomes an array), lengths checked."""
    result = [
        x if x is None or hasattr(x, "__getitem__") or hasattr(x, "iloc") else np.array(list(x))
        for x in iterables
    ]
    lengths = [num_samples(x) for x in result if x is not None]
    if len(set(lengths)) > 1:
        raise ValueError(f"Found input variables with inconsistent numbers of samples: {lengths}")
    return result


def safe_indexing(data, indices):
    """data[indices] along the first axis: rows of an array, items of a list, .iloc of pandas."""
    if hasattr(data, "iloc"):
        return data.iloc[indices]
    if hasattr(data, "shape"):
        return data[indices]
    return [data[i] for i in indices]


def is_pairwise(estimator):
    """True when the estimator takes a precomputed (n, n) kernel or distance matrix as X."""
    return (
        getattr(estimator, "kernel", None) == "precomputed"
        or getattr(estimator, "metric", None) == "precomputed"
    )


def safe_split(estimator, X, y, indices, train_indices=None):
    """(X rows, y rows) of `indices`; for a pairwise estimator, X's columns are train_indices (or indices)."""
    if is_pairwise(estimator):
        if not hasattr(X, "shape") or X.ndim != 2 or X.shape[0] != X.shape[1]:
            raise ValueError("X should be a square kernel matrix")
        columns = indices if train_indices is None else train_indices
        X_subset = X[np.ix_(indices, columns)]
    else:
        X_subset = safe_indexing(X, indices)
    return X_subset, None if y is None else safe_indexing(y, indices)


def index_fit_params(X, params, indices):
    """Fit parameters with one value per sample (e.g. sample_weight) restricted to `indices`."""
    n_samples = num_samples(X)
    restricted = {}
    for name, value in (params or {}).items():
        per_sample = (
            hasattr(value, "__len__")
            and not isinstance(value, (str, dict))
            and len(value) == n_samples
        )
        restricted[name] = (
            safe_indexing(value if hasattr(value, "shape") else np.asarray(value), indices)
            if per_sample
            else value
        )
    return restricted
