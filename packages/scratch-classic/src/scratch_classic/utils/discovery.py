"""all_estimators(): every public estimator class in scratch_classic (sklearn.utils.all_estimators).

Walks the subpackages, imports each, and collects the BaseEstimator subclasses whose names do not
start with an underscore, so the common checks run over every estimator without a hand-kept list.
"""

import importlib
import inspect
import pkgutil

import scratch_classic

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin, TransformerMixin

_MIXINS = {BaseEstimator, ClassifierMixin, RegressorMixin, TransformerMixin}


def all_estimators():
    """Sorted list of (name, class) for every public estimator."""
    found = {}
    for module_info in pkgutil.walk_packages(scratch_classic.__path__, "scratch_classic."):
        if any(part.startswith("_") for part in module_info.name.split(".")[1:]) or ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseEstimator) and cls not in _MIXINS and not name.startswith("_") and not inspect.isabstract(cls):
                found[name] = cls
    return sorted(found.items())
