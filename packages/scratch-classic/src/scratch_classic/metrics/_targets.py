"""What kind of target an array holds, and the labels two label arrays share (sklearn.utils.multiclass).

type_of_target(y) names the task y describes, which is what decides how a metric or a splitter
treats it:

    [0, 1, 1]            -> "binary"        (at most two distinct values)
    ["a", "b", "c"]      -> "multiclass"    (more than two discrete values)
    [0.5, 1.25]          -> "continuous"    (floats that are not all integral)
    [[0, 1], [1, 1]]     -> "multilabel-indicator"
    [[1, 2], [3, 1]]     -> "multiclass-multioutput";  [[0.5, 1], ...] -> "continuous-multioutput"
    a list of dicts      -> "unknown"

unique_labels(*ys) is the sorted union of the labels found in every array:
    unique_labels([3, 1], [2, 1]) -> array([1, 2, 3])
"""

from collections.abc import Sequence
from itertools import chain

import numpy as np

from ..utils.validation import check_consistent_length, column_or_1d

CLASSIFICATION_TARGETS = ("binary", "multiclass")


def _as_label_array(y):
    try:
        return np.asarray(y)
    except ValueError:  # subtle: a ragged sequence of sequences cannot be a regular array
        return np.asarray(y, dtype=object)


def _unique(array):
    try:
        return np.unique(array)
    except TypeError as error:  # an object array mixing str and numbers cannot be sorted
        raise ValueError(f"Mix of label input types (string and number): {error}") from error


def type_of_target(y, input_name="y"):
    """The type of target `y` holds; see the module docstring for the possible answers."""
    if isinstance(y, str) or not (isinstance(y, Sequence) or hasattr(y, "__array__")):
        raise ValueError(f"Expected array-like (array or non-string sequence), got {y!r}")
    array = _as_label_array(y)
    if array.ndim not in (1, 2):
        return "unknown"
    if min(array.shape) == 0:
        return "binary" if array.ndim == 1 else "unknown"  # subtle: sklearn calls [] binary
    if array.dtype == object and not isinstance(array.flat[0], str):
        return "unknown"
    is_multioutput = array.ndim == 2 and array.shape[1] > 1
    if is_multioutput and array.dtype.kind in "biuf":
        values = _unique(array)
        integral = array.dtype.kind != "f" or np.all(values == np.trunc(values))
        if len(values) < 3 and integral:
            return "multilabel-indicator"
    suffix = "-multioutput" if is_multioutput else ""
    if array.dtype.kind == "f":
        if np.isnan(array).any():
            raise ValueError(f"Input {input_name} contains NaN.")
        if np.isinf(array).any():
            raise ValueError(
                f"Input {input_name} contains infinity or a value too large for {array.dtype!r}."
            )
        if np.any(array != np.trunc(array)):
            return "continuous" + suffix
    if len(_unique(array)) > 2 or is_multioutput:
        return "multiclass" + suffix
    return "binary"


def unique_labels(*ys):
    """Sorted union of the labels in every array; strings and numbers may not be mixed."""
    labels = set(chain.from_iterable(_unique(_as_label_array(y)) for y in ys))
    if len({isinstance(label, str) for label in labels}) > 1:
        raise ValueError(
            "Mix of label input types (string and number); got "
            + " and ".join(str(_unique(_as_label_array(y))) for y in ys)
            + "."
        )
    return np.asarray(sorted(labels))


def check_classification_targets_pair(y_true, y_pred):
    """Validate two label arrays for one classification task; returns (y_type, labels, y_true, y_pred).

    y_type is "binary" (at most two labels in the union) or "multiclass"; labels is their sorted
    union; y_true and y_pred come back 1-D. Raises ValueError for different lengths, empty input,
    continuous or multi-output targets, a mix of label types, and multilabel indicators (which
    scratch_classic's classification metrics do not take).
    """
    check_consistent_length(y_true, y_pred)
    type_true = type_of_target(y_true, input_name="y_true")
    type_pred = type_of_target(y_pred, input_name="y_pred")
    if len(y_true) == 0:
        raise ValueError(
            "Found empty input array (e.g., `y_true` or `y_pred`) while a minimum of 1 sample is required."
        )
    for name, y, y_type in (("y_true", y_true, type_true), ("y_pred", y_pred, type_pred)):
        if y_type == "multilabel-indicator" or y_type.endswith("-multioutput"):
            raise ValueError(
                f"{name} should be a 1d array, got an array of shape {np.shape(y)} instead: "
                f"{y_type} targets are not supported (pass 1-d arrays of class labels)"
            )
    types = {type_true, type_pred}
    if types == {"binary", "multiclass"}:
        types = {"multiclass"}
    if len(types) > 1:
        raise ValueError(
            f"Classification metrics can't handle a mix of {type_true} and {type_pred} targets"
        )
    y_type = types.pop()
    if y_type not in CLASSIFICATION_TARGETS:
        raise ValueError(f"{y_type} is not supported")
    y_true = column_or_1d(_as_label_array(y_true), name="y_true")
    y_pred = column_or_1d(_as_label_array(y_pred), name="y_pred")
    labels = unique_labels(y_true, y_pred)
    if y_type == "binary" and len(labels) > 2:
        y_type = "multiclass"  # two labels in y_true, two others in y_pred
    return y_type, labels, y_true, y_pred


def encode_labels(values, sorted_labels, name="y"):
    """Index of each value in `sorted_labels`:  encode_labels(["b", "a"], ["a", "b"]) -> [1, 0]."""
    positions = np.searchsorted(sorted_labels, values)  # (n,)
    found = positions < len(sorted_labels)
    found[found] = sorted_labels[positions[found]] == values[found]
    if not found.all():
        raise ValueError(
            f"{name} contains labels not in {list(sorted_labels)}: {sorted(set(values[~found].tolist()))}"
        )
    return positions
