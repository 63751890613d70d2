"""Classification metrics."""

import numpy as np

from ..utils.validation import check_consistent_length, check_sample_weight, column_or_1d


def accuracy_score(y_true, y_pred, *, normalize=True, sample_weight=None):
    """Fraction (or, with normalize=False, weighted count) of samples with y_pred == y_true.

    accuracy = sum_i w_i [y_pred_i == y_true_i] / sum_i w_i
    """
    y_true, y_pred = column_or_1d(y_true, name="y_true"), column_or_1d(y_pred, name="y_pred")
    check_consistent_length(y_true, y_pred)
    if len(y_true) == 0:
        raise ValueError("Found empty input: accuracy is undefined on 0 samples")
    weights = check_sample_weight(sample_weight, len(y_true))
    correct = weights @ (y_true == y_pred)
    return float(correct / weights.sum()) if normalize else float(correct)
