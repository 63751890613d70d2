"""Pipeline and ColumnTransformer beside sklearn's, built from the corresponding estimators.

Each test builds the same composite twice, from our estimators and from scikit-learn's, fits
both on the same data and compares. Tolerances: transforms to rtol = atol = 1e-12 (the same
arithmetic); predictions of pipelines ending in Ridge to 1e-9 (two different linear solvers);
KNeighbors and DBSCAN outputs exactly. Parameter names, feature names, output slices and which
methods exist (available_if) must be identical, except for the parameters we do not implement:
Pipeline's memory / verbose / transform_input and ColumnTransformer's sparse_threshold / n_jobs
/ verbose.
"""

import numpy as np
import pytest
import sklearn.cluster
import sklearn.compose
import sklearn.exceptions
import sklearn.impute
import sklearn.linear_model
import sklearn.neighbors
import sklearn.pipeline
import sklearn.preprocessing as skp
import sklearn.utils.validation

from scratch_classic import clone
from scratch_classic import compose as ours_compose
from scratch_classic import pipeline as ours_pipeline
from scratch_classic.cluster import DBSCAN
from scratch_classic.exceptions import NotFittedError
from scratch_classic.impute import SimpleImputer
from scratch_classic.linear_model import Ridge
from scratch_classic.neighbors import KNeighborsClassifier
from scratch_classic.pipeline import (
    ColumnTransformer,
    Pipeline,
    make_column_transformer,
    make_pipeline,
)
from scratch_classic.preprocessing import (
    MinMaxScaler,
    Normalizer,
    OneHotEncoder,
    PolynomialFeatures,
    StandardScaler,
)
from scratch_classic.utils.validation import check_is_fitted

TIGHT = {"rtol": 1e-12, "atol": 1e-12}
PIPELINE_ONLY_IN_SKLEARN = {"memory", "verbose", "transform_input"}
COLUMNS_ONLY_IN_SKLEARN = {"sparse_threshold", "n_jobs", "verbose"}

# our class -> (scikit-learn's class, constructor arguments that differ: our default is dense)
TWINS = {
    StandardScaler: (skp.StandardScaler, {}),
    MinMaxScaler: (skp.MinMaxScaler, {}),
    Normalizer: (skp.Normalizer, {}),
    PolynomialFeatures: (skp.PolynomialFeatures, {}),
    OneHotEncoder: (skp.OneHotEncoder, {"sparse_output": False}),
    SimpleImputer: (sklearn.impute.SimpleImputer, {}),
    Ridge: (sklearn.linear_model.Ridge, {}),
    KNeighborsClassifier: (sklearn.neighbors.KNeighborsClassifier, {}),
    DBSCAN: (sklearn.cluster.DBSCAN, {}),
}


def _twin(estimator):
    """scikit-learn's twin of one of our estimators, or of a step spec ("passthrough", a Pipeline...)."""
    if isinstance(estimator, str) or estimator is None:
        return estimator
    if isinstance(estimator, Pipeline):
        return sklearn.pipeline.Pipeline([(name, _twin(step)) for name, step in estimator.steps])
    if isinstance(estimator, ColumnTransformer):
        return sklearn.compose.ColumnTransformer(
            [(name, _twin(t), columns) for name, t, columns in estimator.transformers],
            remainder=_twin(estimator.remainder),
            transformer_weights=estimator.transformer_weights,
            verbose_feature_names_out=estimator.verbose_feature_names_out,
        )
    theirs, extra = TWINS[type(estimator)]
    params = {k: v for k, v in estimator.get_params(deep=False).items() if k != "sparse_output"}
    return theirs(**params, **extra)


@pytest.fixture
def regression(rng):
    X = rng.standard_normal((50, 4)) * [1.0, 5.0, 0.2, 2.0]  # (n, d)
    y = X @ [1.0, -0.5, 3.0, 0.25] + 0.1 * rng.standard_normal(50)
    return X, y


@pytest.fixture
def mixed(rng):
    """A table as objects: a category with a missing value, two numbers (one with NaN), a flag."""
    table = np.empty((40, 4), dtype=object)
    table[:, 0] = rng.choice(["oslo", "lima", "kyiv"], 40)
    table[5, 0] = np.nan
    table[:, 1] = rng.standard_normal(40) * 10
    table[:, 2] = rng.uniform(0, 1, 40)
    table[[3, 17], 2] = np.nan
    table[:, 3] = rng.integers(0, 2, 40)
    y = (table[:, 1].astype(float) > 0).astype(int) + (table[:, 0] == "oslo")
    return table, y


# -- Pipeline --


def test_pipeline_of_scaler_polynomial_ridge_predicts_like_sklearn(regression):
    X, y = regression
    ours = Pipeline(
        [("scale", StandardScaler()), ("poly", PolynomialFeatures(2)), ("ridge", Ridge(alpha=0.5))]
    ).fit(X, y)
    theirs = _twin(ours).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-9, atol=1e-9)
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y), abs=1e-9)
    weights = np.linspace(0.5, 2.0, len(X))
    assert ours.score(X, y, sample_weight=weights) == pytest.approx(
        theirs.score(X, y, sample_weight=weights), abs=1e-9
    )


def test_pipeline_classifier_probabilities_match_sklearn_exactly(rng):
    X = rng.standard_normal((60, 3)) * [1.0, 100.0, 0.01]  # scaling changes the neighbours
    y = (X[:, 0] + X[:, 1] / 100 > 0).astype(int)
    ours = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5)).fit(X, y)
    theirs = _twin(Pipeline(ours.steps)).fit(X, y)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), **TIGHT)
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    assert ours.score(X, y) == theirs.score(X, y)


def test_transformer_pipeline_transform_inverse_and_names_match_sklearn(regression):
    X, _ = regression
    ours = Pipeline(
        [
            ("scale", StandardScaler()),
            ("skip", "passthrough"),
            ("minmax", MinMaxScaler((-1, 1))),
            ("none", None),
        ]
    )
    theirs = _twin(ours)
    np.testing.assert_allclose(ours.fit_transform(X), theirs.fit_transform(X), **TIGHT)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), **TIGHT)
    np.testing.assert_allclose(
        ours.inverse_transform(ours.transform(X)),
        theirs.inverse_transform(theirs.transform(X)),
        **TIGHT,
    )
    np.testing.assert_allclose(ours.inverse_transform(ours.transform(X)), X, rtol=1e-12, atol=1e-12)
    names = ["a", "b", "c", "d"]
    assert list(ours.get_feature_names_out(names)) == list(theirs.get_feature_names_out(names))
    poly = make_pipeline(StandardScaler(), PolynomialFeatures(2)).fit(X)
    assert list(poly.get_feature_names_out()) == list(
        _twin(Pipeline(poly.steps)).fit(X).get_feature_names_out()
    )


def test_pipeline_fit_predict_matches_sklearn(rng):
    X = np.vstack([rng.normal(0, 0.3, (20, 2)), rng.normal(5, 0.3, (20, 2))]) * [1.0, 50.0]
    ours = Pipeline([("scale", StandardScaler()), ("cluster", DBSCAN(eps=0.5, min_samples=4))])
    np.testing.assert_array_equal(ours.fit_predict(X), _twin(ours).fit_predict(X))


@pytest.mark.parametrize(
    "steps",
    [
        [("scale", StandardScaler()), ("ridge", Ridge())],
        [("scale", StandardScaler()), ("knn", KNeighborsClassifier())],
        [("scale", StandardScaler()), ("poly", PolynomialFeatures())],
        [("scale", StandardScaler()), ("normalize", Normalizer())],
        [("scale", StandardScaler()), ("cluster", DBSCAN())],
        [("scale", StandardScaler()), ("last", "passthrough")],
    ],
    ids=["regressor", "classifier", "transformer", "no-inverse", "clusterer", "passthrough"],
)
def test_pipeline_has_the_methods_of_its_last_step_like_sklearn(steps):
    ours, theirs = Pipeline(steps), _twin(Pipeline(steps))
    methods = (
        "predict", "predict_proba", "predict_log_proba", "decision_function", "score_samples",
        "score", "transform", "fit_transform", "inverse_transform", "fit_predict",
    )  # fmt: skip
    assert {m: hasattr(ours, m) for m in methods} == {m: hasattr(theirs, m) for m in methods}


def test_pipeline_params_nested_like_sklearn(regression):
    X, _ = regression
    ours = Pipeline(
        [("scale", StandardScaler()), ("minmax", MinMaxScaler()), ("poly", PolynomialFeatures())]
    )
    theirs = _twin(ours)
    assert set(ours.get_params()) == set(theirs.get_params()) - PIPELINE_ONLY_IN_SKLEARN
    assert ours.get_params()["minmax"] is ours.steps[1][1]
    for pipe in (ours, theirs):  # tune one step, replace another, then tune the replacement
        pipe.set_params(scale__with_mean=False, poly__degree=3)
        pipe.set_params(minmax="passthrough")
    assert ours.get_params()["scale__with_mean"] is False and ours.steps[1][1] == "passthrough"
    np.testing.assert_allclose(ours.fit_transform(X), theirs.fit_transform(X), **TIGHT)
    with pytest.raises(ValueError, match=r"Invalid parameter 'nope' for estimator Pipeline"):
        ours.set_params(nope=1)


def test_pipeline_routes_fit_params_to_the_named_step(regression):
    X, y = regression
    weights = np.linspace(0.1, 3.0, len(X))
    ours = make_pipeline(StandardScaler(), Ridge()).fit(X, y, ridge__sample_weight=weights)
    theirs = _twin(Pipeline(ours.steps)).fit(X, y, ridge__sample_weight=weights)
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-9, atol=1e-9)
    unweighted = make_pipeline(StandardScaler(), Ridge()).fit(X, y)
    assert np.abs(unweighted.predict(X) - ours.predict(X)).max() > 1e-6  # the weights did arrive


def test_pipeline_indexing_slicing_and_named_steps(regression):
    X, y = regression
    pipe = make_pipeline(StandardScaler(), MinMaxScaler(), Ridge()).fit(X, y)
    assert (
        len(pipe) == 3 and isinstance(pipe[-1], Ridge) and pipe["minmaxscaler"] is pipe.steps[1][1]
    )
    assert (
        pipe.named_steps.standardscaler is pipe.steps[0][1]
        and pipe.named_steps["ridge"] is pipe[-1]
    )
    head = pipe[:2]
    assert isinstance(head, Pipeline) and [n for n, _ in head.steps] == [
        "standardscaler",
        "minmaxscaler",
    ]
    np.testing.assert_allclose(head.transform(X), pipe[1].transform(pipe[0].transform(X)), **TIGHT)
    assert pipe.n_features_in_ == 4
    with pytest.raises(ValueError, match=r"Pipeline slicing only supports a step of 1"):
        pipe[::2]


def test_make_pipeline_names_like_sklearn():
    ours = make_pipeline(StandardScaler(), StandardScaler(), MinMaxScaler(), "passthrough")
    theirs = sklearn.pipeline.make_pipeline(
        skp.StandardScaler(), skp.StandardScaler(), skp.MinMaxScaler(), "passthrough"
    )
    assert [n for n, _ in ours.steps] == [n for n, _ in theirs.steps]


def test_pipeline_clone_gives_unfitted_copies_of_the_steps(regression):
    X, y = regression
    pipe = make_pipeline(StandardScaler(), Ridge()).fit(X, y)
    copied = clone(pipe)
    assert copied.steps[0][1] is not pipe.steps[0][1] and not hasattr(copied.steps[0][1], "mean_")
    with pytest.raises(NotFittedError, match=r"StandardScaler instance is not fitted yet"):
        copied.predict(X)


def test_check_is_fitted_asks_the_last_real_step_like_sklearn(regression):
    X, y = regression
    ours = Pipeline(
        [("scale", StandardScaler()), ("minmax", MinMaxScaler()), ("skip", "passthrough")]
    )
    theirs = _twin(ours)
    for pipe, check, error in (
        (ours, check_is_fitted, NotFittedError),
        (theirs, sklearn.utils.validation.check_is_fitted, sklearn.exceptions.NotFittedError),
    ):
        with pytest.raises(error):
            check(pipe)
        check(pipe.fit(X, y))  # no error once the MinMaxScaler step is fitted
    check_is_fitted(Pipeline([("a", "passthrough")]))  # nothing to fit: fitted, as in sklearn


PIPELINE_ERRORS = [
    (
        "names not unique",
        lambda: Pipeline([("a", StandardScaler()), ("a", Ridge())]).fit([[1.0]], [1.0]),
        ValueError,
        r"Names provided are not unique: \['a', 'a'\]",
    ),
    (
        "name with __",
        lambda: Pipeline([("a__b", StandardScaler()), ("c", Ridge())]).fit([[1.0]], [1.0]),
        ValueError,
        r"Estimator names must not contain __",
    ),
    (
        "name clashes with an argument",
        lambda: Pipeline([("steps", StandardScaler()), ("c", Ridge())]).fit([[1.0]], [1.0]),
        ValueError,
        r"conflict with constructor arguments: \['steps'\]",
    ),
    (
        "intermediate step without transform",
        lambda: Pipeline([("r", Ridge()), ("c", Ridge())]).fit([[1.0]], [1.0]),
        TypeError,
        r"All intermediate steps should be transformers",
    ),
    (
        "last step without fit",
        lambda: Pipeline([("s", StandardScaler()), ("x", 3)]).fit([[1.0]], [1.0]),
        TypeError,
        r"Last step of Pipeline should implement fit",
    ),
    (
        "no steps",
        lambda: Pipeline([]).fit([[1.0]], [1.0]),
        TypeError,
        r"steps must be a non-empty list of \(name, estimator\) tuples",
    ),
    (
        "fit param without a step",
        lambda: make_pipeline(Ridge()).fit([[1.0]], [1.0], sample_weight=[1.0]),
        ValueError,
        r"Pipeline.fit does not accept the sample_weight parameter",
    ),
    (
        "fit param for no such step",
        lambda: make_pipeline(Ridge()).fit([[1.0]], [1.0], lasso__sample_weight=[1.0]),
        ValueError,
        r"no step named 'lasso'",
    ),
    (
        "predict before fit",
        lambda: make_pipeline(StandardScaler(), Ridge()).predict([[1.0]]),
        NotFittedError,
        r"not fitted yet",
    ),
    (
        "bad input reaches the steps",
        lambda: make_pipeline(Normalizer(), Ridge()).fit([[np.nan]], [1.0]),
        ValueError,
        r"Input X contains NaN",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [c[1:] for c in PIPELINE_ERRORS],
    ids=[c[0] for c in PIPELINE_ERRORS],
)
def test_pipeline_bad_input_raises_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


# -- ColumnTransformer --


def _mixed_column_transformer(**params):
    return ColumnTransformer(
        [
            ("city", OneHotEncoder(handle_unknown="ignore"), [0]),
            (
                "numbers",
                Pipeline(
                    [("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]
                ),
                [1, 2],
            ),
        ],
        **params,
    )


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"remainder": "passthrough"},
        {"remainder": MinMaxScaler()},
        {"remainder": "passthrough", "verbose_feature_names_out": False},
        {"transformer_weights": {"city": 2.0, "numbers": 0.5}},
    ],
    ids=str,
)
def test_column_transformer_on_a_mixed_table_matches_sklearn(params, mixed):
    table, _ = mixed
    ours = _mixed_column_transformer(**params)
    theirs = _twin(ours)
    out, expected = ours.fit_transform(table), theirs.fit_transform(table)
    assert out.dtype == expected.dtype and out.shape == expected.shape
    np.testing.assert_allclose(out.astype(float), expected.astype(float), **TIGHT)
    np.testing.assert_allclose(ours.transform(table).astype(float), expected.astype(float), **TIGHT)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert ours.output_indices_ == theirs.output_indices_
    assert [(n, c) for n, _, c in ours.transformers_] == [
        (n, c) for n, _, c in theirs.transformers_
    ]
    assert ours.named_transformers_["city"] is ours.transformers_[0][1]
    assert (
        ours.transformers[0][1] is not ours.transformers_[0][1]
    )  # fitted clones; the given stay unfitted
    assert not hasattr(ours.transformers[0][1], "categories_")


@pytest.mark.parametrize(
    "columns",
    [[0, 2], [-1, 1], slice(1, 3), np.array([True, False, True, False]), lambda X: [3, 0], []],
    ids=["ints", "negative-ints", "slice", "bool-mask", "callable", "empty"],
)
def test_column_selections_match_sklearn(columns, regression):
    X, _ = regression
    ours = ColumnTransformer(
        [("scale", StandardScaler(), columns), ("drop", "drop", [1])], remainder="passthrough"
    )
    theirs = _twin(ours)
    np.testing.assert_allclose(ours.fit_transform(X), theirs.fit_transform(X), **TIGHT)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert ours.output_indices_ == theirs.output_indices_


def test_a_single_int_column_is_1d_for_the_transformer_like_sklearn(regression):
    X, _ = regression
    with pytest.raises(ValueError, match=r"Expected 2D array, got 1D array"):
        ColumnTransformer([("scale", StandardScaler(), 0)]).fit(X)
    with pytest.raises(ValueError):
        sklearn.compose.ColumnTransformer([("scale", skp.StandardScaler(), 0)]).fit(X)


def test_column_transformer_params_nested_like_sklearn(regression):
    X, _ = regression
    ours = ColumnTransformer(
        [("scale", StandardScaler(), [0, 1]), ("minmax", MinMaxScaler(), [2])],
        remainder=Normalizer(),
    )
    theirs = _twin(ours)
    assert set(ours.get_params()) == set(theirs.get_params()) - COLUMNS_ONLY_IN_SKLEARN
    for ct in (ours, theirs):
        ct.set_params(scale__with_std=False, remainder__norm="l1", minmax__feature_range=(2, 3))
        ct.set_params(minmax="passthrough")
    assert ours.transformers[1] == ("minmax", "passthrough", [2])  # replaced, columns kept
    np.testing.assert_allclose(ours.fit_transform(X), theirs.fit_transform(X), **TIGHT)


def test_column_transformer_in_a_pipeline_predicts_like_sklearn(mixed):
    table, y = mixed
    ours = Pipeline(
        [
            ("columns", _mixed_column_transformer(remainder="passthrough")),
            ("ridge", Ridge(alpha=2.0)),
        ]
    ).fit(table, y)
    theirs = _twin(ours).fit(table, y)
    np.testing.assert_allclose(ours.predict(table), theirs.predict(table), rtol=1e-9, atol=1e-9)
    unseen = table[:3].copy()
    unseen[0, 0] = "rome"  # handle_unknown="ignore": all zeros in the city block
    np.testing.assert_allclose(ours.predict(unseen), theirs.predict(unseen), rtol=1e-9, atol=1e-9)


def test_make_column_transformer_names_like_sklearn(regression):
    X, _ = regression
    ours = make_column_transformer(
        (StandardScaler(), [0]),
        (StandardScaler(), [1]),
        (MinMaxScaler(), [2]),
        remainder="passthrough",
    )
    theirs = sklearn.compose.make_column_transformer(
        (skp.StandardScaler(), [0]),
        (skp.StandardScaler(), [1]),
        (skp.MinMaxScaler(), [2]),
        remainder="passthrough",
    )
    assert [t[0] for t in ours.transformers] == [t[0] for t in theirs.transformers]
    np.testing.assert_allclose(ours.fit_transform(X), theirs.fit_transform(X), **TIGHT)


def test_column_transformer_is_also_exported_from_pipeline():
    assert ours_pipeline.ColumnTransformer is ours_compose.ColumnTransformer
    assert ours_pipeline.make_column_transformer is ours_compose.make_column_transformer


COLUMN_ERRORS = [
    (
        "unknown remainder",
        lambda X: ColumnTransformer([("s", StandardScaler(), [0])], remainder="keep").fit(X),
        ValueError,
        r"The remainder keyword needs to be one of 'drop', 'passthrough', or estimator",
    ),
    (
        "not a transformer",
        lambda X: ColumnTransformer([("r", Ridge(), [0])]).fit(X),
        TypeError,
        r"All estimators should implement fit and transform",
    ),
    (
        "string columns",
        lambda X: ColumnTransformer([("s", StandardScaler(), ["a"])]).fit(X),
        ValueError,
        r"using strings is only supported for dataframes",
    ),
    (
        "index out of range",
        lambda X: ColumnTransformer([("s", StandardScaler(), [7])]).fit(X),
        ValueError,
        r"all features must be in \[0, 3\]",
    ),
    (
        "mask of the wrong length",
        lambda X: ColumnTransformer([("s", StandardScaler(), [True, False])]).fit(X),
        ValueError,
        r"all features must be in",
    ),
    (
        "names not unique",
        lambda X: ColumnTransformer([("s", StandardScaler(), [0]), ("s", MinMaxScaler(), [1])]).fit(
            X
        ),
        ValueError,
        r"Names provided are not unique",
    ),
    (
        "not a list of triples",
        lambda X: ColumnTransformer([("s", StandardScaler())]).fit(X),
        ValueError,
        r"list of \(name, transformer, columns\) tuples",
    ),
    (
        "wrong n_features",
        lambda X: ColumnTransformer([("s", StandardScaler(), [0])]).fit(X).transform(X[:, :3]),
        ValueError,
        r"X has 3 features, but ColumnTransformer is expecting 4 features",
    ),
    (
        "fit params",
        lambda X: ColumnTransformer([("s", StandardScaler(), [0])]).fit(
            X, sample_weight=np.ones(len(X))
        ),
        ValueError,
        r"takes no fit parameters",
    ),
    (
        "1-D X",
        lambda X: ColumnTransformer([("s", StandardScaler(), [0])]).fit(X[:, 0]),
        ValueError,
        r"Expected 2D array",
    ),
    (
        "empty X",
        lambda X: ColumnTransformer([("s", StandardScaler(), [0])]).fit(X[:0]),
        ValueError,
        r"0 sample",
    ),
    (
        "NaN for a transformer that rejects it",
        lambda X: ColumnTransformer([("n", Normalizer(), [0])]).fit(np.where(X > 1, np.nan, X)),
        ValueError,
        r"Input X contains NaN",
    ),
    (
        "transform before fit",
        lambda X: ColumnTransformer([("s", StandardScaler(), [0])]).transform(X),
        NotFittedError,
        r"not fitted yet",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "message"), [c[1:] for c in COLUMN_ERRORS], ids=[c[0] for c in COLUMN_ERRORS]
)
def test_column_transformer_bad_input_raises_a_clear_error(call, error, message, regression):
    X, _ = regression
    with pytest.raises(error, match=message):
        call(X)


@pytest.mark.parametrize(
    "sklearn_call",
    [
        lambda X: sklearn.compose.ColumnTransformer(
            [("s", skp.StandardScaler(), [0])], remainder="keep"
        ).fit(X),
        lambda X: sklearn.compose.ColumnTransformer([("r", sklearn.linear_model.Ridge(), [0])]).fit(
            X
        ),
        lambda X: sklearn.compose.ColumnTransformer([("s", skp.StandardScaler(), ["a"])]).fit(X),
        lambda X: sklearn.compose.ColumnTransformer([("s", skp.StandardScaler(), [7])]).fit(X),
        lambda X: (
            sklearn.compose.ColumnTransformer([("s", skp.StandardScaler(), [0])])
            .fit(X)
            .transform(X[:, :3])
        ),
    ],
)
def test_the_same_bad_inputs_are_errors_in_sklearn_too(sklearn_call, regression):
    X, _ = regression
    with pytest.raises((ValueError, TypeError)):
        sklearn_call(X)
