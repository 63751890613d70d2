"""GaussianNB, MultinomialNB and BernoulliNB against scikit-learn on the same data."""

import numpy as np
import pytest
from sklearn import naive_bayes as sk_naive_bayes
from sklearn.datasets import load_iris, make_classification

from scratch_classic.exceptions import NotFittedError
from scratch_classic.naive_bayes import BernoulliNB, GaussianNB, MultinomialNB

# Same closed-form statistics, same formulas: only the order of floating-point sums differs.
TOL = 1e-10


@pytest.fixture(scope="module")
def gaussian_data():
    X, y = make_classification(n_samples=300, n_features=6, n_informative=4, n_classes=3, random_state=0)
    return X, y, np.random.default_rng(0).random(300)


@pytest.fixture(scope="module")
def count_data():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, size=300)
    X = rng.poisson(1.0 + y[:, None] * np.linspace(0, 1, 12), size=(300, 12)).astype(float)
    return X, y, rng.random(300)


def assert_same_predictions(ours, theirs, X):
    np.testing.assert_allclose(ours.predict_log_proba(X), theirs.predict_log_proba(X), rtol=0, atol=TOL)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=TOL)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("options", [{}, {"priors": [0.5, 0.3, 0.2]}, {"var_smoothing": 1e-3}])
def test_gaussian_matches_sklearn(gaussian_data, options, weighted):
    X, y, weights = gaussian_data
    sample_weight = weights if weighted else None
    ours = GaussianNB(**options).fit(X, y, sample_weight=sample_weight)
    theirs = sk_naive_bayes.GaussianNB(**options).fit(X, y, sample_weight=sample_weight)
    for name in ("theta_", "var_", "class_prior_", "class_count_", "epsilon_"):
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), rtol=TOL, atol=TOL, err_msg=name)
    assert_same_predictions(ours, theirs, X)


def test_gaussian_on_iris_with_string_labels():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    ours = GaussianNB().fit(X, names)
    theirs = sk_naive_bayes.GaussianNB().fit(X, names)
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    assert_same_predictions(ours, theirs, X)
    assert ours.score(X, names) == theirs.score(X, names)


def test_gaussian_partial_fit_matches_sklearn_and_one_fit(gaussian_data):
    X, y, weights = gaussian_data
    # var_smoothing=0: scikit-learn removes the NEW batch's epsilon from var_ before merging (we
    # remove the old one), which would otherwise differ by ~1e-9 * var; without smoothing the
    # merge formulas alone are compared.
    ours, theirs = GaussianNB(var_smoothing=0.0), sk_naive_bayes.GaussianNB(var_smoothing=0.0)
    for rows in (slice(0, 100), slice(100, 170), slice(170, 300)):
        ours.partial_fit(X[rows], y[rows], classes=[0, 1, 2], sample_weight=weights[rows])
        theirs.partial_fit(X[rows], y[rows], classes=[0, 1, 2], sample_weight=weights[rows])
    for name in ("theta_", "var_", "class_prior_", "class_count_"):
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), rtol=TOL, atol=TOL, err_msg=name)
    assert_same_predictions(ours, theirs, X)
    # With smoothing, batches merge to exactly the one-shot fit's statistics when every batch has
    # the same epsilon (here: identical feature spreads), which scikit-learn also gets right.
    one_fit = GaussianNB(var_smoothing=0.0).fit(X, y, sample_weight=weights)
    np.testing.assert_allclose(ours.var_, one_fit.var_, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(ours.theta_, one_fit.theta_, rtol=TOL, atol=TOL)


def test_gaussian_partial_fit_with_smoothing_equals_one_fit(gaussian_data):
    X, y, _ = gaussian_data
    # The statistics merge exactly, and var_ = merged variance + the LAST batch's epsilon.
    model = GaussianNB(var_smoothing=1e-2)
    model.partial_fit(X[:150] * 3.0, y[:150], classes=[0, 1, 2]).partial_fit(X[150:], y[150:])
    stacked = np.vstack([X[:150] * 3.0, X[150:]])
    unsmoothed = GaussianNB(var_smoothing=0.0).fit(stacked, y)
    np.testing.assert_allclose(model.var_, unsmoothed.var_ + 1e-2 * np.var(X[150:], axis=0).max(), rtol=TOL)


DISCRETE_OPTIONS = [{}, {"alpha": 0.3, "fit_prior": False}, {"class_prior": [0.2, 0.3, 0.5]}]


@pytest.mark.parametrize(
    "name, options",
    [("MultinomialNB", options) for options in DISCRETE_OPTIONS]
    + [("MultinomialNB", {"alpha": np.linspace(0.1, 2, 12)})]  # per-feature smoothing
    + [("BernoulliNB", {**options, "binarize": 1.0}) for options in DISCRETE_OPTIONS],
)
def test_discrete_matches_sklearn(count_data, name, options):
    X, y, weights = count_data
    ours = {"MultinomialNB": MultinomialNB, "BernoulliNB": BernoulliNB}[name](**options).fit(X, y, sample_weight=weights)
    theirs = getattr(sk_naive_bayes, name)(**options).fit(X, y, sample_weight=weights)
    for attribute in ("class_count_", "feature_count_", "feature_log_prob_", "class_log_prior_"):
        np.testing.assert_allclose(getattr(ours, attribute), getattr(theirs, attribute), rtol=TOL, atol=TOL)
    assert_same_predictions(ours, theirs, X)


@pytest.mark.parametrize("name", ["MultinomialNB", "BernoulliNB"])
def test_discrete_partial_fit_matches_sklearn(count_data, name):
    X, y, _ = count_data
    ours = {"MultinomialNB": MultinomialNB, "BernoulliNB": BernoulliNB}[name]()
    theirs = getattr(sk_naive_bayes, name)()
    for rows in (slice(0, 120), slice(120, 300)):
        ours.partial_fit(X[rows], y[rows], classes=[0, 1, 2])
        theirs.partial_fit(X[rows], y[rows], classes=[0, 1, 2])
    np.testing.assert_allclose(ours.feature_log_prob_, theirs.feature_log_prob_, rtol=TOL, atol=TOL)
    assert_same_predictions(ours, theirs, X)


def test_bernoulli_per_feature_alpha_follows_the_formula(count_data):
    # scikit-learn's BernoulliNB cannot broadcast a per-feature alpha (class_count_ + 2 alpha), so
    # check p_cj = (N_cj + a_j) / (n_c + 2 a_j) directly.
    X, y, _ = count_data
    alpha = np.linspace(0.1, 2, 12)
    model = BernoulliNB(alpha=alpha).fit(X, y)
    present = np.stack([(X[y == c] > 0).sum(axis=0) for c in range(3)])  # (3, 12)
    totals = np.bincount(y)[:, None]  # (3, 1)
    np.testing.assert_allclose(np.exp(model.feature_log_prob_), (present + alpha) / (totals + 2 * alpha), rtol=TOL)


def test_bernoulli_binarize_none_takes_x_as_given():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]])
    y = np.array([0, 1, 1, 0])
    ours = BernoulliNB(binarize=None).fit(X, y)
    theirs = sk_naive_bayes.BernoulliNB(binarize=None).fit(X, y)
    assert_same_predictions(ours, theirs, X)


def test_errors(gaussian_data, count_data):
    X, y, _ = gaussian_data
    counts, count_labels, _ = count_data
    with pytest.raises(NotFittedError):
        GaussianNB().predict(X)
    with pytest.raises(ValueError, match="Number of priors must match number of classes"):
        GaussianNB(priors=[0.5, 0.5]).fit(X, y)
    with pytest.raises(ValueError, match="The sum of the priors should be 1"):
        GaussianNB(priors=[0.5, 0.5, 0.5]).fit(X, y)
    with pytest.raises(ValueError, match="Priors must be non-negative"):
        GaussianNB(priors=[1.5, -0.5, 0.0]).fit(X, y)
    with pytest.raises(ValueError, match="classes must be passed on the first call"):
        GaussianNB().partial_fit(X, y)
    with pytest.raises(ValueError, match=r"The target label\(s\) \[2\] in y do not exist"):
        GaussianNB().partial_fit(X, y, classes=[0, 1])
    with pytest.raises(ValueError, match="X has 5 features"):
        GaussianNB().fit(X, y).predict(X[:, :5])
    with pytest.raises(ValueError, match="Negative values in data passed to MultinomialNB"):
        MultinomialNB().fit(-counts, count_labels)
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        MultinomialNB(alpha=-1.0).fit(counts, count_labels)
    with pytest.raises(ValueError, match="it should contains `n_features`"):
        BernoulliNB(alpha=[1.0, 2.0]).fit(counts, count_labels)
    with pytest.warns(UserWarning, match="alpha too small"):
        MultinomialNB(alpha=0.0, force_alpha=False).fit(counts, count_labels)
