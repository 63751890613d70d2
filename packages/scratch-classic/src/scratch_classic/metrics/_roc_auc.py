"""roc_auc_score: area under the ROC curve, for binary and (one-vs-rest / one-vs-one) multiclass targets.

Binary: AUC = P(score of a random positive > score of a random negative) (+ 1/2 P(tie)), the
trapezoidal area under `roc_curve`. With max_fpr, the partial area over fpr in [0, max_fpr],
standardized (McClish) so that 0.5 is chance and 1 is perfect:
    0.5 * (1 + (A - max_fpr^2 / 2) / (max_fpr - max_fpr^2 / 2))

Multiclass (y_score (n, k) probabilities, columns in sorted label order):
    "ovr": AUC of each class against the rest, averaged ("macro"), weighted by class support
           ("weighted"), pooled over all cells ("micro"), or per class (None);
    "ovo": for each pair (a, b), the mean of AUC(a vs b | samples of a or b, scored by column a)
           and AUC(b vs a, scored by column b), averaged ("macro") or weighted by the pair's
           prevalence ("weighted") (Hand & Till, 2001).
"""

import warnings
from itertools import combinations

import numpy as np

from ..utils.validation import check_array, column_or_1d
from ._ranking import auc, average_binary_score, label_binarize, roc_curve
from ._targets import _as_label_array, encode_labels, type_of_target
from ..exceptions import UndefinedMetricWarning

MULTI_CLASS = ("ovo", "ovr")


def _binary_roc_auc(y_true, y_score, sample_weight=None, max_fpr=None):
    """AUC of one 0/1 target; NaN (with UndefinedMetricWarning) when only one class is present."""
    if len(np.unique(y_true)) != 2:
        warnings.warn(
            "Only one class is present in y_true. ROC AUC score is not defined in that case.",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        return np.nan
    fpr, tpr, _ = roc_curve(y_true, y_score, sample_weight=sample_weight)
    if max_fpr is None or max_fpr == 1:
        return auc(fpr, tpr)
    if max_fpr <= 0 or max_fpr > 1:
        raise ValueError(f"Expected max_fpr in range (0, 1], got: {max_fpr!r}")
    stop = np.searchsorted(fpr, max_fpr, "right")
    tpr_at_max = np.interp(max_fpr, fpr[stop - 1 : stop + 1], tpr[stop - 1 : stop + 1])
    partial_area = auc(np.r_[fpr[:stop], max_fpr], np.r_[tpr[:stop], tpr_at_max])
    min_area, max_area = 0.5 * max_fpr**2, max_fpr
    return 0.5 * (1 + (partial_area - min_area) / (max_area - min_area))


def _one_vs_one_auc(y_true_codes, y_score, average):
    """Mean over class pairs of the two one-vs-one AUCs (see the module docstring)."""
    classes = np.unique(y_true_codes)
    pair_scores, prevalence = [], []
    for a, b in combinations(classes, 2):
        in_pair = (y_true_codes == a) | (y_true_codes == b)  # (n,)
        is_a = y_true_codes[in_pair] == a
        a_auc = _binary_roc_auc(is_a, y_score[in_pair, a])
        b_auc = _binary_roc_auc(~is_a, y_score[in_pair, b])
        pair_scores.append((a_auc + b_auc) / 2)
        prevalence.append(np.mean(in_pair))
    return float(np.average(pair_scores, weights=prevalence if average == "weighted" else None))


def _multiclass_roc_auc(y_true, y_score, labels, multi_class, average, sample_weight):
    if y_score.ndim != 2:
        raise ValueError(
            "`y_score` needs to be of shape `(n_samples, n_classes)`, since `y_true` contains "
            f"multiple classes. Got `y_score.shape={y_score.shape}`."
        )
    if not np.allclose(1, y_score.sum(axis=1)):
        raise ValueError(
            "Target scores need to be probabilities for multiclass roc_auc, i.e. they should sum up to 1.0 over classes"
        )
    if multi_class not in MULTI_CLASS:
        raise ValueError(
            f"multi_class='{multi_class}' is not supported for multiclass ROC AUC, multi_class must be in {MULTI_CLASS}"
        )
    average_options = (
        ("micro", "macro", "weighted", None) if multi_class == "ovr" else ("macro", "weighted")
    )
    if average not in average_options:
        raise ValueError(
            f"average must be one of {average_options} for multiclass problems with multi_class={multi_class!r}"
        )
    y_true = column_or_1d(y_true, name="y_true")
    if labels is not None:
        labels = column_or_1d(_as_label_array(labels), name="labels")
        classes = np.unique(labels)
        if len(classes) != len(labels):
            raise ValueError("Parameter 'labels' must be unique")
        if not np.array_equal(classes, labels):
            raise ValueError("Parameter 'labels' must be ordered")
        if len(classes) != y_score.shape[1]:
            raise ValueError(
                f"Number of given labels, {len(classes)}, not equal to the number of columns in 'y_score', {y_score.shape[1]}"
            )
        if len(np.setdiff1d(y_true, classes)):
            raise ValueError("'y_true' contains labels not in parameter 'labels'")
    else:
        classes = np.unique(y_true)
        if len(classes) != y_score.shape[1]:
            raise ValueError(
                "Number of classes in y_true not equal to the number of columns in 'y_score'"
            )
    if multi_class == "ovo":
        if sample_weight is not None:
            raise ValueError(
                "sample_weight is not supported for multiclass one-vs-one ROC AUC, 'sample_weight' must be None in this case."
            )
        return _one_vs_one_auc(encode_labels(y_true, classes, name="y_true"), y_score, average)
    return average_binary_score(
        _binary_roc_auc,
        label_binarize(y_true, classes),
        y_score,
        average,
        sample_weight=sample_weight,
    )


def roc_auc_score(
    y_true,
    y_score,
    *,
    average="macro",
    sample_weight=None,
    max_fpr=None,
    multi_class="raise",
    labels=None,
):
    """Area under the ROC curve; see the module docstring. multi_class must be set for multiclass y."""
    y_type = type_of_target(y_true, input_name="y_true")
    y_true = _as_label_array(y_true)
    y_score = check_array(y_score, name="y_score", ensure_2d=False)
    if sample_weight is not None:
        sample_weight = column_or_1d(sample_weight, name="sample_weight")
    if y_type == "multiclass" or (
        y_type == "binary" and y_score.ndim == 2 and y_score.shape[1] > 2
    ):
        if max_fpr is not None and max_fpr != 1.0:
            raise ValueError(
                "Partial AUC computation not available in multiclass setting, 'max_fpr' must be "
                f"set to `None`, received `max_fpr={max_fpr}` instead"
            )
        if multi_class == "raise":
            raise ValueError("multi_class must be in ('ovo', 'ovr')")
        return _multiclass_roc_auc(y_true, y_score, labels, multi_class, average, sample_weight)
    if y_type != "binary":
        raise ValueError(f"{y_type} format is not supported")
    y_true = column_or_1d(y_true, name="y_true")
    is_greater_label = (
        (y_true == np.unique(y_true)[-1]) if len(np.unique(y_true)) == 2 else np.zeros(len(y_true))
    )
    if average not in (None, "micro", "macro", "weighted"):
        raise ValueError(
            f"average has to be one of (None, 'micro', 'macro', 'weighted'), got {average!r}"
        )
    return _binary_roc_auc(
        is_greater_label.astype(np.int64), y_score, sample_weight=sample_weight, max_fpr=max_fpr
    )
