"""Adjusted Rand index: agreement of two clusterings over all pairs of samples, corrected for chance.

Count the pairs of samples: tp = pairs together in both clusterings, tn = apart in both,
fp / fn = together in only one. From the contingency table n_ck (samples in class c and
cluster k), with a_c and b_k its row and column sums (all counts over ordered pairs):
    tp = sum n_ck^2 - n,   tp + fn = sum a_c^2 - n,   tp + fp = sum b_k^2 - n,   total = n^2 - n
    ARI = 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))
1.0 for identical partitions (up to renaming), about 0.0 for independent ones, and it can be
negative. Example: adjusted_rand_score([0, 0, 1, 1], [1, 1, 0, 0]) -> 1.0
Deviation: empty input raises ValueError (scikit-learn returns 1.0).
"""

import numpy as np

from ..utils.validation import check_consistent_length, column_or_1d


def adjusted_rand_score(labels_true, labels_pred):
    """Adjusted Rand index of two labelings of the same samples (symmetric, label names ignored)."""
    labels_true = column_or_1d(labels_true, name="labels_true")
    labels_pred = column_or_1d(labels_pred, name="labels_pred")
    check_consistent_length(labels_true, labels_pred)
    n_samples = len(labels_true)
    if n_samples == 0:
        raise ValueError("Found empty input: the adjusted Rand index needs at least one sample")
    _, class_codes = np.unique(labels_true, return_inverse=True)  # (n,)
    _, cluster_codes = np.unique(labels_pred, return_inverse=True)  # (n,)
    n_clusters = cluster_codes.max() + 1
    cell_counts = np.bincount(
        class_codes * n_clusters + cluster_codes
    )  # contingency n_ck, flattened
    class_sizes = np.bincount(class_codes)  # a_c
    cluster_sizes = np.bincount(cluster_codes)  # b_k
    # python ints: n^2 overflows int64 for a few billion samples, and the products below sooner
    sum_cells = int((cell_counts**2).sum())
    together_true = int((class_sizes**2).sum()) - n_samples
    together_pred = int((cluster_sizes**2).sum()) - n_samples
    tp = sum_cells - n_samples
    fn, fp = together_true - tp, together_pred - tp
    tn = n_samples * n_samples - tp - fn - fp - n_samples
    if fn == 0 and fp == 0:
        return 1.0
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
