"""preprocessing beside sklearn.preprocessing: the same data through both, the same results.

Tolerances: fitted statistics and transforms agree to rtol = atol = 1e-12 (the arithmetic is
the same; only summation order may differ in the last bits); categories, codes, one-hot
columns and feature names must be IDENTICAL. Bad input must raise ValueError / TypeError with a
message naming the problem. The last section tests the keywords check_array gained for the
encoders and imputers (dtype=None with ensure_numeric=False, ensure_all_finite, copy).
"""

import warnings

import numpy as np
import pytest
import sklearn.preprocessing as skp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scratch_classic.exceptions import NotFittedError
from scratch_classic.preprocessing import (
    LabelEncoder,
    MinMaxScaler,
    Normalizer,
    OneHotEncoder,
    OrdinalEncoder,
    PolynomialFeatures,
    RobustScaler,
    StandardScaler,
)
from scratch_classic.preprocessing._quantile import nan_median, nan_quantile
from scratch_classic.utils.validation import check_array, check_feature_names_in, is_scalar_nan

TIGHT = {"rtol": 1e-12, "atol": 1e-12}


def _close(ours, theirs, what=""):
    if ours is None or theirs is None:
        assert ours is None and theirs is None, what
        return
    np.testing.assert_allclose(
        np.asarray(ours, float), np.asarray(theirs, float), err_msg=what, **TIGHT
    )


@pytest.fixture
def X(rng):
    """Features on very different scales and offsets, one constant column."""
    data = rng.standard_normal((60, 5)) * [1.0, 30.0, 1e-3, 5.0, 1.0] + [0.0, -7.0, 2.0, 100.0, 0.0]
    data[:, 4] = 3.25  # constant
    return data


@pytest.fixture
def X_nan(X, rng):
    data = X.copy()
    data[rng.random(data.shape) < 0.15] = np.nan
    data[:, 2] = np.nan  # a column with nothing observed
    return data


# -- scalers --

SCALERS = [
    (StandardScaler, skp.StandardScaler, {}, ("mean_", "var_", "scale_", "n_samples_seen_")),
    (
        StandardScaler,
        skp.StandardScaler,
        {"with_mean": False},
        ("mean_", "var_", "scale_", "n_samples_seen_"),
    ),
    (
        StandardScaler,
        skp.StandardScaler,
        {"with_std": False},
        ("mean_", "var_", "scale_", "n_samples_seen_"),
    ),
    (
        StandardScaler,
        skp.StandardScaler,
        {"with_mean": False, "with_std": False},
        ("mean_", "var_", "scale_", "n_samples_seen_"),
    ),
    (
        MinMaxScaler,
        skp.MinMaxScaler,
        {},
        ("data_min_", "data_max_", "data_range_", "scale_", "min_", "n_samples_seen_"),
    ),
    (
        MinMaxScaler,
        skp.MinMaxScaler,
        {"feature_range": (-3, 0.5)},
        ("data_min_", "data_max_", "scale_", "min_"),
    ),
    (RobustScaler, skp.RobustScaler, {}, ("center_", "scale_")),
    (
        RobustScaler,
        skp.RobustScaler,
        {"quantile_range": (10.0, 95.0), "unit_variance": True},
        ("center_", "scale_"),
    ),
    (RobustScaler, skp.RobustScaler, {"with_centering": False}, ("center_", "scale_")),
    (RobustScaler, skp.RobustScaler, {"with_scaling": False}, ("center_", "scale_")),
]
SCALER_IDS = [f"{ours.__name__}-{params}" for ours, _, params, _ in SCALERS]


@pytest.mark.parametrize(("Ours", "Theirs", "params", "attributes"), SCALERS, ids=SCALER_IDS)
@pytest.mark.parametrize("with_nan", [False, True], ids=["finite", "with-nan"])
def test_scaler_statistics_transform_and_inverse_match_sklearn(
    Ours, Theirs, params, attributes, with_nan, X, X_nan
):
    data = X_nan if with_nan else X
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # sklearn warns on the all-NaN column
        theirs = Theirs(**params).fit(data)
        expected = theirs.transform(data)
        expected_back = theirs.inverse_transform(expected)
    ours = Ours(**params).fit(data)
    for name in attributes:
        _close(getattr(ours, name), getattr(theirs, name), f"{Ours.__name__}.{name}")
    transformed = ours.transform(data)
    np.testing.assert_array_equal(np.isnan(transformed), np.isnan(expected))  # NaN stays NaN
    _close(transformed, expected, "transform")
    _close(ours.inverse_transform(transformed), expected_back, "inverse_transform")
    _close(ours.fit_transform(data), expected, "fit_transform")
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


def test_standard_scaler_n_samples_seen_is_one_count_or_per_feature_like_sklearn(X, X_nan):
    assert (
        StandardScaler().fit(X).n_samples_seen_ == skp.StandardScaler().fit(X).n_samples_seen_ == 60
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        theirs = skp.StandardScaler().fit(X_nan).n_samples_seen_
    np.testing.assert_array_equal(StandardScaler().fit(X_nan).n_samples_seen_, theirs)


def test_standard_scaler_sample_weight_matches_sklearn(X, rng):
    weights = rng.uniform(0.1, 3.0, len(X))
    ours = StandardScaler().fit(X, sample_weight=weights)
    theirs = skp.StandardScaler().fit(X, sample_weight=weights)
    for name in ("mean_", "var_", "scale_", "n_samples_seen_"):
        _close(getattr(ours, name), getattr(theirs, name), name)
    _close(ours.transform(X), theirs.transform(X))


def test_standard_scaler_constant_feature_gets_scale_one(X):
    scaler = StandardScaler().fit(X)
    assert scaler.scale_[4] == 1.0  # var is ~0 (rounding), not divided by it
    np.testing.assert_array_equal(scaler.transform(X)[:, 4], 0.0)


@pytest.mark.parametrize("with_weights", [False, True])
def test_standard_scaler_partial_fit_batches_match_sklearn_and_one_fit(X_nan, rng, with_weights):
    data = X_nan[:, [0, 1, 3]]
    weights = rng.uniform(0.5, 2.0, len(data)) if with_weights else None
    ours, theirs = StandardScaler(), skp.StandardScaler()
    for rows in (slice(0, 7), slice(7, 31), slice(31, 60)):
        batch_weights = None if weights is None else weights[rows]
        ours.partial_fit(data[rows], sample_weight=batch_weights)
        theirs.partial_fit(data[rows], sample_weight=batch_weights)
    for name in ("mean_", "var_", "n_samples_seen_"):
        _close(getattr(ours, name), getattr(theirs, name), name)
    whole = StandardScaler().fit(data, sample_weight=weights)
    np.testing.assert_allclose(ours.var_, whole.var_, rtol=1e-12)  # merging is exact up to rounding


def test_min_max_scaler_partial_fit_and_clip_match_sklearn(X, rng):
    ours, theirs = MinMaxScaler(clip=True), skp.MinMaxScaler(clip=True)
    for rows in (slice(0, 20), slice(20, 60)):
        ours.partial_fit(X[rows])
        theirs.partial_fit(X[rows])
    assert ours.n_samples_seen_ == theirs.n_samples_seen_ == 60
    outside = X + rng.standard_normal(X.shape) * 50  # values beyond the training range
    _close(ours.transform(outside), theirs.transform(outside))
    assert ours.transform(outside).min() >= 0.0 and ours.transform(outside).max() <= 1.0


def test_scaler_copy_false_scales_in_place_like_sklearn(X):
    ours_input, theirs_input = X.copy(), X.copy()
    StandardScaler(copy=False).fit(X).transform(ours_input)
    skp.StandardScaler(copy=False).fit(X).transform(theirs_input)
    _close(ours_input, theirs_input)
    untouched = X.copy()
    StandardScaler().fit(X).transform(untouched)
    np.testing.assert_array_equal(untouched, X)  # copy=True (default) leaves the caller's array


@pytest.mark.parametrize("norm", ["l1", "l2", "max"])
def test_normalizer_matches_sklearn_and_leaves_zero_rows(norm, X):
    data = np.vstack([X, np.zeros((1, X.shape[1]))])
    _close(Normalizer(norm).fit_transform(data), skp.Normalizer(norm=norm).fit_transform(data))
    np.testing.assert_array_equal(Normalizer(norm).fit(data).transform(data)[-1], 0.0)


# -- polynomial features --


@pytest.mark.parametrize(
    "params",
    [
        {"degree": 2},
        {"degree": 3},
        {"degree": 3, "interaction_only": True},
        {"degree": 2, "include_bias": False},
        {"degree": (2, 3)},
        {"degree": (2, 4), "include_bias": False, "interaction_only": True},
        {"degree": 0},
        {"degree": 1, "order": "F"},
    ],
    ids=str,
)
def test_polynomial_features_match_sklearn(params, rng):
    data = rng.standard_normal((12, 3))
    ours, theirs = (
        PolynomialFeatures(**params).fit(data),
        skp.PolynomialFeatures(**params).fit(data),
    )
    np.testing.assert_array_equal(ours.powers_, theirs.powers_)
    assert ours.n_output_features_ == theirs.n_output_features_
    _close(ours.transform(data), theirs.transform(data))
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    names = ["a", "b", "c"]
    assert list(ours.get_feature_names_out(names)) == list(theirs.get_feature_names_out(names))


# -- one-hot and ordinal encoders --


def _object_data():
    data = np.empty((9, 3), dtype=object)
    data[:, 0] = ["red", "blue", "red", "green", "blue", "red", np.nan, "green", "red"]
    data[:, 1] = [3, 1, 2, 3, 3, 1, 2, 2, 1]  # Python ints
    data[:, 2] = ["x", None, "y", "x", "y", "y", "x", None, "x"]
    return data


ENCODER_DATA = {
    "numbers-with-nan": lambda: np.array(
        [[1.0, 5.0], [np.nan, 3.0], [2.0, 5.0], [1.0, np.nan], [2.0, 3.0]]
    ),
    "ints": lambda: np.array([[10, 1], [20, 1], [10, 2], [30, 1]]),
    "string-array": lambda: np.array([["b", "yes"], ["a", "no"], ["c", "yes"], ["a", "yes"]]),
    "list-of-mixed-rows": lambda: [["b", 1], ["a", 2], ["b", 3], ["a", 1]],
    "objects-with-missing": _object_data,
}


def _same_categories(ours, theirs):
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs):
        assert mine.dtype == reference.dtype, (mine.dtype, reference.dtype)
        assert len(mine) == len(reference)
        for a, b in zip(mine, reference):
            assert (is_scalar_nan(a) and is_scalar_nan(b)) or a == b or (a is None and b is None), (
                mine,
                reference,
            )


def _same_objects(ours, theirs):
    """Equal arrays, NaN equal to NaN and None to None, same dtype."""
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape, (ours.dtype, theirs.dtype)
    assert [repr(v) for v in ours.ravel()] == [repr(v) for v in theirs.ravel()]


@pytest.mark.parametrize("data_name", ENCODER_DATA)
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"drop": "first"},
        {"drop": "if_binary"},
        {"handle_unknown": "ignore"},
        {"dtype": np.int32},
    ],
    ids=str,
)
def test_one_hot_encoder_matches_sklearn(data_name, params):
    data = ENCODER_DATA[data_name]()
    ours = OneHotEncoder(**params).fit(data)
    theirs = skp.OneHotEncoder(sparse_output=False, **params).fit(data)
    _same_categories(ours.categories_, theirs.categories_)
    assert repr(ours.drop_idx_) == repr(theirs.drop_idx_)
    encoded = ours.transform(data)
    np.testing.assert_array_equal(encoded, theirs.transform(data))
    assert encoded.dtype == theirs.transform(data).dtype
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    _same_objects(ours.inverse_transform(encoded), theirs.inverse_transform(encoded))


def test_one_hot_encoder_given_categories_and_explicit_drop_match_sklearn():
    data = [["b", 1], ["a", 2], ["b", 3]]
    categories = [["z", "b", "a"], [1, 2, 3, 4]]  # string categories keep the given order
    params = {"categories": categories, "drop": ["b", 4]}
    ours, theirs = (
        OneHotEncoder(**params).fit(data),
        skp.OneHotEncoder(sparse_output=False, **params).fit(data),
    )
    _same_categories(ours.categories_, theirs.categories_)
    assert repr(ours.drop_idx_) == repr(theirs.drop_idx_)
    np.testing.assert_array_equal(ours.transform(data), theirs.transform(data))
    assert list(ours.get_feature_names_out(["letter", "n"])) == list(
        theirs.get_feature_names_out(["letter", "n"])
    )


def test_one_hot_encoder_ignores_unknown_categories_like_sklearn():
    train, test = np.array([["a", "x"], ["b", "y"]]), np.array([["zzz", "x"], ["b", "q"]])
    ours = OneHotEncoder(handle_unknown="ignore").fit(train)
    theirs = skp.OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(train)
    encoded = ours.transform(test)
    np.testing.assert_array_equal(encoded, theirs.transform(test))
    _same_objects(
        ours.inverse_transform(encoded), theirs.inverse_transform(encoded)
    )  # None for unknown
    with pytest.warns(UserWarning, match=r"unknown categories in columns \[0, 1\]"):
        OneHotEncoder(handle_unknown="ignore", drop="first").fit(train).transform(test)


def test_one_hot_encoder_feature_name_combiner_like_sklearn():
    data = np.array([["a"], ["b"]])

    def combine(feature, category):
        return f"{feature}={category}"

    ours = OneHotEncoder(feature_name_combiner=combine).fit(data)
    theirs = skp.OneHotEncoder(feature_name_combiner=combine).fit(data)
    assert (
        list(ours.get_feature_names_out())
        == list(theirs.get_feature_names_out())
        == ["x0=a", "x0=b"]
    )
    with pytest.raises(TypeError, match=r"should return a Python string"):
        OneHotEncoder(feature_name_combiner=lambda f, c: 1).fit(data).get_feature_names_out()


@pytest.mark.parametrize("data_name", ENCODER_DATA)
def test_ordinal_encoder_matches_sklearn(data_name):
    data = ENCODER_DATA[data_name]()
    ours, theirs = OrdinalEncoder().fit(data), skp.OrdinalEncoder().fit(data)
    _same_categories(ours.categories_, theirs.categories_)
    codes = ours.transform(data)
    np.testing.assert_array_equal(codes, theirs.transform(data))  # NaN (missing) at the same cells
    _same_objects(ours.inverse_transform(codes), theirs.inverse_transform(codes))
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


@pytest.mark.parametrize(
    "params",
    [
        {"handle_unknown": "use_encoded_value", "unknown_value": -1},
        {"handle_unknown": "use_encoded_value", "unknown_value": np.nan},
        {"encoded_missing_value": -2},
        {"dtype": np.int64, "encoded_missing_value": -2},
    ],
    ids=str,
)
def test_ordinal_encoder_unknown_and_missing_values_like_sklearn(params):
    train = np.array([["a", 1.0], ["b", np.nan], ["c", 2.0]], dtype=object)
    test = np.array([["zz", 2.0], ["b", np.nan], ["a", 3.0]], dtype=object)
    if "unknown_value" not in params:
        test = train
    ours, theirs = OrdinalEncoder(**params).fit(train), skp.OrdinalEncoder(**params).fit(train)
    codes = ours.transform(test)
    np.testing.assert_array_equal(codes, theirs.transform(test))
    assert codes.dtype == theirs.transform(test).dtype
    _same_objects(ours.inverse_transform(codes), theirs.inverse_transform(codes))


def test_label_encoder_matches_sklearn():
    for labels in (["paris", "tokyo", "paris", "amsterdam"], [3, -1, 3, 7], [2.5, 1.0, 2.5]):
        ours, theirs = LabelEncoder().fit(labels), skp.LabelEncoder().fit(labels)
        np.testing.assert_array_equal(ours.classes_, theirs.classes_)
        np.testing.assert_array_equal(ours.transform(labels), theirs.transform(labels))
        np.testing.assert_array_equal(
            LabelEncoder().fit_transform(labels), skp.LabelEncoder().fit_transform(labels)
        )
        codes = theirs.transform(labels)
        np.testing.assert_array_equal(
            ours.inverse_transform(codes), theirs.inverse_transform(codes)
        )
    assert LabelEncoder().fit(["a"]).transform([]).shape == (0,)
    assert LabelEncoder().get_params() == {}  # no parameters, as scikit-learn's


# -- bad input: each problem raises a clear error --

BAD_INPUTS = [
    (
        "unknown category at transform",
        lambda: OneHotEncoder().fit([["a"], ["b"]]).transform([["c"]]),
        ValueError,
        r"Found unknown categories \['c'\] in column 0 during transform",
    ),
    (
        "unknown category in given categories",
        lambda: OneHotEncoder(categories=[["a"]]).fit([["a"], ["b"]]),
        ValueError,
        r"Found unknown categories \['b'\] in column 0 during fit",
    ),
    (
        "ordinal unknown category",
        lambda: OrdinalEncoder().fit([["a"]]).transform([["b"]]),
        ValueError,
        r"Found unknown categories",
    ),
    (
        "sparse output",
        lambda: OneHotEncoder(sparse_output=True).fit([["a"]]),
        ValueError,
        r"sparse_output=True is not supported",
    ),
    (
        "unknown handle_unknown",
        lambda: OneHotEncoder(handle_unknown="skip").fit([["a"]]),
        ValueError,
        r"handle_unknown should be one of",
    ),
    (
        "unknown drop",
        lambda: OneHotEncoder(drop="last").fit([["a"]]),
        ValueError,
        r"drop should be None, 'first'",
    ),
    (
        "drop of a missing category",
        lambda: OneHotEncoder(drop=["q"]).fit([["a"], ["b"]]),
        ValueError,
        r"supposed to be dropped, but were not found",
    ),
    (
        "drop of the wrong length",
        lambda: OneHotEncoder(drop=["a", "b"]).fit([["a"]]),
        ValueError,
        r"`drop` should have length equal to the number of features \(1\)",
    ),
    (
        "mixed types",
        lambda: OneHotEncoder().fit([[1, "a"], ["b", 2]]),
        TypeError,
        r"uniformly strings or numbers. Got \['int', 'str'\]",
    ),
    ("inf", lambda: OneHotEncoder().fit([[1.0], [np.inf]]), ValueError, r"contains infinity"),
    (
        "wrong n_features",
        lambda: OneHotEncoder().fit([["a", "b"]]).transform([["a"]]),
        ValueError,
        r"X has 1 features, but OneHotEncoder is expecting 2 features",
    ),
    ("empty", lambda: OneHotEncoder().fit(np.empty((0, 2))), ValueError, r"0 sample"),
    ("1-D X", lambda: OrdinalEncoder().fit(["a", "b"]), ValueError, r"Expected 2D array"),
    (
        "categories of the wrong length",
        lambda: OneHotEncoder(categories=[[1]]).fit([[1, 2]]),
        ValueError,
        r"Shape mismatch",
    ),
    (
        "unsorted numeric categories",
        lambda: OneHotEncoder(categories=[[2, 1]]).fit(np.array([[1], [2]])),
        ValueError,
        r"Unsorted categories are not supported for numerical",
    ),
    (
        "nan not last",
        lambda: OneHotEncoder(categories=[[np.nan, 1.0]]).fit(np.array([[1.0]])),
        ValueError,
        r"Nan should be the last element",
    ),
    (
        "duplicate categories",
        lambda: OneHotEncoder(categories=[["a", "a"]]).fit([["a"]]),
        ValueError,
        r"contain duplicate elements",
    ),
    (
        "all-zero row to invert",
        lambda: OneHotEncoder().fit([["a"], ["b"]]).inverse_transform([[0.0, 0.0]]),
        ValueError,
        r"can not be inverted when drop=None",
    ),
    (
        "inverse of the wrong width",
        lambda: OneHotEncoder().fit([["a"], ["b"]]).inverse_transform([[1.0]]),
        ValueError,
        r"Expected 2 columns, got 1",
    ),
    (
        "unknown_value without use_encoded_value",
        lambda: OrdinalEncoder(unknown_value=-1).fit([["a"]]),
        TypeError,
        r"unknown_value should only be set when",
    ),
    (
        "use_encoded_value without an int",
        lambda: OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value="x").fit([["a"]]),
        TypeError,
        r"should be an integer or np.nan",
    ),
    (
        "unknown_value used by a category",
        lambda: OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=0).fit([["a"]]),
        ValueError,
        r"already used for encoding the seen categories",
    ),
    (
        "int dtype with NaN codes",
        lambda: OrdinalEncoder(dtype=np.int64).fit(np.array([[1.0], [np.nan]])),
        ValueError,
        r"set encoded_missing_value to a non-nan value",
    ),
    (
        "encoded_missing_value clashes",
        lambda: OrdinalEncoder(encoded_missing_value=0).fit(np.array([[1.0], [np.nan]])),
        ValueError,
        r"already used to encode a known category in features: \[0\]",
    ),
    (
        "unseen label",
        lambda: LabelEncoder().fit(["a", "b"]).transform(["a", "c"]),
        ValueError,
        r"y contains previously unseen labels: \['c'\]",
    ),
    (
        "unseen code",
        lambda: LabelEncoder().fit(["a", "b"]).inverse_transform([0, 5]),
        ValueError,
        r"previously unseen labels: \[5\]",
    ),
    ("2-D y", lambda: LabelEncoder().fit(np.zeros((3, 2))), ValueError, r"y should be a 1d array"),
    (
        "NaN for a scaler without NaN support",
        lambda: Normalizer().fit([[np.nan, 1.0]]),
        ValueError,
        r"Input X contains NaN",
    ),
    (
        "NaN in polynomial features",
        lambda: PolynomialFeatures().fit([[np.nan, 1.0]]),
        ValueError,
        r"Input X contains NaN",
    ),
    (
        "inf in a NaN-tolerant scaler",
        lambda: StandardScaler().fit([[np.inf, 1.0]]),
        ValueError,
        r"contains infinity",
    ),
    (
        "unknown norm",
        lambda: Normalizer(norm="l3").fit([[1.0]]),
        ValueError,
        r"'norm' parameter of Normalizer must be one of",
    ),
    (
        "reversed feature_range",
        lambda: MinMaxScaler(feature_range=(1, 0)).fit([[1.0]]),
        ValueError,
        r"Minimum of desired feature range must be smaller than maximum",
    ),
    (
        "malformed feature_range",
        lambda: MinMaxScaler(feature_range=(0, "1")).fit([[1.0]]),
        ValueError,
        r"feature_range must be a pair",
    ),
    (
        "bad quantile_range",
        lambda: RobustScaler(quantile_range=(80, 20)).fit([[1.0]]),
        ValueError,
        r"Invalid quantile range",
    ),
    (
        "negative degree",
        lambda: PolynomialFeatures(degree=-1).fit([[1.0]]),
        ValueError,
        r"degree must be a non-negative int",
    ),
    (
        "empty polynomial",
        lambda: PolynomialFeatures(degree=0, include_bias=False).fit([[1.0]]),
        ValueError,
        r"empty output array",
    ),
    (
        "bad order",
        lambda: PolynomialFeatures(order="K").fit([[1.0]]),
        ValueError,
        r"order must be 'C' or 'F'",
    ),
    (
        "wrong number of input_features",
        lambda: StandardScaler().fit([[1.0, 2.0]]).get_feature_names_out(["a"]),
        ValueError,
        r"input_features should have length equal to number of features \(2\), got 1",
    ),
    (
        "scaler inverse with the wrong width",
        lambda: MinMaxScaler().fit([[1.0, 2.0]]).inverse_transform([[1.0]]),
        ValueError,
        r"X has 1 features, but MinMaxScaler is expecting 2",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_raises_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize(
    "sklearn_call",
    [
        lambda: skp.OneHotEncoder().fit([["a"], ["b"]]).transform([["c"]]),
        lambda: skp.OneHotEncoder().fit([[1, "a"], ["b", 2]]),
        lambda: skp.OneHotEncoder(categories=[[2, 1]]).fit(np.array([[1], [2]])),
        lambda: skp.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=0).fit(
            [["a"]]
        ),
        lambda: skp.LabelEncoder().fit(["a", "b"]).transform(["a", "c"]),
        lambda: skp.MinMaxScaler(feature_range=(1, 0)).fit([[1.0]]),
    ],
)
def test_the_same_bad_inputs_are_errors_in_sklearn_too(sklearn_call):
    with pytest.raises((ValueError, TypeError)):
        sklearn_call()


def test_transform_before_fit_raises_not_fitted():
    for estimator in (
        StandardScaler(),
        OneHotEncoder(),
        OrdinalEncoder(),
        PolynomialFeatures(),
        RobustScaler(),
    ):
        with pytest.raises(NotFittedError, match=r"is not fitted yet"):
            estimator.transform([[1.0]])
    with pytest.raises(NotFittedError):
        LabelEncoder().transform([1])


# -- order statistics (RobustScaler, SimpleImputer, QuantileClipper) against numpy --


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 9), st.integers(1, 3)),
        elements=st.floats(-1e6, 1e6) | st.just(np.nan),
    ),
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=4),
)
def test_nan_quantile_and_median_match_numpy(data, quantiles):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        expected = np.nanquantile(data, quantiles, axis=0)
        expected_median = np.nanmedian(data, axis=0)
    np.testing.assert_allclose(nan_quantile(data, quantiles), expected, rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(nan_median(data), expected_median, rtol=1e-12, atol=1e-6)


@settings(max_examples=30, deadline=None)
@given(
    arrays(
        np.float64, st.tuples(st.integers(2, 12), st.integers(1, 4)), elements=st.floats(-1e3, 1e3)
    )
)
def test_scalers_match_sklearn_on_any_finite_data(data):
    # atol 1e-9: columns that are constant up to rounding may give 0 in one and 1e-13 in the other
    for Ours, Theirs in (
        (StandardScaler, skp.StandardScaler),
        (MinMaxScaler, skp.MinMaxScaler),
        (RobustScaler, skp.RobustScaler),
    ):
        np.testing.assert_allclose(
            Ours().fit_transform(data), Theirs().fit_transform(data), rtol=1e-9, atol=1e-9
        )


# -- the check_array keywords the encoders and imputers use --


def test_check_array_keeps_strings_and_objects_when_asked():
    strings = check_array([["a", "b"]], dtype=None, ensure_numeric=False)
    assert strings.dtype.kind == "U"
    objects = check_array([["a", 1, None]], dtype=object)
    assert objects.dtype == object and objects[0, 1] == 1 and objects[0, 2] is None
    with pytest.raises(ValueError, match=r"X must be numeric, got dtype <U1"):
        check_array([["a"]], dtype=None)  # the default stays numeric-only (backward compatible)


def test_check_array_allow_nan_rejects_only_inf():
    np.testing.assert_array_equal(
        np.isnan(check_array([[np.nan, 1.0]], ensure_all_finite="allow-nan")), [[True, False]]
    )
    with pytest.raises(ValueError, match=r"contains infinity"):
        check_array([[np.nan, np.inf]], ensure_all_finite="allow-nan")
    assert np.isinf(check_array([[np.inf]], ensure_all_finite=False)).all()
    with pytest.raises(ValueError, match=r"ensure_all_finite should be a bool or 'allow-nan'"):
        check_array([[1.0]], ensure_all_finite="allow-inf")


def test_check_array_finds_nan_in_object_arrays():
    with pytest.raises(ValueError, match=r"Input X contains NaN"):
        check_array(np.array([["a", np.nan]], dtype=object), dtype=object)
    check_array(
        np.array([["a", np.nan]], dtype=object), dtype=object, ensure_all_finite="allow-nan"
    )


def test_check_array_copy_returns_a_new_array(rng):
    data = rng.standard_normal((3, 2))
    assert np.shares_memory(check_array(data), data)
    copied = check_array(data, copy=True)
    assert not np.shares_memory(copied, data)
    np.testing.assert_array_equal(copied, data)


def test_is_scalar_nan_and_default_feature_names():
    assert (
        is_scalar_nan(np.nan) and is_scalar_nan(float("nan")) and is_scalar_nan(np.float32("nan"))
    )
    assert not any(is_scalar_nan(v) for v in (None, "nan", 1, np.array([np.nan])))
    fitted = StandardScaler().fit(np.zeros((2, 3)))
    assert list(check_feature_names_in(fitted)) == ["x0", "x1", "x2"]
    with pytest.raises(ValueError, match=r"without n_features_in_"):
        check_feature_names_in(StandardScaler())
