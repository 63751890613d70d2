"""Input validation: ONE place where every estimator's X, y and sample_weight are checked.

The messages follow scikit-learn's wording, so an error reads the same whichever library raised it:
- X must be 2-D (a 1-D X gets the "Reshape your data ..." hint), non-empty, numeric and finite;
  encoders and imputers relax this with `check_array(..., dtype=None, ensure_numeric=False)`
  (strings and objects kept) and `ensure_all_finite="allow-nan"` (NaN is a missing value);
- y must be 1-D (a column vector (n, 1) is accepted and flattened), finite, as long as X;
- classification targets must be discrete (no continuous floats).
"""

import math
import numbers

import numpy as np
from scratch_optim import check_random_state  # noqa: F401  (re-exported: one seed rule everywhere)

from ..exceptions import NotFittedError


def check_array(
    X,
    *,
    name="X",
    ensure_2d=True,
    ensure_min_samples=1,
    ensure_min_features=1,
    dtype=np.float64,
    ensure_numeric=True,
    ensure_all_finite=True,
    copy=False,
):
    """Return X as a finite numeric ndarray (float64 by default), or raise ValueError.

    ensure_2d: X must have shape (n_samples, n_features).
    dtype: the dtype to convert to, or None to keep X's own (then only numeric kinds pass, unless
        ensure_numeric=False); dtype=object gives an object array (strings, numbers, None kept).
    ensure_numeric: with dtype=None, reject strings and objects (False: keep them, for encoders).
    ensure_all_finite: True rejects NaN and inf; "allow-nan" rejects only inf (NaN marks a missing
        value); False checks nothing. In object arrays NaN is found as `value != value`.
    copy: return a new array even when X already is an ndarray of the requested dtype.
    """
    if ensure_all_finite not in (True, False, "allow-nan"):
        raise ValueError(
            f"ensure_all_finite should be a bool or 'allow-nan', got {ensure_all_finite!r}"
        )
    try:
        array = np.array(X, dtype=dtype, copy=True) if copy else np.asarray(X, dtype=dtype)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} could not be converted to a numeric array: {error}") from error
    numeric_required = ensure_numeric and (dtype is None or np.dtype(dtype).kind in "biufc")
    if numeric_required and array.dtype.kind not in "biuf":
        raise ValueError(f"{name} must be numeric, got dtype {array.dtype}")
    if ensure_2d:
        if array.ndim == 0:
            raise ValueError(f"Expected 2D array, got scalar array instead: {name}={X!r}.")
        if array.ndim == 1:
            raise ValueError(
                f"Expected 2D array, got 1D array instead: {name} has shape {array.shape}. Reshape "
                "your data either using array.reshape(-1, 1) if your data has a single feature or "
                "array.reshape(1, -1) if it contains a single sample."
            )
        if array.ndim > 2:
            raise ValueError(f"Found array with dim {array.ndim}. Expected <= 2 ({name}).")
    if array.shape[0] < ensure_min_samples:
        raise ValueError(
            f"Found array with {array.shape[0]} sample(s) (shape={array.shape}) while a minimum "
            f"of {ensure_min_samples} is required ({name})."
        )
    if ensure_2d and array.shape[1] < ensure_min_features:
        raise ValueError(
            f"Found array with {array.shape[1]} feature(s) (shape={array.shape}) while a minimum "
            f"of {ensure_min_features} is required ({name})."
        )
    if ensure_all_finite:
        _assert_all_finite(array, name=name, allow_nan=ensure_all_finite == "allow-nan")
    return array


def _assert_all_finite(array, *, name, allow_nan):
    if array.dtype.kind == "f":
        if not allow_nan and np.isnan(array).any():
            raise ValueError(f"Input {name} contains NaN.")
        if np.isinf(array).any():
            raise ValueError(
                f"Input {name} contains infinity or a value too large for {array.dtype!r}."
            )
    elif array.dtype.kind == "O" and not allow_nan and object_isnan(array).any():
        raise ValueError(f"Input {name} contains NaN.")


def object_isnan(array):
    """Elementwise NaN test for object arrays (np.isnan rejects them): `[["a", nan]] -> [[F, T]]`.

    subtle: NaN is the one value not equal to itself; strings, numbers and None all equal themselves.
    """
    return array != array  # noqa: PLR0124


def is_scalar_nan(value):
    """True for a float NaN (np.nan, float("nan"), np.float32("nan")), False for anything else.

    `is_scalar_nan(np.nan) -> True`, `is_scalar_nan("nan") -> False`, `is_scalar_nan(None) -> False`.
    """
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, numbers.Integral)
        and math.isnan(value)
    )


def column_or_1d(y, *, name="y"):
    """y as a 1-D array; an (n, 1) column is flattened, anything else 2-D is an error."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        return y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"{name} should be a 1d array, got an array of shape {y.shape} instead.")
    return y


def check_consistent_length(*arrays):
    lengths = [len(a) for a in arrays if a is not None]
    if len(set(lengths)) > 1:
        raise ValueError(f"Found input variables with inconsistent numbers of samples: {lengths}")


def check_X_y(X, y, *, y_numeric=False, multi_output=False, dtype=np.float64):
    """Validate X (see `check_array`) and y together; returns (X, y).

    y_numeric: convert y to float64 (regression targets). multi_output: allow 2-D y.
    """
    if y is None:
        raise ValueError("requires y to be passed, but the target y is None")
    X = check_array(X, dtype=dtype)
    if multi_output:
        y = check_array(y, name="y", ensure_2d=False, dtype=np.float64 if y_numeric else None)
    else:
        y = column_or_1d(y)
        if y_numeric or y.dtype.kind == "f":
            y = check_array(
                y.astype(np.float64) if y_numeric else y, name="y", ensure_2d=False, dtype=None
            )
    check_consistent_length(X, y)
    return X, y


def check_classification_targets(y):
    """Raise ValueError unless y holds discrete class labels (ints, strings, or integral floats)."""
    y = np.asarray(y)
    if y.dtype.kind == "f" and not np.all(y == np.round(y)):
        raise ValueError(
            "Unknown label type: continuous. Maybe you are trying to fit a classifier, "
            "which expects discrete classes on a regression target with continuous values."
        )
    if y.dtype.kind == "O" and not all(isinstance(v, (str, numbers.Integral)) for v in y.ravel()):
        raise ValueError("Unknown label type: labels must be integers or strings")


def check_sample_weight(sample_weight, n_samples):
    """Weights as a float64 (n_samples,) array: ones when None, a scalar broadcast, else checked."""
    if sample_weight is None:
        return np.ones(n_samples)
    if np.ndim(sample_weight) == 0:
        return np.full(n_samples, float(sample_weight))
    weights = check_array(sample_weight, name="sample_weight", ensure_2d=False)
    if weights.shape != (n_samples,):
        raise ValueError(f"sample_weight.shape == {weights.shape}, expected ({n_samples},)!")
    if (weights < 0).any():
        raise ValueError("Negative values in sample_weight are not allowed.")
    return weights


def check_is_fitted(estimator, attributes=None):
    """Raise NotFittedError unless `fit` has run (the given attributes, or any `name_`, exist)."""
    if attributes is not None:
        names = [attributes] if isinstance(attributes, str) else list(attributes)
        fitted = all(hasattr(estimator, name) for name in names)
    elif hasattr(estimator, "__sklearn_is_fitted__"):  # meta-estimators ask their parts
        fitted = estimator.__sklearn_is_fitted__()
    else:
        fitted = any(name.endswith("_") and not name.startswith("__") for name in vars(estimator))
    if not fitted:
        raise NotFittedError(
            f"This {type(estimator).__name__} instance is not fitted yet. Call 'fit' with "
            "appropriate arguments before using this estimator."
        )


def check_feature_names_in(estimator, input_features=None):
    """The names of the features `estimator` was fitted on, for `get_feature_names_out`.

    None -> the default names ["x0", "x1", ...] (one per n_features_in_); given names must be one
    per input feature. Returned as an object array, as scikit-learn does.
    """
    n_features_in = getattr(estimator, "n_features_in_", None)
    if input_features is not None:
        input_features = np.asarray(input_features, dtype=object)
        if n_features_in is not None and len(input_features) != n_features_in:
            raise ValueError(
                f"input_features should have length equal to number of features ({n_features_in}), "
                f"got {len(input_features)}"
            )
        return input_features
    if n_features_in is None:
        raise ValueError("Unable to generate feature names without n_features_in_")
    return np.asarray([f"x{i}" for i in range(n_features_in)], dtype=object)
