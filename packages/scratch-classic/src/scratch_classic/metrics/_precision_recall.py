"""Precision, recall and F-beta per class, and their micro / macro / weighted averages.

For one class c, counting (weighted) samples:
    tp_c = true c and predicted c,   pred_c = predicted c,   true_c = true c (the support)
    precision_c = tp_c / pred_c      recall_c = tp_c / true_c
    F_beta,c = (1 + beta^2) tp_c / (beta^2 true_c + pred_c)
             = (1 + beta^2) precision recall / (beta^2 precision + recall)

Averages: "binary" reports the class `pos_label` only; "micro" sums tp, pred and true over the
classes first (for single-label data micro precision = micro recall = accuracy); "macro" is the
unweighted mean of the per-class values; "weighted" weights them by support. A 0/0 takes the
value `zero_division` ("warn": 0 with an UndefinedMetricWarning; 0.0; 1.0; or np.nan, which the
averages then skip).
"""

import numbers
import warnings

import numpy as np

from ..utils.validation import check_sample_weight
from ._targets import check_classification_targets_pair, encode_labels
from ..exceptions import UndefinedMetricWarning

AVERAGES = (None, "binary", "micro", "macro", "weighted")


def _zero_division_value(zero_division):
    """The value a 0/0 takes: "warn" -> 0.0, 0 or 1 -> itself, nan -> nan; else ValueError."""
    if isinstance(zero_division, str):
        if zero_division == "warn":
            return 0.0
    elif isinstance(zero_division, numbers.Real) and not isinstance(zero_division, bool):
        if zero_division in (0, 1):
            return float(zero_division)
        if np.isnan(zero_division):
            return np.nan
    raise ValueError(f'zero_division must be "warn", 0.0, 1.0 or np.nan, got {zero_division!r}')


def _divide(numerator, denominator, metric, modifier, average, warn_for, zero_division):
    """numerator / denominator, with zero_division where the denominator is 0 (and maybe a warning)."""
    is_zero = denominator == 0
    result = np.asarray(numerator, dtype=np.float64) / np.where(is_zero, 1, denominator)
    if not is_zero.any():
        return result
    result[is_zero] = _zero_division_value(zero_division)
    if zero_division == "warn" and metric in warn_for:
        where = "due to" if result.shape[0] == 1 else "in labels with"
        warnings.warn(
            f"{metric.capitalize()} is ill-defined and being set to 0.0 {where} no {modifier} "
            "samples. Use `zero_division` parameter to control this behavior.",
            UndefinedMetricWarning,
            stacklevel=4,
        )
    return result


def _nan_average(values, weights=None):
    """Average of the non-NaN values (weighted); NaN if there is none; all-zero weights -> unweighted."""
    keep = ~np.isnan(values)
    if not keep.any():
        return np.nan
    if weights is None or np.sum(weights[keep]) == 0:
        return float(np.mean(values[keep]))
    return float(np.average(values[keep], weights=weights[keep]))


def _labels_for_average(y_type, present_labels, average, labels, pos_label):
    """The labels to score: [pos_label] for average="binary" (checked), else `labels` unchanged."""
    if average not in AVERAGES:
        raise ValueError(f"average has to be one of {AVERAGES}, got {average!r}")
    if average == "binary":
        if y_type != "binary":
            raise ValueError(
                f"Target is {y_type} but average='binary'. Please choose another average "
                f"setting, one of {[a for a in AVERAGES if a != 'binary']!r}."
            )
        if pos_label not in present_labels.tolist() and len(present_labels) >= 2:
            raise ValueError(
                f"pos_label={pos_label} is not a valid label. It should be one of {present_labels}"
            )
        return np.asarray([pos_label])
    if pos_label not in (None, 1):
        warnings.warn(
            f"Note that pos_label (set to {pos_label!r}) is ignored when average != 'binary' "
            f"(got {average!r}). You may use labels=[pos_label] to specify a single positive class.",
            UserWarning,
            stacklevel=4,
        )
    return labels


def _per_class_counts(y_true, y_pred, present_labels, labels, sample_weight):
    """(tp, pred, true) per label of `labels` (default: the present labels, sorted): (k,) each."""
    if labels is None:
        labels = present_labels
        n_selected = len(labels)
        all_labels = labels
    else:
        labels = np.asarray(labels)
        n_selected = len(labels)
        all_labels = np.concatenate([labels, np.setdiff1d(present_labels, labels)])
    sorted_labels = np.unique(all_labels)
    true_codes = encode_labels(y_true, sorted_labels, name="y_true")  # (n,)
    pred_codes = encode_labels(y_pred, sorted_labels, name="y_pred")  # (n,)
    n_labels = len(sorted_labels)
    hit = true_codes == pred_codes
    hit_weights = None if sample_weight is None else sample_weight[hit]
    tp = np.bincount(true_codes[hit], weights=hit_weights, minlength=n_labels)  # (L,)
    pred = np.bincount(pred_codes, weights=sample_weight, minlength=n_labels)  # (L,)
    true = np.bincount(true_codes, weights=sample_weight, minlength=n_labels)  # (L,)
    selected = np.searchsorted(sorted_labels, all_labels[:n_selected])  # (k,)
    tp, false_pos, false_neg = tp[selected], (pred - tp)[selected], (true - tp)[selected]
    # subtle: sklearn rebuilds pred and true as tp + fp and tp + fn; with float weights that can
    # differ from the direct sums in the last bit, and the report prints the support in full
    return tp, tp + false_pos, tp + false_neg


def precision_recall_fscore_support(
    y_true,
    y_pred,
    *,
    beta=1.0,
    labels=None,
    pos_label=1,
    average=None,
    warn_for=("precision", "recall", "f-score"),
    sample_weight=None,
    zero_division="warn",
):
    """(precision, recall, F-beta, support): per label arrays if average is None, else floats and None.

    See the module docstring for the formulas, the averages and zero_division.
    """
    _zero_division_value(zero_division)
    if not isinstance(beta, numbers.Real) or isinstance(beta, bool) or not beta >= 0:
        raise ValueError(f"beta must be a non-negative real number, got {beta!r}")
    y_type, present_labels, y_true, y_pred = check_classification_targets_pair(y_true, y_pred)
    labels = _labels_for_average(y_type, present_labels, average, labels, pos_label)
    if sample_weight is not None:
        sample_weight = check_sample_weight(sample_weight, len(y_true))
    tp, pred, true = _per_class_counts(y_true, y_pred, present_labels, labels, sample_weight)
    if average == "micro":
        tp, pred, true = tp.sum(keepdims=True), pred.sum(keepdims=True), true.sum(keepdims=True)
    precision = _divide(tp, pred, "precision", "predicted", average, warn_for, zero_division)
    recall = _divide(tp, true, "recall", "true", average, warn_for, zero_division)
    if np.isposinf(beta):
        f_score = recall
    elif beta == 0:
        f_score = precision
    else:
        beta2 = beta**2
        f_score = _divide(
            (1 + beta2) * tp.astype(np.float64),
            beta2 * true.astype(np.float64) + pred,
            "f-score",
            "true nor predicted",
            average,
            warn_for,
            zero_division,
        )
    if average is None:
        return precision, recall, f_score, true
    weights = true if average == "weighted" else None
    return (
        _nan_average(precision, weights),
        _nan_average(recall, weights),
        _nan_average(f_score, weights),
        None,
    )


def fbeta_score(
    y_true,
    y_pred,
    *,
    beta,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
):
    """F-beta score: (1 + beta^2) P R / (beta^2 P + R); beta > 1 favours recall, beta < 1 precision."""
    _, _, f_score, _ = precision_recall_fscore_support(
        y_true,
        y_pred,
        beta=beta,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=("f-score",),
        sample_weight=sample_weight,
        zero_division=zero_division,
    )
    return f_score


def f1_score(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
):
    """F1 = 2 P R / (P + R) = 2 tp / (2 tp + fp + fn), the F-beta score with beta = 1."""
    return fbeta_score(
        y_true,
        y_pred,
        beta=1,
        labels=labels,
        pos_label=pos_label,
        average=average,
        sample_weight=sample_weight,
        zero_division=zero_division,
    )


def precision_score(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
):
    """Precision tp / (tp + fp): of the samples predicted positive, the fraction that are."""
    precision, _, _, _ = precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=("precision",),
        sample_weight=sample_weight,
        zero_division=zero_division,
    )
    return precision


def recall_score(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average="binary",
    sample_weight=None,
    zero_division="warn",
):
    """Recall tp / (tp + fn): of the truly positive samples, the fraction predicted positive."""
    _, recall, _, _ = precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=("recall",),
        sample_weight=sample_weight,
        zero_division=zero_division,
    )
    return recall
