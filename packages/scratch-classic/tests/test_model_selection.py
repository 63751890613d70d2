"""scratch_classic.model_selection beside sklearn.model_selection on the same inputs.

- Unshuffled KFold / StratifiedKFold / train_test_split: index arrays identical to sklearn's.
- Shuffled splitters draw from numpy's Generator (sklearn uses RandomState), so we test the
  properties: disjoint, covering, the same sizes, the same per-class counts as sklearn's.
- Cross-validation and searches over the same splits: scores equal to sklearn's to 1e-10
  (Ridge: two closed-form solvers agree to ~1e-15, so R^2 over a fold agrees to far below that
  tolerance); accuracies of deterministic classifiers exactly. Same best_params_, same ranks.
- n_jobs=2 and a joblib backend give exactly the n_jobs=1 results.
"""

import warnings

import joblib
import numpy as np
import pytest
import scipy.stats
import sklearn.linear_model
import sklearn.model_selection
import sklearn.naive_bayes
import sklearn.neighbors
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scratch_classic import NotFittedError
from scratch_classic.base import is_classifier, is_regressor
from scratch_classic.linear_model import LogisticRegression, Ridge
from scratch_classic.model_selection import (
    FitFailedWarning,
    GridSearchCV,
    KFold,
    ParameterGrid,
    ParameterSampler,
    RandomizedSearchCV,
    ShuffleSplit,
    StratifiedKFold,
    StratifiedShuffleSplit,
    check_cv,
    cross_val_score,
    cross_validate,
    learning_curve,
    train_test_split,
    validation_curve,
)
from scratch_classic.naive_bayes import GaussianNB
from scratch_classic.neighbors import KNeighborsClassifier

SCORE_TOL = 1e-10  # scores of two implementations of the same fit on the same split


def regression_data(n=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 4))
    return X, X @ [1.0, 2.0, 0.0, -1.0] + 0.8 * rng.standard_normal(n)


def classification_data(n=60, seed=1, n_classes=3):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, n)
    return rng.standard_normal((n, 3)) + 1.2 * (y[:, None] == np.arange(3)), y


def assert_partition(splits, n_samples, disjoint_tests=True):
    """Each (train, test) is disjoint and covers all samples; test folds partition the samples."""
    for train, test in splits:
        assert len(np.intersect1d(train, test)) == 0
        assert np.array_equal(np.sort(np.r_[train, test]), np.arange(n_samples))
    if disjoint_tests:
        assert np.array_equal(
            np.sort(np.concatenate([test for _, test in splits])), np.arange(n_samples)
        )


# -- K-fold splitters --


@pytest.mark.parametrize("n_samples", [5, 10, 17])
@pytest.mark.parametrize("n_splits", [2, 3, 5])
def test_kfold_indices_are_sklearns(n_samples, n_splits):
    X = np.zeros((n_samples, 1))
    ours = list(KFold(n_splits).split(X))
    theirs = list(sklearn.model_selection.KFold(n_splits).split(X))
    assert len(ours) == len(theirs) == n_splits
    for (our_train, our_test), (their_train, their_test) in zip(ours, theirs):
        np.testing.assert_array_equal(our_train, their_train)
        np.testing.assert_array_equal(our_test, their_test)


@settings(max_examples=50, deadline=None)
@given(
    y=arrays(np.int64, st.integers(6, 40), elements=st.integers(0, 3)),
    n_splits=st.integers(2, 5),
    as_strings=st.booleans(),
)
def test_stratified_kfold_indices_are_sklearns(y, n_splits, as_strings):
    y = np.array(["c", "a", "d", "b"])[y] if as_strings else y
    X = np.zeros((len(y), 2))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = list(sklearn.model_selection.StratifiedKFold(n_splits).split(X, y))
    except ValueError:  # n_splits larger than every class: we must refuse too
        with pytest.raises(
            ValueError, match=r"cannot be greater than the number of members in each class|n_splits"
        ):
            list(StratifiedKFold(n_splits).split(X, y))
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = list(StratifiedKFold(n_splits).split(X, y))
    for (our_train, our_test), (their_train, their_test) in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(our_train, their_train)
        np.testing.assert_array_equal(our_test, their_test)


def test_shuffled_kfold_keeps_sklearns_fold_sizes_and_class_counts():
    X, y = classification_data(n=47)
    ours = list(KFold(4, shuffle=True, random_state=0).split(X))
    theirs = list(sklearn.model_selection.KFold(4, shuffle=True, random_state=0).split(X))
    assert_partition(ours, 47)
    assert [len(test) for _, test in ours] == [len(test) for _, test in theirs]
    ours = list(StratifiedKFold(4, shuffle=True, random_state=0).split(X, y))
    theirs = list(
        sklearn.model_selection.StratifiedKFold(4, shuffle=True, random_state=0).split(X, y)
    )
    assert_partition(ours, 47)
    for (_, our_test), (_, their_test) in zip(
        ours, theirs
    ):  # the allocation does not depend on the RNG
        np.testing.assert_array_equal(
            np.bincount(y[our_test], minlength=3), np.bincount(y[their_test], minlength=3)
        )
    again = list(StratifiedKFold(4, shuffle=True, random_state=0).split(X, y))
    other = list(StratifiedKFold(4, shuffle=True, random_state=1).split(X, y))
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(ours, again))
    assert not all(np.array_equal(a[1], b[1]) for a, b in zip(ours, other))


def test_kfold_errors():
    with pytest.raises(
        ValueError,
        match=r"Cannot have number of splits n_splits=5 greater than the number of samples: n_samples=3",
    ):
        list(KFold(5).split(np.zeros((3, 1))))
    with pytest.raises(ValueError, match=r"requires at least one train/test split"):
        KFold(1)
    with pytest.raises(ValueError, match=r"must be of Integral type"):
        KFold(2.5)
    with pytest.raises(TypeError, match=r"shuffle must be True or False"):
        KFold(3, shuffle="yes")
    with pytest.raises(
        ValueError, match=r"Setting a random_state has no effect since shuffle is False"
    ):
        StratifiedKFold(3, random_state=0)
    with pytest.raises(ValueError, match=r"Supported target types are"):
        list(StratifiedKFold(2).split(np.zeros((4, 1)), [0.5, 1.5, 2.5, 0.1]))
    with pytest.raises(ValueError, match=r"needs the class labels y"):
        list(StratifiedKFold(2).split(np.zeros((4, 1)), None))
    with pytest.warns(UserWarning, match=r"The least populated class in y has only 1 members"):
        list(StratifiedKFold(2).split(np.zeros((5, 1)), [0, 0, 0, 0, 1]))
    assert repr(KFold(3)) == "KFold(n_splits=3, random_state=None, shuffle=False)"


# -- shuffle splits and train_test_split --

SIZES = [(None, None), (0.25, None), (None, 0.6), (7, None), (None, 20), (0.3, 0.5), (5, 20)]


@pytest.mark.parametrize(("test_size", "train_size"), SIZES)
def test_shuffle_split_sizes_are_sklearns(test_size, train_size):
    X = np.zeros((37, 1))
    ours = list(
        ShuffleSplit(4, test_size=test_size, train_size=train_size, random_state=0).split(X)
    )
    theirs = list(
        sklearn.model_selection.ShuffleSplit(
            4, test_size=test_size, train_size=train_size, random_state=0
        ).split(X)
    )
    assert [(len(a), len(b)) for a, b in ours] == [(len(a), len(b)) for a, b in theirs]
    for train, test in ours:
        assert len(np.intersect1d(train, test)) == 0 and len(np.unique(train)) == len(train)
    again = list(
        ShuffleSplit(4, test_size=test_size, train_size=train_size, random_state=0).split(X)
    )
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(ours, again))


@pytest.mark.parametrize(("test_size", "train_size"), SIZES)
def test_stratified_shuffle_split_class_counts_are_sklearns(test_size, train_size):
    X, y = classification_data(n=37)
    splitter = StratifiedShuffleSplit(5, test_size=test_size, train_size=train_size, random_state=0)
    reference = sklearn.model_selection.StratifiedShuffleSplit(
        5, test_size=test_size, train_size=train_size, random_state=0
    )
    counts = np.bincount(y)
    for (train, test), (their_train, their_test) in zip(
        splitter.split(X, y), reference.split(X, y)
    ):
        assert (len(train), len(test)) == (len(their_train), len(their_test))
        assert len(np.intersect1d(train, test)) == 0
        for part, their_part in ((train, their_train), (test, their_test)):
            ours_per_class = np.bincount(y[part], minlength=3)
            # per class: within one of sklearn's count (they may break remainder ties differently)
            assert np.all(np.abs(ours_per_class - np.bincount(y[their_part], minlength=3)) <= 1)
            exact = counts / counts.sum() * len(part)
            assert np.all(np.abs(ours_per_class - exact) < 1 + 1e-9)


def test_stratified_shuffle_split_counts_equal_sklearns_without_ties():
    y = np.repeat([0, 1, 2], [10, 20, 30])  # exact shares 2, 4, 6 of a test set of 12
    X = np.zeros((60, 1))
    ((train, test),) = StratifiedShuffleSplit(1, test_size=12, random_state=0).split(X, y)
    ((their_train, their_test),) = sklearn.model_selection.StratifiedShuffleSplit(
        1, test_size=12, random_state=0
    ).split(X, y)
    np.testing.assert_array_equal(np.bincount(y[test]), np.bincount(y[their_test]))
    np.testing.assert_array_equal(np.bincount(y[train]), np.bincount(y[their_train]))


def test_train_test_split_keeps_rows_together_and_containers():
    X, y = classification_data(n=40)
    names = [f"sample{i}" for i in range(40)]
    X_train, X_test, y_train, y_test, names_train, names_test = train_test_split(
        X, y, names, random_state=0
    )
    theirs = sklearn.model_selection.train_test_split(X, y, names, random_state=0)
    assert [np.shape(part) for part in (X_train, X_test, y_train, y_test)] == [
        np.shape(p) for p in theirs[:4]
    ]
    assert isinstance(names_train, list) and isinstance(theirs[4], list)
    rows = [int(name[6:]) for name in names_train]
    np.testing.assert_array_equal(X_train, X[rows])
    np.testing.assert_array_equal(y_train, y[rows])
    assert sorted(rows + [int(name[6:]) for name in names_test]) == list(range(40))


def test_unshuffled_train_test_split_is_sklearns():
    X, y = regression_data(n=23)
    for ours, theirs in zip(
        train_test_split(X, y, test_size=0.3, shuffle=False),
        sklearn.model_selection.train_test_split(X, y, test_size=0.3, shuffle=False),
    ):
        np.testing.assert_array_equal(ours, theirs)


def test_stratified_train_test_split_keeps_class_proportions():
    y = np.repeat([0, 1, 2], [20, 40, 40])
    X = np.arange(100)[:, None]
    _, _, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=3)
    _, _, their_y_train, their_y_test = sklearn.model_selection.train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=3
    )
    np.testing.assert_array_equal(np.bincount(y_test), np.bincount(their_y_test))  # [5, 10, 10]
    np.testing.assert_array_equal(np.bincount(y_train), np.bincount(their_y_train))


def test_split_size_errors():
    X = np.zeros((10, 1))
    with pytest.raises(
        ValueError,
        match=r"test_size=10 should be either positive and smaller than the number of samples 10",
    ):
        train_test_split(X, test_size=10)
    with pytest.raises(ValueError, match=r"test_size=1\.5 should be either positive"):
        train_test_split(X, test_size=1.5)
    with pytest.raises(ValueError, match=r"The sum of test_size and train_size = 1\.2"):
        train_test_split(X, test_size=0.6, train_size=0.6)
    with pytest.raises(
        ValueError, match=r"The sum of train_size and test_size = 12, should be smaller"
    ):
        train_test_split(X, test_size=6, train_size=6)
    with pytest.raises(ValueError, match=r"resulting train set will be empty"):
        train_test_split(np.zeros((2, 1)), test_size=0.9)
    with pytest.raises(ValueError, match=r"Invalid value for a split size"):
        train_test_split(X, test_size="half")
    with pytest.raises(ValueError, match=r"At least one array required"):
        train_test_split()
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples: \[10, 9\]"):
        train_test_split(X, np.zeros(9))
    with pytest.raises(ValueError, match=r"not implemented for shuffle=False"):
        train_test_split(X, stratify=np.zeros(10), shuffle=False)
    with pytest.raises(ValueError, match=r"least populated classes in y have only 1 member"):
        train_test_split(X, stratify=[0] * 9 + [1])


def test_check_cv_follows_sklearn():
    _, y = classification_data(n=20)
    assert type(check_cv(3, y, classifier=True)) is StratifiedKFold
    assert type(check_cv(3, y, classifier=False)) is KFold
    assert type(check_cv(None, np.linspace(0, 1, 20), classifier=True)) is KFold  # continuous y
    assert check_cv(None).n_splits == 5
    splits = [(np.arange(10), np.arange(10, 20))]
    assert list(check_cv(iter(splits)).split()) == splits and check_cv(splits).get_n_splits() == 1
    with pytest.raises(ValueError, match=r"Expected `cv` as an integer"):
        check_cv("five")


# -- parameter grids and samplers --

GRIDS = [
    {"alpha": [0.1, 1.0, 10.0], "fit_intercept": [True, False]},
    [{"kernel": ["linear"], "C": [1, 10]}, {"kernel": ["rbf"], "C": [1], "gamma": [0.1, 1.0]}],
    {"b": np.array([3, 1]), "a": ["x"]},
    {},
]


@pytest.mark.parametrize(
    "grid", GRIDS, ids=["product", "list-of-grids", "array-values", "empty-dict"]
)
def test_parameter_grid_is_sklearns(grid):
    ours, theirs = ParameterGrid(grid), sklearn.model_selection.ParameterGrid(grid)
    assert len(ours) == len(theirs)
    assert list(ours) == list(theirs)
    assert [ours[i] for i in range(len(ours))] == list(theirs)
    with pytest.raises(IndexError):
        ours[len(ours)]


def test_parameter_grid_errors():
    with pytest.raises(
        TypeError, match=r"needs to be a list or a numpy array.*Single values need to be wrapped"
    ):
        ParameterGrid({"alpha": 1.0})
    with pytest.raises(TypeError, match=r"needs to be a list or a numpy array"):
        ParameterGrid({"kernel": "rbf"})
    with pytest.raises(ValueError, match=r"need to be a non-empty sequence"):
        ParameterGrid({"alpha": []})
    with pytest.raises(TypeError, match=r"Parameter grid is not a dict"):
        ParameterGrid([{"a": [1]}, [1, 2]])
    with pytest.raises(ValueError, match=r"should be one-dimensional"):
        ParameterGrid({"a": np.zeros((2, 2))})


def test_parameter_sampler_from_lists_samples_the_grid_without_replacement():
    grid = {"a": [1, 2, 3], "b": ["x", "y"]}
    points = list(ParameterSampler(grid, n_iter=4, random_state=0))
    assert len(points) == 4 and all(p in list(ParameterGrid(grid)) for p in points)
    assert len({tuple(sorted(p.items())) for p in points}) == 4
    assert points == list(ParameterSampler(grid, n_iter=4, random_state=0))
    with pytest.warns(
        UserWarning, match=r"The total space of parameters 6 is smaller than n_iter=10"
    ):
        assert len(list(ParameterSampler(grid, n_iter=10, random_state=0))) == 6
    assert len(ParameterSampler(grid, n_iter=10)) == 6


def test_parameter_sampler_draws_from_scipy_distributions():
    distributions = {
        "alpha": scipy.stats.loguniform(1e-3, 1e2),
        "degree": scipy.stats.randint(1, 4),
        "kind": ["a", "b"],
    }
    points = list(ParameterSampler(distributions, n_iter=20, random_state=5))
    assert len(points) == 20 and len(ParameterSampler(distributions, n_iter=20)) == 20
    assert all(
        1e-3 <= p["alpha"] <= 1e2 and p["degree"] in (1, 2, 3) and p["kind"] in ("a", "b")
        for p in points
    )
    assert points == list(ParameterSampler(distributions, n_iter=20, random_state=5))
    assert len({p["alpha"] for p in points}) == 20  # continuous draws do not repeat
    with pytest.raises(TypeError, match=r"is not iterable or a distribution"):
        ParameterSampler({"alpha": 3.0}, n_iter=2)


# -- cross-validation --


def test_cross_val_score_of_a_regressor_equals_sklearns():
    X, y = regression_data()
    for cv in (5, KFold(3), [(np.arange(40), np.arange(40, 60))]):
        ours = cross_val_score(Ridge(alpha=0.5), X, y, cv=cv)
        theirs = sklearn.model_selection.cross_val_score(
            sklearn.linear_model.Ridge(alpha=0.5), X, y, cv=cv
        )
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=SCORE_TOL)
    ours = cross_val_score(Ridge(), X, y, scoring="neg_mean_absolute_error")
    theirs = sklearn.model_selection.cross_val_score(
        sklearn.linear_model.Ridge(), X, y, scoring="neg_mean_absolute_error"
    )
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=SCORE_TOL)


def test_cross_val_score_of_a_classifier_stratifies_like_sklearn():
    X, y = classification_data(n=61)
    for scoring in (None, "f1_macro", "accuracy"):
        ours = cross_val_score(KNeighborsClassifier(n_neighbors=3), X, y, cv=4, scoring=scoring)
        theirs = sklearn.model_selection.cross_val_score(
            sklearn.neighbors.KNeighborsClassifier(n_neighbors=3), X, y, cv=4, scoring=scoring
        )
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_cross_validate_keys_and_values_match_sklearn():
    X, y = regression_data()
    scoring = ["r2", "neg_mean_squared_error"]
    ours = cross_validate(
        Ridge(),
        X,
        y,
        cv=4,
        scoring=scoring,
        return_train_score=True,
        return_estimator=True,
        return_indices=True,
    )
    theirs = sklearn.model_selection.cross_validate(
        sklearn.linear_model.Ridge(),
        X,
        y,
        cv=4,
        scoring=scoring,
        return_train_score=True,
        return_estimator=True,
        return_indices=True,
    )
    assert sorted(ours) == sorted(theirs)
    for key in (
        "test_r2",
        "train_r2",
        "test_neg_mean_squared_error",
        "train_neg_mean_squared_error",
    ):
        np.testing.assert_allclose(ours[key], theirs[key], rtol=0, atol=SCORE_TOL)
    for ours_estimator, theirs_estimator in zip(ours["estimator"], theirs["estimator"]):
        np.testing.assert_allclose(ours_estimator.coef_, theirs_estimator.coef_, rtol=0, atol=1e-12)
    for part in ("train", "test"):
        for a, b in zip(ours["indices"][part], theirs["indices"][part]):
            np.testing.assert_array_equal(a, b)
    single = cross_validate(Ridge(), X, y, cv=3)
    assert sorted(single) == ["fit_time", "score_time", "test_score"] and single[
        "test_score"
    ].shape == (3,)


def test_cross_validate_splits_sample_weight_like_sklearn():
    X, y = regression_data()
    weights = np.random.default_rng(2).uniform(0.1, 3.0, len(y))
    ours = cross_val_score(Ridge(), X, y, cv=3, params={"sample_weight": weights})
    theirs = sklearn.model_selection.cross_val_score(
        sklearn.linear_model.Ridge(), X, y, cv=3, params={"sample_weight": weights}
    )
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=SCORE_TOL)


class _FailsWhenRowZeroIsFirst(Ridge):
    """Ridge whose fit raises when the training rows start with row 0 (marked by X[0, 0])."""

    def fit(self, X, y, sample_weight=None):
        if X[0, 0] == 1234.5:
            raise ValueError("row zero is first")
        return super().fit(X, y, sample_weight=sample_weight)


def test_failed_fits_take_error_score():
    X, y = regression_data()
    X[0, 0] = 1234.5  # in every training split but the first fold's
    with pytest.warns(FitFailedWarning, match=r"4 fits failed out of a total of 5"):
        scores = cross_val_score(_FailsWhenRowZeroIsFirst(), X, y, cv=5, error_score=-1.0)
    np.testing.assert_array_equal(scores[1:], -1.0)
    assert scores[0] == pytest.approx(cross_val_score(Ridge(), X, y, cv=5)[0], abs=1e-12)
    with pytest.raises(ValueError, match=r"row zero is first"):
        cross_val_score(_FailsWhenRowZeroIsFirst(), X, y, cv=5, error_score="raise")
    y_bad = y.copy()
    y_bad[:12] = np.nan
    with pytest.raises(ValueError, match=r"All the 5 fits failed"):
        cross_val_score(Ridge(), X, np.full(len(y), np.nan), cv=5)
    with pytest.raises(ValueError, match=r"contains NaN"):
        cross_val_score(Ridge(), X, y_bad, cv=5, error_score="raise")
    # fold 0 fits, then its test y has NaN: a scoring failure; the other folds' fits fail
    with pytest.warns(UserWarning, match=r"Scoring failed"), pytest.warns(FitFailedWarning):
        assert np.isnan(cross_val_score(Ridge(), X, y_bad, cv=5)).all()
    with pytest.raises(
        ValueError, match=r"error_score must be the string 'raise' or a numeric value"
    ):
        cross_val_score(Ridge(), X, y, error_score="ignore")


def test_cross_validation_errors():
    X, y = regression_data(n=4)
    with pytest.raises(
        ValueError,
        match=r"Cannot have number of splits n_splits=5 greater than the number of samples: n_samples=4",
    ):
        cross_val_score(Ridge(), X, y, cv=5)
    with pytest.raises(ValueError, match=r"'accuracy_score' is not a valid scoring value"):
        cross_val_score(Ridge(), X, y, cv=2, scoring="accuracy_score")
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples: \[4, 3\]"):
        cross_val_score(Ridge(), X, y[:3], cv=2)


# -- GridSearchCV and RandomizedSearchCV --

ALPHAS = {"alpha": [0.01, 0.3, 1.0, 10.0, 300.0]}


def test_grid_search_cv_results_are_sklearns():
    X, y = regression_data()
    ours = GridSearchCV(Ridge(), ALPHAS, cv=5, return_train_score=True).fit(X, y)
    theirs = sklearn.model_selection.GridSearchCV(
        sklearn.linear_model.Ridge(), ALPHAS, cv=5, return_train_score=True
    ).fit(X, y)
    assert sorted(ours.cv_results_) == sorted(theirs.cv_results_)
    for key, value in theirs.cv_results_.items():
        if key.endswith("_time"):
            assert ours.cv_results_[key].shape == value.shape
        elif key.startswith(("split", "mean_t", "std_t")):
            np.testing.assert_allclose(ours.cv_results_[key], value, rtol=0, atol=SCORE_TOL)
        elif key.startswith("param_"):
            assert (
                list(ours.cv_results_[key]) == list(value)
                and ours.cv_results_[key].dtype == value.dtype
            )
        else:
            np.testing.assert_array_equal(ours.cv_results_[key], value)  # params, ranks
    assert ours.best_params_ == theirs.best_params_ and ours.best_index_ == theirs.best_index_
    assert ours.best_score_ == pytest.approx(theirs.best_score_, abs=SCORE_TOL)
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=0, atol=1e-10)
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y), abs=SCORE_TOL)
    assert (
        ours.n_splits_ == theirs.n_splits_ == 5
        and ours.n_features_in_ == 4
        and ours.refit_time_ >= 0
    )


def test_grid_search_of_a_classifier_is_sklearns():
    X, y = classification_data(n=70)
    grid = [
        {"n_neighbors": [1, 3, 7], "weights": ["uniform", "distance"]},
        {"n_neighbors": [5], "p": [1]},
    ]
    for scoring in ("accuracy", "f1_macro"):
        ours = GridSearchCV(KNeighborsClassifier(), grid, scoring=scoring, cv=3).fit(X, y)
        theirs = sklearn.model_selection.GridSearchCV(
            sklearn.neighbors.KNeighborsClassifier(), grid, scoring=scoring, cv=3
        ).fit(X, y)
        np.testing.assert_allclose(
            ours.cv_results_["mean_test_score"],
            theirs.cv_results_["mean_test_score"],
            rtol=0,
            atol=1e-12,
        )
        np.testing.assert_array_equal(
            ours.cv_results_["rank_test_score"], theirs.cv_results_["rank_test_score"]
        )
        assert ours.best_params_ == theirs.best_params_
        # masked where a candidate lacks the parameter
        np.testing.assert_array_equal(
            ours.cv_results_["param_p"].mask, theirs.cv_results_["param_p"].mask
        )
    np.testing.assert_array_equal(ours.classes_, [0, 1, 2])
    np.testing.assert_array_equal(ours.predict_proba(X), ours.best_estimator_.predict_proba(X))
    assert is_classifier(ours) and is_regressor(GridSearchCV(Ridge(), ALPHAS))


def test_multimetric_search_refits_on_the_named_metric_like_sklearn():
    X, y = regression_data()
    scoring = {"r2": "r2", "mae": "neg_mean_absolute_error"}
    ours = GridSearchCV(Ridge(), ALPHAS, scoring=scoring, refit="mae", cv=4).fit(X, y)
    theirs = sklearn.model_selection.GridSearchCV(
        sklearn.linear_model.Ridge(), ALPHAS, scoring=scoring, refit="mae", cv=4
    ).fit(X, y)
    assert sorted(ours.cv_results_) == sorted(theirs.cv_results_)
    for name in ("r2", "mae"):
        np.testing.assert_allclose(
            ours.cv_results_[f"mean_test_{name}"],
            theirs.cv_results_[f"mean_test_{name}"],
            rtol=0,
            atol=SCORE_TOL,
        )
        np.testing.assert_array_equal(
            ours.cv_results_[f"rank_test_{name}"], theirs.cv_results_[f"rank_test_{name}"]
        )
    assert ours.best_params_ == theirs.best_params_ and ours.multimetric_
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y), abs=SCORE_TOL)
    with pytest.raises(
        ValueError,
        match=r"For multi-metric scoring, the parameter refit must be set to a scorer key",
    ):
        GridSearchCV(Ridge(), ALPHAS, scoring=scoring).fit(X, y)


def test_refit_false_and_callable_refit():
    X, y = regression_data()
    search = GridSearchCV(Ridge(), ALPHAS, refit=False).fit(X, y)
    assert not hasattr(search, "best_estimator_") and "alpha" in search.best_params_
    with pytest.raises(AttributeError, match=r"initialized with `refit=False`"):
        search.predict(X)

    def lowest_mean_fit_time_rank(results):  # any rule: here, the smallest alpha
        return int(np.argmin(results["param_alpha"]))

    search = GridSearchCV(Ridge(), ALPHAS, refit=lowest_mean_fit_time_rank).fit(X, y)
    assert search.best_params_ == {"alpha": 0.01} and not hasattr(search, "best_score_")
    assert search.best_estimator_.alpha == 0.01


def test_search_is_an_estimator_with_nested_parameters():
    search = GridSearchCV(Ridge(alpha=2.0), ALPHAS, cv=3)
    params = search.get_params()
    assert params["estimator__alpha"] == 2.0 and params["param_grid"] is ALPHAS
    search.set_params(estimator__alpha=5.0, cv=4)
    assert search.estimator.alpha == 5.0 and search.cv == 4
    with pytest.raises(NotFittedError):
        search.predict(np.zeros((2, 4)))
    assert not hasattr(GridSearchCV(Ridge(), ALPHAS), "predict_proba")  # Ridge has none


def test_nested_cross_validation_of_a_search():
    X, y = regression_data()
    outer = cross_val_score(GridSearchCV(Ridge(), ALPHAS, cv=3), X, y, cv=3)
    theirs = sklearn.model_selection.cross_val_score(
        sklearn.model_selection.GridSearchCV(sklearn.linear_model.Ridge(), ALPHAS, cv=3), X, y, cv=3
    )
    np.testing.assert_allclose(outer, theirs, rtol=0, atol=SCORE_TOL)


def test_randomized_search_scores_its_candidates_like_sklearn():
    X, y = regression_data()
    distributions = {"alpha": scipy.stats.loguniform(1e-2, 1e2), "fit_intercept": [True, False]}
    ours = RandomizedSearchCV(Ridge(), distributions, n_iter=6, cv=4, random_state=0).fit(X, y)
    assert len(ours.cv_results_["params"]) == 6
    assert (
        ours.cv_results_["params"]
        == RandomizedSearchCV(Ridge(), distributions, n_iter=6, cv=4, random_state=0)
        .fit(X, y)
        .cv_results_["params"]
    )
    # sklearn scoring the very candidates we drew
    grid = [
        {key: [value] for key, value in params.items()} for params in ours.cv_results_["params"]
    ]
    theirs = sklearn.model_selection.GridSearchCV(sklearn.linear_model.Ridge(), grid, cv=4).fit(
        X, y
    )
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"],
        theirs.cv_results_["mean_test_score"],
        rtol=0,
        atol=SCORE_TOL,
    )
    assert ours.best_params_ == theirs.best_params_


def test_parallel_search_equals_serial_search():
    X, y = classification_data(n=60)
    grid = {"C": [0.1, 1.0, 10.0]}
    serial = GridSearchCV(LogisticRegression(), grid, cv=3, scoring="neg_log_loss").fit(X, y)
    parallel = GridSearchCV(LogisticRegression(), grid, cv=3, scoring="neg_log_loss", n_jobs=2).fit(
        X, y
    )
    with joblib.parallel_config(backend="threading", n_jobs=2):
        threaded = GridSearchCV(LogisticRegression(), grid, cv=3, scoring="neg_log_loss").fit(X, y)
    for other in (parallel, threaded):
        for key in ("mean_test_score", "split0_test_score", "rank_test_score"):
            np.testing.assert_array_equal(other.cv_results_[key], serial.cv_results_[key])
        assert other.best_params_ == serial.best_params_
    np.testing.assert_array_equal(
        cross_val_score(Ridge(), *regression_data(), n_jobs=2),
        cross_val_score(Ridge(), *regression_data()),
    )


def test_search_errors():
    X, y = regression_data()
    with pytest.raises(ValueError, match=r"'mse' is not a valid scoring value"):
        GridSearchCV(Ridge(), ALPHAS, scoring="mse").fit(X, y)
    with pytest.raises(ValueError, match=r"No fits were performed"):
        GridSearchCV(Ridge(), []).fit(X, y)
    with pytest.raises(ValueError, match=r"need to be a non-empty sequence"):
        GridSearchCV(Ridge(), {"alpha": []}).fit(X, y)
    with pytest.raises(
        ValueError,
        match=r"Cannot have number of splits n_splits=70 greater than the number of samples: n_samples=60",
    ):
        GridSearchCV(Ridge(), ALPHAS, cv=70).fit(X, y)
    with pytest.raises(ValueError, match=r"Invalid parameter 'alhpa' for estimator Ridge"):
        GridSearchCV(Ridge(), {"alhpa": [1.0]}, error_score="raise").fit(X, y)
    with pytest.raises(ValueError, match=r"Found array with 0 sample"):
        GridSearchCV(Ridge(), ALPHAS).fit(X[:0], y[:0])
    with pytest.raises(TypeError, match=r"estimator should be an estimator implementing 'fit'"):
        GridSearchCV("Ridge", ALPHAS).fit(X, y)
    with pytest.raises(ValueError, match=r"n_iter must be an integer >= 1"):
        RandomizedSearchCV(Ridge(), ALPHAS, n_iter=0).fit(X, y)


# -- learning and validation curves --


def test_learning_curve_is_sklearns():
    X, y = regression_data(n=80)
    for train_sizes in (np.linspace(0.2, 1.0, 4), [10, 25, 64]):
        ours = learning_curve(Ridge(), X, y, train_sizes=train_sizes, cv=5, return_times=True)
        theirs = sklearn.model_selection.learning_curve(
            sklearn.linear_model.Ridge(), X, y, train_sizes=train_sizes, cv=5, return_times=True
        )
        np.testing.assert_array_equal(ours[0], theirs[0])
        np.testing.assert_allclose(ours[1], theirs[1], rtol=0, atol=SCORE_TOL)
        np.testing.assert_allclose(ours[2], theirs[2], rtol=0, atol=SCORE_TOL)
        assert ours[3].shape == theirs[3].shape == ours[4].shape


def test_incremental_learning_curve_is_sklearns():
    X, y = classification_data(n=90)
    ours = learning_curve(
        GaussianNB(), X, y, train_sizes=[0.3, 0.6, 1.0], cv=3, exploit_incremental_learning=True
    )
    theirs = sklearn.model_selection.learning_curve(
        sklearn.naive_bayes.GaussianNB(),
        X,
        y,
        train_sizes=[0.3, 0.6, 1.0],
        cv=3,
        exploit_incremental_learning=True,
    )
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_shuffled_learning_curve_is_reproducible():
    X, y = regression_data(n=80)
    first = learning_curve(
        Ridge(), X, y, train_sizes=[0.3, 1.0], cv=4, shuffle=True, random_state=0
    )
    second = learning_curve(
        Ridge(), X, y, train_sizes=[0.3, 1.0], cv=4, shuffle=True, random_state=0
    )
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    unshuffled = learning_curve(Ridge(), X, y, train_sizes=[0.3, 1.0], cv=4)
    np.testing.assert_allclose(
        first[2][-1], unshuffled[2][-1], rtol=0, atol=1e-12
    )  # all rows: order is irrelevant
    assert not np.allclose(first[2][0], unshuffled[2][0])


def test_validation_curve_is_sklearns():
    X, y = regression_data()
    ours = validation_curve(
        Ridge(), X, y, param_name="alpha", param_range=[0.1, 10.0, 1000.0], cv=4
    )
    theirs = sklearn.model_selection.validation_curve(
        sklearn.linear_model.Ridge(),
        X,
        y,
        param_name="alpha",
        param_range=[0.1, 10.0, 1000.0],
        cv=4,
    )
    for a, b in zip(ours, theirs):
        assert a.shape == (3, 4)
        np.testing.assert_allclose(a, b, rtol=0, atol=SCORE_TOL)


def test_curve_errors():
    X, y = regression_data()
    with pytest.raises(ValueError, match=r"interpreted as fractions .* must be within \(0, 1\]"):
        learning_curve(Ridge(), X, y, train_sizes=[0.0, 0.5])
    with pytest.raises(
        ValueError, match=r"interpreted as absolute numbers .* must be within \(0, 48\]"
    ):
        learning_curve(Ridge(), X, y, train_sizes=[5, 100])
    with pytest.raises(ValueError, match=r"must support the partial_fit interface"):
        learning_curve(Ridge(), X, y, exploit_incremental_learning=True)
    with pytest.warns(RuntimeWarning, match=r"Removed duplicate entries from 'train_sizes'"):
        learning_curve(Ridge(), X, y, train_sizes=[10, 10, 20], cv=3)
    with pytest.raises(ValueError, match=r"param_range must hold at least one value"):
        validation_curve(Ridge(), X, y, param_name="alpha", param_range=[])
