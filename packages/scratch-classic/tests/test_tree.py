"""Decision trees against scikit-learn: the same tree, node for node, on tie-free data.

Ties: when two splits are equally good (e.g. two features that separate a small node the same
way, or class counts that coincide), both libraries break the tie by a random feature order, so
equal trees are only expected when no node has a tie. The data below are continuous random
features and the configurations keep nodes large enough (depth / leaf-size limits) to have none.
"""

import numpy as np
import pytest
from scratch_classic.exceptions import NotFittedError
from scratch_classic.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text
from sklearn import tree as sk_tree
from sklearn.datasets import load_iris, make_classification, make_regression

TREE_ARRAYS = ["children_left", "children_right", "feature", "n_node_samples"]


@pytest.fixture(scope="module")
def classification_data():
    X, y = make_classification(
        n_samples=1500, n_features=8, n_informative=5, n_classes=3, flip_y=0.1, random_state=0
    )
    return X, y


@pytest.fixture(scope="module")
def regression_data():
    X, y = make_regression(n_samples=800, n_features=6, noise=5.0, random_state=0)
    return X, y


@pytest.fixture(scope="module")
def weights():
    return np.random.default_rng(0).uniform(0.5, 2.0, 1500)


def assert_same_tree(ours, theirs, X):
    a, b = ours.tree_, theirs.tree_
    assert a.node_count == b.node_count
    for name in TREE_ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    # thresholds are midpoints of the same float32 values, computed the same way: to 1e-12
    np.testing.assert_allclose(a.threshold, b.threshold, rtol=0, atol=1e-12)
    # value / impurity / weights come from sums taken in a different order: round-off only
    np.testing.assert_allclose(a.value, b.value, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(a.impurity, b.impurity, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(a.weighted_n_node_samples, b.weighted_n_node_samples, rtol=1e-12)
    np.testing.assert_allclose(
        ours.feature_importances_, theirs.feature_importances_, rtol=0, atol=1e-12
    )
    assert ours.get_depth() == theirs.get_depth() and ours.get_n_leaves() == theirs.get_n_leaves()
    np.testing.assert_array_equal(ours.apply(X), theirs.apply(X))
    # the same leaves; a regressor's leaf means differ by round-off only
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-12)
    assert export_text(ours) == sk_tree.export_text(theirs)


CLASSIFIER_CASES = [
    ("gini", {"max_depth": 4}),
    ("gini", {"min_samples_split": 200}),
    ("gini", {"min_impurity_decrease": 0.005}),
    ("gini", {"min_samples_leaf": 0.03, "max_depth": 8}),
    ("gini", {"min_weight_fraction_leaf": 0.05}),
    ("entropy", {"min_samples_leaf": 40}),
    ("entropy", {"min_samples_split": 0.1}),
    ("log_loss", {"max_depth": 4}),
]


@pytest.mark.parametrize(("criterion", "params"), CLASSIFIER_CASES)
def test_classifier_grows_sklearns_tree(classification_data, criterion, params):
    X, y = classification_data
    ours = DecisionTreeClassifier(criterion=criterion, random_state=0, **params).fit(X, y)
    theirs = sk_tree.DecisionTreeClassifier(criterion=criterion, random_state=0, **params).fit(X, y)
    assert_same_tree(ours, theirs, X)
    np.testing.assert_allclose(
        ours.predict_proba(X), theirs.predict_proba(X), rtol=1e-12, atol=1e-12
    )


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
def test_classifier_with_sample_weight_grows_sklearns_tree(classification_data, weights, criterion):
    X, y = classification_data
    ours = DecisionTreeClassifier(criterion=criterion, max_depth=4, random_state=0).fit(
        X, y, sample_weight=weights
    )
    theirs = sk_tree.DecisionTreeClassifier(criterion=criterion, max_depth=4, random_state=0).fit(
        X, y, sample_weight=weights
    )
    assert_same_tree(ours, theirs, X)


@pytest.mark.parametrize(
    "params",
    [
        {"max_depth": 5},
        {"min_samples_leaf": 10},
        {"min_samples_split": 40, "max_depth": 9},
        {"min_impurity_decrease": 20.0, "min_samples_leaf": 5},
    ],
)
def test_regressor_grows_sklearns_tree(regression_data, params):
    X, y = regression_data
    ours = DecisionTreeRegressor(random_state=0, **params).fit(X, y)
    theirs = sk_tree.DecisionTreeRegressor(random_state=0, **params).fit(X, y)
    assert_same_tree(ours, theirs, X)
    np.testing.assert_allclose(ours.score(X, y), theirs.score(X, y), rtol=1e-12)


def test_regressor_with_sample_weight_grows_sklearns_tree(regression_data, weights):
    X, y = regression_data
    sample_weight = weights[: len(y)]
    ours = DecisionTreeRegressor(min_samples_leaf=8, random_state=0).fit(
        X, y, sample_weight=sample_weight
    )
    theirs = sk_tree.DecisionTreeRegressor(min_samples_leaf=8, random_state=0).fit(
        X, y, sample_weight=sample_weight
    )
    assert_same_tree(ours, theirs, X)


def test_zero_weights_act_like_bootstrap_out_of_bag_samples(classification_data):
    # RandomForest's bootstrap gives many samples weight 0; they must not be split on as if present
    X, y = classification_data
    counts = np.random.default_rng(3).multinomial(len(y), np.full(len(y), 1 / len(y))).astype(float)
    ours = DecisionTreeClassifier(max_depth=5, random_state=0).fit(X, y, sample_weight=counts)
    theirs = sk_tree.DecisionTreeClassifier(max_depth=5, random_state=0).fit(
        X, y, sample_weight=counts
    )
    assert_same_tree(ours, theirs, X)
    assert ours.tree_.n_node_samples[0] == np.count_nonzero(counts)  # weight-0 rows are left out


def test_integer_weights_equal_repeating_the_samples(regression_data):
    X, y = regression_data
    repeats = np.random.default_rng(2).integers(1, 4, len(y))
    # (min_samples_leaf counts rows, not weight, so only a depth limit treats both fits alike)
    weighted = DecisionTreeRegressor(max_depth=5, random_state=0).fit(X, y, sample_weight=repeats)
    repeated = DecisionTreeRegressor(max_depth=5, random_state=0).fit(
        np.repeat(X, repeats, 0), np.repeat(y, repeats)
    )
    np.testing.assert_array_equal(weighted.tree_.feature, repeated.tree_.feature)
    np.testing.assert_allclose(
        weighted.tree_.threshold, repeated.tree_.threshold, rtol=0, atol=1e-12
    )
    # sums in a different order: round-off only
    np.testing.assert_allclose(weighted.tree_.value, repeated.tree_.value, rtol=1e-10)
    np.testing.assert_allclose(
        weighted.tree_.weighted_n_node_samples, repeated.tree_.n_node_samples, rtol=1e-12
    )


def test_fully_grown_classifier_has_pure_leaves_and_matches_sklearns_size(classification_data):
    # ties abound in tiny nodes, so only tie-insensitive facts are compared for a full tree
    X, y = classification_data
    ours = DecisionTreeClassifier(random_state=0).fit(X, y)
    theirs = sk_tree.DecisionTreeClassifier(random_state=0).fit(X, y)
    leaves = ours.tree_.children_left == -1
    assert np.all(ours.tree_.impurity[leaves] == 0.0)
    assert ours.score(X, y) == 1.0
    # a different tie-break changes the tree a little: node counts within 5%
    assert abs(ours.tree_.node_count - theirs.tree_.node_count) <= 0.05 * theirs.tree_.node_count


def test_string_labels_round_trip_through_classes_(classification_data):
    X, y = classification_data
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    ours = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, names)
    theirs = sk_tree.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, names)
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    assert ours.n_classes_ == 3
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert export_text(ours) == sk_tree.export_text(theirs)


def test_constant_features_are_never_split_on(classification_data):
    X, y = classification_data
    X = np.column_stack([np.ones(len(y)), X[:, :4], np.full(len(y), -3.0)])
    ours = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    theirs = sk_tree.DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    assert_same_tree(ours, theirs, X)
    assert not np.isin([0, 5], ours.tree_.feature).any()


def test_single_class_gives_one_leaf_like_sklearn():
    X = np.random.default_rng(0).normal(size=(20, 3))
    y = np.full(20, 7)
    ours = DecisionTreeClassifier().fit(X, y)
    theirs = sk_tree.DecisionTreeClassifier().fit(X, y)
    assert ours.tree_.node_count == theirs.tree_.node_count == 1
    assert ours.get_depth() == 0 and ours.get_n_leaves() == 1
    np.testing.assert_array_equal(ours.predict_proba(X), theirs.predict_proba(X))
    np.testing.assert_array_equal(ours.feature_importances_, theirs.feature_importances_)


@pytest.mark.parametrize("max_features", ["sqrt", "log2", 3, 0.5, None, 100])
def test_max_features_resolves_like_sklearn(classification_data, max_features):
    X, y = classification_data
    ours = DecisionTreeClassifier(max_features=max_features, max_depth=2, random_state=0).fit(X, y)
    theirs = sk_tree.DecisionTreeClassifier(
        max_features=max_features, max_depth=2, random_state=0
    ).fit(X, y)
    assert ours.max_features_ == theirs.max_features_


def test_random_feature_subsets_are_reproducible_and_as_accurate_as_sklearns():
    X, y = make_classification(n_samples=2000, n_features=20, n_informative=8, random_state=3)
    X_train, X_test, y_train, y_test = X[:1500], X[1500:], y[:1500], y[1500:]
    first = DecisionTreeClassifier(max_features="sqrt", random_state=5).fit(X_train, y_train)
    again = DecisionTreeClassifier(max_features="sqrt", random_state=5).fit(X_train, y_train)
    np.testing.assert_array_equal(first.tree_.feature, again.tree_.feature)
    other = DecisionTreeClassifier(max_features="sqrt", random_state=6).fit(X_train, y_train)
    assert not np.array_equal(first.tree_.feature, other.tree_.feature)  # the seed matters

    seeds = range(8)
    ours = np.mean(
        [
            DecisionTreeClassifier(max_features="sqrt", random_state=s)
            .fit(X_train, y_train)
            .score(X_test, y_test)
            for s in seeds
        ]
    )
    theirs = np.mean(
        [
            sk_tree.DecisionTreeClassifier(max_features="sqrt", random_state=s)
            .fit(X_train, y_train)
            .score(X_test, y_test)
            for s in seeds
        ]
    )
    # single random trees vary by a few points; their mean over 8 seeds agrees within 2 points
    assert abs(ours - theirs) < 0.02


def test_random_feature_subsets_regression_as_accurate_as_sklearns():
    X, y = make_regression(
        n_samples=1200, n_features=12, n_informative=6, noise=10.0, random_state=4
    )
    X_train, X_test, y_train, y_test = X[:900], X[900:], y[:900], y[900:]
    seeds = range(8)
    ours = np.mean(
        [
            DecisionTreeRegressor(max_features=0.5, min_samples_leaf=3, random_state=s)
            .fit(X_train, y_train)
            .score(X_test, y_test)
            for s in seeds
        ]
    )
    theirs = np.mean(
        [
            sk_tree.DecisionTreeRegressor(max_features=0.5, min_samples_leaf=3, random_state=s)
            .fit(X_train, y_train)
            .score(X_test, y_test)
            for s in seeds
        ]
    )
    # mean test R^2 over 8 seeds agrees within 0.03
    assert abs(ours - theirs) < 0.03


def test_leaf_values_can_be_rewritten_for_boosting(regression_data):
    X, y = regression_data
    model = DecisionTreeRegressor(max_depth=3).fit(X, y)
    leaves = model.apply(X)
    model.tree_.value[:, 0, 0] = np.arange(model.tree_.node_count)
    np.testing.assert_array_equal(model.predict(X), leaves)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"feature_names": ["a", "b", "c", "d"], "decimals": 4},
        {"show_weights": True},
        {"max_depth": 1},
        {"spacing": 5},
        {"class_names": ["x", "y", "z"]},
    ],
)
def test_export_text_matches_sklearn_character_for_character(classification_data, options):
    # (not iris: its root has a tie, petal length vs width, that each library breaks its own way)
    X, y = classification_data
    X = X[:, :4]
    ours = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    theirs = sk_tree.DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    assert export_text(ours, **options) == sk_tree.export_text(theirs, **options)


def test_export_text_of_a_regressor_matches_sklearn(regression_data):
    X, y = regression_data
    ours = DecisionTreeRegressor(max_depth=4, random_state=0).fit(X, y)
    theirs = sk_tree.DecisionTreeRegressor(max_depth=4, random_state=0).fit(X, y)
    assert export_text(ours, max_depth=2, decimals=3) == sk_tree.export_text(
        theirs, max_depth=2, decimals=3
    )


def test_export_text_rejects_wrong_name_counts():
    X, y = load_iris(return_X_y=True)
    model = DecisionTreeClassifier(max_depth=2).fit(X, y)
    with pytest.raises(ValueError, match="feature_names must contain 4 elements, got 2"):
        export_text(model, feature_names=["a", "b"])
    with pytest.raises(ValueError, match="as many items as `decision_tree.classes_`"):
        export_text(model, class_names=["a"])
    with pytest.raises(NotFittedError):
        export_text(DecisionTreeClassifier())


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"criterion": "foo"}, r"criterion must be one of \['entropy', 'gini', 'log_loss'\]"),
        ({"max_depth": 0}, "max_depth must be None or an int >= 1"),
        ({"min_samples_split": 1}, "min_samples_split must be an int >= 2 or a float in"),
        ({"min_samples_leaf": 0}, "min_samples_leaf must be an int >= 1"),
        ({"min_samples_leaf": 1.0}, r"min_samples_leaf must be .* a float in \(0.0, 1.0\)"),
        ({"max_features": "foo"}, "max_features must be None, 'sqrt', 'log2'"),
        ({"max_features": 0}, "max_features must be None"),
        ({"min_impurity_decrease": -1.0}, "min_impurity_decrease must be a number in"),
        ({"min_weight_fraction_leaf": 0.6}, "min_weight_fraction_leaf must be a number in"),
    ],
)
def test_invalid_hyper_parameters_raise_in_fit(params, match):
    X, y = load_iris(return_X_y=True)
    model = DecisionTreeClassifier(**params)  # __init__ only stores them
    with pytest.raises(ValueError, match=match):
        model.fit(X, y)


def test_regressor_rejects_classification_criteria():
    X, y = make_regression(n_samples=20, n_features=2, random_state=0)
    with pytest.raises(ValueError, match=r"criterion must be one of \['squared_error'\]"):
        DecisionTreeRegressor(criterion="gini").fit(X, y)


def test_bad_inputs_raise_clear_errors():
    X, y = load_iris(return_X_y=True)
    with pytest.raises(NotFittedError, match="not fitted yet"):
        DecisionTreeClassifier().predict(X)
    model = DecisionTreeClassifier(max_depth=2).fit(X, y)
    with pytest.raises(
        ValueError, match="X has 3 features, but DecisionTreeClassifier is expecting 4"
    ):
        model.predict(X[:, :3])
    with pytest.raises(ValueError, match="X has 3 features"):
        model.apply(X[:, :3])
    X_nan = X.copy()
    X_nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        DecisionTreeClassifier().fit(X_nan, y)
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        DecisionTreeClassifier().fit(X, y + 0.5)
    with pytest.raises(ValueError, match="sample_weight.shape"):
        DecisionTreeClassifier().fit(X, y, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="at least one positive weight"):
        DecisionTreeClassifier().fit(X, y, sample_weight=np.zeros(len(y)))


def test_refit_overwrites_and_fit_returns_self(classification_data, regression_data):
    X, y = classification_data
    model = DecisionTreeClassifier(max_depth=2)
    assert model.fit(X, y) is model
    model.fit(X[:, :3], y % 2)
    assert model.n_features_in_ == 3 and model.n_classes_ == 2 and model.tree_.n_features == 3


def test_split_search_in_feature_chunks_finds_the_same_tree(classification_data, monkeypatch):
    # big nodes x many classes are searched a few features at a time to bound memory
    from scratch_classic.tree import _splitter

    monkeypatch.setattr(_splitter, "_CHUNK_ELEMENTS", 3000)  # 1 or 2 features per chunk here
    X, y = classification_data
    ours = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    theirs = sk_tree.DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    assert_same_tree(ours, theirs, X)
