"""Threshold curves of a binary scorer: ROC, precision-recall, and the areas under them.

Sort the samples by decreasing score; each distinct score s is a threshold "predict positive
when score >= s". Cumulative sums down that order give, at every threshold,

    tps(s) = weight of positives scored >= s,     fps(s) = weight of negatives scored >= s

ROC:   fpr = fps / fps[-1],  tpr = tps / tps[-1]  (a point (0, 0) is prepended at threshold inf)
PR:    precision = tps / (tps + fps),  recall = tps / tps[-1]  (the point (recall 0, precision 1) is appended)
AP:    average precision = sum_k (R_k - R_{k-1}) P_k, the step-wise area under the PR curve
AUC:   the trapezoidal area under any monotone curve (x, y)

Tied scores form one threshold, so a tie moves the ROC curve diagonally:
    roc_curve([0, 1, 1], [0.5, 0.5, 0.9]) -> fpr [0, 0, 1], tpr [0, 0.5, 1], thresholds [inf, 0.9, 0.5]
"""

import warnings

import numpy as np

from ..utils.validation import (
    check_array,
    check_consistent_length,
    check_sample_weight,
    column_or_1d,
)
from ._targets import _as_label_array, type_of_target
from ..exceptions import UndefinedMetricWarning

AVERAGES = (None, "micro", "macro", "weighted")


def _positive_label(pos_label, y_true):
    """pos_label, or 1 when y_true is in {0, 1} or {-1, 1} (else pos_label must be given)."""
    if pos_label is not None:
        return pos_label
    classes = np.unique(y_true)
    allowed = ([0, 1], [-1, 1], [0], [-1], [1])
    if classes.dtype.kind in "OUS" or not any(
        np.array_equal(classes, values) for values in allowed
    ):
        shown = ", ".join(repr(c) for c in classes.tolist())
        raise ValueError(
            f"y_true takes value in {{{shown}}} and pos_label is not specified: either make y_true "
            "take value in {0, 1} or {-1, 1} or pass pos_label explicitly."
        )
    return 1


def confusion_matrix_at_thresholds(y_true, y_score, *, pos_label=None, sample_weight=None):
    """(tns, fps, fns, tps, thresholds) at each distinct score, thresholds decreasing.

    Samples of zero weight are dropped first (they would only add repeated points).
    """
    y_type = type_of_target(y_true, input_name="y_true")
    if not (y_type == "binary" or (y_type == "multiclass" and pos_label is not None)):
        raise ValueError(f"{y_type} format is not supported")
    check_consistent_length(y_true, y_score, sample_weight)
    y_true = column_or_1d(_as_label_array(y_true), name="y_true")
    pos_label = _positive_label(pos_label, y_true)
    is_positive = (y_true == pos_label).astype(np.float64)  # (n,)
    y_score = check_array(
        column_or_1d(y_score, name="y_score"), name="y_score", ensure_2d=False, ensure_min_samples=0
    )
    weights = None
    if sample_weight is not None:
        weights = check_sample_weight(
            column_or_1d(sample_weight, name="sample_weight"), len(y_true)
        )
        nonzero = weights != 0
        is_positive, y_score, weights = is_positive[nonzero], y_score[nonzero], weights[nonzero]
    order = np.argsort(-y_score, kind="stable")  # decreasing score; ties keep their input order
    y_score, is_positive = y_score[order], is_positive[order]
    threshold_ends = np.r_[
        np.flatnonzero(np.diff(y_score)), len(y_score) - 1
    ]  # last index of each tie
    if weights is None:
        tps = np.cumsum(is_positive)[threshold_ends]
        fps = 1 + threshold_ends - tps  # samples so far minus positives so far
    else:
        weights = weights[order]
        tps = np.cumsum(is_positive * weights)[threshold_ends]
        fps = np.cumsum((1 - is_positive) * weights)[threshold_ends]
    return fps[-1] - fps, fps, tps[-1] - tps, tps, y_score[threshold_ends]


def roc_curve(y_true, y_score, *, pos_label=None, sample_weight=None, drop_intermediate=True):
    """(fpr, tpr, thresholds): the ROC curve, thresholds decreasing from inf.

    drop_intermediate drops thresholds whose point is collinear with its neighbours on a
    horizontal or vertical segment (the AUC and the plotted shape do not change).
    """
    _, fps, _, tps, thresholds = confusion_matrix_at_thresholds(
        y_true, y_score, pos_label=pos_label, sample_weight=sample_weight
    )
    if drop_intermediate and len(fps) > 2:
        corner = np.logical_or(np.diff(fps, 2), np.diff(tps, 2))  # (m - 2,) the curve turns here
        keep = np.flatnonzero(np.r_[True, corner, True])
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    tps, fps = np.r_[0.0, tps], np.r_[0.0, fps]
    thresholds = np.r_[np.inf, thresholds.astype(np.float64)]
    if fps[-1] <= 0:
        warnings.warn(
            "No negative samples in y_true, false positive value should be meaningless",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        fpr = np.full(fps.shape, np.nan)
    else:
        fpr = fps / fps[-1]
    if tps[-1] <= 0:
        warnings.warn(
            "No positive samples in y_true, true positive value should be meaningless",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        tpr = np.full(tps.shape, np.nan)
    else:
        tpr = tps / tps[-1]
    return fpr, tpr, thresholds


def precision_recall_curve(
    y_true, y_score, *, pos_label=None, sample_weight=None, drop_intermediate=False
):
    """(precision, recall, thresholds): thresholds increasing; the last point is (recall 0, precision 1).

    drop_intermediate keeps only thresholds where the number of true positives changes.
    """
    _, fps, _, tps, thresholds = confusion_matrix_at_thresholds(
        y_true, y_score, pos_label=pos_label, sample_weight=sample_weight
    )
    if drop_intermediate and len(fps) > 2:
        keep = np.flatnonzero(np.r_[True, np.logical_or(np.diff(tps[:-1]), np.diff(tps[1:])), True])
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    predicted = tps + fps
    precision = np.divide(tps, predicted, out=np.zeros_like(tps), where=predicted != 0)
    if tps[-1] == 0:
        warnings.warn(
            "No positive class found in y_true, recall is set to one for all thresholds.",
            stacklevel=2,
        )
        recall = np.ones_like(tps)
    else:
        recall = tps / tps[-1]
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], thresholds[::-1]


def auc(x, y):
    """Trapezoidal area under the curve through (x_i, y_i); x must be monotone (either way)."""
    check_consistent_length(x, y)
    x, y = (
        column_or_1d(x, name="x").astype(np.float64),
        column_or_1d(y, name="y").astype(np.float64),
    )
    if x.shape[0] < 2:
        raise ValueError(
            f"At least 2 points are needed to compute area under curve, but x.shape = {x.shape[0]}"
        )
    steps = np.diff(x)
    direction = 1
    if np.any(steps < 0):
        if not np.all(steps <= 0):
            raise ValueError(f"x is neither increasing nor decreasing : {x}.")
        direction = -1
    return float(direction * np.sum(steps * (y[1:] + y[:-1]) / 2.0))


def label_binarize(y, classes):
    """(n, k) 0/1 matrix with [i, j] = (y_i == classes[j])."""
    return (np.asarray(y)[:, None] == np.asarray(classes)[None, :]).astype(np.int64)


def average_binary_score(binary_metric, y_true, y_score, average, sample_weight=None):
    """A binary metric on a binary target, or per column of an (n, k) 0/1 target, then averaged.

    "micro" scores all cells at once; "macro" averages the columns; "weighted" weights each
    column by its (weighted) number of positives; None returns the (k,) per-column scores.
    """
    if average not in AVERAGES:
        raise ValueError(f"average has to be one of {AVERAGES}, got {average!r}")
    if np.ndim(y_true) == 1:
        return binary_metric(y_true, y_score, sample_weight=sample_weight)
    check_consistent_length(y_true, y_score, sample_weight)
    y_true, y_score = np.asarray(y_true), check_array(y_score, name="y_score")  # (n, k), (n, k)
    column_weights = None
    if average == "micro":
        weights = None if sample_weight is None else np.repeat(sample_weight, y_true.shape[1])
        return binary_metric(y_true.ravel(), y_score.ravel(), sample_weight=weights)
    if average == "weighted":
        if sample_weight is None:
            column_weights = y_true.sum(axis=0)  # (k,)
        else:
            column_weights = (y_true * np.asarray(sample_weight)[:, None]).sum(axis=0)  # (k,)
        if np.isclose(column_weights.sum(), 0):
            return 0
    scores = np.array(
        [
            binary_metric(y_true[:, c], y_score[:, c], sample_weight=sample_weight)
            for c in range(y_score.shape[1])
        ]
    )  # (k,)
    if average is None:
        return scores
    if column_weights is not None:
        scores[column_weights == 0] = 0
    return float(np.average(scores, weights=column_weights))


def average_precision_score(y_true, y_score, *, average="macro", pos_label=1, sample_weight=None):
    """Average precision sum_k (R_k - R_{k-1}) P_k (no interpolation); multiclass: one-vs-rest, averaged."""

    def binary_average_precision(y_true, y_score, sample_weight=None):
        precision, recall, _ = precision_recall_curve(
            y_true, y_score, pos_label=pos_label, sample_weight=sample_weight
        )
        return float(max(0.0, -np.sum(np.diff(recall) * precision[:-1])))

    y_type = type_of_target(y_true, input_name="y_true")
    present_labels = np.unique(_as_label_array(y_true))
    if y_type == "binary":
        if len(present_labels) == 2 and pos_label not in present_labels.tolist():
            raise ValueError(
                f"pos_label={pos_label} is not a valid label. It should be one of {present_labels}"
            )
    elif y_type == "multiclass":
        if pos_label != 1:
            raise ValueError(
                "Parameter pos_label is fixed to 1 for multiclass y_true. Do not set pos_label or set pos_label to 1."
            )
        y_true = label_binarize(column_or_1d(y_true, name="y_true"), present_labels)
        pos_label = 1
        if np.shape(y_score) != y_true.shape:
            raise ValueError(
                "`y_score` needs to be of shape `(n_samples, n_classes)`, since `y_true` contains "
                f"multiple classes. Got `y_score.shape={np.shape(y_score)}`."
            )
    else:
        raise ValueError(f"{y_type} format is not supported")
    return average_binary_score(
        binary_average_precision, y_true, y_score, average, sample_weight=sample_weight
    )
