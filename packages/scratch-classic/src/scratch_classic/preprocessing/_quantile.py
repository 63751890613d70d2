"""Column quantiles that skip NaN: the order statistics behind RobustScaler, SimpleImputer's median
and QuantileClipper (numpy's nanquantile / nanmedian, written out).

The q-quantile of a column with m observed values sorted as v_0 <= ... <= v_{m-1} sits at the
virtual index h = (m - 1) q, between v_floor(h) and v_floor(h)+1; linear interpolation with
gamma = h - floor(h) gives it (numpy's default method "linear"):

    quantile = v_lo + gamma (v_hi - v_lo)          e.g. [1, 2, 3, 4], q = 0.5 -> h = 1.5 -> 2.5

NaN sorts after every number, so after one sort each column's observed values come first and its
m differs per column; a column with no observed value gets NaN.
"""

import numpy as np


def _lerp(lower, upper, gamma):
    """lower + gamma (upper - lower), computed from the nearer end (numpy's `_lerp`): exact at gamma = 1."""
    difference = upper - lower
    return np.where(gamma >= 0.5, upper - difference * (1 - gamma), lower + difference * gamma)


def _neighbours(observed, q):
    """(below, above, gamma): the order statistics around h = (m - 1) q and the weight between them."""
    q = np.asarray(q, dtype=np.float64)
    last = np.maximum(observed - 1, 0)  # (d,) index of the largest observed value
    virtual = np.multiply.outer(q, observed - 1)  # (..., d) h = (m - 1) q
    below = np.clip(np.floor(virtual), 0, last).astype(np.intp)  # (..., d)
    above = np.minimum(below + 1, last)  # (..., d) subtle: at q = 1 both ends are the maximum
    gamma = np.where(virtual >= last, 0.0, virtual - below)  # (..., d)
    return below, above, gamma


def sorted_columns(X, fractions=None):
    """(the columns of X as the ROWS of a (d, n) array, in order; observed count per column).

    With `fractions`, only the order statistics those quantiles (and the median) need are put in
    their sorted places, by np.partition: O(n) per column instead of a full O(n log n) sort.
    NaN goes last either way. One call serves several quantiles (RobustScaler needs three).
    """
    X = np.asarray(X, dtype=np.float64)
    rows = np.ascontiguousarray(
        X.T
    )  # (d, n) subtle: contiguous rows sort faster than strided columns
    observed = X.shape[0] - np.isnan(X).sum(axis=0)  # (d,)
    if fractions is None:
        return np.sort(rows, axis=1), observed
    below, above, _ = _neighbours(observed, np.append(np.ravel(fractions), 0.5))
    needed = np.unique(np.concatenate([below.ravel(), above.ravel()]))
    return np.partition(rows, needed, axis=1), observed


def quantile_of_sorted(sorted_rows, observed, q):
    """Quantile(s) q in [0, 1] from `sorted_columns`' output; shape (d,) or (len(q), d)."""
    below, above, gamma = _neighbours(observed, q)  # (..., d) each
    columns = np.arange(sorted_rows.shape[0])  # (d,)
    result = _lerp(sorted_rows[columns, below], sorted_rows[columns, above], gamma)  # (..., d)
    return np.where(observed == 0, np.nan, result)


def median_of_sorted(sorted_rows, observed):
    """Median per column from `sorted_columns`' output: the middle value or the mean of the two."""
    columns = np.arange(sorted_rows.shape[0])  # (d,)
    lower = np.maximum((observed - 1) // 2, 0)  # (d,)
    upper = np.minimum(observed // 2, np.maximum(observed - 1, 0))  # (d,)
    median = (sorted_rows[columns, lower] + sorted_rows[columns, upper]) / 2  # (d,)
    return np.where(observed == 0, np.nan, median)


def nan_quantile(X, q):
    """Quantile(s) q in [0, 1] of each column of X, ignoring NaN; shape (d,) or (len(q), d).

    `nan_quantile([[1.], [4.], [nan], [2.]], 0.5) -> [2.]` (the median of 1, 2, 4).
    """
    return quantile_of_sorted(*sorted_columns(X, q), q)


def nan_median(X):
    """Median of each column of X ignoring NaN: the middle value, or the mean of the two middle ones.

    `nan_median([[1.], [4.], [nan], [2.], [3.]]) -> [2.5]`.
    """
    return median_of_sorted(*sorted_columns(X, []))
