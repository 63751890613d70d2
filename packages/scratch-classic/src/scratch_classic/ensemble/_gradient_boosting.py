"""Gradient boosting (Friedman 2001): an additive model of small regression trees.

    F_0(x) = the best constant (mean / log-odds / centred log class priors)
    for m = 1..M:
        r_i = -dL(y_i, F)/dF at F_{m-1}(x_i)        pseudo-residuals (K columns for K classes)
        fit a regression tree h_mk to r[:, k] (on a random subsample when subsample < 1)
        set each leaf to a Newton step on the loss (identity for squared error)
        F_m[:, k] = F_{m-1}[:, k] + learning_rate * h_mk(x)

Leaf ids come from the tree's `apply`, so the leaf values are rewritten in `tree_.value` and
prediction is the plain sum of leaf values. The losses live in `_gb_losses`.

subtle: scikit-learn's default tree criterion "friedman_mse" scores a split by
w_l w_r (mean_l - mean_r)^2 / (w_l + w_r), which is w_node times the squared-error decrease:
for a fixed node both pick the same split, so both names grow the same squared-error tree here.
"""

import numbers

import numpy as np

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin
from ..tree import DecisionTreeRegressor
from ..utils.validation import check_classification_targets, check_is_fitted, check_random_state, check_sample_weight
from ._gb_losses import BinomialLoss, MultinomialLoss, SquaredErrorLoss

_CRITERIA = ("friedman_mse", "squared_error")


class BaseGradientBoosting(BaseEstimator):
    """The boosting loop shared by the regressor and the classifier."""

    def _check_parameters(self):
        if not isinstance(self.n_estimators, numbers.Integral) or self.n_estimators < 1:
            raise ValueError(f"n_estimators must be an integer >= 1, got {self.n_estimators!r}.")
        if not (isinstance(self.learning_rate, numbers.Real) and self.learning_rate >= 0):
            raise ValueError(f"learning_rate must be a number >= 0, got {self.learning_rate!r}.")
        if not (isinstance(self.subsample, numbers.Real) and 0 < self.subsample <= 1):
            raise ValueError(f"subsample must be in (0, 1], got {self.subsample!r}.")
        if self.criterion not in _CRITERIA:
            raise ValueError(f"criterion must be one of {list(_CRITERIA)}, got {self.criterion!r}.")
        if self.init not in (None, "zero"):
            raise ValueError(f"init must be None or 'zero', got {self.init!r}.")

    def _new_tree(self, rng):
        return DecisionTreeRegressor(
            criterion="squared_error", max_depth=self.max_depth, min_samples_split=self.min_samples_split,
            min_samples_leaf=self.min_samples_leaf, min_weight_fraction_leaf=self.min_weight_fraction_leaf,
            max_features=self.max_features, min_impurity_decrease=self.min_impurity_decrease, random_state=rng,
        )

    def _boost(self, X, y, sample_weight):
        """Fit all stages on validated float32 X and encoded y; sets the fitted attributes."""
        n_samples = X.shape[0]
        weights = check_sample_weight(sample_weight, n_samples)  # (n_samples,)
        rng = check_random_state(self.random_state)
        loss = self._loss
        K = loss.n_raw
        self._raw_init = np.zeros(K) if self.init == "zero" else loss.init_raw(y, weights)  # (K,)
        raw = np.tile(self._raw_init, (n_samples, 1))  # (n_samples, K)
        self.estimators_ = np.empty((self.n_estimators, K), dtype=object)
        self.train_score_ = np.zeros(self.n_estimators)
        subsampling = self.subsample < 1.0
        n_in_bag = max(1, int(self.subsample * n_samples))
        in_bag = np.arange(n_samples)
        if subsampling:
            self.oob_improvement_ = np.zeros(self.n_estimators)
            self.oob_scores_ = np.zeros(self.n_estimators)
        for stage in range(self.n_estimators):
            if subsampling:
                in_bag_mask = np.zeros(n_samples, dtype=bool)
                in_bag_mask[rng.permutation(n_samples)[:n_in_bag]] = True
                in_bag, out_of_bag = np.flatnonzero(in_bag_mask), np.flatnonzero(~in_bag_mask)
                previous_oob = loss(y[out_of_bag], raw[out_of_bag], weights[out_of_bag])
            residuals = loss.negative_gradient(y, raw)  # (n_samples, K)
            for k in range(K):
                tree = self._new_tree(rng).fit(X[in_bag], residuals[in_bag, k], sample_weight=weights[in_bag])
                leaves = tree.tree_.apply(X)  # (n_samples,) leaf id of every sample, in bag or not
                leaf_values = loss.leaf_values(
                    tree.tree_.value[:, 0, 0], leaves[in_bag], weights[in_bag], y[in_bag], residuals[in_bag, k], k
                )
                tree.tree_.value[:, 0, 0] = leaf_values
                raw[:, k] += self.learning_rate * leaf_values[leaves]
                self.estimators_[stage, k] = tree
            self.train_score_[stage] = loss(y[in_bag], raw[in_bag], weights[in_bag])
            if subsampling:
                self.oob_scores_[stage] = loss(y[out_of_bag], raw[out_of_bag], weights[out_of_bag])
                self.oob_improvement_[stage] = previous_oob - self.oob_scores_[stage]
        if subsampling:
            self.oob_score_ = self.oob_scores_[-1]
        self.n_estimators_ = self.n_estimators
        self.n_trees_per_iteration_ = K
        self.max_features_ = self.estimators_[0, 0].max_features_
        return self

    def _raw_predict(self, X):
        """F(X): (n_samples, K) = init + learning_rate * sum of every tree's leaf values."""
        check_is_fitted(self, "estimators_")
        X = self._validate_data(X, reset=False, dtype=np.float32)
        raw = np.tile(self._raw_init, (X.shape[0], 1))
        for stage_trees in self.estimators_:
            for k, tree in enumerate(stage_trees):
                raw[:, k] += self.learning_rate * tree.tree_.value[tree.tree_.apply(X), 0, 0]
        return raw

    @property
    def feature_importances_(self):
        """Mean (unnormalised) impurity decrease per feature over all non-trivial trees, normalised."""
        check_is_fitted(self, "estimators_")
        importances = [
            tree.tree_.compute_feature_importances(normalize=False)
            for tree in self.estimators_.ravel() if tree.tree_.node_count > 1
        ]
        if not importances:
            return np.zeros(self.n_features_in_)
        mean_importances = np.mean(importances, axis=0)
        return mean_importances / mean_importances.sum()


class GradientBoostingRegressor(RegressorMixin, BaseGradientBoosting):
    """Gradient boosting for regression with the squared error loss."""

    def __init__(self, *, loss="squared_error", learning_rate=0.1, n_estimators=100, subsample=1.0,
                 criterion="friedman_mse", min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_depth=3, min_impurity_decrease=0.0, init=None, random_state=None, max_features=None):
        self.loss = loss
        self.learning_rate = learning_rate
        self.n_estimators = n_estimators
        self.subsample = subsample
        self.criterion = criterion
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_depth = max_depth
        self.min_impurity_decrease = min_impurity_decrease
        self.init = init
        self.random_state = random_state
        self.max_features = max_features

    def fit(self, X, y, sample_weight=None):
        if self.loss != "squared_error":
            raise ValueError(f"loss must be one of ['squared_error'], got {self.loss!r}.")
        self._check_parameters()
        X, y = self._validate_data(X, y, dtype=np.float32, y_numeric=True)
        self._loss = SquaredErrorLoss()
        return self._boost(X, y, sample_weight)

    def predict(self, X):
        return self._raw_predict(X)[:, 0]


class GradientBoostingClassifier(ClassifierMixin, BaseGradientBoosting):
    """Gradient boosting for classification with the log-loss: one tree per stage for two
    classes (F = log-odds), K trees per stage for K > 2 classes (softmax of K scores)."""

    def __init__(self, *, loss="log_loss", learning_rate=0.1, n_estimators=100, subsample=1.0,
                 criterion="friedman_mse", min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_depth=3, min_impurity_decrease=0.0, init=None, random_state=None, max_features=None):
        self.loss = loss
        self.learning_rate = learning_rate
        self.n_estimators = n_estimators
        self.subsample = subsample
        self.criterion = criterion
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_depth = max_depth
        self.min_impurity_decrease = min_impurity_decrease
        self.init = init
        self.random_state = random_state
        self.max_features = max_features

    def fit(self, X, y, sample_weight=None):
        if self.loss != "log_loss":
            raise ValueError(f"loss must be one of ['log_loss'], got {self.loss!r}.")
        self._check_parameters()
        X, y = self._validate_data(X, y, dtype=np.float32)
        check_classification_targets(y)
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        self.n_classes_ = len(self.classes_)
        if self.n_classes_ < 2:
            raise ValueError(f"y contains {self.n_classes_} class after sample_weight trimmed classes with zero "
                             "weights, while a minimum of 2 classes are required.")
        self._loss = BinomialLoss() if self.n_classes_ == 2 else MultinomialLoss(self.n_classes_)
        return self._boost(X, y_encoded, sample_weight)

    def decision_function(self, X):
        """Raw scores: (n_samples,) log-odds for two classes, else (n_samples, n_classes)."""
        raw = self._raw_predict(X)
        return raw[:, 0] if raw.shape[1] == 1 else raw

    def predict_proba(self, X):
        raw = self._raw_predict(X)  # (n_samples, K); checks fitted first
        return self._loss.raw_to_proba(raw)

    def predict_log_proba(self, X):
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        probabilities = self.predict_proba(X)
        return self.classes_[np.argmax(probabilities, axis=1)]
