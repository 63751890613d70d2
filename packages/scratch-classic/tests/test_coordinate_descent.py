"""Lasso and ElasticNet against sklearn.linear_model on the same data and hyper-parameters."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scratch_classic.exceptions import ConvergenceWarning, NotFittedError
from scratch_classic.linear_model import ElasticNet, Lasso, LinearRegression
from sklearn import linear_model as sk
from sklearn.datasets import make_regression

ITERATIVE = 1e-4  # both sides run to a duality gap of tol * ||y||^2 with tol = 1e-10
TIGHT = {"tol": 1e-10, "max_iter": 100_000}


@pytest.fixture
def regression():
    X, y = make_regression(n_samples=100, n_features=12, n_informative=5, noise=4.0, bias=2.0,
                           random_state=0)
    return X, y


def make_pair(name, **params):
    ours = {"Lasso": Lasso, "ElasticNet": ElasticNet}[name](**params)
    return ours, getattr(sk, name)(**{k: v for k, v in params.items() if k != "solver"})


def assert_same_fit(ours, theirs, atol=ITERATIVE):
    assert np.shape(ours.coef_) == np.shape(theirs.coef_)
    assert_allclose(ours.coef_, theirs.coef_, atol=atol, rtol=0)
    assert_allclose(ours.intercept_, theirs.intercept_, atol=atol, rtol=0)


CASES = [("Lasso", {"alpha": 0.8}), ("ElasticNet", {"alpha": 0.8, "l1_ratio": 0.3}),
         ("ElasticNet", {"alpha": 2.0, "l1_ratio": 0.9})]


@pytest.mark.parametrize("name, params", CASES)
@pytest.mark.parametrize("solver", ["cd", "gd"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_matches_sklearn(regression, name, params, solver, fit_intercept):
    X, y = regression
    ours, theirs = make_pair(name, solver=solver, fit_intercept=fit_intercept, **params, **TIGHT)
    ours.fit(X, y)
    theirs.fit(X, y)
    assert_same_fit(ours, theirs)
    assert 0 < np.count_nonzero(ours.coef_) < X.shape[1] or name == "ElasticNet"
    y_seen = y - y.mean() if fit_intercept else y  # the centered target the solver sees
    assert 0 <= ours.dual_gap_ <= 1e-10 * (y_seen @ y_seen) / len(y)  # sklearn's stopping rule
    assert_allclose(ours.predict(X), theirs.predict(X), atol=1e-3)


def test_cyclic_coordinate_descent_takes_sklearns_number_of_sweeps(regression):
    X, y = regression
    ours, theirs = Lasso(alpha=0.5).fit(X, y), sk.Lasso(alpha=0.5).fit(X, y)  # default tol 1e-4
    # the same sweeps in the same order with the same stopping rule (sklearn's gap-safe
    # screening only drops coordinates that stay zero anyway)
    assert abs(ours.n_iter_ - theirs.n_iter_) <= 1
    assert_allclose(ours.dual_gap_, theirs.dual_gap_, rtol=1e-3, atol=1e-9)


def test_random_selection_is_reproducible_and_matches_sklearn(regression):
    X, y = regression
    first = Lasso(alpha=0.3, selection="random", random_state=7, **TIGHT).fit(X, y)
    second = Lasso(alpha=0.3, selection="random", random_state=7, **TIGHT).fit(X, y)
    assert_array_equal(first.coef_, second.coef_)
    theirs = sk.Lasso(alpha=0.3, selection="random", random_state=7, **TIGHT).fit(X, y)
    assert_same_fit(first, theirs)


def test_sample_weight_matches_sklearn(regression, rng):
    X, y = regression
    weights = rng.uniform(0.1, 3.0, size=len(y))
    for name, params in CASES:
        ours, theirs = make_pair(name, **params, **TIGHT)
        ours.fit(X, y, sample_weight=weights)
        theirs.fit(X, y, sample_weight=weights)
        assert_same_fit(ours, theirs)


def test_constant_sample_weight_changes_nothing(regression):
    X, y = regression
    weighted = ElasticNet(alpha=0.5, **TIGHT).fit(X, y, sample_weight=np.full(len(y), 7.0))
    plain = ElasticNet(alpha=0.5, **TIGHT).fit(X, y)
    assert_same_fit(weighted, plain, atol=1e-8)


def test_multi_output_matches_sklearn():
    X, Y = make_regression(n_samples=60, n_features=8, n_targets=3, noise=1.0, random_state=4)
    ours = ElasticNet(alpha=1.0, l1_ratio=0.7, **TIGHT).fit(X, Y)
    theirs = sk.ElasticNet(alpha=1.0, l1_ratio=0.7, **TIGHT).fit(X, Y)
    assert ours.coef_.shape == (3, 8) and ours.dual_gap_.shape == (3,) and len(ours.n_iter_) == 3
    assert_same_fit(ours, theirs)


def test_column_target_gives_sklearns_shapes(regression):
    X, y = regression
    ours = Lasso(alpha=0.5).fit(X, y[:, np.newaxis])
    theirs = sk.Lasso(alpha=0.5).fit(X, y[:, np.newaxis])
    assert ours.coef_.shape == theirs.coef_.shape == (12,)
    assert np.shape(ours.intercept_) == np.shape(theirs.intercept_) == (1,)
    assert np.ndim(ours.dual_gap_) == 0 and isinstance(ours.n_iter_, int)


def test_duplicated_column_elastic_net_matches_sklearn(regression):
    X, y = regression
    X = np.hstack([X, X[:, :2]])  # rank deficient; the L2 part keeps the optimum unique
    ours, theirs = make_pair("ElasticNet", alpha=0.5, l1_ratio=0.5, **TIGHT)
    assert_same_fit(ours.fit(X, y), theirs.fit(X, y))
    assert_allclose(ours.coef_[0], ours.coef_[12], atol=1e-6)  # the copies share the weight


def test_alpha_above_alpha_max_gives_zero_coef_without_iterating(regression):
    X, y = regression
    alpha_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / len(y)
    lasso = Lasso(alpha=1.01 * alpha_max).fit(X, y)
    assert_array_equal(lasso.coef_, 0.0)
    assert_allclose(lasso.intercept_, y.mean())
    assert lasso.n_iter_ == sk.Lasso(alpha=1.01 * alpha_max).fit(X, y).n_iter_ == 0


def test_alpha_zero_warns_and_converges_to_least_squares(regression):
    X, y = regression
    with pytest.warns(UserWarning, match="alpha=0"):
        lasso = Lasso(alpha=0.0, **TIGHT).fit(X, y)
    # the unpenalized CD converges to the OLS solution (the gap is the gradient norm here)
    assert_allclose(lasso.coef_, LinearRegression().fit(X, y).coef_, atol=1e-6)


def test_warns_when_out_of_iterations(regression):
    X, y = regression
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        ElasticNet(alpha=0.01, max_iter=1, tol=1e-12).fit(X, y)
    with pytest.warns(ConvergenceWarning, match="Duality gap"):
        Lasso(alpha=0.01, max_iter=3, tol=1e-12, solver="gd").fit(X, y)


def test_converged_fit_does_not_warn(regression):
    X, y = regression
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Lasso(alpha=0.5).fit(X, y)


def test_zero_feature_column_stays_zero(regression):
    X, y = regression
    X = np.hstack([X, np.zeros((len(y), 1))])
    for solver in ["cd", "gd"]:
        assert Lasso(alpha=0.5, solver=solver).fit(X, y).coef_[-1] == 0.0


@pytest.mark.parametrize("params, message", [
    ({"alpha": -1.0}, "alpha must be a float >= 0"),
    ({"l1_ratio": 1.5}, r"l1_ratio must be a float in \[0, 1\]"),
    ({"max_iter": 0}, "max_iter must be an integer >= 1"),
    ({"tol": -1.0}, "tol must be a float >= 0"),
    ({"selection": "greedy"}, "selection must be one of"),
    ({"solver": "foo"}, r"solver must be one of \('cd', 'gd'\)"),
])
def test_invalid_options_raise(regression, params, message):
    X, y = regression
    with pytest.raises(ValueError, match=message):
        ElasticNet(**params).fit(X, y)


def test_not_fitted_and_feature_mismatch(regression):
    X, y = regression
    with pytest.raises(NotFittedError):
        Lasso().predict(X)
    with pytest.raises(ValueError, match="X has 3 features"):
        Lasso().fit(X, y).predict(X[:, :3])


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_fit_leaves_the_inputs_untouched(regression, rng, fit_intercept):
    X, y = regression
    weights = rng.uniform(0.5, 2.0, size=len(y))
    X_before, y_before = X.copy(), y.copy()
    ElasticNet(alpha=0.5, fit_intercept=fit_intercept).fit(X, y, sample_weight=weights)
    assert_array_equal(X, X_before)
    assert_array_equal(y, y_before)
