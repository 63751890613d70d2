"""impute beside sklearn.impute: SimpleImputer and MissingIndicator on the same data as
scikit-learn's, and QuantileClipper (ours, no scikit-learn twin) beside its oracle
np.clip(X, np.quantile(X, lower, axis=0), np.quantile(X, upper, axis=0)).

Tolerances: statistics_ and imputed values to rtol = atol = 1e-12 (means and medians are the
same sums and order statistics); most-frequent values, categories, indicator masks and feature
names IDENTICAL; quantile bounds to 1e-12. Bad input raises ValueError with a message naming it.
"""

import warnings

import numpy as np
import pytest
import sklearn.impute as ski

from scratch_classic.exceptions import NotFittedError
from scratch_classic.impute import MissingIndicator, QuantileClipper, SimpleImputer

TIGHT = {"rtol": 1e-12, "atol": 1e-12}


@pytest.fixture
def X_float(rng):
    """Small integers (so most_frequent has ties to break), ~25% NaN, and one all-NaN column."""
    data = rng.integers(0, 4, (30, 5)).astype(float) * [1.0, 0.5, 10.0, 1.0, 1.0]
    data[rng.random(data.shape) < 0.25] = np.nan
    data[:, 3] = np.nan
    return data


@pytest.fixture
def X_int():
    return np.array([[1, 2, 7], [-1, 3, 7], [1, -1, 7], [5, 3, -1], [5, 2, 7]])


@pytest.fixture
def X_object():
    data = np.empty((6, 3), dtype=object)
    data[:, 0] = ["red", np.nan, "blue", "red", "blue", np.nan]
    data[:, 1] = ["s", "m", np.nan, "m", "l", "s"]  # a tie: "m" and "s", the smallest wins
    data[:, 2] = [np.nan] * 6
    return data


def _both(params, X):
    """(ours, theirs) fitted on X with the same parameters, sklearn's warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return SimpleImputer(**params).fit(X), ski.SimpleImputer(**params).fit(X)


def _transform_both(ours, theirs, X):
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", UserWarning
        )  # "Skipping features without any observed values"
        return ours.transform(X), theirs.transform(X)


def _assert_same(ours, theirs):
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype, (ours.dtype, theirs.dtype)
    if ours.dtype == object:
        assert [repr(v) for v in ours.ravel()] == [repr(v) for v in theirs.ravel()]
    else:
        np.testing.assert_allclose(ours, theirs, **TIGHT)


def _spread(values):
    """max - min of a column's observed values (NaN when there are none)."""
    return float(values.max() - values.min()) if values.size else np.nan


def _id(params):
    return str({k: getattr(v, "__name__", v) for k, v in params.items()})


NUMERIC_PARAMS = [
    {},
    {"strategy": "median"},
    {"strategy": "most_frequent"},
    {"strategy": "constant", "fill_value": -3.5},
    {"strategy": "constant"},
    {"keep_empty_features": True},
    {"strategy": "median", "keep_empty_features": True},
    {"strategy": "most_frequent", "keep_empty_features": True},
    {"add_indicator": True},
    {"strategy": "most_frequent", "add_indicator": True},
    {"strategy": _spread},  # a callable over the observed values of each column
]


@pytest.mark.parametrize("params", NUMERIC_PARAMS, ids=_id)
def test_simple_imputer_on_floats_matches_sklearn(params, X_float):
    ours, theirs = _both(params, X_float)
    _assert_same(np.asarray(ours.statistics_), np.asarray(theirs.statistics_))
    imputed, expected = _transform_both(ours, theirs, X_float)
    _assert_same(imputed, expected)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        _assert_same(ours.fit_transform(X_float), expected)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


@pytest.mark.parametrize(
    "params",
    [
        {"missing_values": -1, "strategy": "most_frequent"},
        {"missing_values": -1, "strategy": "mean"},
        {"missing_values": -1, "strategy": "median"},
        {"missing_values": -1, "strategy": "constant", "fill_value": 9},
        {"missing_values": 7, "strategy": "most_frequent", "add_indicator": True},
    ],
    ids=str,
)
def test_simple_imputer_numeric_missing_marker_matches_sklearn(params, X_int):
    ours, theirs = _both(params, X_int)
    _assert_same(*_transform_both(ours, theirs, X_int))  # ints stay ints for most_frequent/constant


@pytest.mark.parametrize(
    "params",
    [
        {"strategy": "most_frequent"},
        {"strategy": "constant"},
        {"strategy": "constant", "fill_value": "unknown", "add_indicator": True},
        {"strategy": "most_frequent", "keep_empty_features": True},
    ],
    ids=str,
)
def test_simple_imputer_on_categories_matches_sklearn(params, X_object):
    ours, theirs = _both(params, X_object)
    _assert_same(ours.statistics_, theirs.statistics_)
    _assert_same(*_transform_both(ours, theirs, X_object))
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


def test_simple_imputer_list_of_string_rows_and_none_marker_like_sklearn():
    rows = [["a", "x"], [None, "y"], ["a", None], ["b", "y"]]
    params = {"missing_values": None, "strategy": "most_frequent"}
    ours, theirs = _both(params, rows)
    _assert_same(*_transform_both(ours, theirs, rows))


def test_simple_imputer_warns_and_drops_a_column_with_no_observed_value(X_float):
    imputer = SimpleImputer().fit(X_float)
    with pytest.warns(UserWarning, match=r"Skipping features without any observed values: \[3\]"):
        assert imputer.transform(X_float).shape == (30, 4)


def test_simple_imputer_inverse_transform_matches_sklearn(X_float):
    data = X_float[:, [0, 1, 2, 4]]  # every column observed somewhere: no column is dropped
    ours, theirs = _both({"add_indicator": True, "strategy": "median"}, data)
    imputed = ours.transform(data)
    restored = ours.inverse_transform(imputed)
    np.testing.assert_array_equal(restored, theirs.inverse_transform(imputed))
    np.testing.assert_array_equal(np.isnan(restored), np.isnan(data))  # the round trip
    np.testing.assert_array_equal(restored[~np.isnan(data)], data[~np.isnan(data)])


def test_simple_imputer_copy_false_fills_the_callers_array(X_float):
    data = X_float[:, [0, 1]].copy()
    imputer = SimpleImputer(copy=False).fit(data)
    result = imputer.transform(data)
    assert np.shares_memory(result, data) and not np.isnan(data).any()


@pytest.mark.parametrize("params", [{}, {"features": "all"}, {"missing_values": -1}], ids=str)
def test_missing_indicator_matches_sklearn(params, X_float, X_int):
    data = X_int if params.get("missing_values") == -1 else X_float
    ours, theirs = MissingIndicator(**params).fit(data), ski.MissingIndicator(**params).fit(data)
    np.testing.assert_array_equal(ours.features_, theirs.features_)
    indicator = ours.transform(data)
    assert indicator.dtype == bool
    np.testing.assert_array_equal(indicator, theirs.transform(data))
    np.testing.assert_array_equal(ours.fit_transform(data), theirs.fit_transform(data))
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


def test_missing_indicator_new_missing_feature_is_an_error_unless_allowed():
    train, test = np.array([[np.nan, 1.0], [2.0, 3.0]]), np.array([[1.0, np.nan]])
    with pytest.raises(ValueError, match=r"The features \[1\] have missing values in transform"):
        MissingIndicator().fit(train).transform(test)
    with pytest.raises(ValueError, match=r"have missing values in transform"):
        ski.MissingIndicator().fit(train).transform(test)
    np.testing.assert_array_equal(
        MissingIndicator(error_on_new=False).fit(train).transform(test), [[False]]
    )


# -- QuantileClipper: the oracle is numpy's quantile and clip --


@pytest.mark.parametrize(("lower", "upper"), [(0.01, 0.99), (0.1, 0.9), (0.0, 1.0), (0.25, 0.25)])
def test_quantile_clipper_matches_numpy_quantile_and_clip(lower, upper, rng):
    data = rng.standard_t(2, (200, 3)) * [1.0, 10.0, 0.1]  # heavy tails: real outliers
    clipper = QuantileClipper(lower, upper).fit(data)
    low, high = np.quantile(data, lower, axis=0), np.quantile(data, upper, axis=0)
    np.testing.assert_allclose(clipper.lower_bounds_, low, **TIGHT)
    np.testing.assert_allclose(clipper.upper_bounds_, high, **TIGHT)
    test = rng.standard_t(2, (50, 3)) * 20  # new data: clipped to the TRAINING quantiles
    np.testing.assert_allclose(clipper.transform(test), np.clip(test, low, high), **TIGHT)
    assert list(clipper.get_feature_names_out()) == ["x0", "x1", "x2"]


def test_quantile_clipper_leaves_inliers_alone(rng):
    data = rng.standard_normal((101, 2))
    clipper = QuantileClipper(0.05, 0.95).fit(data)
    inside = (data >= clipper.lower_bounds_) & (data <= clipper.upper_bounds_)
    np.testing.assert_array_equal(clipper.transform(data)[inside], data[inside])


# -- bad input --

BAD_INPUTS = [
    (
        "mean of strings",
        lambda: SimpleImputer().fit([["a", "b"]]),
        r"Cannot use mean strategy with non-numeric data",
    ),
    (
        "median of strings",
        lambda: SimpleImputer(strategy="median").fit([["a"]]),
        r"Cannot use median strategy with non-numeric data",
    ),
    (
        "unknown strategy",
        lambda: SimpleImputer(strategy="mode").fit([[1.0]]),
        r"strategy must be one of",
    ),
    (
        "string marker on numbers",
        lambda: SimpleImputer(missing_values="?").fit([[1.0]]),
        r"'X' and 'missing_values' types are expected to be both numerical",
    ),
    (
        "string fill_value for numbers",
        lambda: SimpleImputer(strategy="constant", fill_value="x").fit([[1.0]]),
        r"fill_value='x' .* cannot be cast to the input data",
    ),
    (
        "NaN when the marker is a number",
        lambda: SimpleImputer(missing_values=-1).fit([[np.nan, 1.0]]),
        r"Input X contains NaN",
    ),
    ("inf", lambda: SimpleImputer().fit([[np.inf, 1.0]]), r"contains infinity"),
    (
        "wrong n_features",
        lambda: SimpleImputer().fit([[1.0, 2.0]]).transform([[1.0]]),
        r"X has 1 features, but SimpleImputer is expecting 2 features",
    ),
    ("empty", lambda: SimpleImputer().fit(np.empty((0, 2))), r"0 sample"),
    ("1-D X", lambda: SimpleImputer().fit([1.0, np.nan]), r"Expected 2D array"),
    (
        "numpy strings",
        lambda: SimpleImputer(strategy="most_frequent").fit(np.array([["a"]])),
        r"SimpleImputer does not support data with dtype <U1",
    ),
    (
        "inverse without indicator",
        lambda: SimpleImputer().fit([[1.0]]).inverse_transform([[1.0]]),
        r"works only when 'SimpleImputer' is instantiated with 'add_indicator=True'",
    ),
    (
        "indicator: unknown features option",
        lambda: MissingIndicator(features="some").fit([[1.0]]),
        r"features must be 'missing-only' or 'all'",
    ),
    (
        "indicator: sparse output",
        lambda: MissingIndicator(sparse=True).fit([[1.0]]),
        r"sparse=True is not supported",
    ),
    (
        "indicator: wrong n_features",
        lambda: MissingIndicator().fit([[np.nan, 1.0]]).transform([[1.0]]),
        r"X has 1 features, but MissingIndicator is expecting 2",
    ),
    (
        "clipper: reversed bounds",
        lambda: QuantileClipper(0.9, 0.1).fit([[1.0]]),
        r"needs 0 <= lower <= upper <= 1",
    ),
    (
        "clipper: percent instead of fraction",
        lambda: QuantileClipper(1, 99).fit([[1.0]]),
        r"needs 0 <= lower <= upper <= 1",
    ),
    ("clipper: NaN", lambda: QuantileClipper().fit([[np.nan]]), r"Input X contains NaN"),
    (
        "clipper: wrong n_features",
        lambda: QuantileClipper().fit([[1.0, 2.0]]).transform([[1.0]]),
        r"X has 1 features, but QuantileClipper is expecting 2",
    ),
]


@pytest.mark.parametrize(
    ("call", "message"), [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_raises_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    "sklearn_call",
    [
        lambda: ski.SimpleImputer().fit([["a", "b"]]),
        lambda: ski.SimpleImputer(missing_values="?").fit([[1.0]]),
        lambda: ski.SimpleImputer(strategy="constant", fill_value="x").fit([[1.0]]),
        lambda: ski.SimpleImputer(strategy="most_frequent").fit(np.array([["a"]])),
        lambda: ski.SimpleImputer().fit([[1.0]]).inverse_transform([[1.0]]),
    ],
)
def test_the_same_bad_inputs_are_errors_in_sklearn_too(sklearn_call):
    with pytest.raises(ValueError):
        sklearn_call()


def test_transform_before_fit_raises_not_fitted():
    for estimator in (SimpleImputer(), MissingIndicator(), QuantileClipper()):
        with pytest.raises(NotFittedError, match=r"is not fitted yet"):
            estimator.transform([[1.0]])
