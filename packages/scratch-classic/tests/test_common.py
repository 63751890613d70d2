"""Common checks: scikit-learn's estimator protocol, tested on EVERY estimator at once.

The estimators come from `all_estimators()`, so a new estimator is checked the moment it is
exported, with no hand-kept list. Each `check_*` below is one rule of the protocol (see
`scratch_classic.base`); it raises AssertionError naming the estimator and the broken rule.

Four small conforming estimators defined here (`_ReferenceClassifier`, `_ReferenceRegressor`,
`_ReferenceTransformer`, `_ReferenceClusterer`) run through every check too, so no check runs on
an empty list; and the second half of the file feeds each check a deliberately broken estimator,
to prove that every check can fail.

Which checks apply is decided on an instance (a Pipeline is a classifier when its last step is
one): classifiers, regressors, transformers (`transform` + `fit_transform`), clusterers
(`fit_predict`), and meta-estimators, which get their required estimators from
REQUIRED_ARGUMENTS. Tags (`_get_tags()`) say what input an estimator takes: `allow_nan` ones
must ACCEPT NaN (and still reject inf); "1dlabels" ones (LabelEncoder) take y, not X, and get
only the parameter checks here (their behaviour is tested beside scikit-learn in their own file).
"""

import ast
import functools
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import numpy as np
import pytest
import sklearn.metrics

import scratch_classic
from scratch_classic import (
    BaseEstimator,
    ClassifierMixin,
    NotFittedError,
    RegressorMixin,
    TransformerMixin,
    clone,
)
from scratch_classic.base import ClusterMixin, is_classifier, is_regressor
from scratch_classic.pipeline import Pipeline
from scratch_classic.preprocessing import Normalizer, PolynomialFeatures, StandardScaler
from scratch_classic.utils.discovery import all_estimators
from scratch_classic.utils.validation import (
    check_classification_targets,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
)

# Settings keyed by class name: small ensembles keep slow defaults inside the test budget; other
# entries fit a default to the test data. Unknown names are ignored, so an entry can come first.
SETTINGS = {
    # the blobs' features sit near 2 (low) or 7 (high), never near BernoulliNB's default 0
    "BernoulliNB": {"binarize": 4.5},
    "RandomForestClassifier": {"n_estimators": 5},
    "RandomForestRegressor": {"n_estimators": 5},
    "ExtraTreesClassifier": {"n_estimators": 5},
    "ExtraTreesRegressor": {"n_estimators": 5},
    "BaggingClassifier": {"n_estimators": 3},
    "BaggingRegressor": {"n_estimators": 3},
    "AdaBoostClassifier": {"n_estimators": 5},
    "AdaBoostRegressor": {"n_estimators": 5},
    "GradientBoostingClassifier": {"n_estimators": 5},
    "GradientBoostingRegressor": {"n_estimators": 5},
    # predict_proba exists only for the probabilistic losses (hinge, the default, has none)
    "SGDClassifier": {"loss": "log_loss"},
    # two candidates, so n_iter=10 would exceed the search space
    "RandomizedSearchCV": {"n_iter": 2, "cv": 3},
    "GridSearchCV": {"cv": 3},
}

# Meta-estimators take estimators as REQUIRED constructor arguments: {class name: factory of
# those arguments}, called anew for every instance, so no two instances share a step. A subclass
# inherits its base's entry (looked up along the MRO), so broken variants below need none.
REQUIRED_ARGUMENTS = {
    # NaN passes StandardScaler (allow_nan) and is rejected by the classifier: the pipeline
    # rejects it; "passthrough" in the middle is exercised on the way
    "Pipeline": lambda: {
        "steps": [
            ("scale", StandardScaler()),
            ("skip", "passthrough"),
            ("classify", _ReferenceClassifier()),
        ]
    },
    # every column with bad values (NaN at column 1, inf at column 2) reaches a NaN-rejecting
    # transformer; valid for 3 and 4 input features alike (the refit check uses both)
    "ColumnTransformer": lambda: {
        "transformers": [
            ("normalize", Normalizer(), [0, 1]),
            ("poly", PolynomialFeatures(2), slice(1, 3)),
        ]
    },
    "GridSearchCV": lambda: {
        "estimator": _ReferenceRegressor(),
        "param_grid": {"alpha": [0.1, 1.0]},
    },
    "RandomizedSearchCV": lambda: {
        "estimator": _ReferenceRegressor(),
        "param_distributions": {"alpha": [0.1, 1.0]},
    },
}

PREDICT_METHODS = (
    "predict",
    "predict_proba",
    "predict_log_proba",
    "decision_function",
    "transform",
)


# -- two small estimators that keep the whole protocol --


class _ReferenceClassifier(ClassifierMixin, BaseEstimator):
    """Nearest centroid with a seeded jitter of the centroids: small, randomized, conforming."""

    def __init__(self, jitter=1e-3, random_state=None):
        self.jitter = jitter
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y)
        check_classification_targets(y)
        weights = check_sample_weight(sample_weight, len(X))
        rng = check_random_state(self.random_state)
        self.classes_, codes = np.unique(y, return_inverse=True)
        one_hot = (codes[:, None] == np.arange(len(self.classes_))).astype(float) * weights[
            :, None
        ]  # (n, k)
        centroids = one_hot.T @ X / one_hot.sum(axis=0)[:, None]  # (k, d)
        self.centroids_ = centroids + self.jitter * rng.standard_normal(centroids.shape)
        return self

    def predict_proba(self, X):
        X = self._validate_data(X, reset=False)
        scores = -((X[:, None, :] - self.centroids_[None, :, :]) ** 2).sum(axis=2)  # (n, k)
        scores -= scores.max(axis=1, keepdims=True)
        proba = np.exp(scores)
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(self, X):
        best = self.predict_proba(X).argmax(axis=1)  # first: it raises NotFittedError before fit
        return self.classes_[best]


class _ReferenceRegressor(RegressorMixin, BaseEstimator):
    """Weighted ridge regression with an intercept, by the normal equations."""

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y, y_numeric=True)
        weights = check_sample_weight(sample_weight, len(X))
        X_mean, y_mean = weights @ X / weights.sum(), weights @ y / weights.sum()
        X_centered = X - X_mean  # (n, d), a new array: the caller's X is untouched
        gram = X_centered.T @ (weights[:, None] * X_centered) + self.alpha * np.eye(X.shape[1])
        self.coef_ = np.linalg.solve(
            gram, X_centered.T @ (weights * (y - y_mean))
        )  # test code: numpy is fine
        self.intercept_ = y_mean - X_mean @ self.coef_
        return self

    def predict(self, X):
        X = self._validate_data(X, reset=False)
        return X @ self.coef_ + self.intercept_


class _ReferenceTransformer(TransformerMixin, BaseEstimator):
    """Centers each feature and divides it by its largest absolute deviation (into [-1, 1])."""

    def __init__(self, with_scaling=True):
        self.with_scaling = with_scaling

    def fit(self, X, y=None):
        X = self._validate_data(X)
        self.center_ = X.mean(axis=0)
        spread = np.abs(X - self.center_).max(axis=0)  # (d,)
        self.scale_ = (
            np.where(spread > 0, spread, 1.0) if self.with_scaling else np.ones(X.shape[1])
        )
        return self

    def transform(self, X):
        X = self._validate_data(X, reset=False)
        return (X - self.center_) / self.scale_


class _ReferenceClusterer(ClusterMixin, BaseEstimator):
    """Two clusters split at the mean of the feature with the widest spread; predicts new points."""

    def __init__(self, margin=0.0):
        self.margin = margin

    def fit(self, X, y=None):
        X = self._validate_data(X)
        self.feature_ = int(np.argmax(X.std(axis=0)))
        self.threshold_ = X[:, self.feature_].mean() + self.margin
        self.labels_ = self.predict(X)
        return self

    def predict(self, X):
        X = self._validate_data(X, reset=False)
        return (X[:, self.feature_] > self.threshold_).astype(np.intp)


REFERENCES = [
    ("_ReferenceClassifier", _ReferenceClassifier),
    ("_ReferenceRegressor", _ReferenceRegressor),
    ("_ReferenceTransformer", _ReferenceTransformer),
    ("_ReferenceClusterer", _ReferenceClusterer),
]
ESTIMATORS = all_estimators() + REFERENCES


def _init_parameters(Estimator):
    """The keyword parameters of __init__ (none when the class has no __init__ of its own)."""
    if Estimator.__init__ is object.__init__:
        return []
    return [
        p
        for p in list(inspect.signature(Estimator.__init__).parameters.values())[1:]  # skip self
        if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    ]


def _required_arguments(Estimator):
    """Fresh required constructor arguments: the REQUIRED_ARGUMENTS entry along the MRO, or {}."""
    for klass in Estimator.__mro__:
        if klass.__name__ in REQUIRED_ARGUMENTS:
            return REQUIRED_ARGUMENTS[klass.__name__]()
    return {}


def _construct(Estimator):
    """Estimator built with only its required arguments (what `Estimator()` is for the rest)."""
    return Estimator(**_required_arguments(Estimator))


def _instance(Estimator, **params):
    """Estimator with its SETTINGS, random_state=0 where it or a part of it has one, then `params`."""
    estimator = _construct(Estimator).set_params(**SETTINGS.get(Estimator.__name__, {}))
    seeds = [k for k in estimator.get_params(deep=True) if k.rpartition("__")[2] == "random_state"]
    for key in seeds:  # one at a time: a part's own seed is set after the part itself
        estimator.set_params(**{key: 0})
    return estimator.set_params(**params)


def _tags(Estimator):
    return _instance(Estimator)._get_tags()


def _is_clusterer(estimator):
    return (
        hasattr(estimator, "fit_predict")
        and not is_classifier(estimator)
        and not is_regressor(estimator)
    )


# kinds are read off instances: a Pipeline's methods and type are those of its last step
PROTOTYPES = [(n, E, _instance(E)) for n, E in ESTIMATORS]
TWO_D = [(n, E) for n, E, e in PROTOTYPES if "2darray" in e._get_tags()["X_types"]]
_TWO_D_NAMES = {n for n, _ in TWO_D}
CLASSIFIERS = [(n, E) for n, E, e in PROTOTYPES if is_classifier(e) and n in _TWO_D_NAMES]
REGRESSORS = [(n, E) for n, E, e in PROTOTYPES if is_regressor(e) and n in _TWO_D_NAMES]
SUPERVISED = CLASSIFIERS + REGRESSORS
# subtle: asked of the class, as SVC has predict_proba only once probability=True is set
PROBABILISTIC = [(n, E) for n, E in CLASSIFIERS if hasattr(E, "predict_proba")]
TRANSFORMERS = [
    (n, E)
    for n, E, e in PROTOTYPES
    if n in _TWO_D_NAMES and hasattr(e, "transform") and hasattr(e, "fit_transform")
]
CLUSTERERS = [(n, E) for n, E, e in PROTOTYPES if n in _TWO_D_NAMES and _is_clusterer(e)]
NESTED = [(n, E) for n, E, e in PROTOTYPES if any("__" in k for k in e.get_params(deep=True))]
RANDOMIZED = [
    (n, E)
    for n, E, e in PROTOTYPES
    if n in _TWO_D_NAMES and "random_state" in e.get_params(deep=False)
]


def _parametrize(estimators):
    return pytest.mark.parametrize(
        ("name", "Estimator"), estimators, ids=[name for name, _ in estimators]
    )


# -- data and helpers --


def _classification_data(n_samples=40, n_features=4, seed=0, labels=(0, 1, 2)):
    """Well separated, non-negative blobs (non-negative: MultinomialNB-style models accept them).

    Class k's center is 7 on features j with j % n_classes == k and 2 elsewhere, so the classes
    differ in which features are high: count models and binarized models can separate them too.
    """
    rng = np.random.default_rng(seed)
    codes = np.arange(n_samples) % len(labels)
    high = np.arange(n_features)[None, :] % len(labels) == np.arange(len(labels))[:, None]  # (k, d)
    centers = np.where(high, 7.0, 2.0) + rng.uniform(-0.5, 0.5, (len(labels), n_features))  # (k, d)
    X = np.clip(
        centers[codes] + 0.5 * rng.standard_normal((n_samples, n_features)), 0.0, None
    )  # (n, d)
    return X, np.asarray(labels)[codes]


def _regression_data(n_samples=40, n_features=4, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(0.0, 1.0, (n_samples, n_features))  # (n, d)
    y = X @ rng.uniform(1.0, 3.0, n_features) + 0.1 * rng.standard_normal(n_samples)  # (n,)
    return X, y


def _data_for(Estimator, n_features=4, seed=0):
    if is_regressor(_construct(Estimator)):
        return _regression_data(n_features=n_features, seed=seed)
    return _classification_data(
        n_features=n_features, seed=seed
    )  # classifiers, and y is ignored by the rest


def _outputs(estimator, X):
    """{method: output} for every prediction method the fitted estimator has (and labels_)."""
    outputs = {
        method: getattr(estimator, method)(X)
        for method in PREDICT_METHODS
        if hasattr(estimator, method)
    }
    if hasattr(estimator, "labels_"):  # clusterers: the fit's own result
        outputs["labels_"] = estimator.labels_
    return outputs


def _first_method(estimator):
    """predict, else transform, else None (a clusterer such as DBSCAN has only fit_predict)."""
    return next((m for m in ("predict", "transform") if hasattr(estimator, m)), None)


def _fitted_attributes(estimator):
    return sorted(k for k in vars(estimator) if k.endswith("_") and not k.startswith("_"))


def _expect_error(error_type, call, match, what):
    """AssertionError unless call() raises error_type with a message matching the regex."""
    try:
        call()
    except error_type as error:
        if match is not None and not re.search(match, str(error)):
            raise AssertionError(
                f"{what}: raised {type(error).__name__} {str(error)!r}, not matching {match!r}"
            ) from error
        return
    except Exception as other:  # the wrong error is exactly what we report
        raise AssertionError(
            f"{what}: expected {error_type.__name__}, got {type(other).__name__}: {other}"
        ) from other
    raise AssertionError(f"{what}: expected {error_type.__name__}, nothing was raised")


def _same_value(a, b):
    if hasattr(a, "get_params") and not isinstance(a, type):
        return type(a) is type(b) and all(
            _same_value(v, b.get_params(deep=False)[k]) for k, v in a.get_params(deep=False).items()
        )
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):  # steps: [(name, est)]
        return type(a) is type(b) and len(a) == len(b) and all(map(_same_value, a, b))
    if isinstance(a, dict) and isinstance(b, dict):  # param grids
        return a.keys() == b.keys() and all(_same_value(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(a, b)
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return a is b or a == b


def _check(check):
    """Name the check and the estimator in every failure; an unexpected error is a failure too."""

    @functools.wraps(check)
    def wrapped(name, Estimator):
        try:
            check(name, Estimator)
        except AssertionError:
            raise
        except Exception as error:
            raise AssertionError(
                f"{check.__name__}({name}) raised {type(error).__name__}: {error}"
            ) from error

    return wrapped


# -- the checks --


@_check
def check_default_constructible(name, Estimator):
    required = _required_arguments(Estimator)  # a meta-estimator's estimators have no default
    parameters = [p for p in _init_parameters(Estimator) if p.name not in required]
    for parameter in parameters:
        assert parameter.default is not parameter.empty, (
            f"{name}: parameter {parameter.name!r} has no default"
        )
        # subtle: a mutable default (list, array, dict) would be shared by every instance
        assert parameter.default is None or isinstance(
            parameter.default, (str, int, float, bool, tuple, type)
        ), f"{name}: default of {parameter.name!r} is a mutable {type(parameter.default).__name__}"
    estimator = Estimator(**required)
    for parameter in parameters:
        stored = getattr(estimator, parameter.name)
        assert _same_value(stored, parameter.default), (
            f"{name}: {parameter.name} default {parameter.default!r} stored as {stored!r}"
        )


@_check
def check_get_params_is_exactly_the_init_arguments(name, Estimator):
    init_names = {p.name for p in _init_parameters(Estimator)}
    try:
        params = _construct(Estimator).get_params(deep=False)
    except AttributeError as error:
        raise AssertionError(
            f"{name}: get_params failed ({error}): __init__ must store each argument under its name"
        ) from error
    assert set(params) == init_names, (
        f"{name}: get_params keys {sorted(params)} != __init__ arguments {sorted(init_names)}"
    )


@_check
def check_set_params_round_trips(name, Estimator):
    estimator = _construct(Estimator)
    params = estimator.get_params(deep=False)
    assert estimator.set_params(**params) is estimator, f"{name}.set_params does not return self"
    assert all(_same_value(v, estimator.get_params(deep=False)[k]) for k, v in params.items())
    sentinels = {key: object() for key in params}
    estimator.set_params(**sentinels)
    after = estimator.get_params(deep=False)
    changed = [key for key, sentinel in sentinels.items() if after[key] is not sentinel]
    assert not changed, f"{name}.set_params did not store {changed} as given"


@_check
def check_init_stores_arguments_unchanged(name, Estimator):
    names = list(_construct(Estimator).get_params(deep=False))
    sentinels = {key: object() for key in names}  # values no validation could accept
    try:
        estimator = Estimator(**sentinels)
    except Exception as error:
        raise AssertionError(
            f"{name}.__init__ validates its arguments (raised {error!r}): validate in fit"
        ) from error
    altered = [key for key in names if getattr(estimator, key, None) is not sentinels[key]]
    assert not altered, f"{name}.__init__ did not store {altered} unchanged"
    extra = sorted(k for k in vars(estimator) if k not in sentinels and not k.startswith("_"))
    assert not extra, f"{name}.__init__ sets attributes {extra} besides its parameters"


@_check
def check_clone_is_an_unfitted_copy(name, Estimator):
    X, y = _data_for(Estimator)
    estimator = _instance(Estimator).fit(X, y)
    copied = clone(estimator)
    assert copied is not estimator and type(copied) is Estimator
    original_params, copied_params = estimator.get_params(deep=False), copied.get_params(deep=False)
    assert all(_same_value(v, copied_params[k]) for k, v in original_params.items()), (
        f"{name}: clone changed params"
    )
    leftovers = _fitted_attributes(copied)
    assert not leftovers, f"clone({name}) carries fitted attributes {leftovers}"
    method = _first_method(copied)
    if method is not None:
        _expect_error(
            NotFittedError, lambda: getattr(copied, method)(X), None, f"clone({name}).{method}"
        )


@_check
def check_fit_returns_self(name, Estimator):
    X, y = _data_for(Estimator)
    estimator = _instance(Estimator)
    returned = estimator.fit(X, y)
    assert returned is estimator, f"{name}.fit returned {returned!r}, not self"
    assert estimator.n_features_in_ == 4, f"{name}.fit did not record n_features_in_"


@_check
def check_not_fitted_error_before_fit(name, Estimator):
    X, y = _data_for(Estimator)
    estimator = _instance(Estimator)
    methods = [m for m in PREDICT_METHODS if hasattr(estimator, m)]
    assert "predict" in methods or "transform" in methods or hasattr(estimator, "fit_predict"), (
        f"{name} has neither predict, transform nor fit_predict"
    )
    for method in methods:
        _expect_error(
            NotFittedError,
            lambda m=method: getattr(estimator, m)(X),
            "not fitted",
            f"{name}.{method} before fit",
        )
    if is_classifier(Estimator) or is_regressor(Estimator):
        _expect_error(
            NotFittedError, lambda: estimator.score(X, y), "not fitted", f"{name}.score before fit"
        )


@_check
def check_refit_overwrites(name, Estimator):
    X4, y4 = _data_for(Estimator, n_features=4, seed=0)
    X3, y3 = _data_for(Estimator, n_features=3, seed=1)
    estimator = _instance(Estimator).fit(X4, y4).fit(X3, y3)
    assert estimator.n_features_in_ == 3, (
        f"{name}: n_features_in_ is {estimator.n_features_in_} after refit on 3 features"
    )
    fresh = _instance(Estimator).fit(X3, y3)
    refit_outputs, fresh_outputs = _outputs(estimator, X3), _outputs(fresh, X3)
    for method, expected in fresh_outputs.items():
        actual = refit_outputs[method]
        if np.asarray(expected).dtype.kind in "fc":
            # same data, same seed: only rounding may differ (a warm start would differ far more)
            np.testing.assert_allclose(
                actual, expected, rtol=1e-9, atol=1e-12, err_msg=f"{name}.{method} after refit"
            )
        else:
            np.testing.assert_array_equal(actual, expected, err_msg=f"{name}.{method} after refit")
    method = _first_method(estimator)
    if method is not None:
        _expect_error(
            ValueError,
            lambda: getattr(estimator, method)(X4),
            r"X has 4 features, but \w+ is expecting 3 features",
            f"{name}.{method} on 4 features after refit",
        )


@_check
def check_feature_count_mismatch(name, Estimator):
    X, y = _data_for(Estimator)
    estimator = _instance(Estimator).fit(X, y)
    for method in (m for m in PREDICT_METHODS if hasattr(estimator, m)):
        for wrong in (X[:, :3], np.hstack([X, X[:, :1]])):
            _expect_error(
                ValueError,
                lambda m=method, w=wrong: getattr(estimator, m)(w),
                rf"X has {wrong.shape[1]} features, but \w+ is expecting 4 features",
                f"{name}.{method} on {wrong.shape[1]} features",
            )


@_check
def check_fit_rejects_bad_X(name, Estimator):
    X, y = _data_for(Estimator)
    with_nan, with_inf = X.copy(), X.copy()
    with_nan[3, 1], with_inf[5, 2] = np.nan, np.inf
    allow_nan = _tags(Estimator)["allow_nan"]
    cases = [
        (with_inf, y, r"contains infinity", "X with inf"),
        (X[:, 0], y, r"Expected 2D array, got 1D array", "1-D X"),
        (X[:0], y[:0], r"0 sample", "empty X"),
    ]
    if allow_nan:  # NaN is a missing value for this estimator: the tag must be true
        try:
            _instance(Estimator).fit(with_nan, y)
        except ValueError as error:
            raise AssertionError(
                f"{name} has the allow_nan tag, but fit rejects NaN: {error}"
            ) from error
    else:
        cases.insert(0, (with_nan, y, r"contains NaN", "X with NaN"))
    for bad_X, bad_y, message, what in cases:
        _expect_error(
            ValueError,
            lambda a=bad_X, b=bad_y: _instance(Estimator).fit(a, b),
            message,
            f"{name}.fit on {what}",
        )
    fitted = _instance(Estimator).fit(X, y)
    bad_inputs = [(with_inf, r"contains infinity", "inf"), (X[:0], r"0 sample", "empty X")]
    if not allow_nan:
        bad_inputs.insert(0, (with_nan, r"contains NaN", "NaN"))
    for method in (m for m in PREDICT_METHODS if hasattr(fitted, m)):
        for bad_X, message, what in bad_inputs:
            _expect_error(
                ValueError,
                lambda m=method, a=bad_X: getattr(fitted, m)(a),
                message,
                f"{name}.{method} on {what}",
            )


@_check
def check_fit_rejects_bad_y(name, Estimator):
    X, y = _data_for(Estimator)
    _expect_error(
        ValueError,
        lambda: _instance(Estimator).fit(X, y[:-1]),
        r"inconsistent numbers of samples",
        f"{name}.fit with len(y) != len(X)",
    )
    with_nan = y.astype(float)
    with_nan[2] = np.nan
    _expect_error(
        ValueError,
        lambda: _instance(Estimator).fit(X, with_nan),
        r"Input y contains NaN",
        f"{name}.fit with NaN in y",
    )


@_check
def check_classifier_rejects_continuous_y(name, Estimator):
    X, _ = _classification_data()
    continuous = np.linspace(0.0, 1.0, len(X)) + 0.001  # 40 distinct non-integral floats
    _expect_error(
        ValueError,
        lambda: _instance(Estimator).fit(X, continuous),
        r"Unknown label type",
        f"{name}.fit on continuous y",
    )


@_check
def check_classifier_string_labels(name, Estimator):
    X, y = _classification_data(labels=("fish", "cat", "dog"))
    estimator = _instance(Estimator).fit(X, y)
    predicted = estimator.predict(X)
    assert predicted.shape == (len(X),), f"{name}.predict shape {predicted.shape}"
    assert set(predicted) <= {"fish", "cat", "dog"}, (
        f"{name}.predict returned {sorted(set(map(str, predicted)))}"
    )
    # well separated blobs: a model that maps labels consistently is far above chance (1/3)
    accuracy = np.mean(predicted == y)
    assert accuracy >= 0.8, f"{name}: training accuracy {accuracy:.2f} with string labels"
    assert estimator.score(X, y) == pytest.approx(accuracy, abs=1e-12)  # score is plain accuracy


@_check
def check_classifier_classes_sorted(name, Estimator):
    X, y = _classification_data(labels=(7, -2, 3))  # first seen: 7, -2, 3
    estimator = _instance(Estimator).fit(X, y)
    np.testing.assert_array_equal(
        estimator.classes_, [-2, 3, 7], err_msg=f"{name}.classes_ is not np.unique(y)"
    )


@_check
def check_predict_proba_rows_sum_to_one(name, Estimator):
    X, y = _classification_data(labels=("b", "a", "c"))
    estimator = _instance(Estimator)
    if "probability" in estimator.get_params(deep=False):
        estimator.set_params(probability=True)  # SVC-style: probabilities only when asked for
    estimator.fit(X, y)
    assert hasattr(estimator, "predict_proba"), f"{name} has predict_proba, but not once fitted"
    proba = estimator.predict_proba(X)
    assert proba.shape == (len(X), 3), f"{name}.predict_proba shape {proba.shape}, expected (40, 3)"
    assert (proba >= 0).all(), f"{name}.predict_proba has negative entries"
    np.testing.assert_allclose(
        proba.sum(axis=1), 1.0, atol=1e-10, err_msg=f"{name}.predict_proba rows"
    )  # rounding
    if hasattr(estimator, "predict_log_proba"):
        with np.errstate(divide="ignore"):
            np.testing.assert_allclose(
                estimator.predict_log_proba(X),
                np.log(proba),
                atol=1e-8,
                err_msg=f"{name}.predict_log_proba != log(predict_proba)",
            )


@_check
def check_regressor_score_is_r2(name, Estimator):
    X, y = _regression_data()
    estimator = _instance(Estimator).fit(X, y)
    predicted = estimator.predict(X)
    assert predicted.shape == (len(X),) and predicted.dtype.kind == "f", (
        f"{name}.predict gave {predicted.shape} {predicted.dtype}"
    )
    expected = sklearn.metrics.r2_score(y, predicted)
    assert estimator.score(X, y) == pytest.approx(expected, abs=1e-12), (
        f"{name}.score is not R^2"
    )  # same formula


@_check
def check_random_state_reproducible(name, Estimator):
    X, y = _data_for(Estimator)
    first = _instance(Estimator, random_state=0).fit(X, y)
    second = _instance(Estimator, random_state=0).fit(X, y)
    for method, expected in _outputs(first, X).items():
        np.testing.assert_array_equal(
            _outputs(second, X)[method], expected, err_msg=f"{name}.{method}, random_state=0"
        )
    for attribute in _fitted_attributes(first):
        a, b = getattr(first, attribute), getattr(second, attribute)
        if (
            isinstance(a, np.ndarray) and a.dtype.kind != "O"
        ):  # numbers and labels, not arrays of objects
            np.testing.assert_array_equal(a, b, err_msg=f"{name}.{attribute} with random_state=0")


@_check
def check_transformer_fit_transform_matches_fit_then_transform(name, Estimator):
    X, y = _data_for(Estimator)
    in_one_go = _instance(Estimator).fit_transform(X, y)
    in_two_steps = _instance(Estimator).fit(X, y).transform(X)
    assert np.ndim(in_one_go) == 2 and len(in_one_go) == len(X), (
        f"{name}.fit_transform gave shape {np.shape(in_one_go)} for {len(X)} samples"
    )
    assert np.shape(in_one_go) == np.shape(in_two_steps), (
        f"{name}: fit_transform shape {np.shape(in_one_go)} != fit().transform shape "
        f"{np.shape(in_two_steps)}"
    )
    # same data, same seed: a shortcut in fit_transform may only change the rounding
    np.testing.assert_allclose(
        np.asarray(in_one_go, dtype=float),
        np.asarray(in_two_steps, dtype=float),
        rtol=1e-10,
        atol=1e-10,
        err_msg=f"{name}.fit_transform != fit().transform",
    )


@_check
def check_clusterer_fit_predict_matches_labels(name, Estimator):
    X, _ = _classification_data()
    labels = np.asarray(_instance(Estimator).fit_predict(X))
    fitted = _instance(Estimator).fit(X)
    # a clusterer keeps labels_ (KMeans, DBSCAN); a mixture model predicts its training data
    expected = fitted.labels_ if hasattr(fitted, "labels_") else fitted.predict(X)
    assert labels.shape == (len(X),), (
        f"{name}.fit_predict shape {labels.shape}, expected ({len(X)},)"
    )
    assert labels.dtype.kind in "iu", (
        f"{name}.fit_predict labels have dtype {labels.dtype}, not integers"
    )
    np.testing.assert_array_equal(labels, expected, err_msg=f"{name}.fit_predict != fit().labels_")


@_check
def check_nested_params_round_trip(name, Estimator):
    estimator = _construct(Estimator)
    nested = sorted(k for k in estimator.get_params(deep=True) if "__" in k)
    assert nested, f"{name} has no nested parameters"
    sentinels = {key: object() for key in nested}
    # subtle: one key at a time, as a search sets them (setting a part's own parameters together
    # with the part would reach the part only through the first)
    for key, sentinel in sentinels.items():
        assert estimator.set_params(**{key: sentinel}) is estimator, f"{name}.set_params not self"
        stored = estimator.get_params(deep=True).get(key)
        assert stored is sentinel, (
            f"{name}.set_params({key}=...) did not reach the nested estimator"
        )
    # whole named parts (a Pipeline's steps) can be replaced by name too
    for key, part in _construct(Estimator).get_params(deep=True).items():
        if (
            "__" not in key
            and hasattr(part, "get_params")
            and key not in estimator.get_params(deep=False)
        ):
            replacement = clone(part)
            estimator.set_params(**{key: replacement})
            assert estimator.get_params(deep=True)[key] is replacement, (
                f"{name}.set_params({key}=...) did not replace the part"
            )


@_check
def check_fit_does_not_modify_inputs(name, Estimator):
    X, y = _data_for(Estimator)
    X_before, y_before = X.copy(), y.copy()
    weights = np.linspace(0.5, 1.5, len(X))
    weights_before = weights.copy()
    estimator = _instance(Estimator)
    if "sample_weight" in inspect.signature(estimator.fit).parameters:
        estimator.fit(X, y, sample_weight=weights)
    else:
        estimator.fit(X, y)
    _outputs(estimator, X)
    np.testing.assert_array_equal(X, X_before, err_msg=f"{name}.fit modified the caller's X")
    np.testing.assert_array_equal(y, y_before, err_msg=f"{name}.fit modified the caller's y")
    np.testing.assert_array_equal(
        weights, weights_before, err_msg=f"{name}.fit modified sample_weight"
    )


# -- the tests: every check on every estimator it applies to --


@_parametrize(ESTIMATORS)
def test_default_constructible(name, Estimator):
    check_default_constructible(name, Estimator)


@_parametrize(ESTIMATORS)
def test_get_params_is_exactly_the_init_arguments(name, Estimator):
    check_get_params_is_exactly_the_init_arguments(name, Estimator)


@_parametrize(ESTIMATORS)
def test_set_params_round_trips(name, Estimator):
    check_set_params_round_trips(name, Estimator)


@_parametrize(ESTIMATORS)
def test_init_stores_arguments_unchanged(name, Estimator):
    check_init_stores_arguments_unchanged(name, Estimator)


@_parametrize(TWO_D)
def test_clone_is_an_unfitted_copy(name, Estimator):
    check_clone_is_an_unfitted_copy(name, Estimator)


@_parametrize(TWO_D)
def test_fit_returns_self(name, Estimator):
    check_fit_returns_self(name, Estimator)


@_parametrize(TWO_D)
def test_not_fitted_error_before_fit(name, Estimator):
    check_not_fitted_error_before_fit(name, Estimator)


@_parametrize(TWO_D)
def test_refit_overwrites(name, Estimator):
    check_refit_overwrites(name, Estimator)


@_parametrize(TWO_D)
def test_feature_count_mismatch(name, Estimator):
    check_feature_count_mismatch(name, Estimator)


@_parametrize(TWO_D)
def test_fit_rejects_bad_X(name, Estimator):
    check_fit_rejects_bad_X(name, Estimator)


@_parametrize(SUPERVISED)
def test_fit_rejects_bad_y(name, Estimator):
    check_fit_rejects_bad_y(name, Estimator)


@_parametrize(CLASSIFIERS)
def test_classifier_rejects_continuous_y(name, Estimator):
    check_classifier_rejects_continuous_y(name, Estimator)


@_parametrize(CLASSIFIERS)
def test_classifier_string_labels(name, Estimator):
    check_classifier_string_labels(name, Estimator)


@_parametrize(CLASSIFIERS)
def test_classifier_classes_sorted(name, Estimator):
    check_classifier_classes_sorted(name, Estimator)


@_parametrize(PROBABILISTIC)
def test_predict_proba_rows_sum_to_one(name, Estimator):
    check_predict_proba_rows_sum_to_one(name, Estimator)


@_parametrize(REGRESSORS)
def test_regressor_score_is_r2(name, Estimator):
    check_regressor_score_is_r2(name, Estimator)


@_parametrize(RANDOMIZED)
def test_random_state_reproducible(name, Estimator):
    check_random_state_reproducible(name, Estimator)


@_parametrize(TWO_D)
def test_fit_does_not_modify_inputs(name, Estimator):
    check_fit_does_not_modify_inputs(name, Estimator)


@_parametrize(TRANSFORMERS)
def test_transformer_fit_transform_matches_fit_then_transform(name, Estimator):
    check_transformer_fit_transform_matches_fit_then_transform(name, Estimator)


@_parametrize(CLUSTERERS)
def test_clusterer_fit_predict_matches_labels(name, Estimator):
    check_clusterer_fit_predict_matches_labels(name, Estimator)


@_parametrize(NESTED)
def test_nested_params_round_trip(name, Estimator):
    check_nested_params_round_trip(name, Estimator)


def test_every_kind_of_estimator_is_checked():
    # the lists the checks run on are never empty, and the meta-estimators are in them
    names = {n for n, _ in ESTIMATORS}
    for kind in (CLASSIFIERS, REGRESSORS, TRANSFORMERS, CLUSTERERS, NESTED, TWO_D):
        assert kind, "a list of estimators to check is empty"
    assert {"Pipeline", "ColumnTransformer"} <= names
    assert "Pipeline" in {n for n, _ in CLASSIFIERS} and "ColumnTransformer" in {
        n for n, _ in TRANSFORMERS
    }
    assert {"_ReferenceTransformer"} <= {n for n, _ in TRANSFORMERS}
    assert {"_ReferenceClusterer"} <= {n for n, _ in CLUSTERERS}


@pytest.mark.parametrize("kind", ["classifier", "regressor", "transformer", "cluster"])
def test_all_estimators_type_filter_selects_by_mixin(kind):
    mixin = {
        "classifier": ClassifierMixin,
        "regressor": RegressorMixin,
        "transformer": TransformerMixin,
        "cluster": ClusterMixin,
    }[kind]
    selected = all_estimators(type_filter=kind)
    assert selected and all(issubclass(E, mixin) for _, E in selected)
    left_out = {n for n, _ in all_estimators()} - {n for n, _ in selected}
    assert not any(issubclass(E, mixin) for n, E in all_estimators() if n in left_out)


def test_all_estimators_type_filter_list_is_a_union_and_unknown_kinds_fail():
    both = {n for n, _ in all_estimators(type_filter=["classifier", "regressor"])}
    assert both == {n for n, _ in all_estimators("classifier")} | {
        n for n, _ in all_estimators("regressor")
    }
    with pytest.raises(ValueError, match=r"type_filter must be .* got \['classifiers'\]"):
        all_estimators(type_filter="classifiers")


def test_discovery_finds_every_exported_estimator():
    # what each public subpackage exports in __all__ is exactly what the checks above run on
    exported = set()
    for module_info in pkgutil.iter_modules(scratch_classic.__path__, "scratch_classic."):
        if module_info.name.rpartition(".")[2].startswith("_"):
            continue
        module = importlib.import_module(module_info.name)
        exported |= {
            name
            for name in getattr(module, "__all__", [])
            if inspect.isclass(getattr(module, name))
            and issubclass(getattr(module, name), BaseEstimator)
        }
    discovered = {name for name, _ in all_estimators()}
    assert exported <= discovered, f"exported but not discovered: {sorted(exported - discovered)}"
    assert not any(name.startswith("_") for name in discovered)


# -- from scratch: the source never imports what it re-implements --

FORBIDDEN_MODULES = ("pickle", "sklearn", "scipy", "numpy.linalg", "cloudpickle", "dill")
# pickle in disguise: joblib's dump/load pickle, and so does np.load/np.save with allow_pickle
PICKLING_CALLS = {("joblib", "dump"), ("joblib", "load")}
SOURCE_ROOT = Path(scratch_classic.__file__).parent
SOURCE_FILES = sorted(SOURCE_ROOT.rglob("*.py"))


def _is_forbidden(module):
    return any(module == banned or module.startswith(banned + ".") for banned in FORBIDDEN_MODULES)


def forbidden_uses(source):
    """[(line, what)] for each import of a forbidden module in `source`, and each `np.linalg`.

    Catches `import scipy.special`, `from sklearn import x`, `from numpy import linalg`,
    `import numpy.linalg as la`, `np.linalg.solve(...)` (for any alias of numpy),
    `importlib.import_module("pickle")` / `__import__("pickle")` with a literal name, and
    pickling in disguise: `joblib.dump` / `joblib.load` (also imported by name) and any call
    with `allow_pickle=True`.
    """
    tree = ast.parse(source)
    numpy_aliases = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name == "numpy"
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name) for alias in node.names if _is_forbidden(alias.name)
            ]
        elif (
            isinstance(node, ast.ImportFrom) and node.level == 0
        ):  # subtle: relative imports are ours
            module = node.module or ""
            if _is_forbidden(module):
                found.append((node.lineno, module))
            elif module == "numpy" and any(alias.name == "linalg" for alias in node.names):
                found.append((node.lineno, "numpy.linalg"))
        elif isinstance(node, ast.Attribute) and node.attr == "linalg":
            if isinstance(node.value, ast.Name) and node.value.id in numpy_aliases:
                found.append((node.lineno, f"{node.value.id}.linalg"))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if function in ("import_module", "__import__") and _is_forbidden(
                str(node.args[0].value)
            ):
                found.append((node.lineno, str(node.args[0].value)))
        if isinstance(node, ast.Call):
            found += [
                (node.lineno, "allow_pickle=True")
                for keyword in node.keywords
                if keyword.arg == "allow_pickle"
                and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False)
            ]
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and (node.value.id, node.attr) in PICKLING_CALLS
        ):
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            found += [
                (node.lineno, f"{node.module}.{alias.name}")
                for alias in node.names
                if (node.module, alias.name) in PICKLING_CALLS
            ]
    return sorted(found)


@pytest.mark.parametrize(
    "path", SOURCE_FILES, ids=[str(p.relative_to(SOURCE_ROOT)) for p in SOURCE_FILES]
)
def test_source_does_not_import_what_it_reimplements(path):
    uses = forbidden_uses(path.read_text())
    assert not uses, (
        f"{path.relative_to(SOURCE_ROOT)} uses {uses}: "
        "scratch_classic is built on NumPy, scratch_linalg and scratch_optim only"
    )


@pytest.mark.parametrize(
    "source",
    [
        "import pickle",
        "import scipy.special as sp",
        "from sklearn.linear_model import Ridge",
        "from scipy import optimize",
        "import numpy.linalg",
        "from numpy import linalg",
        "from numpy.linalg import solve",
        "import numpy as np\nx = np.linalg.solve(a, b)",
        "import numpy as onp\ndef f(a):\n    return onp.linalg.norm(a)",
        "import importlib\nm = importlib.import_module('sklearn.svm')",
        "m = __import__('pickle')",
        "import joblib\njoblib.dump(model, 'model.joblib')",
        "from joblib import load",
        "import numpy as np\nw = np.load('w.npy', allow_pickle=True)",
        "import cloudpickle",
    ],
)
def test_forbidden_uses_are_detected(source):
    assert forbidden_uses(source), source


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\nimport scratch_linalg as sla\nx = sla.solve(a, b)",
        "from scratch_optim import minimize",
        "from .linalg import helper",  # a relative module of ours may be called linalg
        "import numpy as np\nx = np.einsum('ij,ij->i', a, a)",
        "import joblib\nimport numbers",
        "from joblib import Parallel, delayed",  # joblib for n_jobs is fine; only dump/load pickle
        "import numpy as np\nw = np.load('w.npy', allow_pickle=False)",
        "x = 'import pickle'",  # text, not an import
    ],
)
def test_allowed_imports_pass(source):
    assert forbidden_uses(source) == []


# -- the checks can fail: each one rejects an estimator that breaks its rule --


class _ValidatesInInit(_ReferenceRegressor):
    def __init__(self, alpha=1.0):
        if alpha < 0:
            raise ValueError("alpha must be >= 0")
        self.alpha = alpha


class _ConvertsInInit(_ReferenceRegressor):
    def __init__(self, alpha=1.0):
        self.alpha = float(alpha)


class _DerivedStateInInit(_ReferenceRegressor):
    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.coef_ = None


class _RequiredArgument(_ReferenceRegressor):
    def __init__(self, alpha):
        self.alpha = alpha


class _MutableDefault(_ReferenceRegressor):
    def __init__(self, alpha=1.0, weights=[1.0]):  # noqa: B006 - the defect under test
        self.alpha = alpha
        self.weights = weights


class _StoresUnderAnotherName(_ReferenceRegressor):
    def __init__(self, alpha=1.0):
        self.strength = alpha

    def fit(self, X, y, sample_weight=None):
        self.alpha = self.strength
        return super().fit(X, y, sample_weight)


class _SetParamsIgnoresValues(_ReferenceRegressor):
    def set_params(self, **params):
        return self


class _FitReturnsNone(_ReferenceRegressor):
    def fit(self, X, y, sample_weight=None):
        super().fit(X, y, sample_weight)


class _PredictWithoutFittedCheck(_ReferenceRegressor):
    def predict(self, X):
        return np.asarray(X) @ self.coef_ + self.intercept_


class _PredictWithoutFeatureCheck(_ReferenceClassifier):
    def predict_proba(self, X):
        X = np.asarray(X, dtype=float)
        scores = -(
            (X[:, None, : self.centroids_.shape[1]] - self.centroids_[None, :, : X.shape[1]]) ** 2
        ).sum(axis=2)
        return np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)


class _FitsOnlyOnce(_ReferenceClassifier):
    def fit(self, X, y, sample_weight=None):
        if hasattr(self, "centroids_"):
            return self  # "already fitted": the refit is silently ignored
        return super().fit(X, y, sample_weight)


class _NoInputValidation(_ReferenceRegressor):
    def fit(self, X, y, sample_weight=None):
        X, y = np.atleast_2d(np.asarray(X, dtype=float)), np.asarray(y, dtype=float)
        self.n_features_in_ = X.shape[1]
        self.coef_ = np.zeros(X.shape[1])
        self.intercept_ = float(np.mean(y)) if len(y) else 0.0
        return self


class _NoTargetValidation(_ReferenceRegressor):
    def fit(self, X, y, sample_weight=None):
        X = self._validate_data(X)
        y = np.asarray(y, dtype=float).reshape(len(y), -1)[: len(X), 0]
        self.coef_, self.intercept_ = np.zeros(X.shape[1]), float(y.mean())
        return self


class _AcceptsContinuousLabels(_ReferenceClassifier):
    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y)
        self.classes_ = np.unique(y)
        self.centroids_ = np.zeros((len(self.classes_), X.shape[1]))
        return self


class _PredictsClassIndices(_ReferenceClassifier):
    def predict(self, X):
        return self.predict_proba(X).argmax(axis=1)


class _ClassesInOrderOfAppearance(_ReferenceClassifier):
    def fit(self, X, y, sample_weight=None):
        super().fit(X, y, sample_weight)
        self.classes_ = np.array(list(dict.fromkeys(y)))
        return self


class _UnnormalizedProba(_ReferenceClassifier):
    def predict_proba(self, X):
        return 2 * super().predict_proba(X)


class _ScoreIsNegativeError(_ReferenceRegressor):
    def score(self, X, y, sample_weight=None):
        return -float(np.mean((self.predict(X) - y) ** 2))


class _IgnoresRandomState(_ReferenceClassifier):
    def fit(self, X, y, sample_weight=None):
        super().fit(X, y, sample_weight)
        self.centroids_ += self.jitter * np.random.default_rng().standard_normal(
            self.centroids_.shape
        )
        return self


class _CentersXInPlace(_ReferenceRegressor):
    def fit(self, X, y, sample_weight=None):
        X = self._validate_data(X)  # subtle: float64 input comes back as the caller's own array
        X -= X.mean(axis=0)
        return super().fit(X, y, sample_weight)


class _FitTransformForgetsScaling(_ReferenceTransformer):
    def fit_transform(self, X, y=None):
        self.fit(X, y)
        return self._validate_data(X, reset=False) - self.center_  # a "shortcut" that is wrong


class _FitPredictRelabels(_ReferenceClusterer):
    def fit_predict(self, X, y=None):
        return 1 - self.fit(X).labels_


class _FloatLabels(_ReferenceClusterer):
    def fit(self, X, y=None):
        super().fit(X, y)
        self.labels_ = self.labels_.astype(float)
        return self


class _NestedParamsDropped(Pipeline):
    def set_params(self, **params):
        return super().set_params(**{k: v for k, v in params.items() if "__" not in k})


class _ClaimsToAllowNan(_ReferenceTransformer):
    def _more_tags(self):
        return {"allow_nan": True}


class _TransformChecksOnlyNan(_ReferenceTransformer):
    def transform(self, X):
        X = np.asarray(X, dtype=float)
        check_is_fitted(self)
        if X.ndim != 2 or not len(X) or np.isnan(X).any() or X.shape[1] != len(self.center_):
            return super().transform(X)  # the usual errors, except for inf
        return (X - self.center_) / self.scale_


BROKEN = [
    (check_default_constructible, _RequiredArgument, r"has no default"),
    (check_default_constructible, _MutableDefault, r"mutable list"),
    (
        check_get_params_is_exactly_the_init_arguments,
        _StoresUnderAnotherName,
        r"must store each argument",
    ),
    (check_set_params_round_trips, _SetParamsIgnoresValues, r"did not store"),
    (check_init_stores_arguments_unchanged, _ValidatesInInit, r"validates its arguments"),
    (check_init_stores_arguments_unchanged, _ConvertsInInit, r"validates its arguments"),
    (check_init_stores_arguments_unchanged, _DerivedStateInInit, r"sets attributes \['coef_'\]"),
    (check_clone_is_an_unfitted_copy, _DerivedStateInInit, r"carries fitted attributes"),
    (check_fit_returns_self, _FitReturnsNone, r"returned None, not self"),
    (
        check_not_fitted_error_before_fit,
        _PredictWithoutFittedCheck,
        r"expected NotFittedError, got AttributeError",
    ),
    (check_refit_overwrites, _FitsOnlyOnce, r"n_features_in_ is 4 after refit"),
    (
        check_feature_count_mismatch,
        _PredictWithoutFeatureCheck,
        r"expected ValueError, nothing was raised",
    ),
    (
        check_fit_rejects_bad_X,
        _NoInputValidation,
        r"on X with NaN: expected ValueError, nothing was raised",
    ),
    (check_fit_rejects_bad_y, _NoTargetValidation, r"len\(y\) != len\(X\)"),
    (check_classifier_rejects_continuous_y, _AcceptsContinuousLabels, r"continuous y"),
    (check_classifier_string_labels, _PredictsClassIndices, r"predict returned"),
    (check_classifier_classes_sorted, _ClassesInOrderOfAppearance, r"classes_ is not np.unique"),
    (check_predict_proba_rows_sum_to_one, _UnnormalizedProba, r"predict_proba rows"),
    (check_regressor_score_is_r2, _ScoreIsNegativeError, r"score is not R\^2"),
    (check_random_state_reproducible, _IgnoresRandomState, r"random_state=0"),
    (check_fit_does_not_modify_inputs, _CentersXInPlace, r"modified the caller's X"),
    (
        check_transformer_fit_transform_matches_fit_then_transform,
        _FitTransformForgetsScaling,
        r"fit_transform != fit\(\)\.transform",
    ),
    (
        check_clusterer_fit_predict_matches_labels,
        _FitPredictRelabels,
        r"fit_predict != fit\(\)\.labels_",
    ),
    (check_clusterer_fit_predict_matches_labels, _FloatLabels, r"not integers"),
    (check_nested_params_round_trip, _NestedParamsDropped, r"did not reach the nested estimator"),
    (check_fit_rejects_bad_X, _ClaimsToAllowNan, r"has the allow_nan tag, but fit rejects NaN"),
    (check_fit_rejects_bad_X, _TransformChecksOnlyNan, r"transform on inf: expected ValueError"),
]


@pytest.mark.parametrize(
    ("check", "Broken", "message"), BROKEN, ids=[f"{c.__name__}-{B.__name__}" for c, B, _ in BROKEN]
)
def test_each_check_rejects_an_estimator_that_breaks_its_rule(check, Broken, message):
    with pytest.raises(AssertionError, match=message):
        check(Broken.__name__, Broken)
