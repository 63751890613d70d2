"""utils/validation.py beside sklearn.utils.validation: every error, and what valid input becomes.

Where scikit-learn has the same function, the bad input is given to both: both must raise
ValueError, and both messages must contain the shared wording (the exact text differs a little,
e.g. sklearn says "Input contains NaN" where we name the array: "Input X contains NaN").
"""

import numpy as np
import pytest
import sklearn.utils.multiclass
import sklearn.utils.validation as skv
from scratch_classic.utils.validation import (
    check_array,
    check_classification_targets,
    check_consistent_length,
    check_random_state,
    check_sample_weight,
    check_X_y,
    column_or_1d,
)

# (id, bad input as a thunk for ours, the same for sklearn, regex both messages match)
SHARED_ERRORS = [
    (
        "1d-X",
        lambda: check_array([1.0, 2.0]),
        lambda: skv.check_array([1.0, 2.0]),
        r"Expected 2D array, got 1D array instead",
    ),
    (
        "scalar-X",
        lambda: check_array(3.0),
        lambda: skv.check_array(3.0),
        r"Expected 2D array, got scalar array instead",
    ),
    (
        "3d-X",
        lambda: check_array(np.zeros((2, 2, 2))),
        lambda: skv.check_array(np.zeros((2, 2, 2))),
        r"Found array with dim 3",
    ),
    (
        "no-samples",
        lambda: check_array(np.zeros((0, 3))),
        lambda: skv.check_array(np.zeros((0, 3))),
        r"Found array with 0 sample\(s\) \(shape=\(0, 3\)\) while a minimum of 1 is required",
    ),
    (
        "no-features",
        lambda: check_array(np.zeros((3, 0))),
        lambda: skv.check_array(np.zeros((3, 0))),
        r"Found array with 0 feature\(s\) \(shape=\(3, 0\)\) while a minimum of 1 is required",
    ),
    (
        "nan",
        lambda: check_array([[np.nan, 1.0]]),
        lambda: skv.check_array([[np.nan, 1.0]]),
        r"Input (X )?contains NaN",
    ),
    (
        "inf",
        lambda: check_array([[np.inf, 1.0]]),
        lambda: skv.check_array([[np.inf, 1.0]]),
        r"Input (X )?contains infinity or a value too large for dtype\('float64'\)",
    ),
    (
        "-inf",
        lambda: check_array([[-np.inf, 1.0]]),
        lambda: skv.check_array([[-np.inf, 1.0]]),
        r"contains infinity",
    ),
    (
        "strings",
        lambda: check_array([["a", "b"]]),
        lambda: skv.check_array([["a", "b"]], dtype=np.float64),
        r"could not convert string to float",
    ),
    (
        "y-none",
        lambda: check_X_y([[1.0]], None),
        lambda: skv.check_X_y([[1.0]], None),
        r"requires y to be passed, but the target y is None",
    ),
    (
        "y-2d",
        lambda: column_or_1d(np.zeros((3, 2))),
        lambda: skv.column_or_1d(np.zeros((3, 2))),
        r"y should be a 1d array, got an array of shape \(3, 2\) instead",
    ),
    (
        "lengths",
        lambda: check_consistent_length([1, 2], [1, 2, 3]),
        lambda: skv.check_consistent_length([1, 2], [1, 2, 3]),
        r"Found input variables with inconsistent numbers of samples: \[2, 3\]",
    ),
    (
        "X-y-lengths",
        lambda: check_X_y(np.zeros((3, 2)), [0, 1]),
        lambda: skv.check_X_y(np.zeros((3, 2)), [0, 1]),
        r"inconsistent numbers of samples: \[3, 2\]",
    ),
    (
        "y-nan",
        lambda: check_X_y([[1.0], [2.0]], [np.nan, 1.0], y_numeric=True),
        lambda: skv.check_X_y([[1.0], [2.0]], [np.nan, 1.0], y_numeric=True),
        r"Input y contains NaN",
    ),
    (
        "y-inf",
        lambda: check_X_y([[1.0], [2.0]], [np.inf, 1.0], y_numeric=True),
        lambda: skv.check_X_y([[1.0], [2.0]], [np.inf, 1.0], y_numeric=True),
        r"Input y contains infinity",
    ),
    (
        "continuous-labels",
        lambda: check_classification_targets([0.5, 1.2]),
        lambda: sklearn.utils.multiclass.check_classification_targets([0.5, 1.2]),
        r"Unknown label type: continuous",
    ),
    (
        "sample-weight-shape",
        lambda: check_sample_weight(np.ones(3), 4),
        lambda: skv._check_sample_weight(np.ones(3), np.zeros((4, 1))),
        r"sample_weight\.shape == \(3,\), expected \(4,\)!",
    ),
    (
        "sample-weight-negative",
        lambda: check_sample_weight(-np.ones(4), 4),
        lambda: skv._check_sample_weight(-np.ones(4), np.zeros((4, 1)), ensure_non_negative=True),
        r"Negative values in (data passed to `)?sample_weight",
    ),
]


@pytest.mark.parametrize(
    ("ours", "theirs", "message"), [c[1:] for c in SHARED_ERRORS], ids=[c[0] for c in SHARED_ERRORS]
)
def test_bad_input_raises_value_error_like_sklearn(ours, theirs, message):
    with pytest.raises(ValueError, match=message):
        ours()
    with pytest.raises(ValueError, match=message):
        theirs()


# -- check_array: what valid input becomes --


def test_check_array_converts_lists_and_ints_to_float64_like_sklearn():
    for data in (
        [[1, 2], [3, 4]],
        np.array([[True, False]]),
        np.arange(6, dtype=np.int32).reshape(3, 2),
    ):
        ours = check_array(data)
        assert ours.dtype == np.float64 and ours.ndim == 2
        np.testing.assert_array_equal(ours, skv.check_array(data, dtype=np.float64))


def test_check_array_with_dtype_none_keeps_integers():
    assert check_array([[1, 2]], dtype=None).dtype.kind == "i"


def test_check_array_with_dtype_none_rejects_non_numeric():
    with pytest.raises(ValueError, match=r"X must be numeric, got dtype <U1"):
        check_array([["a"]], dtype=None)


def test_check_array_names_the_array_in_its_messages():
    with pytest.raises(ValueError, match=r"Input sample_weight contains NaN"):
        check_array([np.nan], name="sample_weight", ensure_2d=False)
    with pytest.raises(
        ValueError, match=r"Expected 2D array, got 1D array instead: T has shape \(2,\)"
    ):
        check_array([1.0, 2.0], name="T")


def test_check_array_minimum_samples_and_features():
    with pytest.raises(
        ValueError, match=r"Found array with 2 sample\(s\) .* minimum of 3 is required"
    ):
        check_array(np.zeros((2, 2)), ensure_min_samples=3)
    with pytest.raises(
        ValueError, match=r"Found array with 2 feature\(s\) .* minimum of 3 is required"
    ):
        check_array(np.zeros((2, 2)), ensure_min_features=3)
    assert check_array(np.zeros(3), ensure_2d=False).shape == (3,)  # 1-D allowed when asked


def test_check_array_does_not_copy_or_modify_a_valid_float_array(rng):
    X = rng.standard_normal((4, 3))
    before = X.copy()
    checked = check_array(X)
    np.testing.assert_array_equal(X, before)
    assert np.shares_memory(checked, X)  # no needless copy of float64 input (as np.asarray)


# -- y: column_or_1d, check_X_y --


def test_column_or_1d_flattens_a_column_like_sklearn():
    column = np.arange(3.0).reshape(3, 1)
    np.testing.assert_array_equal(column_or_1d(column), skv.column_or_1d(column, warn=False))
    assert column_or_1d(column).shape == (3,)


def test_check_X_y_keeps_string_labels_and_converts_numeric_targets():
    _, y = check_X_y([[1.0], [2.0]], ["a", "b"])
    assert y.dtype.kind == "U" and list(y) == ["a", "b"]
    _, y_numeric = check_X_y([[1.0], [2.0]], [1, 2], y_numeric=True)
    assert y_numeric.dtype == np.float64


def test_check_X_y_multi_output_keeps_a_2d_target():
    _, y = check_X_y(np.zeros((3, 2)), np.ones((3, 2)), multi_output=True, y_numeric=True)
    assert y.shape == (3, 2)
    with pytest.raises(ValueError, match=r"y should be a 1d array"):
        check_X_y(np.zeros((3, 2)), np.ones((3, 2)))


def test_check_X_y_rejects_nan_in_float_labels_even_without_y_numeric():
    # subtle: a float y with NaN is bad for classifiers too (NaN is not a class)
    with pytest.raises(ValueError, match=r"Input y contains NaN"):
        check_X_y([[1.0], [2.0]], [0.0, np.nan])


# -- check_classification_targets --


@pytest.mark.parametrize(
    "labels",
    [[0, 1, 2], ["a", "b"], [1.0, 2.0, 1.0], np.array(["x", 3], dtype=object)],
    ids=["ints", "strings", "integral-floats", "mixed-object"],
)
def test_discrete_labels_are_accepted(labels):
    check_classification_targets(labels)


def test_continuous_labels_message():
    with pytest.raises(
        ValueError,
        match=r"Unknown label type: continuous\. Maybe you are trying to fit a classifier",
    ):
        check_classification_targets(np.array([0.0, 0.5]))


def test_object_labels_that_are_not_int_or_str_are_rejected():
    with pytest.raises(ValueError, match=r"Unknown label type: labels must be integers or strings"):
        check_classification_targets(np.array([1.5, "a"], dtype=object))


# -- check_sample_weight --


def test_sample_weight_none_and_scalar_like_sklearn():
    X = np.zeros((4, 1))
    np.testing.assert_array_equal(check_sample_weight(None, 4), skv._check_sample_weight(None, X))
    np.testing.assert_array_equal(check_sample_weight(2.5, 4), skv._check_sample_weight(2.5, X))
    assert check_sample_weight(None, 4).dtype == np.float64


def test_sample_weight_array_is_returned_as_float64():
    weights = check_sample_weight([1, 2, 3], 3)
    assert weights.dtype == np.float64
    np.testing.assert_array_equal(weights, [1.0, 2.0, 3.0])


def test_sample_weight_rejects_nan_and_2d():
    with pytest.raises(ValueError, match=r"Input sample_weight contains NaN"):
        check_sample_weight([1.0, np.nan], 2)
    with pytest.raises(ValueError, match=r"sample_weight\.shape == \(2, 1\), expected \(2,\)!"):
        check_sample_weight(np.ones((2, 1)), 2)


# -- check_random_state --


def test_check_random_state_same_seed_same_stream():
    a, b = check_random_state(7), check_random_state(7)
    np.testing.assert_array_equal(a.standard_normal(5), b.standard_normal(5))
    generator = np.random.default_rng(1)
    assert check_random_state(generator) is generator
    assert isinstance(check_random_state(None), np.random.Generator)


def test_check_random_state_rejects_other_types():
    with pytest.raises(
        ValueError, match=r"random_state must be None, an int or a numpy.random.Generator, got 'x'"
    ):
        check_random_state("x")
