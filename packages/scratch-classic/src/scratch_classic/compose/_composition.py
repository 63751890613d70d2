"""Parameters of meta-estimators that hold NAMED estimators (Pipeline's steps, ColumnTransformer's
transformers), as scikit-learn's `_BaseComposition`.

Each named part is a parameter too, so searches and `set_params` reach inside:

    pipe.get_params()  -> {"steps": [...], "scale": StandardScaler(), "scale__with_mean": True, ...}
    pipe.set_params(scale="passthrough", ridge__alpha=2.0)   # replace a step, tune another

Replacing parts comes first, then their parameters, then the meta-estimator's own arguments.
"""

from ..base import BaseEstimator


class Bunch(dict):
    """A dict whose keys are also attributes: `pipe.named_steps.scale is pipe.named_steps["scale"]`."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __dir__(self):
        return list(self.keys())


class _BaseComposition(BaseEstimator):
    """get_params / set_params that also list and replace the estimators named in one attribute."""

    def _get_params(self, attr, deep=True):
        out = super().get_params(deep=deep)
        if not deep:
            return out
        estimators = getattr(self, attr)
        try:
            named = dict(estimators)  # [(name, estimator), ...]
        except (TypeError, ValueError):
            # subtle: set_params may have just stored something else; get_params must not fail on it
            return out
        out.update(named)
        for name, estimator in named.items():
            if hasattr(estimator, "get_params") and not isinstance(estimator, type):
                out.update(
                    (f"{name}__{key}", value)
                    for key, value in estimator.get_params(deep=True).items()
                )
        return out

    def _set_params(self, attr, **params):
        if attr in params:  # 1. the whole list
            setattr(self, attr, params.pop(attr))
        items = getattr(self, attr)
        if isinstance(items, list) and items:  # 2. whole named estimators
            try:
                names = [item[0] for item in items]
            except (TypeError, IndexError):
                names = []
            for name in list(params):
                if "__" not in name and name in names:
                    self._replace_estimator(attr, name, params.pop(name))
        super().set_params(**params)  # 3. their parameters, and our own arguments
        return self

    def _replace_estimator(self, attr, name, new_estimator):
        replaced = list(getattr(self, attr))
        for i, (item_name, _) in enumerate(replaced):
            if item_name == name:
                replaced[i] = (name, new_estimator)
                break
        setattr(self, attr, replaced)

    def _validate_names(self, names):
        if len(set(names)) != len(names):
            raise ValueError(f"Names provided are not unique: {list(names)!r}")
        conflicting = set(names).intersection(self._get_param_names())
        if conflicting:
            raise ValueError(
                f"Estimator names conflict with constructor arguments: {sorted(conflicting)!r}"
            )
        with_separator = [name for name in names if "__" in name]
        if with_separator:
            raise ValueError(f"Estimator names must not contain __: got {with_separator!r}")


def name_estimators(estimators):
    """Names from lowercased class names, numbered when repeated (make_pipeline's naming).

    `[StandardScaler(), PCA(), StandardScaler()] -> ["standardscaler-1", "pca", "standardscaler-2"]`.
    """
    names = [e if isinstance(e, str) else type(e).__name__.lower() for e in estimators]
    repeated = {name: names.count(name) for name in names if names.count(name) > 1}
    seen = {}
    for i, name in enumerate(names):
        if name in repeated:
            seen[name] = seen.get(name, 0) + 1
            names[i] = f"{name}-{seen[name]}"
    return list(zip(names, estimators))


def is_passthrough(estimator):
    """True for the identity steps: None and the string "passthrough"."""
    return estimator is None or (isinstance(estimator, str) and estimator == "passthrough")
