"""Connected components of a graph given by its edge list, fully vectorized (hook and jump).

Every node keeps a parent pointer, parent[x] <= x, and the roots (parent[r] = r) name the
components. Each round:

    hook   for every edge whose ends have different roots a < b, point root b at root a
           (np.minimum.at: a root offered several smaller roots takes the smallest);
    jump   parent <- parent[parent] until every node points straight at its root.

Every root that still has an edge leaving its tree merges in each round, so the number of
unfinished trees at least halves: O(log n) rounds of O(n + edges) NumPy work. Parents only ever
decrease, so each component ends rooted at its SMALLEST node index, which is how DBSCAN numbers
its clusters.

    component_roots(5, [0, 3], [1, 4]) -> [0, 0, 2, 3, 3]
"""

import numpy as np


def _jump_to_roots(parent):
    while True:
        grandparent = parent[parent]
        if np.array_equal(grandparent, parent):
            return parent
        parent = grandparent


def component_roots(n_nodes, ends_a, ends_b):
    """The smallest node index of each node's component: (n_nodes,) intp."""
    parent = np.arange(n_nodes)
    ends_a, ends_b = np.asarray(ends_a, dtype=np.intp), np.asarray(ends_b, dtype=np.intp)
    while True:
        root_a, root_b = parent[ends_a], parent[ends_b]
        crossing = root_a != root_b
        if not crossing.any():
            return parent
        low = np.minimum(root_a[crossing], root_b[crossing])
        high = np.maximum(root_a[crossing], root_b[crossing])
        np.minimum.at(parent, high, low)
        parent = _jump_to_roots(parent)
