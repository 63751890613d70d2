"""export_text: a fitted tree's rules as indented text, character for character as scikit-learn's.

    |--- feature_1 <= 0.50
    |   |--- class: 0
    |--- feature_1 >  0.50
    |   |--- value: [2.75]

Each level indents by "|" + `spacing` spaces; a node's two branches read "<=" and ">  " (two
spaces, so the thresholds line up); leaves show the majority class (classifiers) or the mean
(regressors); below `max_depth` levels a subtree is replaced by "truncated branch of depth d".
"""

import numpy as np

from ..base import is_classifier
from ..utils.validation import check_is_fitted
from ._tree import TREE_LEAF, TREE_UNDEFINED


def export_text(
    decision_tree,
    *,
    feature_names=None,
    class_names=None,
    max_depth=10,
    spacing=3,
    decimals=2,
    show_weights=False,
):
    """Text report of the tree's rules (see the module docstring for the format)."""
    check_is_fitted(decision_tree, "tree_")
    tree = decision_tree.tree_
    classifier = is_classifier(decision_tree)
    if classifier:
        if class_names is None:
            class_names = decision_tree.classes_
        elif len(class_names) != len(decision_tree.classes_):
            raise ValueError(
                "When `class_names` is an array, it should contain as many items as "
                f"`decision_tree.classes_`. Got {len(class_names)} while the tree was fitted with "
                f"{len(decision_tree.classes_)} classes."
            )
    if feature_names is not None and len(feature_names) != tree.n_features:
        raise ValueError(
            f"feature_names must contain {tree.n_features} elements, got {len(feature_names)}"
        )
    if feature_names is None:
        feature_names = [f"feature_{i}" for i in range(tree.n_features)]

    def leaf_line(node, indent):
        value = tree.value[node][0]  # (n_classes,) fractions, or (1,) mean
        if classifier:
            text = ""
            if show_weights:
                weights = value * tree.weighted_n_node_samples[node]
                text = "weights: [" + ", ".join(f"{w:.{decimals}f}" for w in weights) + "]"
            majority = class_names[np.argmax(value)]
            return f"{indent}{' ' if show_weights else ''}{text} class: {majority}\n"
        return f"{indent} value: [" + ", ".join(f"{v:.{decimals}f}" for v in value) + "]\n"

    lines = []

    def recurse(node, depth):
        indent = ("|" + " " * spacing) * depth
        indent = indent[:-spacing] + "-" * spacing
        if depth > max_depth + 1:
            subtree_depth = _subtree_depth(tree, node)
            if subtree_depth == 1:
                lines.append(leaf_line(node, indent))
            else:
                lines.append(f"{indent} truncated branch of depth {subtree_depth}\n")
        elif tree.feature[node] != TREE_UNDEFINED:
            name = feature_names[tree.feature[node]]
            threshold = f"{tree.threshold[node]:.{decimals}f}"
            lines.append(f"{indent} {name} <= {threshold}\n")
            recurse(tree.children_left[node], depth + 1)
            lines.append(f"{indent} {name} >  {threshold}\n")
            recurse(tree.children_right[node], depth + 1)
        else:
            lines.append(leaf_line(node, indent))

    recurse(0, 1)
    return "".join(lines)


def _subtree_depth(tree, node):
    """Number of levels in the subtree under node (1 for a leaf)."""
    depth, frontier = 0, [node]
    while frontier:
        depth += 1
        frontier = [
            child
            for n in frontier
            if tree.children_left[n] != TREE_LEAF
            for child in (tree.children_left[n], tree.children_right[n])
        ]
    return depth
