"""cross_validate and cross_val_score: fit and score an estimator on every split of a cross-validation.

    cross_validate(Ridge(), X, y, cv=5, scoring=["r2", "neg_mean_squared_error"])
    -> {"fit_time": (5,), "score_time": (5,), "test_r2": (5,), "test_neg_mean_squared_error": (5,)}

The splits run through joblib.Parallel(n_jobs=...), so `with joblib.parallel_config(backend=...)`
in the caller's code (loky processes, threads, dask or ray clusters) decides where they run.
"""

import numpy as np
from joblib import Parallel, delayed

from ..base import clone, is_classifier
from ..metrics._scorer import check_scoring
from ._check_cv import check_cv
from ._fit_and_score import (
    aggregate_score_dicts,
    check_error_score,
    fit_and_score,
    insert_error_scores,
    normalize_score_results,
    warn_or_raise_about_fit_failures,
)
from ._indexing import indexable


def cross_validate(
    estimator,
    X,
    y=None,
    *,
    groups=None,
    scoring=None,
    cv=None,
    n_jobs=None,
    verbose=0,
    params=None,
    pre_dispatch="2*n_jobs",
    return_train_score=False,
    return_estimator=False,
    return_indices=False,
    error_score=np.nan,
):
    """{"fit_time", "score_time", "test_<name>" (and "train_<name>", "estimator", "indices")}: one entry per split.

    scoring: None (the estimator's score), a scorer name, a callable, or several (list/tuple/set/dict)
    for "test_<name>" keys; a single metric's key is "test_score". params: fit parameters
    (per-sample ones, like sample_weight, are split with the data).
    """
    check_error_score(error_score)
    X, y = indexable(X, y)
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    scorer = check_scoring(estimator, scoring=scoring, raise_exc=(error_score == "raise"))
    splits = list(splitter.split(X, y, groups))
    parallel = Parallel(n_jobs=n_jobs, verbose=verbose, pre_dispatch=pre_dispatch)
    results = parallel(
        delayed(fit_and_score)(
            clone(estimator),
            X,
            y,
            scorer=scorer,
            train=train,
            test=test,
            fit_params=params,
            return_train_score=return_train_score,
            return_times=True,
            return_estimator=return_estimator,
            error_score=error_score,
        )
        for train, test in splits
    )
    warn_or_raise_about_fit_failures(results, error_score)
    if callable(scoring):
        insert_error_scores(results, error_score)
    results = aggregate_score_dicts(results)
    report = {"fit_time": results["fit_time"], "score_time": results["score_time"]}
    if return_estimator:
        report["estimator"] = results["estimator"]
    if return_indices:
        report["indices"] = {
            "train": [train for train, _ in splits],
            "test": [test for _, test in splits],
        }
    test_scores = normalize_score_results(results["test_scores"])
    train_scores = normalize_score_results(results["train_scores"]) if return_train_score else {}
    for name, values in test_scores.items():
        report[f"test_{name}"] = values
        if return_train_score:
            report[f"train_{name}"] = train_scores[name]
    return report


def cross_val_score(
    estimator,
    X,
    y=None,
    *,
    groups=None,
    scoring=None,
    cv=None,
    n_jobs=None,
    verbose=0,
    params=None,
    pre_dispatch="2*n_jobs",
    error_score=np.nan,
):
    """The test score of each split, shape (n_splits,): cross_validate's "test_score" for one metric."""
    scorer = check_scoring(estimator, scoring=scoring)
    return cross_validate(
        estimator,
        X,
        y,
        groups=groups,
        scoring={"score": scorer},
        cv=cv,
        n_jobs=n_jobs,
        verbose=verbose,
        params=params,
        pre_dispatch=pre_dispatch,
        error_score=error_score,
    )["test_score"]
