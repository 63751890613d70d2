"""all_estimators(): every public estimator class in scratch_classic (sklearn.utils.all_estimators).

Walks the subpackages, imports each, and collects the BaseEstimator subclasses whose names do not
start with an underscore, so the common checks run over every estimator without a hand-kept list.
`type_filter` keeps one kind, as scikit-learn's: "classifier", "regressor", "transformer" or
"cluster" (or a list of them), decided by the mixin the class inherits.
"""

import importlib
import inspect
import pkgutil

import scratch_classic

from ..base import (
    BaseEstimator,
    ClassifierMixin,
    ClassNamePrefixFeaturesOutMixin,
    ClusterMixin,
    OneToOneFeatureMixin,
    RegressorMixin,
    TransformerMixin,
)

_MIXINS = {
    BaseEstimator,
    ClassifierMixin,
    RegressorMixin,
    TransformerMixin,
    ClusterMixin,
    OneToOneFeatureMixin,
    ClassNamePrefixFeaturesOutMixin,
}


def _is_cluster(cls):
    # subtle: a clusterer may declare itself by _estimator_type without inheriting ClusterMixin
    return issubclass(cls, ClusterMixin) or vars(cls).get("_estimator_type") == "clusterer"


_FILTERS = {
    "classifier": lambda cls: issubclass(cls, ClassifierMixin),
    "regressor": lambda cls: issubclass(cls, RegressorMixin),
    "transformer": lambda cls: issubclass(cls, TransformerMixin),
    "cluster": _is_cluster,
}


def all_estimators(type_filter=None):
    """Sorted list of (name, class) for every public estimator (of the kinds in `type_filter`)."""
    if type_filter is None:
        kinds = []
    else:
        kinds = [type_filter] if isinstance(type_filter, str) else list(type_filter)
        unknown = [kind for kind in kinds if kind not in _FILTERS]
        if unknown:
            raise ValueError(
                "Parameter type_filter must be 'classifier', 'regressor', 'transformer', 'cluster' "
                f"or None, got {unknown!r}."
            )
    found = {}
    for module_info in pkgutil.walk_packages(scratch_classic.__path__, "scratch_classic."):
        if (
            any(part.startswith("_") for part in module_info.name.split(".")[1:])
            or ".tests" in module_info.name
        ):
            continue
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, BaseEstimator)
                and cls not in _MIXINS
                and not name.startswith("_")
                and not inspect.isabstract(cls)
            ):
                found[name] = cls
    if kinds:
        found = {
            name: cls for name, cls in found.items() if any(_FILTERS[kind](cls) for kind in kinds)
        }
    return sorted(found.items())
