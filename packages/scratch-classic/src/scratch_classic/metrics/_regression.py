"""Regression metrics: mean squared (and root mean squared) error, mean absolute error, and R^2.

For each output j (a column of y), with sample weights w (default 1):
    MSE_j = sum_i w_i (y_ij - yhat_ij)^2 / sum_i w_i
    MAE_j = sum_i w_i |y_ij - yhat_ij|   / sum_i w_i
    R2_j  = 1 - sum_i w_i (y_ij - yhat_ij)^2 / sum_i w_i (y_ij - ybar_j)^2,  ybar_j the weighted mean

multioutput then combines the outputs: "raw_values" returns the (n_outputs,) array,
"uniform_average" their mean, an array of weights their weighted mean, and (R^2 only)
"variance_weighted" weights each output by the variance of y_true in it.
"""

import numpy as np

from ..utils.validation import check_array, check_consistent_length, check_sample_weight

MULTIOUTPUT = ("raw_values", "uniform_average", "variance_weighted")


def _check_regression_targets(y_true, y_pred, sample_weight, multioutput):
    """(y_true, y_pred, weights, multioutput) with y as (n, n_outputs) float arrays, validated."""
    check_consistent_length(y_true, y_pred, sample_weight)
    y_true = check_array(y_true, name="y_true", ensure_2d=False)
    y_pred = check_array(y_pred, name="y_pred", ensure_2d=False)
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if y.ndim > 2:
            raise ValueError(f"{name} must be 1-d or 2-d, got shape {y.shape}")
    y_true = y_true.reshape(len(y_true), -1)  # (n, n_outputs)
    y_pred = y_pred.reshape(len(y_pred), -1)  # (n, n_outputs)
    if y_true.shape[1] != y_pred.shape[1]:
        raise ValueError(
            f"y_true and y_pred have different number of output ({y_true.shape[1]}!={y_pred.shape[1]})"
        )
    weights = None if sample_weight is None else check_sample_weight(sample_weight, len(y_true))
    if isinstance(multioutput, str):
        if multioutput not in MULTIOUTPUT:
            raise ValueError(
                f"Allowed 'multioutput' string values are {MULTIOUTPUT}. You provided multioutput={multioutput!r}"
            )
    elif multioutput is not None:
        multioutput = check_array(multioutput, name="multioutput", ensure_2d=False)
        if y_true.shape[1] == 1:
            raise ValueError("Custom weights are useful only in multi-output cases.")
        if multioutput.shape != (y_true.shape[1],):
            raise ValueError(
                f"There must be equally many custom weights ({multioutput.shape[0]}) as outputs ({y_true.shape[1]})."
            )
    return y_true, y_pred, weights, multioutput


def _combine_outputs(output_scores, multioutput, variances=None):
    """The per-output scores combined as `multioutput` says (see the module docstring)."""
    if isinstance(multioutput, str):
        if multioutput == "raw_values":
            return output_scores
        output_weights = None
        if multioutput == "variance_weighted":
            if variances is None:
                raise ValueError("multioutput='variance_weighted' is only defined for r2_score")
            if np.any(variances != 0):
                output_weights = variances
    else:
        output_weights = multioutput
    return float(np.average(output_scores, weights=output_weights))


def mean_squared_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    """Weighted mean of (y_true - y_pred)^2 per output, combined by `multioutput`."""
    y_true, y_pred, weights, multioutput = _check_regression_targets(
        y_true, y_pred, sample_weight, multioutput
    )
    errors = np.average((y_true - y_pred) ** 2, axis=0, weights=weights)  # (n_outputs,)
    return _combine_outputs(errors, multioutput)


def root_mean_squared_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    """Square root of the MSE of each output, then combined by `multioutput`."""
    y_true, y_pred, weights, multioutput = _check_regression_targets(
        y_true, y_pred, sample_weight, multioutput
    )
    errors = np.sqrt(np.average((y_true - y_pred) ** 2, axis=0, weights=weights))  # (n_outputs,)
    return _combine_outputs(errors, multioutput)


def mean_absolute_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    """Weighted mean of |y_true - y_pred| per output, combined by `multioutput`."""
    y_true, y_pred, weights, multioutput = _check_regression_targets(
        y_true, y_pred, sample_weight, multioutput
    )
    errors = np.average(np.abs(y_pred - y_true), axis=0, weights=weights)  # (n_outputs,)
    return _combine_outputs(errors, multioutput)


def r2_score(
    y_true, y_pred, *, sample_weight=None, multioutput="uniform_average", force_finite=True
):
    """Coefficient of determination per output, combined by `multioutput`.

    R^2 = 1 - sum_i w_i (y_i - yhat_i)^2 / sum_i w_i (y_i - ybar_w)^2,  ybar_w the weighted mean.
    With force_finite (as scikit-learn), an output whose y_true is constant scores 1.0 for a
    perfect prediction and 0.0 otherwise, instead of NaN or -inf.
    Deviation: fewer than two samples raise ValueError (scikit-learn warns and returns NaN).
    """
    y_true, y_pred, weights, multioutput = _check_regression_targets(
        y_true, y_pred, sample_weight, multioutput
    )
    if len(y_true) < 2:
        raise ValueError("R^2 score is not well-defined with less than two samples.")
    column_weights = 1.0 if weights is None else weights[:, None]  # (n, 1)
    residual = np.sum(column_weights * (y_true - y_pred) ** 2, axis=0)  # (n_outputs,)
    mean = np.average(y_true, axis=0, weights=weights)  # (n_outputs,)
    total = np.sum(column_weights * (y_true - mean) ** 2, axis=0)  # (n_outputs,)
    if force_finite:
        scores = np.ones(y_true.shape[1])
        defined = (total != 0) & (residual != 0)
        scores[defined] = 1 - residual[defined] / total[defined]
        scores[(residual != 0) & (total == 0)] = 0.0
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            scores = 1 - residual / total
    return _combine_outputs(scores, multioutput, variances=total)
