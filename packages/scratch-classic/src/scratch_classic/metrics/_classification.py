"""Label-level classification metrics: accuracy, the confusion matrix, and log loss.

Precision, recall and F-scores live in `_precision_recall`, the text report in
`_classification_report`; all of them validate labels through `_targets`.
"""

import warnings

import numpy as np

from ..utils.validation import check_array, check_consistent_length, check_sample_weight
from ._targets import (
    _as_label_array,
    check_classification_targets_pair,
    encode_labels,
    unique_labels,
)

CONFUSION_NORMALIZATIONS = ("true", "pred", "all", None)


def accuracy_score(y_true, y_pred, *, normalize=True, sample_weight=None):
    """Fraction (or, with normalize=False, weighted count) of samples with y_pred == y_true.

    accuracy = sum_i w_i [y_pred_i == y_true_i] / sum_i w_i
    """
    _, _, y_true, y_pred = check_classification_targets_pair(y_true, y_pred)
    weights = check_sample_weight(sample_weight, len(y_true))
    correct = weights @ (y_true == y_pred)
    return float(correct / weights.sum()) if normalize else float(correct)


def _weights_keeping_dtype(sample_weight, n_samples):
    """Sample weights as given (integer weights stay integers, so counts stay exact ints)."""
    if sample_weight is None:
        return np.ones(n_samples, dtype=np.int64)
    weights = np.asarray(sample_weight)
    if weights.dtype.kind not in "biuf":
        raise ValueError(f"sample_weight must be numeric, got dtype {weights.dtype}")
    if weights.shape != (n_samples,):
        raise ValueError(f"sample_weight.shape == {weights.shape}, expected ({n_samples},)!")
    if weights.dtype.kind == "f" and not np.isfinite(weights).all():
        raise ValueError("Input sample_weight contains NaN or infinity.")
    return weights


def confusion_matrix(y_true, y_pred, *, labels=None, sample_weight=None, normalize=None):
    """C[i, j] = (weighted) number of samples whose true label is labels[i] and predicted labels[j].

    labels: the rows/columns, in this order (default: every label seen, sorted); samples whose
    true or predicted label is not among them are left out. normalize divides by row sums
    ("true"), column sums ("pred") or the total ("all"); a 0/0 becomes 0.

        confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]) -> [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
    """
    if normalize not in CONFUSION_NORMALIZATIONS:
        raise ValueError(f"normalize must be one of {CONFUSION_NORMALIZATIONS}, got {normalize!r}")
    check_consistent_length(y_true, y_pred)
    if labels is not None:
        labels = np.asarray(labels)
        if labels.size == 0:
            raise ValueError("'labels' should contain at least one label.")
        if len(y_true) == 0:
            return np.zeros((labels.size, labels.size), dtype=int)
    _, present_labels, y_true, y_pred = check_classification_targets_pair(y_true, y_pred)
    weights = _weights_keeping_dtype(sample_weight, len(y_true))
    if labels is None:
        labels = present_labels
    elif len(np.intersect1d(y_true, labels)) == 0:
        raise ValueError("At least one label specified must be in y_true")
    n_labels = labels.size
    # index of each sample's label in `labels`, n_labels for a label outside them
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]

    def index_in_labels(values):
        positions = np.clip(np.searchsorted(sorted_labels, values), 0, n_labels - 1)  # (n,)
        return np.where(sorted_labels[positions] == values, order[positions], n_labels)

    true_index, pred_index = index_in_labels(y_true), index_in_labels(y_pred)  # (n,), (n,)
    kept = (true_index < n_labels) & (pred_index < n_labels)
    cells = true_index[kept] * n_labels + pred_index[kept]  # (n_kept,) flat cell of each sample
    counts = np.bincount(cells, weights=weights[kept].astype(np.float64), minlength=n_labels**2)
    matrix = counts.reshape(n_labels, n_labels)
    if weights.dtype.kind in "biu":
        matrix = np.rint(matrix).astype(
            np.int64
        )  # subtle: integer weights give exact integer counts
    with np.errstate(all="ignore"):
        if normalize == "true":
            matrix = matrix / matrix.sum(axis=1, keepdims=True)
        elif normalize == "pred":
            matrix = matrix / matrix.sum(axis=0, keepdims=True)
        elif normalize == "all":
            matrix = matrix / matrix.sum()
        matrix = np.nan_to_num(matrix)
    if matrix.shape == (1, 1):
        warnings.warn(
            "A single label was found in 'y_true' and 'y_pred'. For the confusion matrix to "
            "have the correct shape, use the 'labels' parameter to pass all known labels.",
            UserWarning,
            stacklevel=2,
        )
    return matrix


def _one_hot_labels(y_true, labels):
    """(n, k) one-hot encoding of y_true over the sorted classes (k >= 2), and those classes."""
    if labels is not None:
        classes = unique_labels(labels)
        if not np.array_equal(classes, np.asarray(labels)):
            warnings.warn(
                f"Labels passed were {labels}. But this function assumes labels are ordered "
                f"lexicographically. Pass the ordered labels={classes.tolist()} and ensure that "
                "the columns of y_proba correspond to this ordering.",
                UserWarning,
                stacklevel=3,
            )
        unseen = set(_as_label_array(y_true).tolist()) - set(classes.tolist())
        if unseen:
            raise ValueError(
                f"y_true contains values {unseen} not belonging to the passed labels {labels}."
            )
    else:
        classes = unique_labels(y_true)
    if len(classes) == 1:
        if labels is None:
            raise ValueError(
                f"y_true contains only one label ({classes[0]}). Please provide the list of all "
                "expected class labels explicitly through the labels argument."
            )
        raise ValueError(f"The labels array needs to contain at least two labels, got {classes}.")
    codes = encode_labels(_as_label_array(y_true), classes, name="y_true")  # (n,)
    return (codes[:, None] == np.arange(len(classes))[None, :]).astype(np.float64), classes


def log_loss(y_true, y_proba, *, normalize=True, sample_weight=None, labels=None):
    """Mean (or, with normalize=False, weighted sum) negative log-likelihood of the true labels.

    loss = -1/sum(w) * sum_i w_i sum_k [y_i = k] log p_ik,   p clipped to [eps, 1 - eps]

    y_proba: (n, k) probabilities with columns in sorted label order, or (n,) probabilities of the
    greater label of a binary problem. As scikit-learn (>= 1.9), rows are not renormalized; rows
    that do not sum to one only give a warning.
    """
    y_proba = check_array(y_proba, name="y_proba", ensure_2d=False)
    if y_proba.ndim > 2:
        raise ValueError(f"y_proba must be 1-d or 2-d, got shape {y_proba.shape}")
    if y_proba.max() > 1:
        raise ValueError(f"y_prob contains values greater than 1: {y_proba.max()}")
    if y_proba.min() < 0:
        raise ValueError(f"y_prob contains values lower than 0: {y_proba.min()}")
    check_consistent_length(y_proba, y_true)
    weights = None if sample_weight is None else check_sample_weight(sample_weight, len(y_proba))
    one_hot, classes = _one_hot_labels(y_true, labels)  # (n, k)
    if y_proba.ndim == 1:
        y_proba = y_proba[:, None]
    if y_proba.shape[1] == 1:
        y_proba = np.concatenate([1 - y_proba, y_proba], axis=1)  # (n, 2): the binary case
    eps = np.finfo(y_proba.dtype).eps
    if not np.allclose(y_proba.sum(axis=1), 1, rtol=np.sqrt(eps)):
        warnings.warn(
            "The y_prob values do not sum to one. Make sure to pass probabilities.",
            UserWarning,
            stacklevel=2,
        )
    if len(classes) != y_proba.shape[1]:
        if labels is None:
            raise ValueError(
                f"y_true and y_prob contain different number of classes: {len(classes)} vs "
                f"{y_proba.shape[1]}. Please provide the true labels explicitly through the labels "
                f"argument. Classes found in y_true: {classes}"
            )
        raise ValueError(
            f"The number of classes in labels is different from that in y_prob. Classes found in labels: {classes}"
        )
    clipped = np.clip(y_proba, eps, 1 - eps)  # (n, k)
    per_sample = -(one_hot * np.log(clipped)).sum(axis=1)  # (n,)
    if not normalize:
        return float(per_sample.sum() if weights is None else per_sample @ weights)
    return float(np.average(per_sample, weights=weights))
