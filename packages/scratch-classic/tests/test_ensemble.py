"""Random forests, gradient boosting and AdaBoost against scikit-learn on the same data.

Boosting is deterministic given the trees, and on tie-free data our trees split exactly as
scikit-learn's, so boosting is compared value for value. Forests draw from a different random
stream than scikit-learn's, so they are compared by accuracy / R^2 / oob score.
"""

import numpy as np
import pytest
from sklearn import ensemble as sk_ensemble
from sklearn.datasets import make_classification, make_regression

from scratch_classic.ensemble import (
    AdaBoostClassifier,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from scratch_classic.exceptions import NotFittedError
from scratch_classic.tree import DecisionTreeClassifier, DecisionTreeRegressor

# Boosting: same splits, same leaf formulas; only summation order differs (values ~1-100).
BOOSTING_TOL = 1e-8
ADABOOST_TOL = 1e-10


@pytest.fixture(scope="module")
def regression():
    X, y = make_regression(n_samples=300, n_features=5, noise=1.0, random_state=0)
    return X, y


@pytest.fixture(scope="module")
def classification3():
    X, y = make_classification(n_samples=1200, n_features=10, n_informative=6, n_classes=3, random_state=0)
    return X[:800], y[:800], X[800:], y[800:]


@pytest.mark.parametrize(
    "options",
    [{}, {"max_depth": 2, "learning_rate": 0.3}, {"min_samples_leaf": 10}],
)
def test_gradient_boosting_regressor_matches_sklearn(regression, options):
    X, y = regression
    weights = np.random.default_rng(0).random(len(y)) + 0.5
    ours = GradientBoostingRegressor(n_estimators=40, random_state=0, **options).fit(X, y, sample_weight=weights)
    theirs = sk_ensemble.GradientBoostingRegressor(n_estimators=40, random_state=0, **options).fit(
        X, y, sample_weight=weights
    )
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=BOOSTING_TOL, atol=BOOSTING_TOL)
    np.testing.assert_allclose(ours.train_score_, theirs.train_score_, rtol=BOOSTING_TOL)
    assert ours.estimators_.shape == theirs.estimators_.shape == (40, 1)
    first_ours, first_theirs = ours.estimators_[0, 0].tree_, theirs.estimators_[0, 0].tree_
    np.testing.assert_array_equal(first_ours.feature, first_theirs.feature)
    np.testing.assert_allclose(first_ours.threshold, first_theirs.threshold, rtol=0, atol=0)
    if options.get("min_samples_leaf"):
        # big leaves: no two features ever induce the same partition, so every tree is identical
        # (tiny nodes can be split equally well by several features, picked by each RNG's order)
        np.testing.assert_allclose(ours.feature_importances_, theirs.feature_importances_, rtol=BOOSTING_TOL)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_gradient_boosting_classifier_matches_sklearn(n_classes):
    X, y = make_classification(n_samples=300, n_features=6, n_informative=4, n_classes=n_classes, random_state=1)
    weights = np.random.default_rng(1).random(len(y)) + 0.5
    labels = np.array(["ant", "bee", "cow"])[y]
    ours = GradientBoostingClassifier(n_estimators=30, random_state=0).fit(X, labels, sample_weight=weights)
    theirs = sk_ensemble.GradientBoostingClassifier(n_estimators=30, random_state=0).fit(X, labels, sample_weight=weights)
    assert ours.estimators_.shape == theirs.estimators_.shape == (30, 1 if n_classes == 2 else n_classes)
    np.testing.assert_allclose(ours.decision_function(X), theirs.decision_function(X), rtol=BOOSTING_TOL, atol=BOOSTING_TOL)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=BOOSTING_TOL)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_allclose(ours.train_score_, theirs.train_score_, rtol=BOOSTING_TOL)
    # the Newton leaf values were written into the trees, as scikit-learn does
    np.testing.assert_allclose(
        ours.estimators_[5, 0].tree_.value, theirs.estimators_[5, 0].tree_.value, rtol=BOOSTING_TOL, atol=BOOSTING_TOL
    )


def test_gradient_boosting_subsample_tracks_out_of_bag_loss(regression):
    X, y = regression
    model = GradientBoostingRegressor(n_estimators=30, subsample=0.5, random_state=3).fit(X, y)
    assert model.oob_scores_.shape == model.oob_improvement_.shape == (30,)
    assert model.oob_score_ == model.oob_scores_[-1]
    assert model.oob_scores_[-1] < model.oob_scores_[0]  # held-out loss falls as trees are added
    again = GradientBoostingRegressor(n_estimators=30, subsample=0.5, random_state=3).fit(X, y)
    np.testing.assert_array_equal(model.predict(X), again.predict(X))
    # its test R^2 is as good as scikit-learn's with the same settings (different subsamples)
    theirs = sk_ensemble.GradientBoostingRegressor(n_estimators=30, subsample=0.5, random_state=3).fit(X[:200], y[:200])
    ours = GradientBoostingRegressor(n_estimators=30, subsample=0.5, random_state=3).fit(X[:200], y[:200])
    assert ours.score(X[200:], y[200:]) == pytest.approx(theirs.score(X[200:], y[200:]), abs=0.03)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_adaboost_samme_matches_sklearn(n_classes):
    X, y = make_classification(n_samples=300, n_features=6, n_informative=4, n_classes=n_classes, random_state=2)
    ours = AdaBoostClassifier(n_estimators=30, random_state=0).fit(X, y)
    theirs = sk_ensemble.AdaBoostClassifier(n_estimators=30, random_state=0).fit(X, y)
    assert len(ours.estimators_) == len(theirs.estimators_) == 30
    np.testing.assert_allclose(ours.estimator_weights_, theirs.estimator_weights_, rtol=ADABOOST_TOL, atol=ADABOOST_TOL)
    np.testing.assert_allclose(ours.estimator_errors_, theirs.estimator_errors_, rtol=ADABOOST_TOL, atol=ADABOOST_TOL)
    np.testing.assert_allclose(ours.decision_function(X), theirs.decision_function(X), atol=ADABOOST_TOL)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=ADABOOST_TOL)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


def test_adaboost_with_a_deeper_estimator_and_learning_rate_matches_sklearn():
    from sklearn.tree import DecisionTreeClassifier as SkTree

    X, y = make_classification(n_samples=300, n_features=6, n_informative=4, n_classes=3, random_state=4)
    ours = AdaBoostClassifier(DecisionTreeClassifier(max_depth=2), n_estimators=15, learning_rate=0.5,
                              random_state=0).fit(X, y)
    theirs = sk_ensemble.AdaBoostClassifier(SkTree(max_depth=2), n_estimators=15, learning_rate=0.5,
                                            random_state=0).fit(X, y)
    np.testing.assert_allclose(ours.estimator_weights_, theirs.estimator_weights_, rtol=ADABOOST_TOL)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=ADABOOST_TOL)


def test_adaboost_stops_at_a_perfect_learner():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0, 0, 1, 1])
    model = AdaBoostClassifier(n_estimators=10).fit(X, y)
    assert len(model.estimators_) == 1
    np.testing.assert_array_equal(model.estimator_weights_, [1.0] + [0.0] * 9)
    np.testing.assert_array_equal(model.predict(X), y)


def test_random_forest_classifier_is_as_accurate_as_sklearn(classification3):
    X, y, X_test, y_test = classification3
    ours = RandomForestClassifier(n_estimators=60, oob_score=True, random_state=0).fit(X, y)
    theirs = sk_ensemble.RandomForestClassifier(n_estimators=60, oob_score=True, random_state=0).fit(X, y)
    # different bootstrap/feature draws: within 2 points of accuracy and of oob accuracy
    assert ours.score(X_test, y_test) == pytest.approx(theirs.score(X_test, y_test), abs=0.02)
    assert ours.oob_score_ == pytest.approx(theirs.oob_score_, abs=0.02)
    assert ours.oob_decision_function_.shape == (len(X), 3)
    np.testing.assert_allclose(ours.oob_decision_function_.sum(axis=1), 1.0)
    np.testing.assert_allclose(ours.predict_proba(X_test).sum(axis=1), 1.0)
    # the informative features rank alike: importances within 0.03 each
    np.testing.assert_allclose(ours.feature_importances_, theirs.feature_importances_, atol=0.03)
    assert ours.feature_importances_.sum() == pytest.approx(1.0)


def test_random_forest_regressor_is_as_good_as_sklearn():
    X, y = make_regression(n_samples=900, n_features=8, n_informative=5, noise=5.0, random_state=1)
    ours = RandomForestRegressor(n_estimators=40, oob_score=True, random_state=0).fit(X[:600], y[:600])
    theirs = sk_ensemble.RandomForestRegressor(n_estimators=40, oob_score=True, random_state=0).fit(X[:600], y[:600])
    # R^2 ~0.85 on both: within 2 points, oob R^2 as well
    assert ours.score(X[600:], y[600:]) == pytest.approx(theirs.score(X[600:], y[600:]), abs=0.02)
    assert ours.oob_score_ == pytest.approx(theirs.oob_score_, abs=0.02)
    assert ours.oob_prediction_.shape == (600,)


def test_random_forest_is_reproducible_and_independent_of_n_jobs(classification3):
    X, y, X_test, _ = classification3
    serial = RandomForestClassifier(n_estimators=8, random_state=5, oob_score=True).fit(X, y)
    parallel = RandomForestClassifier(n_estimators=8, random_state=5, oob_score=True, n_jobs=2).fit(X, y)
    np.testing.assert_array_equal(serial.predict_proba(X_test), parallel.predict_proba(X_test))
    np.testing.assert_array_equal(serial.oob_decision_function_, parallel.oob_decision_function_)
    other_seed = RandomForestClassifier(n_estimators=8, random_state=6).fit(X, y)
    assert not np.array_equal(serial.predict_proba(X_test), other_seed.predict_proba(X_test))


def test_random_forest_without_bootstrap_grows_identical_full_trees():
    # every tree sees all rows and all features: only the feature visiting order differs, so
    # without ties every tree equals a single tree. Continuous targets and leaves of >= 5 rows keep
    # split scores tie-free (gini on integer counts, or tiny nodes, can tie across features).
    X, y = make_regression(n_samples=300, n_features=6, noise=1.0, random_state=3)
    forest = RandomForestRegressor(n_estimators=3, bootstrap=False, min_samples_leaf=5, random_state=0).fit(X, y)
    single = DecisionTreeRegressor(min_samples_leaf=5, random_state=0).fit(X, y)
    # the mean of three equal leaf values rounds in the last bit only
    np.testing.assert_allclose(forest.predict(X), single.predict(X), rtol=1e-12)


def test_errors(classification3, regression):
    X, y, _, _ = classification3
    with pytest.raises(NotFittedError):
        RandomForestClassifier().predict(X)
    with pytest.raises(NotFittedError):
        GradientBoostingClassifier().predict(X)
    with pytest.raises(ValueError, match="Out of bag estimation only available if bootstrap=True"):
        RandomForestClassifier(bootstrap=False, oob_score=True).fit(X, y)
    with pytest.raises(ValueError, match="n_estimators must be an integer >= 1"):
        RandomForestRegressor(n_estimators=0).fit(*regression)
    with pytest.raises(ValueError, match="loss must be one of \\['squared_error'\\]"):
        GradientBoostingRegressor(loss="huber").fit(*regression)
    with pytest.raises(ValueError, match="criterion must be one of"):
        GradientBoostingRegressor(criterion="absolute_error").fit(*regression)
    with pytest.raises(ValueError, match="subsample must be in"):
        GradientBoostingClassifier(subsample=0.0).fit(X, y)
    with pytest.raises(ValueError, match="algorithm must be 'SAMME'"):
        AdaBoostClassifier(algorithm="SAMME.R").fit(X, y)
    with pytest.raises(ValueError, match="X has 9 features"):
        RandomForestClassifier(n_estimators=2).fit(X, y).predict(X[:, :9])
    with pytest.raises(ValueError, match="worse than random"):
        # a stump on labels it cannot separate at all (identical rows) is no better than chance
        AdaBoostClassifier().fit(np.zeros((6, 1)), [0, 1, 0, 1, 0, 1])
