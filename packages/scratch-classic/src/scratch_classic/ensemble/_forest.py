"""Random forests (Breiman 2001): many deep trees, each on a bootstrap sample, averaged.

Each tree t draws n bootstrap indices (uniformly, or in proportion to sample_weight as
scikit-learn >= 1.8) and is grown on the drawn rows weighted by how often each was drawn (the same
tree as on the duplicated rows, without copying them); with max_features < n_features every node
also considers only a random subset of the features. Then

    classifier: P(c | x) = mean_t P_t(c | x),  predict = argmax_c      (soft voting)
    regressor:  y_hat(x) = mean_t y_t(x)

Out-of-bag (oob_score=True): every sample is predicted by the trees whose bootstrap missed it,
giving oob_decision_function_ / oob_prediction_ and an honest score without a held-out set.
Trees are independent, so they are grown in parallel with joblib (n_jobs); each tree's seeds are
drawn up front from random_state, so the forest does not depend on n_jobs.
"""

import numbers

import numpy as np
from joblib import Parallel, delayed

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin
from ..tree import DecisionTreeClassifier, DecisionTreeRegressor
from ..utils.validation import check_classification_targets, check_is_fitted, check_random_state, check_sample_weight

_MAX_SEED = np.iinfo(np.int32).max


def _grow_tree(tree, X, y, bootstrap_probabilities, n_bootstrap, bootstrap_seed, sample_weight):
    """Fit one tree on its bootstrap sample; return (tree, in-bag row indices or None)."""
    if bootstrap_probabilities is False:  # bootstrap=False: every row, weighted as given
        return tree.fit(X, y, sample_weight=sample_weight), None
    drawn = np.random.default_rng(bootstrap_seed).choice(X.shape[0], n_bootstrap, p=bootstrap_probabilities)
    counts = np.bincount(drawn, minlength=X.shape[0])  # (n_samples,) times each row was drawn
    in_bag = np.flatnonzero(counts)
    # subtle: growing on the drawn rows only is what scikit-learn's splitter does with zero weights
    return tree.fit(X[in_bag], y[in_bag], sample_weight=counts[in_bag].astype(np.float64)), in_bag


class BaseForest(BaseEstimator):
    """Bootstrap, parallel growth, out-of-bag bookkeeping and importances shared by both forests."""

    def _fit_forest(self, X, y, sample_weight):
        if not isinstance(self.n_estimators, numbers.Integral) or self.n_estimators < 1:
            raise ValueError(f"n_estimators must be an integer >= 1, got {self.n_estimators!r}.")
        if self.oob_score and not self.bootstrap:
            raise ValueError("Out of bag estimation only available if bootstrap=True")
        n_samples = X.shape[0]
        n_bootstrap = self._n_bootstrap(n_samples)
        probabilities = False
        if self.bootstrap:
            probabilities = None
            if sample_weight is not None:
                weights = check_sample_weight(sample_weight, n_samples)
                probabilities = weights / weights.sum()
        rng = check_random_state(self.random_state)
        seeds = rng.integers(_MAX_SEED, size=(self.n_estimators, 2))  # (tree seed, bootstrap seed)
        trees = [self._new_tree(int(tree_seed)) for tree_seed, _ in seeds]
        grown = Parallel(n_jobs=self.n_jobs)(
            delayed(_grow_tree)(tree, X, y, probabilities, n_bootstrap, int(bootstrap_seed), sample_weight)
            for tree, (_, bootstrap_seed) in zip(trees, seeds)
        )
        self.estimators_ = [tree for tree, _ in grown]
        self._in_bag_rows = [in_bag for _, in_bag in grown]
        self.estimator_ = self._new_tree(None)
        if self.oob_score:
            self._set_oob_score(X, y)
        return self

    def _n_bootstrap(self, n_samples):
        if self.max_samples is None or not self.bootstrap:
            return n_samples
        if isinstance(self.max_samples, numbers.Integral) and 1 <= self.max_samples:
            return int(self.max_samples)
        if isinstance(self.max_samples, numbers.Real) and 0 < self.max_samples <= 1:
            return max(1, round(n_samples * self.max_samples))
        raise ValueError(f"max_samples must be None, an int >= 1 or a float in (0, 1], got {self.max_samples!r}.")

    def _tree_parameters(self, random_state):
        return dict(
            criterion=self.criterion, max_depth=self.max_depth, min_samples_split=self.min_samples_split,
            min_samples_leaf=self.min_samples_leaf, min_weight_fraction_leaf=self.min_weight_fraction_leaf,
            max_features=self.max_features, min_impurity_decrease=self.min_impurity_decrease,
            random_state=random_state,
        )

    def _oob_rows(self, tree_index, n_samples):
        out_of_bag = np.ones(n_samples, dtype=bool)
        out_of_bag[self._in_bag_rows[tree_index]] = False
        return np.flatnonzero(out_of_bag)

    def _sum_of_tree_outputs(self, X, rows_of_tree=None):
        """(sum over trees of each tree's output on its rows, number of trees per row)."""
        total = np.zeros((X.shape[0], self._n_outputs_per_row()))
        n_trees = np.zeros(X.shape[0])
        for index, tree in enumerate(self.estimators_):
            rows = slice(None) if rows_of_tree is None else rows_of_tree(index)
            total[rows] += self._tree_output(tree, X[rows])
            n_trees[rows] += 1
        return total, n_trees

    def _forest_mean(self, X):
        check_is_fitted(self, "estimators_")
        X = self._validate_data(X, reset=False, dtype=np.float32)
        total, _ = self._sum_of_tree_outputs(X)
        return total / len(self.estimators_)

    def _oob_mean(self, X):
        """Mean output of the trees that did not see each row: (n_samples, n_outputs)."""
        total, n_trees = self._sum_of_tree_outputs(X, lambda index: self._oob_rows(index, X.shape[0]))
        # subtle: a row drawn by every tree has no out-of-bag estimate; it is left at 0
        return total / np.maximum(n_trees, 1)[:, None]

    @property
    def feature_importances_(self):
        """Mean of the trees' normalised impurity importances (trees that split at all), normalised."""
        check_is_fitted(self, "estimators_")
        importances = [tree.feature_importances_ for tree in self.estimators_ if tree.tree_.node_count > 1]
        if not importances:
            return np.zeros(self.n_features_in_)
        mean_importances = np.mean(importances, axis=0)
        return mean_importances / mean_importances.sum()


class RandomForestClassifier(ClassifierMixin, BaseForest):
    """A forest of gini (or entropy) trees voting by averaged class probabilities."""

    def __init__(self, n_estimators=100, *, criterion="gini", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1, min_weight_fraction_leaf=0.0, max_features="sqrt", min_impurity_decrease=0.0,
                 bootstrap=True, oob_score=False, n_jobs=None, random_state=None, max_samples=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.max_samples = max_samples

    def _new_tree(self, random_state):
        return DecisionTreeClassifier(**self._tree_parameters(random_state))

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y, dtype=np.float32)
        check_classification_targets(y)
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        self.n_classes_ = len(self.classes_)
        self.n_outputs_ = 1
        return self._fit_forest(X, y_encoded, sample_weight)

    def _n_outputs_per_row(self):
        return self.n_classes_

    def _tree_output(self, tree, X):
        """The tree's class fractions in the forest's columns (a bootstrap may miss a class)."""
        proba = np.zeros((X.shape[0], self.n_classes_))
        proba[:, tree.classes_] = tree.tree_.value[tree.tree_.apply(X), 0, :]  # tree.classes_ are codes
        return proba

    def _set_oob_score(self, X, y):
        self.oob_decision_function_ = self._oob_mean(X)  # (n_samples, n_classes)
        self.oob_score_ = float(np.mean(np.argmax(self.oob_decision_function_, axis=1) == y))

    def predict_proba(self, X):
        """Mean of the trees' class fractions: (n_samples, n_classes)."""
        return self._forest_mean(X)

    def predict_log_proba(self, X):
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        probabilities = self.predict_proba(X)
        return self.classes_[np.argmax(probabilities, axis=1)]


class RandomForestRegressor(RegressorMixin, BaseForest):
    """A forest of squared-error trees whose predictions are averaged."""

    def __init__(self, n_estimators=100, *, criterion="squared_error", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1, min_weight_fraction_leaf=0.0, max_features=1.0, min_impurity_decrease=0.0,
                 bootstrap=True, oob_score=False, n_jobs=None, random_state=None, max_samples=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.max_samples = max_samples

    def _new_tree(self, random_state):
        return DecisionTreeRegressor(**self._tree_parameters(random_state))

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y, dtype=np.float32, y_numeric=True)
        self.n_outputs_ = 1
        return self._fit_forest(X, y, sample_weight)

    def _n_outputs_per_row(self):
        return 1

    def _tree_output(self, tree, X):
        return tree.tree_.value[tree.tree_.apply(X), 0, :]  # (n_rows, 1)

    def _set_oob_score(self, X, y):
        self.oob_prediction_ = self._oob_mean(X)[:, 0]  # (n_samples,)
        residual = ((y - self.oob_prediction_) ** 2).sum()
        self.oob_score_ = float(1 - residual / ((y - y.mean()) ** 2).sum())

    def predict(self, X):
        return self._forest_mean(X)[:, 0]
