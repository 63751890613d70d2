"""Pipeline: transformers chained into one estimator, as sklearn.pipeline.Pipeline.

    Pipeline([("scale", StandardScaler()), ("poly", PolynomialFeatures(2)), ("ridge", Ridge())])

`fit(X, y)` runs fit_transform on each step in turn, feeding each the previous step's output,
then fits the last step; `predict(X)` runs transform through the steps and predicts with the
last. The pipeline has the methods of its last step (predict_proba, decision_function, score,
transform, ... via `available_if`), so it is a classifier when its last step is one. A step may
be "passthrough" (or None): it does nothing. Fit parameters go to one step as
`fit(X, y, ridge__sample_weight=w)`. The steps are fitted in place (no clones, as scikit-learn
without `memory`). Not implemented: memory (caching pickles the fitted steps, and this project
never pickles), verbose (a library never prints), transform_input (metadata routing).
"""

from itertools import islice

from ..compose._composition import Bunch, _BaseComposition, is_passthrough, name_estimators
from ..exceptions import NotFittedError
from ..utils.validation import check_is_fitted
from ._available_if import available_if


def _final_estimator_has(attribute):
    """Check for available_if: the last step has `attribute` (its AttributeError says why not)."""

    def check(pipeline):
        getattr(pipeline._final_estimator, attribute)
        return True

    return check


def _can_transform(pipeline):
    return is_passthrough(pipeline._final_estimator) or hasattr(
        pipeline._final_estimator, "transform"
    )


def _can_fit_transform(pipeline):
    final = pipeline._final_estimator
    return is_passthrough(final) or hasattr(final, "transform") or hasattr(final, "fit_transform")


def _can_inverse_transform(pipeline):
    return all(hasattr(step, "inverse_transform") for _, _, step in pipeline._iter())


class Pipeline(_BaseComposition):
    """A sequence of (name, transformer) steps ending in any estimator.

    Attributes: named_steps (a Bunch of the steps by name), classes_ and n_features_in_ (from
    the last and first steps). `pipe[1:]`, `pipe[-1]` and `pipe["scale"]` slice and index it.
    """

    def __init__(self, steps):
        self.steps = steps

    def get_params(self, deep=True):
        """`steps`, plus each step by name and `name__param` with deep=True."""
        return self._get_params("steps", deep=deep)

    def set_params(self, **params):
        """Set `steps`, replace a step by name (`scale="passthrough"`), or `name__param`; returns self."""
        self._set_params("steps", **params)
        return self

    # -- structure --

    def _validate_steps(self):
        if (
            not isinstance(self.steps, (list, tuple))
            or not self.steps
            or not all(isinstance(step, tuple) and len(step) == 2 for step in self.steps)
        ):
            raise TypeError(
                f"steps must be a non-empty list of (name, estimator) tuples, got {self.steps!r}"
            )
        names, estimators = zip(*self.steps)
        self._validate_names(names)
        for transformer in estimators[:-1]:
            if is_passthrough(transformer):
                continue
            if not (
                hasattr(transformer, "fit") or hasattr(transformer, "fit_transform")
            ) or not hasattr(transformer, "transform"):
                raise TypeError(
                    "All intermediate steps should be transformers and implement fit and transform or be the "
                    f"string 'passthrough' '{transformer}' (type {type(transformer)}) doesn't"
                )
        final = estimators[-1]
        if not is_passthrough(final) and not hasattr(final, "fit"):
            raise TypeError(
                "Last step of Pipeline should implement fit or be the string 'passthrough'. "
                f"'{final}' (type {type(final)}) doesn't"
            )

    def _iter(self, with_final=True, filter_passthrough=True):
        """(index, name, estimator) of the steps, without the last unless with_final."""
        stop = len(self.steps) if with_final else len(self.steps) - 1
        for index, (name, estimator) in enumerate(islice(self.steps, 0, stop)):
            if not filter_passthrough or not is_passthrough(estimator):
                yield index, name, estimator

    def __len__(self):
        return len(self.steps)

    def __getitem__(self, index):
        """pipe[a:b] -> a Pipeline of those steps (sharing them); pipe[i] / pipe["name"] -> a step."""
        if isinstance(index, slice):
            if index.step not in (1, None):
                raise ValueError("Pipeline slicing only supports a step of 1")
            return type(self)(self.steps[index])
        if isinstance(index, str):
            return self.named_steps[index]
        return self.steps[index][1]

    @property
    def named_steps(self):
        """Bunch {name: step}: `pipe.named_steps.scale`."""
        return Bunch(dict(self.steps))

    @property
    def _final_estimator(self):
        estimator = self.steps[-1][1]
        return "passthrough" if estimator is None else estimator

    @property
    def _estimator_type(self):
        return getattr(self.steps[-1][1], "_estimator_type", None)

    @property
    def classes_(self):
        """The last step's classes_."""
        return self.steps[-1][1].classes_

    @property
    def n_features_in_(self):
        """The first step's n_features_in_."""
        return self.steps[0][1].n_features_in_

    def __sklearn_is_fitted__(self):
        """Fitted when its last real step is (all "passthrough": always)."""
        last = next((step for _, step in reversed(self.steps) if not is_passthrough(step)), None)
        if last is None:
            return True
        try:
            check_is_fitted(last)
            return True
        except NotFittedError:
            return False

    # -- fitting --

    def _route_fit_params(self, params):
        """{step name: {param: value}} from `name__param` keyword arguments."""
        routed = {name: {} for name, _ in self.steps}
        for key, value in params.items():
            name, separator, param = key.partition("__")
            if not separator:
                raise ValueError(
                    f"Pipeline.fit does not accept the {key} parameter. You can pass parameters to specific "
                    "steps of your pipeline using the stepname__parameter format, e.g. "
                    "`Pipeline.fit(X, y, logisticregression__sample_weight=sample_weight)`."
                )
            if name not in routed:
                raise ValueError(
                    f"Pipeline has no step named {name!r} (for the fit parameter {key!r})."
                )
            routed[name][param] = value
        return routed

    def _fit(self, X, y, routed):
        """fit_transform every step but the last, each on the previous output; returns the last output."""
        self._validate_steps()
        Xt = X
        for _, name, transformer in self._iter(with_final=False):
            if hasattr(transformer, "fit_transform"):
                Xt = transformer.fit_transform(Xt, y, **routed[name])
            else:
                Xt = transformer.fit(Xt, y, **routed[name]).transform(Xt)
        return Xt

    def fit(self, X, y=None, **params):
        """Fit the transformers in turn, then the last step on their output; returns self."""
        routed = self._route_fit_params(params)
        Xt = self._fit(X, y, routed)
        name, final = self.steps[-1]
        if not is_passthrough(final):
            final.fit(Xt, y, **routed[name])
        return self

    @available_if(_can_fit_transform)
    def fit_transform(self, X, y=None, **params):
        """fit, and return the last step's transform of the training data."""
        routed = self._route_fit_params(params)
        Xt = self._fit(X, y, routed)
        name, final = self.steps[-1]
        if is_passthrough(final):
            return Xt
        if hasattr(final, "fit_transform"):
            return final.fit_transform(Xt, y, **routed[name])
        return final.fit(Xt, y, **routed[name]).transform(Xt)

    @available_if(_final_estimator_has("fit_predict"))
    def fit_predict(self, X, y=None, **params):
        """fit the transformers, then fit_predict with the last step."""
        routed = self._route_fit_params(params)
        Xt = self._fit(X, y, routed)
        name, final = self.steps[-1]
        return final.fit_predict(Xt, y, **routed[name])

    # -- using the fitted pipeline --

    def _transform_to_last(self, X):
        Xt = X
        for _, _, transformer in self._iter(with_final=False):
            Xt = transformer.transform(Xt)
        return Xt

    @available_if(_final_estimator_has("predict"))
    def predict(self, X, **params):
        """Transform through the steps, then the last step's predict."""
        return self.steps[-1][1].predict(self._transform_to_last(X), **params)

    @available_if(_final_estimator_has("predict_proba"))
    def predict_proba(self, X, **params):
        """Transform through the steps, then the last step's predict_proba."""
        return self.steps[-1][1].predict_proba(self._transform_to_last(X), **params)

    @available_if(_final_estimator_has("predict_log_proba"))
    def predict_log_proba(self, X, **params):
        """Transform through the steps, then the last step's predict_log_proba."""
        return self.steps[-1][1].predict_log_proba(self._transform_to_last(X), **params)

    @available_if(_final_estimator_has("decision_function"))
    def decision_function(self, X):
        """Transform through the steps, then the last step's decision_function."""
        return self.steps[-1][1].decision_function(self._transform_to_last(X))

    @available_if(_final_estimator_has("score_samples"))
    def score_samples(self, X):
        """Transform through the steps, then the last step's score_samples."""
        return self.steps[-1][1].score_samples(self._transform_to_last(X))

    @available_if(_final_estimator_has("score"))
    def score(self, X, y=None, sample_weight=None, **params):
        """Transform through the steps, then the last step's score (with sample_weight if given)."""
        if sample_weight is not None:
            params["sample_weight"] = sample_weight
        return self.steps[-1][1].score(self._transform_to_last(X), y, **params)

    @available_if(_can_transform)
    def transform(self, X):
        """Transform through every step, the last one included."""
        Xt = X
        for _, _, transformer in self._iter():
            Xt = transformer.transform(Xt)
        return Xt

    @available_if(_can_inverse_transform)
    def inverse_transform(self, X):
        """inverse_transform through the steps in reverse order."""
        Xt = X
        for _, _, transformer in reversed(list(self._iter())):
            Xt = transformer.inverse_transform(Xt)
        return Xt

    def get_feature_names_out(self, input_features=None):
        """The names each step gives its output, chained from the first step to the last."""
        names = input_features
        for _, name, transformer in self._iter():
            if not hasattr(transformer, "get_feature_names_out"):
                raise AttributeError(
                    f"Estimator {name} does not provide get_feature_names_out. Did you mean to call "
                    "pipeline[:-1].get_feature_names_out()?"
                )
            names = transformer.get_feature_names_out(names)
        return names


def make_pipeline(*steps):
    """Pipeline of the given estimators, named after their classes (lowercased, numbered if repeated).

    `make_pipeline(StandardScaler(), Ridge())` == Pipeline([("standardscaler", ...), ("ridge", ...)]).
    """
    return Pipeline(name_estimators(steps))
