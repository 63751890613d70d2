"""Depth-first tree growth, as scikit-learn's DepthFirstTreeBuilder.

A stack of pending nodes; popping one decides leaf-or-split, records it (ids in pre-order), and
pushes the right child then the left one, so the left subtree is grown first. A node is a leaf
when any of these holds (scikit-learn's rules, in its order):

    depth >= max_depth,  n_node < min_samples_split,  n_node < 2 min_samples_leaf,
    w_node < 2 min_weight_leaf,  impurity <= eps (pure),
    no candidate split,  improvement + eps < min_impurity_decrease.

A child's impurity is the one computed for it while choosing its parent's split.
"""

from dataclasses import dataclass

import numpy as np

from ._criterion import impurity_improvement
from ._splitter import find_best_split, partition
from ._tree import TREE_LEAF, TREE_UNDEFINED, Tree

EPSILON = np.finfo(np.float64).eps


@dataclass
class StoppingRules:
    max_depth: int
    min_samples_split: int
    min_samples_leaf: int
    min_weight_leaf: float
    min_impurity_decrease: float
    max_features: int


def build_tree(X, criterion, sample_weight, n_values, rules, rng):
    """Grow a Tree on X (n_samples, n_features) float32 with the given criterion and rules."""
    n_samples, n_features = X.shape
    X_by_feature = np.ascontiguousarray(X.T)  # (n_features, n_samples): rows gathered per feature
    # subtle: zero-weight samples (out-of-bag in a bootstrap) are left out of the tree entirely,
    # as scikit-learn does: they neither count in n_node_samples nor bound a threshold
    kept = np.flatnonzero(sample_weight != 0.0)  # (n_kept,)
    # (n_features, n_kept): the one sort of the whole fit; partition keeps children sorted
    sorted_samples = kept[np.argsort(X_by_feature[:, kept], axis=1, kind="stable")]
    scratch_mask = np.zeros(n_samples, dtype=bool)
    statistics = criterion.statistics  # (n_samples, n_statistics)
    weight_root = None

    nodes, values = [], []
    # (sorted_samples, depth, parent, is_left, impurity or None for the root)
    stack = [(sorted_samples, 0, TREE_LEAF, False, None)]
    while stack:
        node_sorted, depth, parent, is_left, impurity = stack.pop()
        samples = node_sorted[0]  # the node's samples (in feature-0 order)
        n_node = len(samples)
        total = statistics[samples].sum(axis=0)  # (n_statistics,)
        weight_node = float(sample_weight[samples].sum())
        if impurity is None:  # the root
            weight_root = weight_node
            impurity = criterion.node_impurity(total, weight_node, samples)

        is_leaf = (
            depth >= rules.max_depth
            or n_node < rules.min_samples_split
            or n_node < 2 * rules.min_samples_leaf
            or weight_node < 2 * rules.min_weight_leaf
            or impurity <= EPSILON
        )
        split = None
        if not is_leaf:
            split = find_best_split(
                node_sorted,
                X_by_feature,
                criterion,
                sample_weight,
                total,
                weight_node,
                rules.min_samples_leaf,
                rules.min_weight_leaf,
                rules.max_features,
                rng,
            )
            if split is not None:
                left_samples = node_sorted[split.feature, : split.n_left]
                right_samples = node_sorted[split.feature, split.n_left :]
                impurity_left, impurity_right = criterion.children_impurity(
                    split.left_total,
                    split.right_total,
                    split.weight_left,
                    split.weight_right,
                    left_samples,
                    right_samples,
                )
                improvement = impurity_improvement(
                    impurity,
                    impurity_left,
                    impurity_right,
                    weight_node,
                    split.weight_left,
                    split.weight_right,
                    weight_root,
                )
                if improvement + EPSILON < rules.min_impurity_decrease:
                    split = None
            is_leaf = split is None

        node_id = len(nodes)
        if parent != TREE_LEAF:
            nodes[parent][0 if is_left else 1] = node_id
        nodes.append(
            [
                TREE_LEAF,
                TREE_LEAF,
                TREE_UNDEFINED if is_leaf else split.feature,
                float(TREE_UNDEFINED) if is_leaf else split.threshold,
                impurity,
                n_node,
                weight_node,
                depth,
            ]
        )
        values.append(criterion.node_value(total, weight_node))
        if not is_leaf:
            left_sorted, right_sorted = partition(node_sorted, left_samples, scratch_mask)
            stack.append((right_sorted, depth + 1, node_id, False, impurity_right))
            stack.append((left_sorted, depth + 1, node_id, True, impurity_left))
    return Tree(n_features, n_values, nodes, values)
