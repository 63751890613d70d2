"""DecisionTreeClassifier and DecisionTreeRegressor: CART grown depth-first, as scikit-learn's.

fit: validate, turn the hyper-parameters into stopping rules (fractions of n_samples resolved to
counts exactly as scikit-learn does), grow `tree_` with `build_tree`. Predicting routes each
sample to a leaf (`apply`) and reads that leaf's `tree_.value`.

subtle: X is cast to float32 in fit and predict, as scikit-learn's trees do, so thresholds
(midpoints of float32 values) and routing agree with scikit-learn's to the last bit.
"""

import numbers
from math import ceil

import numpy as np

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin
from ..utils.validation import (
    check_classification_targets,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
)
from ._builder import StoppingRules, build_tree
from ._criterion import Entropy, Gini, SquaredError

_CLASSIFICATION_CRITERIA = {"gini": Gini, "entropy": Entropy, "log_loss": Entropy}
_REGRESSION_CRITERIA = {"squared_error": SquaredError}


class BaseDecisionTree(BaseEstimator):
    """Hyper-parameter checks, fitting and leaf lookup shared by both trees."""

    def _stopping_rules(self, n_samples, n_features, total_weight):
        """Check the hyper-parameters (ValueError if invalid); return them as StoppingRules."""
        if self.criterion not in self._criteria:
            raise ValueError(
                f"criterion must be one of {sorted(self._criteria)}, got {self.criterion!r}."
            )
        _check_number("max_depth", self.max_depth, integer_low=1, allow_none=True)
        _check_number(
            "min_samples_split", self.min_samples_split, integer_low=2, fraction=(0.0, 1.0, True)
        )
        _check_number(
            "min_samples_leaf", self.min_samples_leaf, integer_low=1, fraction=(0.0, 1.0, False)
        )
        _check_number("min_impurity_decrease", self.min_impurity_decrease, real_low=0.0)
        _check_number(
            "min_weight_fraction_leaf", self.min_weight_fraction_leaf, real_low=0.0, real_high=0.5
        )

        min_samples_leaf = self.min_samples_leaf
        if not isinstance(min_samples_leaf, numbers.Integral):
            min_samples_leaf = ceil(min_samples_leaf * n_samples)
        min_samples_split = self.min_samples_split
        if not isinstance(min_samples_split, numbers.Integral):
            min_samples_split = max(2, ceil(min_samples_split * n_samples))
        min_samples_split = max(min_samples_split, 2 * min_samples_leaf)
        return StoppingRules(
            max_depth=np.iinfo(np.int32).max if self.max_depth is None else int(self.max_depth),
            min_samples_split=int(min_samples_split),
            min_samples_leaf=int(min_samples_leaf),
            min_weight_leaf=self.min_weight_fraction_leaf * total_weight,
            min_impurity_decrease=float(self.min_impurity_decrease),
            max_features=self._resolve_max_features(n_features),
        )

    def _resolve_max_features(self, n_features):
        max_features = self.max_features
        if max_features is None:
            return n_features
        if isinstance(max_features, str):
            if max_features == "sqrt":
                return max(1, int(np.sqrt(n_features)))
            if max_features == "log2":
                return max(1, int(np.log2(n_features)))
        elif isinstance(max_features, numbers.Integral) and not isinstance(max_features, bool):
            if max_features >= 1:
                return int(max_features)
        elif isinstance(max_features, numbers.Real) and 0.0 < max_features <= 1.0:
            return max(1, int(max_features * n_features))
        raise ValueError(
            "max_features must be None, 'sqrt', 'log2', an int >= 1 or a float in (0.0, 1.0], "
            f"got {max_features!r}."
        )

    def _grow(self, X, y_for_criterion, sample_weight, criterion_arguments, n_values):
        sample_weight = check_sample_weight(sample_weight, X.shape[0])
        if not sample_weight.sum() > 0:
            raise ValueError(
                "sample_weight must contain at least one positive weight (they sum to 0)."
            )
        rules = self._stopping_rules(X.shape[0], X.shape[1], float(sample_weight.sum()))
        criterion = self._criteria[self.criterion](
            y_for_criterion, sample_weight, *criterion_arguments
        )
        rng = check_random_state(self.random_state)
        self.max_features_ = rules.max_features
        self.n_outputs_ = 1
        self.tree_ = build_tree(X, criterion, sample_weight, n_values, rules, rng)
        return self

    def _validate_X_predict(self, X):
        return self._validate_data(X, reset=False, dtype=np.float32)

    def apply(self, X):
        """Index of the leaf (a node id of tree_) that each sample ends up in: (n_samples,)."""
        X = self._validate_X_predict(X)  # first: NotFittedError before touching tree_
        return self.tree_.apply(X)

    def get_depth(self):
        """Depth of the tree: the longest root-to-leaf path (0 for a single leaf)."""
        check_is_fitted(self, "tree_")
        return self.tree_.max_depth

    def get_n_leaves(self):
        check_is_fitted(self, "tree_")
        return self.tree_.n_leaves

    @property
    def feature_importances_(self):
        """Normalised total impurity decrease per feature (see Tree.compute_feature_importances)."""
        check_is_fitted(self, "tree_")
        return self.tree_.compute_feature_importances()


class DecisionTreeClassifier(ClassifierMixin, BaseDecisionTree):
    """A CART classification tree (gini or entropy impurity)."""

    _criteria = _CLASSIFICATION_CRITERIA

    def __init__(
        self,
        *,
        criterion="gini",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_weight_fraction_leaf=0.0,
        max_features=None,
        random_state=None,
        min_impurity_decrease=0.0,
    ):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.min_impurity_decrease = min_impurity_decrease

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y, dtype=np.float32)
        check_classification_targets(y)
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        self.n_classes_ = len(self.classes_)
        return self._grow(X, y_encoded, sample_weight, (self.n_classes_,), self.n_classes_)

    def predict_proba(self, X):
        """Class fractions of each sample's leaf: (n_samples, n_classes), columns as classes_."""
        X = self._validate_X_predict(X)
        proba = self.tree_.predict(X)[:, 0, :]  # (n_samples, n_classes)
        normalizer = proba.sum(axis=1, keepdims=True)
        normalizer[normalizer == 0.0] = 1.0
        return proba / normalizer

    def predict_log_proba(self, X):
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        proba = self.predict_proba(X)  # (n_samples, n_classes)
        return self.classes_[np.argmax(proba, axis=1)]


class DecisionTreeRegressor(RegressorMixin, BaseDecisionTree):
    """A CART regression tree (squared error: leaves predict the weighted mean)."""

    _criteria = _REGRESSION_CRITERIA

    def __init__(
        self,
        *,
        criterion="squared_error",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_weight_fraction_leaf=0.0,
        max_features=None,
        random_state=None,
        min_impurity_decrease=0.0,
    ):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.min_impurity_decrease = min_impurity_decrease

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y, dtype=np.float32, y_numeric=True)
        return self._grow(X, y, sample_weight, (), 1)

    def predict(self, X):
        X = self._validate_X_predict(X)
        return self.tree_.predict(X)[:, 0, 0]


def _check_number(
    name, value, *, integer_low=None, fraction=None, real_low=None, real_high=None, allow_none=False
):
    """Raise ValueError unless value is in one of the allowed ranges (scikit-learn's constraints).

    integer_low: ints >= it;
    fraction=(low, high, high_closed): floats in (low, high] (closed) or (low, high);
    real_low/real_high: any real in [real_low, real_high].
    """
    if value is None and allow_none:
        return
    is_real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    is_integer = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if is_integer and integer_low is not None and value >= integer_low:
        return
    if is_real and not is_integer and fraction is not None:
        low, high, high_closed = fraction
        if low < value < high or (high_closed and value == high):
            return
    if (
        is_real
        and real_low is not None
        and value >= real_low
        and (real_high is None or value <= real_high)
    ):
        return
    allowed = []
    if allow_none:
        allowed.append("None")
    if integer_low is not None:
        allowed.append(f"an int >= {integer_low}")
    if fraction is not None:
        allowed.append(f"a float in ({fraction[0]}, {fraction[1]}{']' if fraction[2] else ')'}")
    if real_low is not None:
        allowed.append(
            f"a number in [{real_low}, {'inf)' if real_high is None else str(real_high) + ']'}"
        )
    raise ValueError(f"{name} must be {' or '.join(allowed)}, got {value!r}.")
