"""Scorers: objects called as scorer(estimator, X, y) -> float, greater is better (sklearn's scoring API).

A scorer asks the fitted estimator for a response (predict, predict_proba or decision_function),
feeds it to a metric as metric(y, response, **kwargs), and flips the sign of losses, so model
selection can always maximize:  get_scorer("neg_mean_squared_error")(model, X, y) = -MSE.

For a binary classifier, probability and decision responses are reduced to one column, the
score of the positive class (the metric's pos_label, else classes_[-1]); a decision function
is negated when the positive class is classes_[0].

check_scoring turns a `scoring` argument (None, a name, a callable, or a list/tuple/set/dict of
them) into one callable; several metrics become a _MultimetricScorer returning {name: score},
which calls each response method once and shares it between the metrics.
"""

import copy
import inspect
import traceback

import numpy as np

from ..base import is_classifier, is_regressor
from ._adjusted_rand import adjusted_rand_score
from ._classification import accuracy_score, log_loss
from ._precision_recall import f1_score, precision_score, recall_score
from ._ranking import average_precision_score
from ._regression import mean_absolute_error, mean_squared_error, r2_score, root_mean_squared_error
from ._roc_auc import roc_auc_score
from ._targets import type_of_target

RESPONSE_METHODS = ("predict", "predict_proba", "predict_log_proba", "decision_function")


def _response_method_name(estimator, response_method):
    """The first of the response methods (a name or a sequence of names) that the estimator has."""
    names = (response_method,) if isinstance(response_method, str) else tuple(response_method)
    for name in names:
        if hasattr(estimator, name):
            return name
    raise AttributeError(
        f"{type(estimator).__name__} has none of the following attributes: {', '.join(names)}."
    )


def response_values(estimator, X, response_method, pos_label=None):
    """The estimator's response on X, reduced to the positive-class column for binary classifiers."""
    method_name = _response_method_name(estimator, response_method)
    response = getattr(estimator, method_name)(X)
    if not is_classifier(estimator):
        return response
    classes = np.asarray(estimator.classes_)
    is_binary = type_of_target(classes) == "binary"
    if is_binary:
        if pos_label is not None and pos_label not in classes.tolist():
            raise ValueError(
                f"pos_label={pos_label} is not a valid label: It should be one of {classes}"
            )
        if pos_label is None:
            pos_label = classes[-1]
    if method_name in ("predict_proba", "predict_log_proba") and is_binary:
        if response.shape[1] < 2:
            raise ValueError(
                f"Got {method_name} of shape {response.shape}, but need classifier with two classes."
            )
        return response[:, np.flatnonzero(classes == pos_label)[0]]
    if method_name == "decision_function" and is_binary and pos_label == classes[0]:
        return -response
    return response


class _Scorer:
    """sign * score_func(y, response(estimator, X), **kwargs); see the module docstring."""

    def __init__(self, score_func, sign, kwargs, response_method="predict"):
        self._score_func = score_func
        self._sign = sign
        self._kwargs = kwargs
        self._response_method = response_method

    def __repr__(self):
        sign = "" if self._sign > 0 else ", greater_is_better=False"
        kwargs = "".join(f", {key}={value}" for key, value in self._kwargs.items())
        return f"make_scorer({self._score_func.__name__}{sign}, response_method={self._response_method!r}{kwargs})"

    def _pos_label(self):
        if "pos_label" in self._kwargs:
            return self._kwargs["pos_label"]
        parameters = inspect.signature(self._score_func).parameters
        return parameters["pos_label"].default if "pos_label" in parameters else None

    def _accept_sample_weight(self):
        return "sample_weight" in inspect.signature(self._score_func).parameters

    def __call__(self, estimator, X, y_true, sample_weight=None):
        return self._score(
            _response_without_cache, estimator, X, y_true, sample_weight=sample_weight
        )

    def _score(self, get_response, estimator, X, y_true, sample_weight=None):
        pos_label = None if is_regressor(estimator) else self._pos_label()
        response = get_response(estimator, X, self._response_method, pos_label)
        kwargs = dict(self._kwargs)
        if sample_weight is not None:
            kwargs["sample_weight"] = sample_weight
        return self._sign * self._score_func(y_true, response, **kwargs)


def _response_without_cache(estimator, X, response_method, pos_label):
    return response_values(estimator, X, response_method, pos_label)


class _PassthroughScorer:
    """Scores with the estimator's own `score` method (scoring=None)."""

    def __init__(self, estimator):
        self._estimator = estimator

    def __repr__(self):
        return f"{type(self._estimator).__name__}.score"

    def _accept_sample_weight(self):
        return "sample_weight" in inspect.signature(self._estimator.score).parameters

    def __call__(self, estimator, X, y=None, sample_weight=None):
        if sample_weight is None:
            return estimator.score(X, y)
        return estimator.score(X, y, sample_weight=sample_weight)


class _MultimetricScorer:
    """{name: scorer(estimator, X, y)} for several scorers, computing each response once.

    raise_exc=False puts the formatted traceback of a failing scorer in its place instead.
    """

    def __init__(self, *, scorers, raise_exc=True):
        self._scorers = scorers
        self._raise_exc = raise_exc

    def __repr__(self):
        return "MultiMetricScorer({})".format(", ".join(f'"{name}"' for name in self._scorers))

    def _accept_sample_weight(self):
        return any(
            scorer._accept_sample_weight()
            for scorer in self._scorers.values()
            if hasattr(scorer, "_accept_sample_weight")
        )

    def __call__(self, estimator, X, y=None, sample_weight=None):
        cache = {}

        def cached_response(estimator, X, response_method, pos_label):
            key = (_response_method_name(estimator, response_method), pos_label)
            if key not in cache:
                cache[key] = response_values(estimator, X, response_method, pos_label)
            return cache[key]

        scores = {}
        for name, scorer in self._scorers.items():
            try:
                accepts_weight = (
                    not hasattr(scorer, "_accept_sample_weight") or scorer._accept_sample_weight()
                )
                weight = (
                    {"sample_weight": sample_weight}
                    if sample_weight is not None and accepts_weight
                    else {}
                )
                if isinstance(scorer, _Scorer):
                    scores[name] = scorer._score(cached_response, estimator, X, y, **weight)
                else:
                    scores[name] = scorer(estimator, X, y, **weight)
            except Exception:
                if self._raise_exc:
                    raise
                scores[name] = traceback.format_exc()
        return scores


def make_scorer(score_func, *, response_method="predict", greater_is_better=True, **kwargs):
    """A scorer from a metric score_func(y_true, response, **kwargs); losses take greater_is_better=False."""
    if not callable(score_func):
        raise TypeError(f"score_func must be callable, got {score_func!r}")
    names = (response_method,) if isinstance(response_method, str) else tuple(response_method)
    if not names or any(name not in RESPONSE_METHODS for name in names):
        raise ValueError(
            f"response_method must be one of {RESPONSE_METHODS} or a sequence of them, got {response_method!r}"
        )
    return _Scorer(score_func, 1 if greater_is_better else -1, kwargs, response_method)


_DECISION_OR_PROBA = ("decision_function", "predict_proba")
_SCORERS = {
    "accuracy": make_scorer(accuracy_score),
    "adjusted_rand_score": make_scorer(adjusted_rand_score),
    "average_precision": make_scorer(average_precision_score, response_method=_DECISION_OR_PROBA),
    "neg_log_loss": make_scorer(log_loss, greater_is_better=False, response_method="predict_proba"),
    "neg_mean_absolute_error": make_scorer(mean_absolute_error, greater_is_better=False),
    "neg_mean_squared_error": make_scorer(mean_squared_error, greater_is_better=False),
    "neg_root_mean_squared_error": make_scorer(root_mean_squared_error, greater_is_better=False),
    "r2": make_scorer(r2_score),
    "roc_auc": make_scorer(roc_auc_score, response_method=_DECISION_OR_PROBA),
    "roc_auc_ovo": make_scorer(roc_auc_score, response_method="predict_proba", multi_class="ovo"),
    "roc_auc_ovo_weighted": make_scorer(
        roc_auc_score, response_method="predict_proba", multi_class="ovo", average="weighted"
    ),
    "roc_auc_ovr": make_scorer(roc_auc_score, response_method="predict_proba", multi_class="ovr"),
    "roc_auc_ovr_weighted": make_scorer(
        roc_auc_score, response_method="predict_proba", multi_class="ovr", average="weighted"
    ),
}
for _name, _metric in (("precision", precision_score), ("recall", recall_score), ("f1", f1_score)):
    _SCORERS[_name] = make_scorer(_metric, average="binary")
    for _average in ("macro", "micro", "weighted"):
        _SCORERS[f"{_name}_{_average}"] = make_scorer(_metric, pos_label=None, average=_average)


def get_scorer_names():
    """Sorted names that `scoring=` and get_scorer accept."""
    return sorted(_SCORERS)


def get_scorer(scoring):
    """The scorer named `scoring` (a fresh copy); a callable is returned as is, None as None."""
    if isinstance(scoring, str):
        if scoring not in _SCORERS:
            raise ValueError(
                f"{scoring!r} is not a valid scoring value. Use "
                "scratch_classic.metrics.get_scorer_names() to get valid options."
            )
        return copy.deepcopy(_SCORERS[scoring])
    return scoring


def _check_multimetric_scoring(estimator, scoring):
    """{name: scorer} from a list/tuple/set of names or a dict of name -> scorer."""
    if isinstance(scoring, dict):
        if not scoring:
            raise ValueError(f"An empty dict was passed. {scoring!r}")
        if not all(isinstance(name, str) for name in scoring):
            raise ValueError(
                f"Non-string types were found in the keys of the given dict. scoring={scoring!r}"
            )
        return {name: check_scoring(estimator, scoring=scorer) for name, scorer in scoring.items()}
    message = "The list/tuple elements must be unique strings of predefined scorers."
    names = list(scoring)
    if not names:
        raise ValueError(f"{message} Empty list was given. {scoring!r}")
    if not all(isinstance(name, str) for name in names):
        raise ValueError(
            f"{message} Non-string types (or callables: use a dict) were found in the given list. Got {scoring!r}"
        )
    if len(set(names)) != len(names):
        raise ValueError(f"{message} Duplicate elements were found in the given list. {scoring!r}")
    return {name: check_scoring(estimator, scoring=name) for name in names}


def check_scoring(estimator=None, scoring=None, *, allow_none=False, raise_exc=True):
    """One callable scorer(estimator, X, y) from `scoring` (see the module docstring).

    None uses the estimator's `score` method (TypeError if it has none, unless allow_none).
    """
    if isinstance(scoring, str):
        return get_scorer(scoring)
    if callable(scoring):
        module = getattr(scoring, "__module__", None) or ""
        if module.startswith("scratch_classic.metrics.") and not module.startswith(
            "scratch_classic.metrics._scorer"
        ):
            raise ValueError(
                f"scoring value {scoring!r} looks like it is a metric function rather than a scorer. "
                "A scorer should require an estimator as its first parameter. Please use `make_scorer` "
                "to convert a metric to a scorer."
            )
        return scoring
    if isinstance(scoring, (list, tuple, set, dict)):
        return _MultimetricScorer(
            scorers=_check_multimetric_scoring(estimator, scoring), raise_exc=raise_exc
        )
    if scoring is None:
        if hasattr(estimator, "score"):
            return _PassthroughScorer(estimator)
        if allow_none:
            return None
        raise TypeError(
            "If no scoring is specified, the estimator passed should have a 'score' method. "
            f"The estimator {estimator!r} does not."
        )
    raise ValueError(
        f"scoring is invalid (got {scoring!r}): pass None, a scorer name, a callable, "
        "or a list/tuple/set/dict of them"
    )
