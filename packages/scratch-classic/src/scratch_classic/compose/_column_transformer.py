"""ColumnTransformer: a different transformer for each group of columns, outputs side by side,
as sklearn.compose.ColumnTransformer.

    ColumnTransformer([("scale", StandardScaler(), [0, 1]),       # numeric columns
                       ("onehot", OneHotEncoder(), [2])],          # a categorical column
                      remainder="passthrough")                      # the rest, unchanged
    output = [ scale(X[:, [0, 1]]) | onehot(X[:, [2]]) | X[:, rest] ]

Columns are chosen by int indices, a bool mask, a slice, or a callable(X) returning one of
those; a single int selects a 1-D column (the transformer must accept 1-D input). Each
transformer is cloned and fitted on its columns (transformers_ holds the fitted clones; the
estimators in `transformers` stay unfitted). "drop" drops the columns, "passthrough" keeps them.
Columns named by no transformer go to `remainder`: "drop" (default), "passthrough" or an estimator.
Output is dense; not implemented: sparse_threshold, n_jobs, verbose, column names of DataFrames.
"""

import numbers
from collections import Counter
from itertools import chain

import numpy as np

from ..base import TransformerMixin, clone
from ..utils.validation import check_array, check_feature_names_in, check_is_fitted
from ._composition import Bunch, _BaseComposition, name_estimators


def _is_drop(transformer):
    return isinstance(transformer, str) and transformer == "drop"


def _is_passthrough(transformer):
    return isinstance(transformer, str) and transformer == "passthrough"


def _column_indices(X, key):
    """The selected columns as a list of non-negative ints (a single int stays an int: 1-D)."""
    n_columns = X.shape[1]
    if callable(key):
        key = key(X)
    if isinstance(key, str) or (
        isinstance(key, (list, tuple, np.ndarray))
        and any(isinstance(k, str) for k in np.ravel(key))
    ):
        raise ValueError("Specifying the columns using strings is only supported for dataframes.")
    positions = np.arange(n_columns)
    try:
        if isinstance(key, numbers.Integral) and not isinstance(key, bool):
            return int(positions[key])
        if isinstance(key, slice):
            return positions[key].tolist()
        key = np.asarray(key)
        if key.size == 0:
            return []
        if key.dtype.kind == "b":
            if key.shape != (n_columns,):
                raise IndexError(f"a boolean mask of {key.size} values for {n_columns} columns")
            return positions[key].tolist()
        if key.dtype.kind not in "iu" or key.ndim != 1:
            raise ValueError(
                f"columns must be int indices, a bool mask, a slice or a callable, got {key!r}"
            )
        return positions[key].tolist()
    except IndexError as error:
        raise ValueError(
            f"all features must be in [0, {n_columns - 1}] or [-{n_columns}, 0]: {error}"
        ) from error


def _is_empty(indices):
    return isinstance(indices, list) and len(indices) == 0


class ColumnTransformer(TransformerMixin, _BaseComposition):
    """Apply transformers to columns of an array. Fitted: transformers_ [(name, fitted, columns)],
    named_transformers_ (a Bunch of the fitted ones), output_indices_ {name: slice of the output}."""

    def __init__(
        self,
        transformers,
        *,
        remainder="drop",
        transformer_weights=None,
        verbose_feature_names_out=True,
    ):
        self.transformers = transformers
        self.remainder = remainder
        self.transformer_weights = transformer_weights
        self.verbose_feature_names_out = verbose_feature_names_out

    @property
    def _transformers(self):
        """[(name, transformer)]: the named estimators that get_params / set_params see."""
        try:
            return [(name, transformer) for name, transformer, _ in self.transformers]
        except (TypeError, ValueError):
            return self.transformers

    @_transformers.setter
    def _transformers(self, value):
        try:
            self.transformers = [
                (name, transformer, columns)
                for (name, transformer), (_, _, columns) in zip(value, self.transformers)
            ]
        except (TypeError, ValueError):
            self.transformers = value

    def get_params(self, deep=True):
        """Own arguments, plus each transformer by name and `name__param` with deep=True."""
        return self._get_params("_transformers", deep=deep)

    def set_params(self, **params):
        """Set arguments, replace transformers by name, or set `name__param`; returns self."""
        self._set_params("_transformers", **params)
        return self

    # -- validation --

    def _check_X(self, X):
        array = check_array(X, dtype=None, ensure_numeric=False, ensure_all_finite=False)
        if not hasattr(X, "dtype") and array.dtype.kind == "U":
            array = check_array(X, dtype=object, ensure_all_finite=False)  # keep numbers numbers
        return array

    def _validate_transformers(self):
        if not isinstance(self.transformers, (list, tuple)) or not all(
            isinstance(t, tuple) and len(t) == 3 for t in self.transformers
        ):
            raise ValueError(
                f"transformers must be a list of (name, transformer, columns) tuples, got {self.transformers!r}"
            )
        if not self.transformers:
            return
        names, transformers, _ = zip(*self.transformers)
        self._validate_names(names)
        for transformer in transformers:
            if _is_drop(transformer) or _is_passthrough(transformer):
                continue
            if not (
                hasattr(transformer, "fit") or hasattr(transformer, "fit_transform")
            ) or not hasattr(transformer, "transform"):
                raise TypeError(
                    "All estimators should implement fit and transform, or can be 'drop' or 'passthrough' "
                    f"specifiers. '{transformer}' (type {type(transformer)}) doesn't."
                )
        if self.transformer_weights is not None and not isinstance(self.transformer_weights, dict):
            raise ValueError(
                f"transformer_weights must be a dict {{name: weight}}, got {self.transformer_weights!r}"
            )

    def _validate_remainder(self, used):
        remainder = self.remainder
        is_estimator = (
            hasattr(remainder, "fit") or hasattr(remainder, "fit_transform")
        ) and hasattr(remainder, "transform")
        if not (_is_drop(remainder) or _is_passthrough(remainder) or is_estimator):
            raise ValueError(
                "The remainder keyword needs to be one of 'drop', 'passthrough', or estimator. "
                f"'{remainder}' was passed instead"
            )
        return sorted(set(range(self.n_features_in_)) - set(used))

    # -- fit / transform --

    def fit(self, X, y=None, **params):
        """Fit every transformer on its columns."""
        self.fit_transform(X, y, **params)
        return self

    def fit_transform(self, X, y=None, **params):
        """Fit every transformer on its columns and stack their outputs, left to right."""
        if params:
            # subtle: scikit-learn routes these only with metadata routing enabled, which we lack
            raise ValueError(
                f"ColumnTransformer.fit_transform takes no fit parameters, got {sorted(params)}."
            )
        X = self._check_X(X)  # (n, d)
        self.n_features_in_ = X.shape[1]
        self._validate_transformers()
        specs = []  # (name, transformer, columns as given, column indices)
        for name, transformer, columns in self.transformers:
            specs.append((name, transformer, columns, _column_indices(X, columns)))
        used = chain.from_iterable([i] if isinstance(i, int) else i for *_, i in specs)
        remaining = self._validate_remainder(used)
        if remaining:
            specs.append(("remainder", self.remainder, remaining, remaining))

        fitted, outputs = [], []
        for name, transformer, columns, indices in specs:
            if _is_drop(transformer) or _is_empty(indices):
                fitted.append((name, transformer, columns, indices))  # kept as given, not fitted
                continue
            if _is_passthrough(transformer):
                output = X[:, indices]
            else:
                transformer = clone(transformer)
                output = transformer.fit_transform(X[:, indices], y)
            outputs.append((name, self._weighted(name, output)))
            fitted.append((name, transformer, columns, indices))
        self.transformers_ = [
            (name, transformer, columns) for name, transformer, columns, _ in fitted
        ]
        self._fitted_indices = [indices for *_, indices in fitted]
        return self._stack(outputs, X.shape[0])

    def transform(self, X):
        """Each fitted transformer on its columns, outputs stacked as in fit_transform."""
        check_is_fitted(self)
        X = self._check_X(X)  # (n, d)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but ColumnTransformer is expecting {self.n_features_in_} features as input."
            )
        outputs = []
        for (name, transformer, _), indices in zip(self.transformers_, self._fitted_indices):
            if _is_drop(transformer) or _is_empty(indices):
                continue
            output = (
                X[:, indices]
                if _is_passthrough(transformer)
                else transformer.transform(X[:, indices])
            )
            outputs.append((name, self._weighted(name, output)))
        return self._stack(outputs, X.shape[0], record=False)

    def _weighted(self, name, output):
        weight = (self.transformer_weights or {}).get(name)
        return output if weight is None else output * weight

    def _stack(self, outputs, n_samples, record=True):
        for name, output in outputs:
            if np.ndim(output) != 2:
                raise ValueError(
                    f"The output of the '{name}' transformer should be 2D (numpy array)."
                )
        if record:
            self.output_indices_, start = {}, 0
            for name, output in outputs:
                self.output_indices_[name] = slice(start, start + output.shape[1])
                start += output.shape[1]
            for name, *_ in self.transformers_:
                self.output_indices_.setdefault(name, slice(0, 0))
        if not outputs:
            return np.zeros((n_samples, 0))
        return np.hstack([np.asarray(output) for _, output in outputs])  # (n, sum of widths)

    # -- introspection --

    @property
    def named_transformers_(self):
        """Bunch {name: fitted transformer} (the same objects as in transformers_)."""
        check_is_fitted(self, "transformers_")
        return Bunch({name: transformer for name, transformer, _ in self.transformers_})

    def get_feature_names_out(self, input_features=None):
        """Each transformer's output names, prefixed "name__" (verbose_feature_names_out=True)."""
        check_is_fitted(self, "transformers_")
        names = check_feature_names_in(self, input_features)
        per_transformer = []
        for (name, transformer, _), indices in zip(self.transformers_, self._fitted_indices):
            if _is_drop(transformer) or _is_empty(indices):
                continue
            selected = names[indices]
            if _is_passthrough(transformer):
                per_transformer.append((name, np.atleast_1d(selected)))
                continue
            if not hasattr(transformer, "get_feature_names_out"):
                raise AttributeError(
                    f"Transformer {name} (type {type(transformer).__name__}) does not provide get_feature_names_out."
                )
            per_transformer.append(
                (name, transformer.get_feature_names_out(np.atleast_1d(selected)))
            )
        if not per_transformer:
            return np.array([], dtype=object)
        verbose = self.verbose_feature_names_out
        if verbose is True or isinstance(verbose, str):
            template = verbose if isinstance(verbose, str) else "{transformer_name}__{feature_name}"
            return np.asarray(
                [
                    template.format(transformer_name=name, feature_name=f)
                    for name, out in per_transformer
                    for f in out
                ],
                dtype=object,
            )
        counts = Counter(chain.from_iterable(out for _, out in per_transformer))
        overlap = sorted(name for name, count in counts.most_common(6) if count > 1)
        if overlap:
            shown = str(overlap[:5])[:-1] + ", ...]" if len(overlap) == 6 else str(overlap)
            raise ValueError(
                f"Output feature names: {shown} are not unique. Please set verbose_feature_names_out=True "
                "to add prefixes to feature names"
            )
        return np.concatenate([np.asarray(out, dtype=object) for _, out in per_transformer])


def make_column_transformer(*transformers, remainder="drop", verbose_feature_names_out=True):
    """ColumnTransformer from (transformer, columns) pairs, named after their classes.

    `make_column_transformer((StandardScaler(), [0, 1]), (OneHotEncoder(), [2]))` names them
    "standardscaler" and "onehotencoder".
    """
    named = name_estimators([transformer for transformer, _ in transformers])
    return ColumnTransformer(
        [
            (name, transformer, columns)
            for (name, transformer), (_, columns) in zip(named, transformers)
        ],
        remainder=remainder,
        verbose_feature_names_out=verbose_feature_names_out,
    )
