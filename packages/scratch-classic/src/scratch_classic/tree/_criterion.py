"""Split criteria: the impurity of a node and of every candidate split at once.

Each criterion turns a sample into a small row of additive statistics (`sample_statistics`), so
that the statistics of the left child of every split position are a cumulative sum along the
sorted column, and the right child's are the node total minus the left. With w the weighted
number of samples and c_k the weighted count of class k (p_k = c_k / w):

    gini           1 - sum_k p_k^2
    entropy        -sum_k p_k log2 p_k          ("log_loss" is the same criterion)
    squared_error  sum_i w_i y_i^2 / w - (sum_i w_i y_i / w)^2     (the weighted variance)

The best split maximises the impurity decrease; as scikit-learn, the search ranks positions by a
cheaper *proxy* that differs from it by terms constant within a node:

    classification   -w_right * impurity_right - w_left * impurity_left
    squared_error    S_left^2 / w_left + S_right^2 / w_right           (S = sum_i w_i y_i)

and the reported improvement of the chosen split is scikit-learn's weighted decrease

    w_node / w_root * (impurity - w_right / w_node * impurity_right
                                - w_left / w_node * impurity_left).

Every method is vectorised: `left` / `right` carry any leading shape (..., n_statistics) and the
weights the matching (...) shape, e.g. (n_features, n_positions, n_classes) in the split search.
"""

import numpy as np


class ClassificationCriterion:
    """Shared by gini and entropy: statistics are the weighted one-hot class counts."""

    def __init__(self, y_encoded, sample_weight, n_classes):
        # (n_samples, n_classes): w_i in column y_i, zeros elsewhere
        self.statistics = np.zeros((len(y_encoded), n_classes))
        self.statistics[np.arange(len(y_encoded)), y_encoded] = sample_weight

    def node_value(self, total, weight):
        """The class fractions of the node (scikit-learn >= 1.4 stores fractions, not counts)."""
        return total / weight  # (n_classes,)

    def node_impurity(self, total, weight, samples):
        return float(self.impurity(total, weight))

    def children_impurity(
        self, left, right, weight_left, weight_right, left_samples, right_samples
    ):
        return float(self.impurity(left, weight_left)), float(self.impurity(right, weight_right))

    def proxy_improvement(self, left, right, weight_left, weight_right):
        return -weight_right * self.impurity(right, weight_right) - weight_left * self.impurity(
            left, weight_left
        )


class Gini(ClassificationCriterion):
    def impurity(self, counts, weight):
        squared_counts = np.einsum("...k,...k->...", counts, counts)  # (...)
        return 1.0 - squared_counts / (weight * weight)


class Entropy(ClassificationCriterion):
    def impurity(self, counts, weight):
        # subtle: classes absent from a side contribute 0 (0 log 0 = 0), as scikit-learn skips
        # them; so an empty-weight side has entropy 0, not NaN
        present = counts > 0
        fractions = np.divide(
            counts, np.expand_dims(weight, -1), where=present, out=np.zeros(counts.shape)
        )
        log_fractions = np.log(fractions, where=present, out=np.zeros(counts.shape)) / np.log(2.0)
        return -np.einsum("...k,...k->...", fractions, log_fractions)


class SquaredError:
    """Statistics are w_i y_i; the sums of squares are only needed for the chosen split."""

    def __init__(self, y, sample_weight):
        self.statistics = (sample_weight * y)[:, None]  # (n_samples, 1)
        self.weighted_squares = sample_weight * y * y  # (n_samples,)

    def node_value(self, total, weight):
        return total / weight  # (1,): the weighted mean

    def node_impurity(self, total, weight, samples):
        mean = total[0] / weight
        return float(self.weighted_squares[samples].sum() / weight - mean * mean)

    def children_impurity(
        self, left, right, weight_left, weight_right, left_samples, right_samples
    ):
        squares_left = self.weighted_squares[left_samples].sum()
        squares_right = self.weighted_squares[right_samples].sum()
        impurity_left = squares_left / weight_left - (left[0] / weight_left) ** 2
        impurity_right = squares_right / weight_right - (right[0] / weight_right) ** 2
        return float(impurity_left), float(impurity_right)

    def proxy_improvement(self, left, right, weight_left, weight_right):
        return left[..., 0] ** 2 / weight_left + right[..., 0] ** 2 / weight_right


def impurity_improvement(
    impurity, impurity_left, impurity_right, weight_node, weight_left, weight_right, weight_root
):
    """scikit-learn's weighted impurity decrease of a split (what min_impurity_decrease bounds)."""
    return (weight_node / weight_root) * (
        impurity
        - weight_right / weight_node * impurity_right
        - weight_left / weight_node * impurity_left
    )
