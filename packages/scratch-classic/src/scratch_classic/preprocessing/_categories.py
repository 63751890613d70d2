"""Categories of one column: find them, spot unknown values, map values to category indices.

Shared by OneHotEncoder, OrdinalEncoder and LabelEncoder, with scikit-learn's rules:
- categories are sorted; missing values come last, None before NaN:
  `unique_values(np.array(["b", None, "a", nan], dtype=object)) -> ["a", "b", None, nan]`;
- numbers and strings are never mixed in one column (sorting them would be meaningless);
- numeric columns use sorted-array tools (np.unique, np.searchsorted); object and string
  columns use Python sets and dicts, which also hold None and NaN.
"""

import numpy as np

from ..utils.validation import is_scalar_nan


def _is_missing(value):
    return value is None or is_scalar_nan(value)


def _split_missing(values):
    """(set of the present values, [None] and/or [nan]: the missing kinds, in output order)."""
    present = {v for v in values if not _is_missing(v)}
    missing = []
    if any(v is None for v in values):
        missing.append(None)
    if any(is_scalar_nan(v) for v in values):
        missing.append(np.nan)
    return present, missing


def unique_values(values):
    """Sorted distinct values of a 1-D array, missing ones (None, then NaN) last, one NaN at most."""
    if values.dtype != object:
        return np.unique(values)  # subtle: numpy sorts NaN last and keeps a single one
    present, missing = _split_missing(set(values))
    try:
        ordered = sorted(present)
    except TypeError:
        types = sorted({type(v).__qualname__ for v in values})
        raise TypeError(
            f"Encoders require their input argument must be uniformly strings or numbers. Got {types}"
        ) from None
    return np.array(ordered + missing, dtype=object)


def _plain(values):
    """Python scalars, so messages read ['c'] rather than [np.str_('c')]."""
    return [v.item() if isinstance(v, np.generic) else v for v in values]


def check_unknown(values, known):
    """(unknown values as a list, (n,) mask of the values that ARE known categories)."""
    if values.dtype.kind in "OUS":
        present, missing = _split_missing(set(values))
        known_present, known_missing = _split_missing(set(known))
        known_none, known_nan = None in known_missing, any(is_scalar_nan(m) for m in known_missing)
        unknown = list(present - known_present)
        unknown += [
            m for m in missing if not (m is None and known_none or is_scalar_nan(m) and known_nan)
        ]
        if not unknown:
            return unknown, np.ones(len(values), dtype=bool)
        unknown = _plain(unknown)
        is_known = np.array(
            [
                (v is None and known_none)
                or (is_scalar_nan(v) and known_nan)
                or (not _is_missing(v) and v in known_present)
                for v in values
            ],
            dtype=bool,
        )
        return unknown, is_known
    is_known = np.isin(values, known)  # (n,)
    if values.dtype.kind == "f" and np.isnan(np.asarray(known, dtype=float)).any():
        is_known |= np.isnan(values)  # subtle: NaN != NaN, so isin never matches it
    return _plain(np.unique(values[~is_known])), is_known


def encode(values, categories):
    """Index of each value in `categories` (all values must be known): ["b", "a"], ["a", "b"] -> [1, 0]."""
    if values.dtype.kind not in "OUS":
        return np.searchsorted(categories, values)  # subtle: NaN is sorted last in both
    position = {c: i for i, c in enumerate(categories) if not _is_missing(c)}
    none_position = next((i for i, c in enumerate(categories) if c is None), -1)
    nan_position = next((i for i, c in enumerate(categories) if is_scalar_nan(c)), -1)
    if values.dtype.kind in "US":  # numpy strings sort in C: look up each DISTINCT value once
        distinct, inverse = np.unique(values, return_inverse=True)
        return np.array([position[v] for v in distinct], dtype=np.intp)[inverse.reshape(-1)]
    # Python objects: a dict lookup per value (sorting objects would cost more than the lookups)
    codes = [position.get(v, none_position if v is None else nan_position) for v in values]
    return np.asarray(codes, dtype=np.intp)
