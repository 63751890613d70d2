"""The fitted tree: parallel per-node arrays, laid out as scikit-learn's `Tree` (`tree_`).

Node 0 is the root; nodes are numbered in depth-first pre-order (node, left subtree, right
subtree). For node i:

    children_left[i], children_right[i]   child ids, TREE_LEAF (-1) for a leaf
    feature[i], threshold[i]              the test x[feature] <= threshold sends a sample left;
                                          TREE_UNDEFINED (-2) for a leaf
    value[i]                              (n_outputs=1, n_classes): class fractions, or the mean
    impurity[i], n_node_samples[i], weighted_n_node_samples[i]

`value` is a plain writable array that `predict` reads at call time, so gradient boosting can
overwrite leaf values after fitting.
"""

import numpy as np

TREE_LEAF = -1
TREE_UNDEFINED = -2


class Tree:
    """Arrays of a fitted decision tree; built by `DepthFirstTreeBuilder`."""

    def __init__(self, n_features, n_classes, nodes, values):
        self.n_features = n_features
        self.n_outputs = 1
        self.n_classes = np.array([n_classes], dtype=np.intp)
        self.max_n_classes = n_classes
        (
            children_left,
            children_right,
            feature,
            threshold,
            impurity,
            n_node_samples,
            weighted_n_node_samples,
            depth,
        ) = zip(*nodes)
        self.children_left = np.array(children_left, dtype=np.intp)
        self.children_right = np.array(children_right, dtype=np.intp)
        self.feature = np.array(feature, dtype=np.intp)
        self.threshold = np.array(threshold, dtype=np.float64)
        self.impurity = np.array(impurity, dtype=np.float64)
        self.n_node_samples = np.array(n_node_samples, dtype=np.intp)
        self.weighted_n_node_samples = np.array(weighted_n_node_samples, dtype=np.float64)
        self.value = np.asarray(values, dtype=np.float64).reshape(len(nodes), 1, n_classes)
        self.node_count = len(nodes)
        self.capacity = self.node_count
        self.max_depth = max(depth)

    @property
    def n_leaves(self):
        return int(np.count_nonzero(self.children_left == TREE_LEAF))

    def apply(self, X):
        """Leaf id of each row of X (n_samples, n_features), float32 as the tree was grown on."""
        X = np.asarray(X, dtype=np.float32)
        node = np.zeros(X.shape[0], dtype=np.intp)
        active = np.arange(X.shape[0])  # samples still at an internal node
        # one vectorised step per level: the loop runs max_depth times, never over samples
        while active.size:
            current = node[active]
            left = self.children_left[current]
            internal = left != TREE_LEAF
            active, current, left = active[internal], current[internal], left[internal]
            # subtle: float32 x against a float64 threshold compares in float64, as scikit-learn
            goes_left = X[active, self.feature[current]] <= self.threshold[current]
            node[active] = np.where(goes_left, left, self.children_right[current])
        return node

    def predict(self, X):
        """value of the leaf each row lands in: (n_samples, n_outputs, max_n_classes)."""
        return self.value[self.apply(X)]

    def compute_feature_importances(self, normalize=True):
        """Total weighted impurity decrease brought by each feature (mean decrease in impurity).

        importance[f] = sum over nodes split on f of
            (w_node impurity_node - w_left impurity_left - w_right impurity_right) / w_root,
        then normalised to sum to 1 (unless every decrease is zero, e.g. a single-leaf tree).
        """
        internal = np.flatnonzero(self.children_left != TREE_LEAF)
        left, right = self.children_left[internal], self.children_right[internal]
        weighted_impurity = self.weighted_n_node_samples * self.impurity  # (node_count,)
        decrease = weighted_impurity[internal] - weighted_impurity[left] - weighted_impurity[right]
        importances = np.zeros(self.n_features)
        np.add.at(importances, self.feature[internal], decrease)
        importances /= self.weighted_n_node_samples[0]
        if normalize:
            total = importances.sum()
            if total > 0.0:
                importances /= total
        return importances
