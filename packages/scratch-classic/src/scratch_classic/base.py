"""The estimator protocol, as scikit-learn's: parameters, cloning, fitted-state checks and `score`.

The contract every estimator keeps (so pipelines, searches and `clone` work on all of them):
- `__init__` only stores its keyword arguments, unchanged, under the same names;
- `fit` validates its input, learns attributes whose names end in `_`, and returns `self`;
- `get_params()` reads the parameters back from `__init__`'s signature; `set_params(**p)` sets
  them, with `step__param` reaching into nested estimators;
- predicting before `fit` raises `NotFittedError`; predicting with a different number of features
  than seen in `fit` raises ValueError.

Tags (`_get_tags()`, scikit-learn's pre-1.6 design) are facts about an estimator that the common
checks read: `allow_nan` (NaN is a missing value, not an error) and `X_types` ("2darray", or
"1dlabels" for LabelEncoder-style transformers of y). A class adds its own with `_more_tags()`.
"""

import copy
import inspect

import numpy as np

from .utils.validation import check_array, check_feature_names_in, check_is_fitted, check_X_y

_DEFAULT_TAGS = {"allow_nan": False, "X_types": ("2darray",)}


class BaseEstimator:
    """Parameter handling and input validation shared by every estimator."""

    @classmethod
    def _get_param_names(cls):
        if cls.__init__ is object.__init__:  # subtle: no __init__ of its own, so no parameters
            return []
        signature = inspect.signature(cls.__init__)
        names = []
        for parameter in list(signature.parameters.values())[1:]:  # skip self
            if parameter.kind == parameter.VAR_POSITIONAL:
                raise TypeError(
                    f"{cls.__name__} must not take *args in __init__ (parameters are keywords)"
                )
            if parameter.kind != parameter.VAR_KEYWORD:
                names.append(parameter.name)
        return sorted(names)

    def get_params(self, deep=True):
        """{name: value} of the constructor parameters; with deep, also `name__sub` of nested ones."""
        params = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            params[name] = value
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                params.update(
                    (f"{name}__{key}", sub) for key, sub in value.get_params(deep=True).items()
                )
        return params

    def set_params(self, **params):
        """Set parameters (`name=value`, or `name__sub=value` for a nested estimator); returns self."""
        valid = self.get_params(deep=True)
        nested = {}
        for key, value in params.items():
            name, _, sub = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for estimator {type(self).__name__}. "
                    f"Valid parameters are: {sorted(self._get_param_names())!r}."
                )
            if sub:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
                valid[name] = value  # subtle: `est=new, est__alpha=2` sets alpha on the new one
        for name, sub_params in nested.items():
            # subtle: from get_params, not getattr: a Pipeline's steps are named there, not attributes
            valid[name].set_params(**sub_params)
        return self

    def _get_tags(self):
        """{tag: value}: the defaults, updated by each class's `_more_tags()` from base to subclass."""
        tags = dict(_DEFAULT_TAGS)
        for klass in reversed(type(self).__mro__):
            more_tags = vars(klass).get("_more_tags")
            if more_tags is not None:
                tags.update(more_tags(self))
        return tags

    def __repr__(self):
        """ClassName(param=value, ...) listing only the parameters that differ from the defaults."""
        defaults = {
            name: p.default for name, p in inspect.signature(type(self).__init__).parameters.items()
        }
        changed = []
        for name, value in self.get_params(deep=False).items():
            default = defaults.get(name, inspect.Parameter.empty)
            same = value is default or (
                not isinstance(value, np.ndarray) and _safe_equal(value, default)
            )
            if not same:
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    # -- input validation used by fit / predict --

    def _validate_data(self, X, y=None, *, reset=True, **check_params):
        """Validate X (and y); on fit (reset=True) remember n_features_in_, else check it matches."""
        if y is None:
            X = check_array(X, **check_params)
        else:
            X, y = check_X_y(X, y, **check_params)
        if reset:
            self.n_features_in_ = X.shape[1]
        else:
            check_is_fitted(self)
            if X.shape[1] != self.n_features_in_:
                raise ValueError(
                    f"X has {X.shape[1]} features, but {type(self).__name__} is expecting "
                    f"{self.n_features_in_} features as input."
                )
        return X if y is None else (X, y)


def _safe_equal(a, b):
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


class ClassifierMixin:
    """`score` = mean accuracy of `predict(X)` against y."""

    _estimator_type = "classifier"

    def score(self, X, y, sample_weight=None):
        from .metrics import accuracy_score

        return accuracy_score(y, self.predict(X), sample_weight=sample_weight)


class RegressorMixin:
    """`score` = coefficient of determination R^2 of `predict(X)` against y."""

    _estimator_type = "regressor"

    def score(self, X, y, sample_weight=None):
        from .metrics import r2_score

        return r2_score(y, self.predict(X), sample_weight=sample_weight)


class TransformerMixin:
    """`fit_transform(X, y)` = `fit(X, y).transform(X)` (estimators may override it when cheaper)."""

    def fit_transform(self, X, y=None, **fit_params):
        return self.fit(X, y, **fit_params).transform(X)


class ClusterMixin:
    """`fit_predict(X)` = `fit(X).labels_`: the cluster of each training sample."""

    _estimator_type = "clusterer"

    def fit_predict(self, X, y=None, **fit_params):
        return self.fit(X, y, **fit_params).labels_


class OneToOneFeatureMixin:
    """`get_feature_names_out` for transformers whose output column j is input column j (scalers)."""

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "n_features_in_")
        return check_feature_names_in(self, input_features)


class ClassNamePrefixFeaturesOutMixin:
    """`get_feature_names_out` = ["pca0", "pca1", ...]: the lowercased class name and an index.

    The estimator sets `_n_features_out` (how many columns `transform` returns) in `fit`.
    """

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "_n_features_out")
        prefix = type(self).__name__.lower()
        return np.asarray([f"{prefix}{i}" for i in range(self._n_features_out)], dtype=object)


def is_classifier(estimator):
    return getattr(estimator, "_estimator_type", None) == "classifier"


def is_regressor(estimator):
    return getattr(estimator, "_estimator_type", None) == "regressor"


def is_clusterer(estimator):
    return getattr(estimator, "_estimator_type", None) == "clusterer"


def clone(estimator, *, safe=True):
    """A new, unfitted estimator with the same parameters (nested estimators cloned too).

    Lists/tuples/sets of estimators are cloned element-wise; any other parameter is deep-copied.
    With safe=False, an object that is not an estimator is deep-copied instead of rejected.
    """
    if isinstance(estimator, (list, tuple, set, frozenset)):
        return type(estimator)(clone(e, safe=safe) for e in estimator)
    if not hasattr(estimator, "get_params") or isinstance(estimator, type):
        if not safe:
            return copy.deepcopy(estimator)
        raise TypeError(
            f"Cannot clone object {estimator!r} (type {type(estimator)}): it does not seem to be "
            "an estimator, as it does not implement a 'get_params' method."
        )
    params = {
        name: clone(value, safe=False) for name, value in estimator.get_params(deep=False).items()
    }
    return type(estimator)(**params)
