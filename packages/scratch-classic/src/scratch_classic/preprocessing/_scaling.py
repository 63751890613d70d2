"""Shared arithmetic of the scalers: the running mean and variance, and safe divisors.

`incremental_mean_and_var` merges the statistics of a new batch into those seen so far, so
`partial_fit` on batches gives the same result as `fit` on all rows (Chan, Golub and LeVeque):

    n = n_a + n_b,   mean = (n_a mean_a + n_b mean_b) / n
    M2 = M2_a + M2_b + (n_a / n_b) / n (n_b mean_a - sum_b)^2       (M2 = n var)

The batch's own M2 uses the corrected two-pass formula sum((x - T)^2) - sum(x - T)^2 / n_b with
T the batch mean, which cancels most of the rounding error of the first pass. NaN values are
skipped, so each feature keeps its own count; sample weights make counts and sums weighted.
"""

import numpy as np


def incremental_mean_and_var(X, last_mean, last_variance, last_sample_count, sample_weight=None):
    """(mean, variance, count) per column after adding X's rows (NaN ignored) to the running ones.

    last_mean, last_variance, last_sample_count: (d,) or scalars (0 before the first batch);
    last_variance None computes no variance (then None is returned for it).
    """
    last_sample_count = np.asarray(last_sample_count, dtype=np.float64)
    last_sum = last_mean * last_sample_count  # (d,)
    is_missing = np.isnan(X)  # (n, d)
    has_missing = is_missing.any()

    def observed(values):  # (n, d) missing cells as 0, so sums skip them (no copy without NaN)
        return np.where(is_missing, 0.0, values) if has_missing else values

    if sample_weight is not None:
        new_sum = sample_weight @ observed(X)  # (d,)
        new_sample_count = (sample_weight[:, None] * ~is_missing).sum(axis=0)  # (d,)
    else:
        new_sum = observed(X).sum(axis=0)  # (d,)
        new_sample_count = X.shape[0] - is_missing.sum(axis=0).astype(np.float64)  # (d,)
    updated_sample_count = last_sample_count + new_sample_count  # (d,)
    with np.errstate(divide="ignore", invalid="ignore"):  # subtle: an all-NaN column gives NaN
        updated_mean = (last_sum + new_sum) / updated_sample_count  # (d,)
        if last_variance is None:
            return updated_mean, None, updated_sample_count
        batch_mean = new_sum / new_sample_count  # (d,) T of the two-pass formula
        deviation = X - batch_mean  # (n, d), NaN where X is missing
        if sample_weight is not None:
            correction = sample_weight @ observed(deviation)  # (d,)
            new_unnormalized_variance = sample_weight @ observed(deviation**2)
        else:
            correction = observed(deviation).sum(axis=0)  # (d,)
            new_unnormalized_variance = observed(deviation**2).sum(axis=0)
        new_unnormalized_variance = new_unnormalized_variance - correction**2 / new_sample_count
        last_over_new_count = last_sample_count / new_sample_count  # (d,)
        updated_unnormalized_variance = (
            last_variance * last_sample_count
            + new_unnormalized_variance
            + last_over_new_count
            / updated_sample_count
            * (last_sum / last_over_new_count - new_sum) ** 2
        )
    # subtle: before the first batch n_a = 0 and the merge term is 0/0; the batch alone counts
    first = last_sample_count == 0
    updated_unnormalized_variance = np.where(
        first, new_unnormalized_variance, updated_unnormalized_variance
    )
    return updated_mean, updated_unnormalized_variance / updated_sample_count, updated_sample_count


def is_constant_feature(variance, mean, n_samples):
    """True where a variance is within rounding error of 0: var <= n eps var + (n mean eps)^2.

    A constant column's computed variance is rarely exactly 0; this bound (scikit-learn's) on the
    error of the two-pass formula tells such noise from a real, tiny spread.
    """
    eps = np.finfo(np.float64).eps
    upper_bound = n_samples * eps * variance + (n_samples * mean * eps) ** 2
    return variance <= upper_bound


def handle_zeros_in_scale(scale, constant_mask=None):
    """A copy of scale with ~0 entries replaced by 1, so that dividing by it leaves those columns as they are.

    `handle_zeros_in_scale([2.0, 0.0]) -> [2.0, 1.0]`; by default "~0" means < 10 eps.
    """
    scale = np.array(scale, dtype=np.float64)  # a copy: the caller's array is untouched
    if scale.ndim == 0:
        return np.float64(1.0) if scale == 0.0 else scale[()]
    if constant_mask is None:
        constant_mask = scale < 10 * np.finfo(scale.dtype).eps
    scale[constant_mask] = 1.0
    return scale
