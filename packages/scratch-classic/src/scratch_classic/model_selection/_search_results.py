"""cv_results_: the table a search reports, one entry per candidate, with scikit-learn's keys.

For each candidate c over n_splits splits, from the per-fit results:
    params                       the candidate's parameter dict
    param_<name>                 masked array of that parameter's value (masked where c lacks it)
    split<k>_test_<metric>       the score on split k        (and split<k>_train_<metric>)
    mean_test_<metric>, std_test_<metric>   mean and (population) std over the splits
    rank_test_<metric>           1 = best mean; ties share the smallest rank ("min" ranking);
                                 a NaN mean ranks last
    mean_fit_time, std_fit_time, mean_score_time, std_score_time
A single metric is named "score": mean_test_score, rank_test_score, ...
"""

import warnings
from collections import defaultdict

import numpy as np

from ._fit_and_score import aggregate_score_dicts, normalize_score_results


def rank_min(values):
    """Ranks for descending values, ties sharing the lowest rank: rank_min([3, 1, 3]) -> [1, 3, 1]."""
    negated = -np.asarray(values)
    return (np.searchsorted(np.sort(negated), negated, side="left") + 1).astype(np.int32)


def _parameter_columns(candidate_params):
    """Yield ("param_<name>", masked array) for every parameter name any candidate has."""
    values_by_name = defaultdict(dict)
    for index, params in enumerate(candidate_params):
        for name, value in params.items():
            values_by_name[f"param_{name}"][index] = value
    for key, values in values_by_name.items():
        try:
            as_array = np.array(list(values.values()))
        except ValueError:  # ragged values
            dtype = np.dtype(object)
        else:
            dtype = as_array.dtype if as_array.dtype.kind != "U" and as_array.ndim == 1 else object
        column = np.ma.MaskedArray(np.empty(len(candidate_params), dtype=dtype), mask=True)
        for index, value in values.items():
            column[index] = value
        yield key, column


def _store(results, key_name, scores, n_candidates, n_splits, splits=False, rank=False):
    """Add mean_/std_ (and split<k>_, rank_) entries for one (n_candidates * n_splits) score list."""
    table = np.array(scores, dtype=np.float64).reshape(
        n_candidates, n_splits
    )  # (candidates, splits)
    if splits:
        for split in range(n_splits):
            results[f"split{split}_{key_name}"] = table[:, split]
    means = table.mean(axis=1)  # (candidates,)
    results[f"mean_{key_name}"] = means
    if key_name.startswith(("train_", "test_")) and not np.isfinite(means).all():
        warnings.warn(
            f"One or more of the {key_name.split('_')[0]} scores are non-finite: {means}",
            UserWarning,
            stacklevel=4,
        )
    results[f"std_{key_name}"] = np.sqrt(((table - means[:, None]) ** 2).mean(axis=1))
    if rank:
        if np.isnan(means).all():
            results[f"rank_{key_name}"] = np.ones(n_candidates, dtype=np.int32)
        else:
            results[f"rank_{key_name}"] = rank_min(np.nan_to_num(means, nan=np.nanmin(means) - 1))


def format_results(candidate_params, n_splits, out, return_train_score):
    """cv_results_ from the fit_and_score dicts (candidate-major order); see the module docstring."""
    n_candidates = len(candidate_params)
    out = aggregate_score_dicts(out)
    results = {}
    _store(results, "fit_time", out["fit_time"], n_candidates, n_splits)
    _store(results, "score_time", out["score_time"], n_candidates, n_splits)
    for key, column in _parameter_columns(candidate_params):
        results[key] = column
    results["params"] = candidate_params
    test_scores = normalize_score_results(out["test_scores"])
    train_scores = normalize_score_results(out["train_scores"]) if return_train_score else {}
    for name, scores in test_scores.items():
        _store(results, f"test_{name}", scores, n_candidates, n_splits, splits=True, rank=True)
        if return_train_score:
            _store(
                results, f"train_{name}", train_scores[name], n_candidates, n_splits, splits=True
            )
    return results
