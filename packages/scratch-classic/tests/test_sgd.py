"""SGDClassifier and SGDRegressor against sklearn.linear_model's, on the same data.

Two kinds of parity:
- shuffle=False makes SGD deterministic: the samples are visited in order, and our updates are
  scikit-learn's step for step, so coef_ / intercept_ agree to STEP_RTOL (rounding only) and
  n_iter_ / t_ exactly. Not with learning_rate="optimal" on every loss: its first steps are
  large (eta ~ alpha^(-1/4)) and for the regression-type losses rounding differences then grow
  exponentially, so those cases are compared by accuracy only.
- shuffled, the orders differ (numpy's Generator, one order for all classes): accuracy / R^2
  on held-out data within SCORE_BAND of scikit-learn's, both averaged over the same seeds.
"""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scratch_classic.exceptions import ConvergenceWarning, NotFittedError
from scratch_classic.linear_model import SGDClassifier, SGDRegressor
from sklearn import linear_model as sk

STEP_RTOL = 1e-8  # the same arithmetic in another order (scale folding, sums): 1e-8 of max|coef|
SCORE_BAND = 0.02  # shuffled runs: accuracy / R^2 within 2 points of sklearn's, seed-averaged
SEEDS = range(3)

CLASSIFICATION_LOSSES = ["hinge", "log_loss", "modified_huber", "squared_hinge", "perceptron",
                         "squared_error", "huber", "epsilon_insensitive",
                         "squared_epsilon_insensitive"]
REGRESSION_LOSSES = ["squared_error", "huber", "epsilon_insensitive",
                     "squared_epsilon_insensitive"]


def classification_data(n_classes, n_samples=60, n_features=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))  # (n, d)
    scores = 2 * X @ rng.normal(size=(n_features, n_classes))  # (n, K)
    return X, np.argmax(scores + 0.5 * rng.gumbel(size=scores.shape), axis=1)


def regression_data(n_samples=60, n_features=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))  # (n, d)
    return X, 3 * X @ rng.normal(size=n_features) + 2 + 0.5 * rng.normal(size=n_samples)


def assert_same_steps(ours, theirs):
    scale = max(1.0, np.abs(theirs.coef_).max())
    assert ours.coef_.shape == theirs.coef_.shape
    assert ours.intercept_.shape == theirs.intercept_.shape
    assert_allclose(ours.coef_, theirs.coef_, rtol=0, atol=STEP_RTOL * scale)
    assert_allclose(ours.intercept_, theirs.intercept_, rtol=0, atol=STEP_RTOL * scale)
    assert ours.n_iter_ == theirs.n_iter_
    assert ours.t_ == theirs.t_


def fit_both(Ours, Theirs, X, y, sample_weight=None, **params):
    with warnings.catch_warnings():  # a few cases run to max_iter on both sides, on purpose
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", UserWarning)  # sklearn's ConvergenceWarning
        ours = Ours(**params).fit(X, y, sample_weight=sample_weight)
        theirs = Theirs(**params).fit(X, y, sample_weight=sample_weight)
    return ours, theirs


# -- shuffle=False: the same steps as sklearn --

EVERY_LOSS = [{"loss": loss, "learning_rate": "invscaling", "eta0": 0.05}
              for loss in CLASSIFICATION_LOSSES]
SCHEDULES_AND_PENALTIES = [
    {"loss": "hinge", "learning_rate": "optimal"},
    {"loss": "log_loss", "learning_rate": "optimal", "penalty": "l1", "alpha": 1e-2},
    {"loss": "hinge", "learning_rate": "optimal", "penalty": "elasticnet", "l1_ratio": 0.4},
    {"loss": "log_loss", "learning_rate": "constant", "penalty": "l1", "alpha": 1e-3},
    {"loss": "modified_huber", "learning_rate": "adaptive", "eta0": 0.1,
     "penalty": "elasticnet"},
    {"loss": "perceptron", "learning_rate": "constant", "penalty": None},
    {"loss": "squared_hinge", "learning_rate": "invscaling", "fit_intercept": False},
    {"loss": "log_loss", "learning_rate": "constant", "average": True},
    {"loss": "hinge", "learning_rate": "optimal", "average": 7, "alpha": 1e-3},
    {"loss": "hinge", "learning_rate": "constant", "tol": None, "max_iter": 20},
]


@pytest.mark.parametrize("params", EVERY_LOSS + SCHEDULES_AND_PENALTIES,
                         ids=lambda p: "-".join(map(str, p.values())))
@pytest.mark.parametrize("n_classes", [2, 3])
def test_classifier_steps_match_sklearn_without_shuffle(params, n_classes):
    X, y = classification_data(n_classes)
    sample_weight = np.random.default_rng(1).uniform(0.5, 2.0, len(y))
    ours, theirs = fit_both(SGDClassifier, sk.SGDClassifier, X, y, sample_weight,
                            shuffle=False, class_weight={0: 1.5}, **params)
    assert_same_steps(ours, theirs)
    assert_array_equal(ours.classes_, theirs.classes_)
    scale = max(1.0, np.abs(theirs.coef_).max()) * np.abs(X).sum(axis=1).max()
    assert_allclose(ours.decision_function(X), theirs.decision_function(X), rtol=0,
                    atol=STEP_RTOL * scale)
    if params["loss"] in ("log_loss", "modified_huber"):
        assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=STEP_RTOL * scale)
        assert_allclose(np.exp(ours.predict_log_proba(X)), theirs.predict_proba(X),
                        atol=STEP_RTOL * scale)
    else:
        assert not hasattr(ours, "predict_proba") and not hasattr(theirs, "predict_proba")


@pytest.mark.parametrize(
    "params",
    [{"loss": loss} for loss in REGRESSION_LOSSES]
    + [
        {"learning_rate": "constant", "penalty": "l1", "alpha": 0.01},
        {"learning_rate": "adaptive", "penalty": "elasticnet", "alpha": 0.01},
        {"loss": "huber", "learning_rate": "optimal", "alpha": 0.01, "epsilon": 1.0},
        {"loss": "epsilon_insensitive", "epsilon": 0.5, "penalty": None},
        {"average": True},
        {"average": 10, "learning_rate": "constant", "fit_intercept": False},
    ],
    ids=lambda p: "-".join(map(str, p.values())),
)
def test_regressor_steps_match_sklearn_without_shuffle(params):
    X, y = regression_data()
    sample_weight = np.random.default_rng(2).uniform(0.5, 2.0, len(y))
    ours, theirs = fit_both(SGDRegressor, sk.SGDRegressor, X, y, sample_weight, shuffle=False,
                            **params)
    assert_same_steps(ours, theirs)
    assert ours.coef_.shape == (5,) and ours.intercept_.shape == (1,)
    assert_allclose(ours.predict(X), theirs.predict(X), rtol=0,
                    atol=STEP_RTOL * 10 * max(1.0, np.abs(theirs.coef_).max()))


@pytest.mark.parametrize("penalty", ["l1", "elasticnet"])
def test_average_with_l1_is_the_mean_of_the_iterates(penalty):
    # With one sample, epoch e is step e, and sklearn fitted for e epochs gives iterate w_e:
    # our average from step 5 must be the plain mean of sklearn's w_5 .. w_40. (sklearn's own
    # averaged L1 model is not: its lazy averaging misses the truncations; see the module.)
    X, y = np.array([[0.5, -1.0, 2.0, 0.01]]), np.array([2.0])  # the small feature stays at 0
    params = {"penalty": penalty, "alpha": 0.05, "shuffle": False, "tol": None,
              "learning_rate": "constant", "eta0": 0.05}
    iterates = np.array([sk.SGDRegressor(max_iter=e, **params).fit(X, y).coef_
                         for e in range(1, 41)])  # (40, d)
    ours = SGDRegressor(max_iter=40, average=5, **params).fit(X, y)
    assert np.any(iterates[4:] == 0)  # the truncation is exercised (a weight pinned at 0)
    assert_allclose(ours.coef_, iterates[4:].mean(axis=0), rtol=1e-10)


# -- shuffled: accuracy and R^2 within SCORE_BAND of sklearn's --


@pytest.fixture(scope="module")
def three_classes():
    X, y = classification_data(3, n_samples=600, n_features=8, seed=3)
    return X[:300], y[:300], X[300:], y[300:]


@pytest.mark.parametrize(
    "params",
    [
        {"loss": "hinge", "learning_rate": "constant"},
        {"loss": "log_loss", "learning_rate": "invscaling", "eta0": 0.1},
        {"loss": "log_loss", "penalty": "elasticnet", "alpha": 1e-2},
        {"loss": "modified_huber", "penalty": "l1", "alpha": 1e-3, "learning_rate": "invscaling",
         "eta0": 0.1},
        {"loss": "squared_hinge", "learning_rate": "adaptive", "eta0": 0.05},
        {"loss": "hinge", "average": True},
        {"loss": "squared_error", "learning_rate": "constant", "eta0": 1e-3},
        {"loss": "hinge", "class_weight": "balanced", "learning_rate": "constant"},
    ],
    ids=lambda p: "-".join(map(str, p.values())),
)
def test_classifier_accuracy_matches_sklearn(three_classes, params):
    X, y, X_test, y_test = three_classes
    ours = np.mean([SGDClassifier(random_state=seed, **params).fit(X, y).score(X_test, y_test)
                    for seed in SEEDS])
    theirs = np.mean([sk.SGDClassifier(random_state=seed, **params).fit(X, y)
                      .score(X_test, y_test) for seed in SEEDS])
    assert abs(ours - theirs) <= SCORE_BAND, (ours, theirs)
    assert ours > 0.8  # far above chance (1/3): the comparison is between working models


def test_average_with_l1_is_at_least_as_accurate_as_sklearn(three_classes):
    # the one place where we differ on purpose (see the module docstring): no worse
    X, y, X_test, y_test = three_classes
    params = {"loss": "hinge", "penalty": "l1", "alpha": 1e-3, "average": True,
              "learning_rate": "constant"}
    ours = np.mean([SGDClassifier(random_state=seed, **params).fit(X, y).score(X_test, y_test)
                    for seed in SEEDS])
    theirs = np.mean([sk.SGDClassifier(random_state=seed, **params).fit(X, y)
                      .score(X_test, y_test) for seed in SEEDS])
    assert ours >= theirs - SCORE_BAND, (ours, theirs)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"loss": "huber", "epsilon": 1.0},
        {"loss": "epsilon_insensitive", "learning_rate": "constant"},
        {"loss": "squared_epsilon_insensitive", "penalty": "l1", "alpha": 0.01},
        {"penalty": "elasticnet", "learning_rate": "adaptive"},
        {"average": True},
    ],
    ids=lambda p: "-".join(map(str, p.values())) or "defaults",
)
def test_regressor_r2_matches_sklearn(params):
    X, y = regression_data(n_samples=400, n_features=8, seed=4)
    X_test, y_test, X, y = X[200:], y[200:], X[:200], y[:200]
    ours = np.mean([SGDRegressor(random_state=seed, **params).fit(X, y).score(X_test, y_test)
                    for seed in SEEDS])
    theirs = np.mean([sk.SGDRegressor(random_state=seed, **params).fit(X, y)
                      .score(X_test, y_test) for seed in SEEDS])
    assert abs(ours - theirs) <= SCORE_BAND, (ours, theirs)
    assert ours > 0.9


def test_seeds_change_the_order_and_same_seed_repeats():
    X, y = classification_data(3, n_samples=100)
    first = SGDClassifier(random_state=0, max_iter=5, tol=None).fit(X, y)
    again = SGDClassifier(random_state=0, max_iter=5, tol=None).fit(X, y)
    other = SGDClassifier(random_state=1, max_iter=5, tol=None).fit(X, y)
    assert_array_equal(first.coef_, again.coef_)
    assert not np.allclose(first.coef_, other.coef_)


# -- warnings, bad input, bad parameters --


def test_max_iter_reached_warns_as_sklearn():
    X, y = classification_data(2)
    with pytest.warns(ConvergenceWarning, match="Maximum number of iteration reached"):
        SGDClassifier(max_iter=2, random_state=0).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # tol=None runs max_iter epochs by request: no warning
        SGDRegressor(max_iter=2, tol=None, random_state=0).fit(*regression_data())


@pytest.mark.parametrize("Estimator", [SGDRegressor, sk.SGDRegressor])
def test_divergence_raises_instead_of_returning_nan(Estimator):
    X, y = regression_data()
    model = Estimator(learning_rate="constant", eta0=1e6, random_state=0)
    with pytest.raises(ValueError, match="Floating-point under-/overflow occurred at epoch #1"):
        model.fit(1e150 * X, y)  # x w overflows in the first epoch


@pytest.mark.parametrize(
    ("Estimator", "params", "message"),
    [
        (SGDClassifier, {"loss": "log"}, "loss must be one of"),
        (SGDRegressor, {"loss": "hinge"}, "loss must be one of"),
        (SGDClassifier, {"penalty": "l3"}, "penalty must be one of"),
        (SGDRegressor, {"learning_rate": "pa1"}, "learning_rate must be one of"),
        (SGDClassifier, {"alpha": -1.0}, "alpha must be a finite number >= 0"),
        (SGDRegressor, {"alpha": np.inf}, "alpha must be a finite number >= 0"),
        (SGDClassifier, {"l1_ratio": 1.5}, r"l1_ratio must be a finite number >= 0.0 and <= 1.0"),
        (SGDRegressor, {"epsilon": -0.1}, "epsilon must be a finite number >= 0"),
        (SGDClassifier, {"eta0": 0.0}, "eta0 must be a finite number > 0"),
        (SGDRegressor, {"power_t": np.nan}, "power_t must be a finite number"),
        (SGDClassifier, {"max_iter": 0}, "max_iter must be an integer >= 1"),
        (SGDRegressor, {"max_iter": 10.0}, "max_iter must be an integer >= 1"),
        (SGDClassifier, {"n_iter_no_change": 0}, "n_iter_no_change must be an integer >= 1"),
        (SGDRegressor, {"tol": -1.0}, "tol must be a finite number >= 0"),
        (SGDClassifier, {"average": -1}, "average must be a bool or an integer >= 0"),
        (SGDRegressor, {"average": 0.5}, "average must be a bool or an integer >= 0"),
        (SGDClassifier, {"alpha": 0.0}, "alpha must be > 0 since learning_rate is 'optimal'"),
        (SGDClassifier, {"class_weight": "heavy"}, "class_weight must be None, 'balanced'"),
        (SGDClassifier, {"class_weight": {9: 2.0}}, r"class_weight names labels not in y: \[9\]"),
    ],
)
def test_bad_parameters_raise_in_fit(Estimator, params, message):
    X, y = classification_data(2, n_samples=20)
    model = Estimator(**params)  # subtle: __init__ only stores; fit validates
    with pytest.raises(ValueError, match=message):
        model.fit(X, y)


@pytest.mark.parametrize("Estimator", [SGDClassifier, SGDRegressor])
def test_bad_data_raises_naming_the_problem(Estimator):
    X, y = classification_data(2, n_samples=20)
    X_nan = X.copy()
    X_nan[2, 0] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        Estimator().fit(X_nan, y)
    with pytest.raises(ValueError, match="0 sample"):
        Estimator().fit(np.empty((0, 5)), np.empty(0))
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        Estimator().fit(X, y[:-1])
    with pytest.raises(ValueError, match=r"sample_weight.shape == \(3,\)"):
        Estimator().fit(X, y, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="Negative values in sample_weight"):
        Estimator().fit(X, y, sample_weight=-np.ones(20))
    with pytest.raises(NotFittedError):
        Estimator().predict(X)
    fitted = Estimator(random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        fitted.predict(X[:, :2])


def test_classifier_specific_errors():
    X, y = classification_data(2, n_samples=20)
    with pytest.raises(ValueError, match="greater than one"):
        SGDClassifier().fit(X, np.zeros(20))
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        SGDClassifier().fit(X, np.linspace(0, 1, 20))
    with pytest.raises(ValueError, match="Input y contains NaN"):
        SGDRegressor().fit(X, np.where(y == 0, np.nan, 1.0))
    hinge = SGDClassifier(random_state=0).fit(X, y)
    with pytest.raises(AttributeError, match="probability estimates are not available"):
        hinge.predict_proba(X)
    with pytest.raises(AttributeError, match="probability estimates are not available"):
        hinge.predict_log_proba(X)
