"""One unit of cross-validation work: fit a fresh estimator on a train split, score it on the test split.

Every search and curve is a joblib.Parallel map of `fit_and_score` over (parameters, split)
pairs, then an aggregation of the returned dicts. When a fit raises and error_score is a number,
the split gets that score and the traceback is kept; a FitFailedWarning summarizes the
failures, and if every fit failed a ValueError is raised instead (error_score="raise" re-raises
the first failure at once).
"""

import numbers
import time
import traceback
import warnings
from collections import Counter

import numpy as np

from ..base import clone
from ..exceptions import FitFailedWarning
from ..metrics._scorer import _MultimetricScorer
from ._indexing import index_fit_params, safe_split


def check_error_score(error_score):
    if not (
        error_score == "raise"
        if isinstance(error_score, str)
        else isinstance(error_score, numbers.Number)
    ):
        raise ValueError(
            "error_score must be the string 'raise' or a numeric value. (Hint: if using 'raise', "
            "please make sure that it has been spelled correctly.)"
        )


def _as_number(score, name):
    if hasattr(score, "item"):
        try:
            score = score.item()
        except ValueError:
            pass
    if not isinstance(score, numbers.Number):
        raise ValueError(  # noqa: TRY004 (sklearn raises ValueError here)
            f"scoring must return a number, got {score!r} ({type(score)}) instead. (scorer={name})"
        )
    return score


def score(estimator, X_test, y_test, scorer, score_params, error_score="raise"):
    """scorer(estimator, X_test, y_test) as a number, or {name: number} for several metrics.

    A scorer that raises gives error_score (with a warning) unless error_score == "raise".
    """
    score_params = score_params or {}
    arguments = (X_test,) if y_test is None else (X_test, y_test)
    try:
        scores = scorer(estimator, *arguments, **score_params)
    except Exception:
        if isinstance(scorer, _MultimetricScorer) or error_score == "raise":
            raise
        scores = error_score
        warnings.warn(
            f"Scoring failed. The score on this train-test partition for these parameters will be "
            f"set to {error_score}. Details: \n{traceback.format_exc()}",
            UserWarning,
            stacklevel=2,
        )
    if isinstance(scores, dict):
        for name, value in scores.items():
            if isinstance(value, str):  # a failed scorer's traceback (raise_exc=False)
                warnings.warn(
                    f"Scoring failed. The score on this train-test partition for these parameters "
                    f"will be set to {error_score}. Details: \n{value}",
                    UserWarning,
                    stacklevel=2,
                )
                value = error_score
            scores[name] = _as_number(value, name)
        return scores
    return _as_number(scores, scorer)


def fit_and_score(
    estimator,
    X,
    y,
    *,
    scorer,
    train,
    test,
    parameters=None,
    fit_params=None,
    score_params=None,
    return_train_score=False,
    return_n_test_samples=False,
    return_times=False,
    return_estimator=False,
    return_parameters=False,
    error_score=np.nan,
):
    """Fit `estimator` (set to `parameters`) on the train rows and score it; returns a result dict.

    Keys: test_scores, fit_error (None or the traceback), and as asked train_scores,
    n_test_samples, fit_time, score_time, estimator, parameters.
    """
    check_error_score(error_score)
    fit_params = index_fit_params(X, fit_params, train)
    score_params_train = index_fit_params(X, score_params, train)
    score_params_test = index_fit_params(X, score_params, test)
    if parameters is not None:
        estimator = estimator.set_params(
            **{name: clone(value, safe=False) for name, value in parameters.items()}
        )
    X_train, y_train = safe_split(estimator, X, y, train)
    X_test, y_test = safe_split(estimator, X, y, test, train)
    result = {}
    start = time.perf_counter()
    try:
        if y_train is None:
            estimator.fit(X_train, **fit_params)
        else:
            estimator.fit(X_train, y_train, **fit_params)
    except Exception:
        if error_score == "raise":
            raise
        fit_time, score_time = time.perf_counter() - start, 0.0
        if isinstance(scorer, _MultimetricScorer):
            test_scores = {name: error_score for name in scorer._scorers}
        else:
            test_scores = error_score
        train_scores = test_scores.copy() if isinstance(test_scores, dict) else test_scores
        result["fit_error"] = traceback.format_exc()
    else:
        result["fit_error"] = None
        fit_time = time.perf_counter() - start
        test_scores = score(estimator, X_test, y_test, scorer, score_params_test, error_score)
        score_time = time.perf_counter() - start - fit_time
        if return_train_score:
            train_scores = score(
                estimator, X_train, y_train, scorer, score_params_train, error_score
            )
    result["test_scores"] = test_scores
    if return_train_score:
        result["train_scores"] = train_scores
    if return_n_test_samples:
        result["n_test_samples"] = len(test)
    if return_times:
        result["fit_time"], result["score_time"] = fit_time, score_time
    if return_parameters:
        result["parameters"] = parameters
    if return_estimator:
        result["estimator"] = estimator
    return result


def warn_or_raise_about_fit_failures(results, error_score):
    """FitFailedWarning if some fits failed; ValueError if all did (with the distinct tracebacks)."""
    fit_errors = [result["fit_error"] for result in results if result["fit_error"] is not None]
    if not fit_errors:
        return
    delimiter = "-" * 80 + "\n"
    summary = "\n".join(
        f"{delimiter}{count} fits failed with the following error:\n{error}"
        for error, count in Counter(fit_errors).items()
    )
    if len(fit_errors) == len(results):
        raise ValueError(
            f"\nAll the {len(results)} fits failed.\nIt is very likely that your model is misconfigured.\n"
            "You can try to debug the error by setting error_score='raise'.\n\n"
            f"Below are more details about the failures:\n{summary}"
        )
    warnings.warn(
        f"\n{len(fit_errors)} fits failed out of a total of {len(results)}.\nThe score on these "
        f"train-test partitions for these parameters will be set to {error_score}.\nIf these failures "
        "are not expected, you can try to debug them by setting error_score='raise'.\n\n"
        f"Below are more details about the failures:\n{summary}",
        FitFailedWarning,
        stacklevel=3,
    )


def insert_error_scores(results, error_score):
    """For a callable scoring that returned dicts: give failed fits a dict of error_score too."""
    successful = next((r["test_scores"] for r in results if r["fit_error"] is None), None)
    if isinstance(successful, dict):
        for result in results:
            if result["fit_error"] is not None:
                result["test_scores"] = {name: error_score for name in successful}
                if "train_scores" in result:
                    result["train_scores"] = dict(result["test_scores"])


def aggregate_score_dicts(results):
    """[{key: value}, ...] -> {key: array of values} (a list when the values are not numbers)."""
    return {
        key: np.asarray([r[key] for r in results])
        if isinstance(results[0][key], numbers.Number)
        else [r[key] for r in results]
        for key in results[0]
    }


def normalize_score_results(scores, single_name="score"):
    """A list of numbers -> {"score": array}; a list of dicts -> {name: array}."""
    if isinstance(scores[0], dict):
        return aggregate_score_dicts(scores)
    return {single_name: np.asarray(scores)}
