"""Where the missing values are: the mask X == missing_values, with NaN handled (NaN != NaN).

`missing_mask([[1., nan], [nan, 3.]], np.nan) -> [[False, True], [True, False]]`;
`missing_mask([["a", None]], None)` compares by value (object arrays).
"""

import numbers

import numpy as np

from ..utils.validation import is_scalar_nan, object_isnan


def missing_mask(X, missing_values):
    """(n, d) bool mask of the cells of X equal to missing_values (NaN matches NaN)."""
    if is_scalar_nan(missing_values):
        if X.dtype.kind == "f":
            return np.isnan(X)
        if X.dtype.kind in "iu":
            return np.zeros(X.shape, dtype=bool)  # an integer array cannot hold NaN
        return object_isnan(X)
    return X == missing_values


def check_missing_values_type(X, missing_values, estimator_name):
    """A numeric X needs a numeric missing_values (a string marker can never match a number)."""
    if X.dtype.kind in "fiu" and not isinstance(missing_values, numbers.Real):
        raise ValueError(
            "'X' and 'missing_values' types are expected to be both numerical. Got "
            f"X.dtype={X.dtype} and  type(missing_values)={type(missing_values)}."
        )
    if X.dtype.kind not in "iufO":
        raise ValueError(
            f"{estimator_name} does not support data with dtype {X.dtype}. Please provide either a numeric array (with a "
            "floating point or integer dtype) or categorical data represented either as an array with "
            "integer dtype or an array of string values with an object dtype."
        )
