"""Linear support vector classification (liblinear's L2-regularized SVM, scikit-learn's LinearSVC).

    min_w 1/2 ||w||^2 + sum_i C_i loss(y_i (w'x_i + b)),  loss: hinge or squared hinge (default)

As liblinear, the intercept is learned as the weight of an extra constant feature of value
intercept_scaling, so b = intercept_scaling * w_extra is regularized too (a larger scaling
regularizes it less). k > 2 classes: one-vs-rest, one problem per class (that class +1, the rest
-1); two classes: one problem with classes_[1] as +1. Per-sample C_i = C * sample_weight_i *
class weight, where in one-vs-rest the "rest" side keeps weight 1 (liblinear's rule).

solver: "dcd", dual coordinate descent (liblinear's; see _dual_coordinate_descent), or
"subgradient", full-batch primal subgradient descent (see _subgradient; slower and less exact).
"""

import numbers

import numpy as np

from ..base import BaseEstimator, ClassifierMixin
from ..utils.validation import check_classification_targets, check_random_state, check_sample_weight
from ._class_weight import class_weights
from ._dual_coordinate_descent import dual_coordinate_descent
from ._subgradient import subgradient_descent

_LOSSES = ("hinge", "squared_hinge")
_SOLVERS = ("dcd", "subgradient")


class LinearSVC(ClassifierMixin, BaseEstimator):
    """Linear SVM classifier, one-vs-rest; coef_ (1 or n_classes, n_features), intercept_."""

    def __init__(
        self,
        *,
        C=1.0,
        loss="squared_hinge",
        tol=1e-4,
        max_iter=1000,
        fit_intercept=True,
        intercept_scaling=1.0,
        class_weight=None,
        random_state=None,
        solver="dcd",
    ):
        self.C = C
        self.loss = loss
        self.tol = tol
        self.max_iter = max_iter
        self.fit_intercept = fit_intercept
        self.intercept_scaling = intercept_scaling
        self.class_weight = class_weight
        self.random_state = random_state
        self.solver = solver

    def _check_hyper_parameters(self):
        if self.loss not in _LOSSES:
            raise ValueError(f"loss must be one of {_LOSSES}, got {self.loss!r}.")
        if self.solver not in _SOLVERS:
            raise ValueError(f"solver must be one of {_SOLVERS}, got {self.solver!r}.")
        if not isinstance(self.C, numbers.Real) or not self.C > 0:
            raise ValueError(f"C must be a positive float, got {self.C!r}.")
        if not isinstance(self.tol, numbers.Real) or not self.tol > 0:
            raise ValueError(f"tol must be a positive float, got {self.tol!r}.")
        if not isinstance(self.max_iter, numbers.Integral) or self.max_iter < 1:
            raise ValueError(f"max_iter must be a positive int, got {self.max_iter!r}.")
        if self.fit_intercept and not (
            isinstance(self.intercept_scaling, numbers.Real) and self.intercept_scaling > 0
        ):
            raise ValueError(
                f"intercept_scaling must be a positive float, got {self.intercept_scaling!r}."
            )

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y)
        check_classification_targets(y)
        self._check_hyper_parameters()
        classes, y_index = np.unique(y, return_inverse=True)
        if classes.size < 2:
            raise ValueError(
                f"The number of classes has to be greater than one; got {classes.size} class"
            )
        self.classes_ = classes
        sample_weight = check_sample_weight(sample_weight, X.shape[0])  # (n,)
        # subtle: "balanced" counts classes by their total sample weight here, as liblinear does
        self.class_weight_ = class_weights(self.class_weight, classes, y_index, sample_weight)
        sample_C = self.C * sample_weight  # (n,)
        if self.fit_intercept:
            X = np.hstack(
                [X, np.full((X.shape[0], 1), float(self.intercept_scaling))]
            )  # (n, d + 1)
        rng = check_random_state(self.random_state)

        positive_classes = [1] if classes.size == 2 else range(classes.size)
        weights, n_iters = [], []
        for positive in positive_classes:
            is_positive = y_index == positive
            sign = np.where(is_positive, 1.0, -1.0)  # (n,)
            rest_weight = self.class_weight_[y_index] if classes.size == 2 else 1.0
            problem_C = sample_C * np.where(
                is_positive, self.class_weight_[positive], rest_weight
            )  # (n,)
            if self.solver == "dcd":
                w, n_iter = dual_coordinate_descent(
                    X, sign, problem_C, self.loss, self.tol, self.max_iter, rng
                )
            else:
                w, n_iter = subgradient_descent(
                    X, sign, problem_C, self.loss, self.tol, self.max_iter
                )
            weights.append(w)
            n_iters.append(n_iter)
        weights = np.vstack(weights)  # (1 or n_classes, d [+ 1])
        if self.fit_intercept:
            self.coef_, self.intercept_ = weights[:, :-1], self.intercept_scaling * weights[:, -1]
        else:
            self.coef_, self.intercept_ = weights, 0.0  # scikit-learn's scalar 0.0
        self.n_iter_ = max(n_iters)
        return self

    def decision_function(self, X):
        """Signed distances (n_samples,) for two classes (> 0: classes_[1]), else (n_samples, n_classes)."""
        X = self._validate_data(X, reset=False)
        scores = X @ self.coef_.T + self.intercept_  # (n_samples, 1 or n_classes)
        return scores[:, 0] if self.classes_.size == 2 else scores

    def predict(self, X):
        scores = self.decision_function(X)
        if self.classes_.size == 2:
            return self.classes_[(scores > 0).astype(np.intp)]
        return self.classes_[np.argmax(scores, axis=1)]
