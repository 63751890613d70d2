"""Regression metrics."""

import numpy as np

from ..utils.validation import check_array, check_consistent_length, check_sample_weight


def r2_score(y_true, y_pred, *, sample_weight=None):
    """Coefficient of determination, averaged uniformly over outputs.

    R^2 = 1 - sum_i w_i (y_i - yhat_i)^2 / sum_i w_i (y_i - ybar_w)^2,  ybar_w the weighted mean.
    As scikit-learn: a constant y_true gives 1.0 for a perfect prediction, else 0.0.
    """
    y_true = check_array(y_true, name="y_true", ensure_2d=False)
    y_pred = check_array(y_pred, name="y_pred", ensure_2d=False)
    check_consistent_length(y_true, y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred have different shapes: {y_true.shape} vs {y_pred.shape}")
    if len(y_true) < 2:
        raise ValueError("R^2 score is not well-defined with less than two samples.")
    weights = check_sample_weight(sample_weight, len(y_true))
    if y_true.ndim == 1:
        y_true, y_pred = y_true[:, None], y_pred[:, None]  # (n, outputs)
    residual = weights @ (y_true - y_pred) ** 2  # (outputs,)
    mean = weights @ y_true / weights.sum()
    total = weights @ (y_true - mean) ** 2  # (outputs,)
    scores = np.where(total > 0, 1 - residual / np.where(total > 0, total, 1), np.where(residual == 0, 1.0, 0.0))
    return float(scores.mean())
