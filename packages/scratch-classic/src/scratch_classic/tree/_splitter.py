"""Best-split search for one node, vectorised over every feature and every split position.

A node is held as `sorted_samples` (n_features, n_node): row f lists the node's sample indices in
increasing order of feature f (sorted once at the root, then kept sorted by `partition`, so no
node ever sorts again). For the candidate features, gathering the per-sample statistics in that
order and taking one cumulative sum gives the left child of EVERY split position at once:

    left[f, p]  = sum of statistics of the p smallest samples along feature f
    right[f, p] = node total - left[f, p]

A position is a candidate, as in scikit-learn's BestSplitter, when
- it separates two distinct values: x[p] > x[p-1] + 1e-7 (float32, FEATURE_THRESHOLD);
- each child keeps >= min_samples_leaf samples and >= min_weight_leaf weight;
and the threshold is the midpoint x[p-1] / 2 + x[p] / 2 (computed in float64 from float32 values).

Features are visited in a random order (random_state); constant features (max - min <= 1e-7) are
skipped without counting towards max_features, and the first strictly best position wins, so ties
are broken exactly as scikit-learn breaks them: by the random feature order, then by position.
"""

from dataclasses import dataclass

import numpy as np

FEATURE_THRESHOLD = np.float32(1e-7)  # values closer than this are one value (scikit-learn's)
_CHUNK_ELEMENTS = 1 << 21  # bound on n_features_in_chunk * n_node * n_statistics per gather


@dataclass
class Split:
    feature: int
    n_left: int  # the left child is sorted_samples[feature, :n_left]
    threshold: float
    proxy: float
    left_total: np.ndarray  # (n_statistics,)
    right_total: np.ndarray  # (n_statistics,)
    weight_left: float
    weight_right: float


def find_best_split(
    sorted_samples,
    X_by_feature,
    criterion,
    sample_weight,
    total,
    weight_node,
    min_samples_leaf,
    min_weight_leaf,
    max_features,
    rng,
):
    """The best Split of the node, or None when no position is a candidate."""
    n_features, n_node = sorted_samples.shape
    feature_index = np.arange(n_features)
    smallest = X_by_feature[feature_index, sorted_samples[:, 0]]  # (n_features,)
    largest = X_by_feature[feature_index, sorted_samples[:, -1]]  # (n_features,)
    constant = largest <= smallest + FEATURE_THRESHOLD
    visit_order = rng.permutation(n_features)
    candidates = visit_order[~constant[visit_order]][:max_features]

    lowest, highest = min_samples_leaf, n_node - min_samples_leaf  # allowed n_left range
    if len(candidates) == 0 or lowest > highest:
        return None
    statistics = criterion.statistics  # (n_samples, n_statistics)
    chunk_size = max(1, _CHUNK_ELEMENTS // (n_node * statistics.shape[1]))
    best = None
    for start in range(0, len(candidates), chunk_size):
        features = candidates[start : start + chunk_size]
        samples = sorted_samples[features]  # (k, n_node)
        values = X_by_feature[features[:, None], samples]  # (k, n_node) float32, sorted per row
        # position p (p = n_left, lowest <= p <= highest) splits between values[p-1] and values[p]
        distinct = (
            values[:, lowest : highest + 1] > values[:, lowest - 1 : highest] + FEATURE_THRESHOLD
        )
        left = np.cumsum(statistics[samples[:, :highest]], axis=1)[:, lowest - 1 :]  # (k, P, S)
        weight_left = np.cumsum(sample_weight[samples[:, :highest]], axis=1)[
            :, lowest - 1 :
        ]  # (k, P)
        right = total - left  # (k, P, S)
        weight_right = weight_node - weight_left  # (k, P)
        with np.errstate(divide="ignore", invalid="ignore"):
            proxy = criterion.proxy_improvement(left, right, weight_left, weight_right)  # (k, P)
        valid = distinct & (weight_left >= min_weight_leaf) & (weight_right >= min_weight_leaf)
        # subtle: NaN (a side with zero weight) never wins, as NaN > best is False in scikit-learn
        proxy = np.where(valid & ~np.isnan(proxy), proxy, -np.inf)
        row, column = np.unravel_index(
            np.argmax(proxy), proxy.shape
        )  # first best: visit order, then position
        if proxy[row, column] > (best.proxy if best else -np.inf):
            n_left = lowest + column
            best = Split(
                feature=int(features[row]),
                n_left=int(n_left),
                threshold=float(
                    np.float64(values[row, n_left - 1]) / 2.0
                    + np.float64(values[row, n_left]) / 2.0
                ),
                proxy=float(proxy[row, column]),
                left_total=left[row, column],
                right_total=right[row, column],
                weight_left=float(weight_left[row, column]),
                weight_right=float(weight_right[row, column]),
            )
    return best


def partition(sorted_samples, left_samples, scratch_mask):
    """Split every row of sorted_samples into (left, right), each row staying sorted.

    scratch_mask: an all-False (n_samples,) bool array, returned all-False (reused across nodes).
    """
    n_features = sorted_samples.shape[0]
    scratch_mask[left_samples] = True
    goes_left = scratch_mask[sorted_samples]  # (n_features, n_node)
    scratch_mask[left_samples] = False
    # every row holds the same samples, so each row keeps exactly len(left_samples) of them
    left = sorted_samples[goes_left].reshape(n_features, len(left_samples))
    right = sorted_samples[~goes_left].reshape(n_features, -1)
    return left, right
