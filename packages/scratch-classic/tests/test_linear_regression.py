"""LinearRegression against sklearn.linear_model.LinearRegression on the same data."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scratch_classic.exceptions import NotFittedError
from scratch_classic.linear_model import LinearRegression
from sklearn import linear_model as sk
from sklearn.datasets import make_regression

CLOSED_FORM = 1e-6  # closed forms: both sides solve the same linear system up to rounding


@pytest.fixture
def regression():
    X, y = make_regression(n_samples=120, n_features=8, noise=3.0, bias=4.0, random_state=0)
    return X, y


def assert_same_fit(ours, theirs, atol=CLOSED_FORM):
    assert ours.coef_.shape == theirs.coef_.shape
    assert_allclose(ours.coef_, theirs.coef_, atol=atol, rtol=0)
    assert_allclose(ours.intercept_, theirs.intercept_, atol=atol, rtol=0)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_matches_sklearn(regression, fit_intercept):
    X, y = regression
    ours = LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    theirs = sk.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    assert_same_fit(ours, theirs)
    assert ours.rank_ == theirs.rank_
    assert_allclose(ours.singular_, theirs.singular_, rtol=1e-8)  # eigvalsh of the Gram vs SVD
    assert_allclose(ours.predict(X), theirs.predict(X), atol=1e-6)
    assert_allclose(ours.score(X, y), theirs.score(X, y), atol=1e-10)


def test_without_intercept_the_intercept_is_zero(regression):
    X, y = regression
    assert LinearRegression(fit_intercept=False).fit(X, y).intercept_ == 0.0


def test_sample_weight_matches_sklearn(regression, rng):
    X, y = regression
    weights = rng.uniform(0.1, 3.0, size=len(y))
    ours = LinearRegression().fit(X, y, sample_weight=weights)
    theirs = sk.LinearRegression().fit(X, y, sample_weight=weights)
    assert_same_fit(ours, theirs)


def test_integer_sample_weight_equals_repeated_rows(regression, rng):
    X, y = regression
    counts = rng.integers(1, 4, size=len(y))
    weighted = LinearRegression().fit(X, y, sample_weight=counts)
    repeated = LinearRegression().fit(np.repeat(X, counts, axis=0), np.repeat(y, counts))
    assert_same_fit(weighted, repeated, atol=1e-9)


def test_multi_output_matches_sklearn(rng):
    X, Y = make_regression(n_samples=100, n_features=6, n_targets=3, noise=1.0, random_state=1)
    ours = LinearRegression().fit(X, Y)
    theirs = sk.LinearRegression().fit(X, Y)
    assert ours.coef_.shape == (3, 6) and ours.intercept_.shape == (3,)
    assert_same_fit(ours, theirs)
    assert ours.predict(X).shape == (100, 3)


def test_column_target_keeps_two_dimensional_coef(regression):
    X, y = regression
    ours = LinearRegression().fit(X, y[:, np.newaxis])
    theirs = sk.LinearRegression().fit(X, y[:, np.newaxis])
    assert ours.coef_.shape == (1, 8)
    assert_same_fit(ours, theirs)


def test_duplicated_column_gives_sklearns_minimum_norm_solution(regression):
    X, y = regression
    X = np.hstack([X, X[:, :2]])  # rank 8 of 10 columns
    ours = LinearRegression().fit(X, y)
    theirs = sk.LinearRegression().fit(X, y)
    assert ours.rank_ == theirs.rank_ == 8
    assert_same_fit(ours, theirs)
    assert_allclose(ours.coef_[0], ours.coef_[8], atol=1e-9)  # minimum norm splits the weight


def test_more_features_than_samples_matches_sklearn(rng):
    X, y = rng.normal(size=(15, 30)), rng.normal(size=15)
    ours = LinearRegression().fit(X, y)
    theirs = sk.LinearRegression().fit(X, y)
    assert ours.rank_ == theirs.rank_ == 14  # centering removes one dimension
    assert_same_fit(ours, theirs)
    assert_allclose(ours.predict(X), y, atol=1e-8)  # interpolates


def test_ill_conditioned_X_takes_the_svd_path_and_matches(rng):
    base = rng.normal(size=(80, 4))
    X = np.hstack([base, base[:, :1] + 1e-5 * rng.normal(size=(80, 1))])  # s_min / s_max ~ 1e-5
    y = X @ np.array([1.0, -2.0, 0.5, 3.0, 1.0]) + 0.01 * rng.normal(size=80)
    ours = LinearRegression().fit(X, y)
    theirs = sk.LinearRegression().fit(X, y)
    assert ours.singular_[-1] < 1e-4 * ours.singular_[0]  # below the Cholesky threshold
    assert ours.rank_ == theirs.rank_ == 5
    # coef_ is ill-determined along the near-null direction (~1e5 amplification): compare
    # predictions tightly and coef_ relative to its size.
    assert_allclose(ours.coef_, theirs.coef_, rtol=1e-5, atol=1e-5)
    assert_allclose(ours.predict(X), theirs.predict(X), atol=1e-8)


def test_tol_cuts_small_singular_values_like_sklearn(rng):
    base = rng.normal(size=(60, 3))
    X = np.hstack([base, base[:, :1] + 1e-4 * rng.normal(size=(60, 1))])
    y = rng.normal(size=60)
    ours = LinearRegression(tol=1e-3).fit(X, y)
    theirs = sk.LinearRegression(tol=1e-3).fit(X, y)
    assert ours.rank_ == theirs.rank_ == 3
    assert_same_fit(ours, theirs)


def test_errors():
    X, y = np.ones((5, 2)), np.arange(5.0)
    with pytest.raises(NotFittedError, match="not fitted"):
        LinearRegression().predict(X)
    with pytest.raises(ValueError, match="tol must be"):
        LinearRegression(tol=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="NaN"):
        LinearRegression().fit(np.array([[np.nan, 1.0]] * 5), y)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        LinearRegression().fit(X, y[:4])
    with pytest.raises(ValueError, match="sample_weight.shape"):
        LinearRegression().fit(X, y, sample_weight=np.ones(4))
    with pytest.raises(ValueError, match="sum of sample_weight must be positive"):
        LinearRegression().fit(X, y, sample_weight=np.zeros(5))
    with pytest.raises(ValueError, match="1-D or 2-D"):
        LinearRegression().fit(X, np.ones((5, 1, 1)))
    model = LinearRegression().fit(X, y)
    with pytest.raises(ValueError, match="X has 3 features"):
        model.predict(np.ones((2, 3)))
