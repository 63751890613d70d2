"""Decision trees, as sklearn.tree: CART classification / regression trees and their text export.

Contract (relied on by the ensembles): `fit(X, y, sample_weight=None)`, `predict`, `predict_proba`
(classifier), `apply(X)` -> leaf ids, and `tree_` with scikit-learn's per-node arrays
(children_left, children_right, feature, threshold, value, impurity, n_node_samples,
weighted_n_node_samples, node_count); `tree_.value` may be overwritten to change leaf outputs.
"""

from ._classes import DecisionTreeClassifier, DecisionTreeRegressor
from ._export import export_text
from ._tree import TREE_LEAF, TREE_UNDEFINED, Tree

__all__ = [
    "TREE_LEAF",
    "TREE_UNDEFINED",
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
    "Tree",
    "export_text",
]
