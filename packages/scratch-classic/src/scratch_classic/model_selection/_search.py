"""GridSearchCV and RandomizedSearchCV: cross-validate every candidate setting, keep the best, refit it.

    search = GridSearchCV(Ridge(), {"alpha": [0.1, 1, 10]}, cv=5, n_jobs=-1).fit(X, y)
    search.best_params_, search.best_score_, search.cv_results_["mean_test_score"]

All (candidate, split) fits of a search are one joblib.Parallel map (candidate-major order), so
n_jobs spreads them over local cores and `with joblib.parallel_config(backend="dask")` (or
"ray") in the caller's code spreads them over a cluster, with no change here. The best
candidate has rank 1 in rank_test_<refit metric> (or is picked by a callable refit); with refit
it is fitted again on all the data as best_estimator_, and the search then predicts, scores and
transforms through it. cv_results_ is described in `_search_results`.
"""

import numbers
import time

import numpy as np
from joblib import Parallel, delayed

from ..base import BaseEstimator, clone, is_classifier
from ..metrics._scorer import _check_multimetric_scoring, _MultimetricScorer, check_scoring
from ..utils.validation import check_is_fitted
from ._check_cv import check_cv
from ._fit_and_score import (
    check_error_score,
    fit_and_score,
    insert_error_scores,
    warn_or_raise_about_fit_failures,
)
from ._indexing import index_fit_params, indexable, num_samples
from ._param_grid import ParameterGrid, ParameterSampler
from ._search_results import format_results


class _DelegatedToBest:
    """A method of the search that exists only if the searched estimator has it; calls best_estimator_'s."""

    def __init__(self, name):
        self.name = name

    def __get__(self, search, owner=None):
        if search is None:
            return self
        inner = search.__dict__.get("best_estimator_", search.estimator)
        if not hasattr(inner, self.name):
            raise AttributeError(
                f"This '{type(search).__name__}' has no attribute '{self.name}': its estimator "
                f"{type(inner).__name__} has none"
            )

        def delegated(X):
            _check_refit(search, self.name)
            check_is_fitted(search)
            return getattr(search.best_estimator_, self.name)(X)

        delegated.__name__ = self.name
        delegated.__doc__ = f"Call {self.name} on the estimator refitted with the best parameters."
        return delegated


def _check_refit(search, method_name):
    if not search.refit:
        raise AttributeError(
            f"This {type(search).__name__} instance was initialized with `refit=False`. {method_name} is "
            "available only after refitting on the best parameters. You can refit an estimator "
            "manually using the `best_params_` attribute"
        )


class BaseSearchCV(BaseEstimator):
    """The search loop shared by GridSearchCV and RandomizedSearchCV; they only say which candidates."""

    def __init__(
        self,
        estimator,
        *,
        scoring=None,
        n_jobs=None,
        refit=True,
        cv=None,
        verbose=0,
        pre_dispatch="2*n_jobs",
        error_score=np.nan,
        return_train_score=True,
    ):
        self.scoring = scoring
        self.estimator = estimator
        self.n_jobs = n_jobs
        self.refit = refit
        self.cv = cv
        self.verbose = verbose
        self.pre_dispatch = pre_dispatch
        self.error_score = error_score
        self.return_train_score = return_train_score

    @property
    def _estimator_type(self):
        """A search of a classifier is a classifier (is_classifier, stratified cv), and so on."""
        return getattr(self.estimator, "_estimator_type", None)

    predict = _DelegatedToBest("predict")
    predict_proba = _DelegatedToBest("predict_proba")
    predict_log_proba = _DelegatedToBest("predict_log_proba")
    decision_function = _DelegatedToBest("decision_function")
    transform = _DelegatedToBest("transform")
    inverse_transform = _DelegatedToBest("inverse_transform")
    score_samples = _DelegatedToBest("score_samples")

    @property
    def classes_(self):
        _check_refit(self, "classes_")
        check_is_fitted(self)
        return self.best_estimator_.classes_

    @property
    def n_features_in_(self):
        if "best_estimator_" not in self.__dict__:
            raise AttributeError(f"{type(self).__name__} object has no n_features_in_ attribute.")
        return self.best_estimator_.n_features_in_

    def score(self, X, y=None):
        """The refit metric's score of best_estimator_ on (X, y)."""
        _check_refit(self, "score")
        check_is_fitted(self)
        if isinstance(self.scorer_, dict):
            scorer = self.scorer_[self.refit] if self.multimetric_ else self.scorer_
            return scorer(self.best_estimator_, X, y)
        score = self.scorer_(self.best_estimator_, X, y)
        return score[self.refit] if self.multimetric_ else score

    def _run_search(self, evaluate_candidates):
        raise NotImplementedError

    def _check_refit_for_multimetric(self, metric_names):
        if (
            self.refit is not False
            and not (isinstance(self.refit, str) and self.refit in metric_names)
            and not callable(self.refit)
        ):
            raise ValueError(
                "For multi-metric scoring, the parameter refit must be set to a scorer key or a "
                "callable to refit an estimator with the best parameter setting on the whole data "
                "and make the best_* attributes available for that metric. If this is not needed, "
                f"refit should be set to False explicitly. {self.refit!r} was passed."
            )

    def _get_scorers(self):
        """(scorer, name of the metric that picks the best candidate)."""
        if callable(self.scoring) or self.scoring is None or isinstance(self.scoring, str):
            return check_scoring(self.estimator, self.scoring), "score"
        scorers = _check_multimetric_scoring(self.estimator, self.scoring)
        self._check_refit_for_multimetric(scorers)
        return _MultimetricScorer(
            scorers=scorers, raise_exc=(self.error_score == "raise")
        ), self.refit

    @staticmethod
    def _select_best_index(refit, refit_metric, results):
        if callable(refit):
            best_index = refit(results)
            if not isinstance(best_index, numbers.Integral):
                raise TypeError("best_index_ returned is not an integer")
            if not 0 <= best_index < len(results["params"]):
                raise IndexError("best_index_ index out of range")
            return best_index
        return int(results[f"rank_test_{refit_metric}"].argmin())

    def fit(self, X, y=None, **params):
        """Cross-validate every candidate, pick the best and (with refit) fit it on all of X, y.

        params: fit parameters for the estimator (per-sample ones, like sample_weight, are split
        with the data and also passed to scorers that take them); `groups` goes to the splitter.
        """
        if not hasattr(self.estimator, "fit"):
            raise TypeError(
                f"estimator should be an estimator implementing 'fit', got {self.estimator!r}"
            )
        check_error_score(self.error_score)
        scorer, refit_metric = self._get_scorers()
        X, y = indexable(X, y)
        if num_samples(X) == 0:
            raise ValueError(
                f"Found array with 0 sample(s) (shape={np.shape(X)}) while a minimum of 1 is required (X)."
            )
        params = dict(params)
        groups = params.pop("groups", None)
        score_params = {}
        if (
            params.get("sample_weight") is not None
            and getattr(scorer, "_accept_sample_weight", lambda: False)()
        ):
            score_params["sample_weight"] = params["sample_weight"]
        splitter = check_cv(self.cv, y, classifier=is_classifier(self.estimator))
        self.n_splits_ = splitter.get_n_splits(X, y, groups)
        base_estimator = clone(self.estimator)
        all_candidates, all_out = [], []
        results = {}

        def evaluate_candidates(candidate_params):
            nonlocal results
            candidate_params = list(candidate_params)
            splits = list(splitter.split(X, y, groups))
            if len(splits) != self.n_splits_:
                raise ValueError(
                    "cv.split and cv.get_n_splits return inconsistent results. Expected "
                    f"{self.n_splits_} splits, got {len(splits)}"
                )
            out = parallel(
                delayed(fit_and_score)(
                    clone(base_estimator),
                    X,
                    y,
                    scorer=scorer,
                    train=train,
                    test=test,
                    parameters=parameters,
                    fit_params=params,
                    score_params=score_params,
                    return_train_score=self.return_train_score,
                    return_n_test_samples=True,
                    return_times=True,
                    error_score=self.error_score,
                )
                for parameters in candidate_params
                for train, test in splits
            )
            if len(out) < 1:
                raise ValueError(
                    "No fits were performed. Was the CV iterator empty? Were there no candidates?"
                )
            warn_or_raise_about_fit_failures(out, self.error_score)
            if callable(self.scoring):
                insert_error_scores(out, self.error_score)
            all_candidates.extend(candidate_params)
            all_out.extend(out)
            results = format_results(
                all_candidates, self.n_splits_, all_out, self.return_train_score
            )
            return results

        parallel = Parallel(
            n_jobs=self.n_jobs, pre_dispatch=self.pre_dispatch, verbose=self.verbose
        )
        with parallel:
            self._run_search(evaluate_candidates)
        self.multimetric_ = isinstance(all_out[0]["test_scores"], dict)
        if callable(self.scoring) and self.multimetric_:
            self._check_refit_for_multimetric(all_out[0]["test_scores"])
            refit_metric = self.refit
        if self.refit or not self.multimetric_:
            self.best_index_ = self._select_best_index(self.refit, refit_metric, results)
            if not callable(self.refit):
                self.best_score_ = float(results[f"mean_test_{refit_metric}"][self.best_index_])
            self.best_params_ = results["params"][self.best_index_]
        if self.refit:
            best = {name: clone(value, safe=False) for name, value in self.best_params_.items()}
            self.best_estimator_ = clone(base_estimator).set_params(**best)
            full_params = index_fit_params(X, params, np.arange(num_samples(X)))
            start = time.perf_counter()
            if y is None:
                self.best_estimator_.fit(X, **full_params)
            else:
                self.best_estimator_.fit(X, y, **full_params)
            self.refit_time_ = time.perf_counter() - start
        self.scorer_ = scorer._scorers if isinstance(scorer, _MultimetricScorer) else scorer
        self.cv_results_ = results
        return self


class GridSearchCV(BaseSearchCV):
    """Exhaustive search over every combination in param_grid (a dict of lists, or a list of such dicts)."""

    def __init__(
        self,
        estimator,
        param_grid,
        *,
        scoring=None,
        n_jobs=None,
        refit=True,
        cv=None,
        verbose=0,
        pre_dispatch="2*n_jobs",
        error_score=np.nan,
        return_train_score=False,
    ):
        super().__init__(
            estimator=estimator,
            scoring=scoring,
            n_jobs=n_jobs,
            refit=refit,
            cv=cv,
            verbose=verbose,
            pre_dispatch=pre_dispatch,
            error_score=error_score,
            return_train_score=return_train_score,
        )
        self.param_grid = param_grid

    def _run_search(self, evaluate_candidates):
        evaluate_candidates(ParameterGrid(self.param_grid))


class RandomizedSearchCV(BaseSearchCV):
    """Search over n_iter settings drawn from param_distributions (lists, or objects with .rvs)."""

    def __init__(
        self,
        estimator,
        param_distributions,
        *,
        n_iter=10,
        scoring=None,
        n_jobs=None,
        refit=True,
        cv=None,
        verbose=0,
        pre_dispatch="2*n_jobs",
        random_state=None,
        error_score=np.nan,
        return_train_score=False,
    ):
        self.param_distributions = param_distributions
        self.n_iter = n_iter
        self.random_state = random_state
        super().__init__(
            estimator=estimator,
            scoring=scoring,
            n_jobs=n_jobs,
            refit=refit,
            cv=cv,
            verbose=verbose,
            pre_dispatch=pre_dispatch,
            error_score=error_score,
            return_train_score=return_train_score,
        )

    def _run_search(self, evaluate_candidates):
        if (
            not isinstance(self.n_iter, numbers.Integral)
            or isinstance(self.n_iter, bool)
            or self.n_iter < 1
        ):
            raise ValueError(f"n_iter must be an integer >= 1, got {self.n_iter!r}")
        evaluate_candidates(
            ParameterSampler(self.param_distributions, self.n_iter, random_state=self.random_state)
        )
