"""learning_curve and validation_curve: cross-validated scores as training size, or one parameter, varies.

learning_curve fits on the first n_k rows of each training split for every size n_k (fractions
of the largest training split, or counts) and returns (sizes, train_scores (k, n_splits),
test_scores (k, n_splits)); validation_curve sets `param_name` to each value of `param_range`
and returns (train_scores, test_scores), each (n_values, n_splits).
"""

import time
import warnings

import numpy as np
from joblib import Parallel, delayed

from ..base import clone, is_classifier
from ..metrics._scorer import check_scoring
from ..utils.validation import check_random_state
from ._check_cv import check_cv
from ._fit_and_score import (
    aggregate_score_dicts,
    check_error_score,
    fit_and_score,
    score,
    warn_or_raise_about_fit_failures,
)
from ._indexing import index_fit_params, indexable, safe_split

DEFAULT_TRAIN_SIZES = np.linspace(0.1, 1.0, 5)  # fractions of the largest training split


def _absolute_train_sizes(train_sizes, n_max_training_samples):
    """Distinct training-set sizes (counts) from fractions in (0, 1] or counts in (0, n_max]."""
    sizes = np.asarray(train_sizes)
    if sizes.ndim != 1 or len(sizes) == 0:
        raise ValueError(f"train_sizes must be a non-empty 1-d array, got {train_sizes!r}")
    smallest, largest = sizes.min(), sizes.max()
    if np.issubdtype(sizes.dtype, np.floating):
        if smallest <= 0.0 or largest > 1.0:
            raise ValueError(
                "train_sizes has been interpreted as fractions of the maximum number of training "
                f"samples and must be within (0, 1], but is within [{smallest:f}, {largest:f}]."
            )
        sizes = np.clip((sizes * n_max_training_samples).astype(int), 1, n_max_training_samples)
    elif smallest <= 0 or largest > n_max_training_samples:
        raise ValueError(
            "train_sizes has been interpreted as absolute numbers of training samples and must be "
            f"within (0, {n_max_training_samples}], but is within [{smallest}, {largest}]."
        )
    distinct = np.unique(sizes)
    if len(distinct) < len(sizes):
        warnings.warn(
            f"Removed duplicate entries from 'train_sizes'. Number of ticks will be less than the size "
            f"of 'train_sizes': {len(distinct)} instead of {len(sizes)}.",
            RuntimeWarning,
            stacklevel=3,
        )
    return distinct


def _incremental_scores(
    estimator, X, y, classes, train, test, train_sizes, scorer, fit_params, error_score
):
    """partial_fit on successive chunks of `train`; (train_score, test_score, fit_time, score_time) per size."""
    rows = []
    starts = np.r_[0, train_sizes[:-1]]
    for start, stop in zip(starts, train_sizes):
        X_chunk, y_chunk = safe_split(estimator, X, y, train[start:stop])
        tic = time.perf_counter()
        chunk_params = index_fit_params(X, fit_params, train[start:stop])
        if classes is None:
            estimator.partial_fit(X_chunk, y_chunk, **chunk_params)
        else:
            estimator.partial_fit(X_chunk, y_chunk, classes=classes, **chunk_params)
        fit_time = time.perf_counter() - tic
        X_train, y_train = safe_split(estimator, X, y, train[:stop])
        X_test, y_test = safe_split(estimator, X, y, test, train[:stop])
        tic = time.perf_counter()
        test_score = score(estimator, X_test, y_test, scorer, None, error_score)
        train_score = score(estimator, X_train, y_train, scorer, None, error_score)
        rows.append((train_score, test_score, fit_time, time.perf_counter() - tic))
    return np.array(rows)  # (n_sizes, 4)


def learning_curve(
    estimator,
    X,
    y,
    *,
    groups=None,
    train_sizes=DEFAULT_TRAIN_SIZES,
    cv=None,
    scoring=None,
    exploit_incremental_learning=False,
    n_jobs=None,
    pre_dispatch="all",
    verbose=0,
    shuffle=False,
    random_state=None,
    error_score=np.nan,
    return_times=False,
    params=None,
):
    """(train_sizes_abs, train_scores, test_scores[, fit_times, score_times]), scores (n_sizes, n_splits)."""
    if exploit_incremental_learning and not hasattr(estimator, "partial_fit"):
        raise ValueError(
            "An estimator must support the partial_fit interface to exploit incremental learning"
        )
    check_error_score(error_score)
    X, y, groups = indexable(X, y, groups)
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    scorer = check_scoring(estimator, scoring=scoring)
    splits = list(splitter.split(X, y, groups))
    sizes = _absolute_train_sizes(train_sizes, len(splits[0][0]))
    if shuffle:
        rng = check_random_state(random_state)
        splits = [(rng.permutation(train), test) for train, test in splits]
    parallel = Parallel(n_jobs=n_jobs, pre_dispatch=pre_dispatch, verbose=verbose)
    if exploit_incremental_learning:
        classes = np.unique(y) if is_classifier(estimator) else None
        per_split = parallel(
            delayed(_incremental_scores)(
                clone(estimator), X, y, classes, train, test, sizes, scorer, params, error_score
            )
            for train, test in splits
        )
        table = np.stack(per_split, axis=2)  # (n_sizes, 4, n_splits)
        train_scores, test_scores, fit_times, score_times = (
            table[:, 0],
            table[:, 1],
            table[:, 2],
            table[:, 3],
        )
    else:
        results = parallel(
            delayed(fit_and_score)(
                clone(estimator),
                X,
                y,
                scorer=scorer,
                train=train[:size],
                test=test,
                fit_params=params,
                return_train_score=True,
                return_times=return_times,
                error_score=error_score,
            )
            for train, test in splits
            for size in sizes
        )
        warn_or_raise_about_fit_failures(results, error_score)
        results = aggregate_score_dicts(results)
        train_scores = results["train_scores"].reshape(-1, len(sizes)).T  # (n_sizes, n_splits)
        test_scores = results["test_scores"].reshape(-1, len(sizes)).T
        if return_times:
            fit_times = results["fit_time"].reshape(-1, len(sizes)).T
            score_times = results["score_time"].reshape(-1, len(sizes)).T
    if return_times:
        return sizes, train_scores, test_scores, fit_times, score_times
    return sizes, train_scores, test_scores


def validation_curve(
    estimator,
    X,
    y,
    *,
    param_name,
    param_range,
    groups=None,
    cv=None,
    scoring=None,
    n_jobs=None,
    pre_dispatch="all",
    verbose=0,
    error_score=np.nan,
    params=None,
):
    """(train_scores, test_scores), each (len(param_range), n_splits)."""
    check_error_score(error_score)
    X, y, groups = indexable(X, y, groups)
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    scorer = check_scoring(estimator, scoring=scoring)
    param_range = list(param_range)
    if not param_range:
        raise ValueError("param_range must hold at least one value")
    parallel = Parallel(n_jobs=n_jobs, pre_dispatch=pre_dispatch, verbose=verbose)
    results = parallel(
        delayed(fit_and_score)(
            clone(estimator),
            X,
            y,
            scorer=scorer,
            train=train,
            test=test,
            parameters={param_name: value},
            fit_params=params,
            return_train_score=True,
            error_score=error_score,
        )
        for train, test in splitter.split(X, y, groups)
        for value in param_range
    )
    warn_or_raise_about_fit_failures(results, error_score)
    results = aggregate_score_dicts(results)
    train_scores = results["train_scores"].reshape(-1, len(param_range)).T
    test_scores = results["test_scores"].reshape(-1, len(param_range)).T
    return train_scores, test_scores
