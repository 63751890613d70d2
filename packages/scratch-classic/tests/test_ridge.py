"""Ridge and RidgeClassifier against sklearn.linear_model on the same data and hyper-parameters."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scratch_classic.base import clone
from scratch_classic.exceptions import NotFittedError
from scratch_classic.linear_model import LinearRegression, Ridge, RidgeClassifier
from sklearn import linear_model as sk
from sklearn.datasets import load_iris, make_classification, make_regression

CLOSED_FORM = 1e-6  # closed forms: the same linear system, solved two ways, agrees to rounding
ITERATIVE = 1e-4  # gradient descent run to a tight tolerance


@pytest.fixture
def regression():
    X, y = make_regression(n_samples=100, n_features=7, noise=5.0, bias=-3.0, random_state=0)
    return X, y


def assert_same_fit(ours, theirs, atol=CLOSED_FORM):
    assert np.shape(ours.coef_) == np.shape(theirs.coef_)
    assert_allclose(ours.coef_, theirs.coef_, atol=atol, rtol=0)
    assert_allclose(ours.intercept_, theirs.intercept_, atol=atol, rtol=0)


@pytest.mark.parametrize("solver", ["auto", "cholesky", "svd"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_closed_forms_match_sklearn(regression, solver, fit_intercept):
    X, y = regression
    ours = Ridge(alpha=3.0, solver=solver, fit_intercept=fit_intercept).fit(X, y)
    theirs = sk.Ridge(alpha=3.0, solver=solver, fit_intercept=fit_intercept).fit(X, y)
    assert_same_fit(ours, theirs)
    assert ours.solver_ == theirs.solver_
    assert ours.n_iter_ is None
    assert_allclose(ours.predict(X), theirs.predict(X), atol=1e-6)


@pytest.mark.parametrize("solver", ["cholesky", "svd"])
def test_more_features_than_samples_uses_the_dual_and_matches(rng, solver):
    X, y = rng.normal(size=(20, 50)), rng.normal(size=20)
    ours = Ridge(alpha=0.7, solver=solver).fit(X, y)
    theirs = sk.Ridge(alpha=0.7, solver=solver).fit(X, y)
    assert_same_fit(ours, theirs)


def test_column_target_gives_sklearns_shapes(regression):
    X, y = regression
    ours = Ridge().fit(X, y[:, np.newaxis])
    theirs = sk.Ridge().fit(X, y[:, np.newaxis])
    assert ours.coef_.shape == (7,) and ours.intercept_.shape == (1,)  # sklearn ravels coef_ only
    assert_same_fit(ours, theirs)
    assert ours.predict(X).shape == theirs.predict(X).shape == (100,)


def test_sample_weight_matches_sklearn(regression, rng):
    X, y = regression
    weights = rng.uniform(0.0, 2.0, size=len(y))
    for solver in ["cholesky", "svd"]:
        ours = Ridge(alpha=1.5, solver=solver).fit(X, y, sample_weight=weights)
        theirs = sk.Ridge(alpha=1.5, solver=solver).fit(X, y, sample_weight=weights)
        assert_same_fit(ours, theirs)


def test_multi_output_with_one_alpha_per_target_matches_sklearn():
    X, Y = make_regression(n_samples=80, n_features=5, n_targets=3, noise=2.0, random_state=2)
    alphas = np.array([0.1, 10.0, 0.1])
    for solver in ["cholesky", "svd", "gd"]:
        ours = Ridge(alpha=alphas, solver=solver, tol=1e-12).fit(X, Y)
        theirs = sk.Ridge(alpha=alphas, solver="cholesky").fit(X, Y)
        assert ours.coef_.shape == (3, 5) and ours.intercept_.shape == (3,)
        assert_same_fit(ours, theirs, atol=ITERATIVE if solver == "gd" else CLOSED_FORM)


def test_gradient_descent_matches_sklearn(regression):
    X, y = regression
    ours = Ridge(alpha=2.0, solver="gd", tol=1e-10).fit(X, y)
    theirs = sk.Ridge(alpha=2.0, solver="cholesky").fit(X, y)
    assert_same_fit(ours, theirs, atol=ITERATIVE)
    assert ours.n_iter_.shape == (1,) and 0 < ours.n_iter_[0] < 10_000


def test_gradient_descent_warns_when_it_runs_out_of_iterations(regression):
    from scratch_classic.exceptions import ConvergenceWarning

    X, y = regression
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        Ridge(solver="gd", max_iter=2, tol=1e-12).fit(X, y)


def test_duplicated_columns_match_sklearn(regression):
    X, y = regression
    X = np.hstack([X, X[:, :3]])  # rank deficient, but alpha > 0 makes the problem well posed
    ours = Ridge(alpha=0.5).fit(X, y)
    theirs = sk.Ridge(alpha=0.5).fit(X, y)
    assert_same_fit(ours, theirs)


def test_alpha_zero_is_least_squares(regression):
    X, y = regression
    ridge = Ridge(alpha=0.0).fit(X, y)
    least_squares = LinearRegression().fit(X, y)
    assert_same_fit(ridge, least_squares)


def test_alpha_zero_on_singular_data_falls_back_to_svd(regression):
    X, y = regression
    X = np.hstack([X, X[:, :1]])
    X[:, -1] = X[:, 0]  # exactly singular X^T X
    X = np.hstack([X, np.zeros((len(y), 1))])  # a zero column: an exact zero pivot
    assert Ridge(alpha=0.0).fit(X, y).solver_ == "svd"


def test_large_alpha_shrinks_coef_to_zero(regression):
    X, y = regression
    ridge = Ridge(alpha=1e12).fit(X, y)
    assert np.max(np.abs(ridge.coef_)) < 1e-6
    assert_allclose(ridge.intercept_, y.mean(), atol=1e-6)


def test_ridge_errors(regression):
    X, y = regression
    with pytest.raises(ValueError, match="solver must be one of"):
        Ridge(solver="foo").fit(X, y)
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        Ridge(alpha=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="number of penalties do not correspond"):
        Ridge(alpha=[1.0, 2.0]).fit(X, y)
    with pytest.raises(ValueError, match="max_iter must be"):
        Ridge(solver="gd", max_iter=0).fit(X, y)
    with pytest.raises(NotFittedError):
        Ridge().predict(X)
    with pytest.raises(ValueError, match="X has 2 features"):
        Ridge().fit(X, y).predict(X[:, :2])


def test_refit_overwrites_and_clone_is_unfitted(regression):
    X, y = regression
    ridge = Ridge(alpha=1.0).fit(X, y)
    ridge.set_params(alpha=100.0).fit(X[:, :3], y)
    assert ridge.coef_.shape == (3,) and ridge.n_features_in_ == 3
    fresh = clone(ridge)
    assert fresh.get_params() == ridge.get_params()
    assert not hasattr(fresh, "coef_")


# -- RidgeClassifier --


@pytest.mark.parametrize("solver", ["cholesky", "svd"])
def test_classifier_binary_matches_sklearn(solver):
    X, y = make_classification(n_samples=120, n_features=6, random_state=3)
    labels = np.array(["no", "yes"])[y]
    ours = RidgeClassifier(alpha=2.0, solver=solver).fit(X, labels)
    theirs = sk.RidgeClassifier(alpha=2.0, solver=solver).fit(X, labels)
    assert_array_equal(ours.classes_, theirs.classes_)
    assert ours.coef_.shape == (6,) and ours.intercept_.shape == (1,)  # sklearn's shapes
    assert_same_fit(ours, theirs)
    assert_allclose(ours.decision_function(X), theirs.decision_function(X), atol=1e-6)
    assert_array_equal(ours.predict(X), theirs.predict(X))
    assert ours.score(X, labels) == theirs.score(X, labels)


def test_classifier_multiclass_matches_sklearn():
    X, y = load_iris(return_X_y=True)
    ours = RidgeClassifier(alpha=0.5).fit(X, y + 10)
    theirs = sk.RidgeClassifier(alpha=0.5).fit(X, y + 10)
    assert ours.coef_.shape == (3, 4) and ours.intercept_.shape == (3,)
    assert_same_fit(ours, theirs)
    assert_allclose(ours.decision_function(X), theirs.decision_function(X), atol=1e-6)
    assert_array_equal(ours.predict(X), theirs.predict(X))


@pytest.mark.parametrize("class_weight", ["balanced", {0: 3.0, 2: 0.5}])
def test_classifier_weights_match_sklearn(class_weight, rng):
    X, y = load_iris(return_X_y=True)
    keep = np.r_[0:50, 50:70, 100:150]  # unbalanced classes
    X, y = X[keep], y[keep]
    weights = rng.uniform(0.5, 2.0, size=len(y))
    ours = RidgeClassifier(class_weight=class_weight).fit(X, y, sample_weight=weights)
    theirs = sk.RidgeClassifier(class_weight=class_weight).fit(X, y, sample_weight=weights)
    assert_same_fit(ours, theirs)


def test_classifier_errors():
    X = np.ones((4, 2))
    with pytest.raises(ValueError, match="at least 2 classes"):
        RidgeClassifier().fit(X, [1, 1, 1, 1])
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        RidgeClassifier().fit(X, [0.5, 1.5, 0.2, 0.1])
    with pytest.raises(ValueError, match="class_weight must be"):
        RidgeClassifier(class_weight="heavy").fit(X, [0, 1, 0, 1])
    with pytest.raises(ValueError, match="labels not in y"):
        RidgeClassifier(class_weight={7: 2.0}).fit(X, [0, 1, 0, 1])
    with pytest.raises(NotFittedError):
        RidgeClassifier().decision_function(X)


@pytest.mark.parametrize("Estimator", [Ridge, LinearRegression])
def test_fit_leaves_the_inputs_untouched(regression, rng, Estimator):
    X, y = regression
    weights = rng.uniform(0.5, 2.0, size=len(y))
    X_before, y_before, weights_before = X.copy(), y.copy(), weights.copy()
    Estimator().fit(X, y, sample_weight=weights)
    assert_array_equal(X, X_before)
    assert_array_equal(y, y_before)
    assert_array_equal(weights, weights_before)
