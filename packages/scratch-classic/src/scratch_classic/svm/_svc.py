"""C-support vector classification (libsvm's C-SVC, scikit-learn's SVC).

Binary, labels y_i = +-1: the dual

    max_a  sum_i a_i - 1/2 sum_ij a_i a_j y_i y_j K(x_i, x_j)   s.t.  sum_i y_i a_i = 0,  0 <= a_i <= C_i

(C_i = C * sample_weight_i * class_weight[y_i]), solved by SMO or a QP (see _dual_problem); the
decision is f(x) = sum_i a_i y_i K(x_i, x) - rho and the support vectors are the a_i > 0.

k classes: one-vs-one as libsvm, one binary problem per pair (a < b) with class a as +1, and
prediction by votes (ties to the lower class). The attributes keep libsvm's layout:
- support_vectors_ grouped by class (class 0's, then class 1's, ...), each in training order;
  a sample is a support vector if it is one in any of its k - 1 problems;
- dual_coef_ (k - 1, n_SV): for pair (a, b), the y_i a_i of class a's vectors sit in row b - 1
  and those of class b's in row a;
- intercept_ (k (k - 1) / 2,) = -rho per pair, in the order (0, 1), (0, 2), ..., (1, 2), ...
Binary: scikit-learn negates dual_coef_ and intercept_ so that decision_function > 0 means
classes_[1]; so do we.
"""

from itertools import combinations

import numpy as np

from ..base import ClassifierMixin
from ..utils.validation import check_classification_targets, check_sample_weight
from ._base import BaseLibSVM
from ._class_weight import class_weights
from ._dual_problem import DualProblem
from ._kernel_cache import KernelColumns


class SVC(ClassifierMixin, BaseLibSVM):
    """Kernel support vector classifier; solver "smo" (libsvm's), "qp" (interior point) or "cvxopt"."""

    def __init__(
        self,
        *,
        C=1.0,
        kernel="rbf",
        degree=3,
        gamma="scale",
        coef0=0.0,
        tol=1e-3,
        cache_size=200,
        class_weight=None,
        max_iter=-1,
        decision_function_shape="ovr",
        solver="smo",
    ):
        self.C = C
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.tol = tol
        self.cache_size = cache_size
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.decision_function_shape = decision_function_shape
        self.solver = solver

    def fit(self, X, y, sample_weight=None):
        X, y = self._validate_data(X, y)
        check_classification_targets(y)
        if self.decision_function_shape not in ("ovr", "ovo"):
            raise ValueError(
                f"decision_function_shape must be 'ovr' or 'ovo', got {self.decision_function_shape!r}."
            )
        kernel = self._make_kernel(X)
        classes, y_index = np.unique(y, return_inverse=True)
        if classes.size < 2:
            raise ValueError(
                f"The number of classes has to be greater than one; got {classes.size} class"
            )
        self.classes_ = classes
        self.class_weight_ = class_weights(self.class_weight, classes, y_index)
        sample_C = (
            self.C * check_sample_weight(sample_weight, X.shape[0]) * self.class_weight_[y_index]
        )  # (n,)
        # subtle: a sample of weight 0 cannot be a support vector; libsvm drops it before solving.
        members_of = [np.flatnonzero((y_index == k) & (sample_C > 0)) for k in range(classes.size)]
        if any(members.size == 0 for members in members_of):
            raise ValueError("Invalid input: every class needs a sample with positive weight.")

        pairs = list(combinations(range(classes.size), 2))
        is_support = np.zeros(X.shape[0], dtype=bool)
        pair_solutions, rhos, n_iters = [], [], []
        for first, second in pairs:
            members = np.concatenate([members_of[first], members_of[second]])  # (n_pair,)
            sign = np.where(y_index[members] == first, 1.0, -1.0)  # (n_pair,)
            problem = DualProblem(
                KernelColumns(X[members], kernel, self._cache_bytes),
                sign,
                -np.ones(members.size),
                sample_C[members],
            )
            alpha, rho, n_iter = self._solve(problem)
            is_support[members[alpha > 0]] = True
            pair_solutions.append((members, sign * alpha))
            rhos.append(rho)
            n_iters.append(n_iter)

        support = np.concatenate(
            [members[is_support[members]] for members in members_of]
        )  # (n_SV,)
        position = np.empty(X.shape[0], dtype=np.intp)
        position[support] = np.arange(support.size)
        dual_coef = np.zeros((classes.size - 1, support.size))
        for (first, second), (members, coef) in zip(pairs, pair_solutions):
            kept = is_support[members]
            rows = np.where(y_index[members[kept]] == first, second - 1, first)
            dual_coef[rows, position[members[kept]]] = coef[kept]
        intercept = -np.asarray(rhos)
        if classes.size == 2:  # scikit-learn's sign: positive decision -> classes_[1]
            dual_coef, intercept = -dual_coef, -intercept

        self.support_ = support.astype(np.int32)
        self.support_vectors_ = X[support]
        self.n_support_ = np.array(
            [is_support[members].sum() for members in members_of], dtype=np.int32
        )
        self.dual_coef_ = dual_coef
        self.intercept_ = intercept
        self.n_iter_ = np.asarray(n_iters, dtype=np.int32)
        return self

    @property
    def coef_(self):
        """Primal weights (n_pairs, n_features) = sum of dual_coef * support vectors; linear kernel only."""
        if self.kernel != "linear":
            raise AttributeError("coef_ is only available when using a linear kernel")
        if self.classes_.size == 2:
            return self.dual_coef_ @ self.support_vectors_  # (1, n_features)
        bounds = np.concatenate([[0], np.cumsum(self.n_support_)])
        rows = []
        for first, second in combinations(range(self.classes_.size), 2):
            of_first, of_second = (
                slice(bounds[first], bounds[first + 1]),
                slice(bounds[second], bounds[second + 1]),
            )
            rows.append(
                self.dual_coef_[second - 1, of_first] @ self.support_vectors_[of_first]
                + self.dual_coef_[first, of_second] @ self.support_vectors_[of_second]
            )
        return np.vstack(rows)

    def _pairwise_decision(self, X):
        """(n_samples, n_pairs): libsvm's one-vs-one values, positive -> the pair's first class."""
        X = self._validate_data(X, reset=False)
        n_classes = self.classes_.size
        bounds = np.concatenate([[0], np.cumsum(self.n_support_)])
        pairs = list(combinations(range(n_classes), 2))
        decision = np.empty((X.shape[0], len(pairs)))
        for rows, kernel in self._kernel_to_support_vectors(X):  # kernel: (block, n_SV)
            for p, (first, second) in enumerate(pairs):
                of_first, of_second = (
                    slice(bounds[first], bounds[first + 1]),
                    slice(bounds[second], bounds[second + 1]),
                )
                decision[rows, p] = (
                    kernel[:, of_first] @ self.dual_coef_[second - 1, of_first]
                    + kernel[:, of_second] @ self.dual_coef_[first, of_second]
                    + self.intercept_[p]
                )
        # subtle: the binary attributes carry scikit-learn's flipped sign; undo it here.
        return -decision if n_classes == 2 else decision

    def decision_function(self, X):
        """Binary: (n_samples,), > 0 for classes_[1]. k classes: (n_samples, k) for "ovr"
        (votes plus a confidence in (-1/3, 1/3), as scikit-learn), (n_samples, k (k - 1) / 2) for "ovo"."""
        pairwise = self._pairwise_decision(X)
        n_classes = self.classes_.size
        if n_classes == 2:
            return -pairwise[:, 0]
        if self.decision_function_shape == "ovo":
            return pairwise
        # subtle: scikit-learn's ovr votes count a value of exactly 0 for the first class of the
        # pair, while libsvm's predict counts it for the second.
        votes = _votes(pairwise >= 0, n_classes)
        confidence = np.zeros((pairwise.shape[0], n_classes))
        for p, (first, second) in enumerate(combinations(range(n_classes), 2)):
            confidence[:, first] += pairwise[:, p]
            confidence[:, second] -= pairwise[:, p]
        return votes + confidence / (3 * (np.abs(confidence) + 1))

    def predict(self, X):
        """Binary: the sign of decision_function. k classes: libsvm's one-vs-one vote (ties to the lower class)."""
        pairwise = self._pairwise_decision(X)
        return self.classes_[np.argmax(_votes(pairwise > 0, self.classes_.size), axis=1)]


def _votes(first_wins, n_classes):
    """(n_samples, n_classes) vote counts from the (n_samples, n_pairs) one-vs-one outcomes."""
    votes = np.zeros((first_wins.shape[0], n_classes))
    for p, (first, second) in enumerate(combinations(range(n_classes), 2)):
        votes[:, first] += first_wins[:, p]
        votes[:, second] += ~first_wins[:, p]
    return votes
