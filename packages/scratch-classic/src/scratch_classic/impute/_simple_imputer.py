"""SimpleImputer: fill each missing value with a statistic of its column, as sklearn's.

    strategy="mean" | "median"     the mean / median of the column's observed values (numbers)
    strategy="most_frequent"       the commonest observed value, the smallest on ties (any type)
    strategy="constant"            fill_value (default 0 for numbers, "missing_value" otherwise)
    strategy=callable              callable(observed values of the column) -> the statistic

A column with no observed value at all has no statistic: `transform` drops it (with a
warning) unless keep_empty_features=True, which fills it with 0 (or fill_value). With
add_indicator=True a MissingIndicator's columns are appended, which also makes
`inverse_transform` possible (it puts missing_values back where the indicator says).
"""

import warnings
from collections import Counter

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..preprocessing._quantile import nan_median
from ..utils.validation import check_feature_names_in, check_is_fitted, is_scalar_nan
from ._missing import check_missing_values_type, missing_mask
from ._missing_indicator import MissingIndicator

_STRATEGIES = ("mean", "median", "most_frequent", "constant")


def _smallest(values):
    """min(values); values of types that cannot be compared are ordered by (type name, str)."""
    try:
        return min(values)
    except TypeError:
        return min(values, key=lambda v: (str(type(v)), str(v)))


def _most_frequent(values):
    """The commonest value of a 1-D array, the smallest one on ties (scipy.stats.mode's rule); NaN if empty."""
    if values.size == 0:
        return np.nan
    if values.dtype == object:
        counts = Counter(values)
        top = max(counts.values())
        return _smallest([value for value, count in counts.items() if count == top])
    distinct, counts = np.unique(values, return_counts=True)  # sorted, so argmax is the smallest
    return distinct[np.argmax(counts)]


class SimpleImputer(TransformerMixin, BaseEstimator):
    """Univariate imputation. Fitted: statistics_ (d,) the fill value of each column (NaN: none),
    indicator_ (a MissingIndicator, or None without add_indicator)."""

    def __init__(
        self,
        *,
        missing_values=np.nan,
        strategy="mean",
        fill_value=None,
        copy=True,
        add_indicator=False,
        keep_empty_features=False,
    ):
        self.missing_values = missing_values
        self.strategy = strategy
        self.fill_value = fill_value
        self.copy = copy
        self.add_indicator = add_indicator
        self.keep_empty_features = keep_empty_features

    def _more_tags(self):
        return {"allow_nan": is_scalar_nan(self.missing_values)}

    def _validate_input(self, X, in_fit):
        if not (callable(self.strategy) or self.strategy in _STRATEGIES):
            raise ValueError(
                f"strategy must be one of {_STRATEGIES} or a callable, got {self.strategy!r}."
            )
        if self.strategy in ("most_frequent", "constant"):
            # subtle: a list of rows with strings becomes objects (np.asarray would make all strings)
            is_string_list = isinstance(X, list) and any(
                isinstance(v, str) for row in X for v in row
            )
            dtype = object if is_string_list else None
        else:
            dtype = np.float64
        if not in_fit and self._fit_dtype.kind == "O":
            dtype = object
        allow = "allow-nan" if is_scalar_nan(self.missing_values) else True
        try:
            X = self._validate_data(
                X,
                reset=in_fit,
                dtype=dtype,
                ensure_numeric=False,
                ensure_all_finite=allow,
                copy=self.copy,
            )
        except ValueError as error:
            if "could not be converted" in str(error):
                raise ValueError(
                    f"Cannot use {self.strategy} strategy with non-numeric data:\n{error}"
                ) from None
            raise
        if in_fit:
            self._fit_dtype = X.dtype
        check_missing_values_type(X, self.missing_values, "SimpleImputer")
        if self.strategy == "constant":
            source = (
                type(self.fill_value)
                if in_fit and self.fill_value is not None
                else (X.dtype if in_fit else self._fill_dtype)
            )
            if not np.can_cast(source, X.dtype, casting="same_kind"):
                raise ValueError(
                    f"fill_value={self.fill_value!r} (of type {source!r}) cannot be cast to the input data "
                    f"that is {X.dtype!r}. Make sure that both dtypes are of the same kind."
                )
        return X

    def fit(self, X, y=None):
        """Compute statistics_, the fill value of each column."""
        X = self._validate_input(X, in_fit=True)  # (n, d)
        if self.fill_value is None:
            fill_value = 0 if X.dtype.kind in "iuf" else "missing_value"
        else:
            fill_value = self.fill_value
        self._fill_dtype = X.dtype
        mask = missing_mask(X, self.missing_values)  # (n, d)
        self.indicator_ = None
        if self.add_indicator:
            self.indicator_ = MissingIndicator(
                missing_values=self.missing_values, error_on_new=False
            )._fit_mask(mask)
        self.statistics_ = self._statistics(X, mask, fill_value)
        return self

    def _statistics(self, X, mask, fill_value):
        empty = mask.all(axis=0)  # (d,) columns with nothing observed
        empty_value = 0 if self.keep_empty_features else np.nan
        if self.strategy == "mean":
            observed = (~mask).sum(axis=0)  # (d,)
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(mask, 0.0, X).sum(axis=0) / observed  # (d,)
            return np.where(empty, empty_value, mean)
        if self.strategy == "median":
            return np.where(empty, empty_value, nan_median(np.where(mask, np.nan, X)))
        if self.strategy == "constant":
            statistics = np.full(X.shape[1], fill_value, dtype=object)
            if not self.keep_empty_features:
                statistics[empty] = np.nan
            return statistics
        if self.strategy == "most_frequent":
            statistics = np.empty(X.shape[1], dtype=object if X.dtype.kind == "O" else np.float64)
            for j in range(
                X.shape[1]
            ):  # one np.unique per column: columns differ in what is observed
                statistics[j] = (
                    0
                    if empty[j] and self.keep_empty_features
                    else _most_frequent(X[~mask[:, j], j])
                )
            return statistics
        statistics = np.empty(X.shape[1])  # a callable strategy
        for j in range(X.shape[1]):
            statistics[j] = self.strategy(X[~mask[:, j], j])
        return statistics

    def _valid_statistics(self):
        """(indices of the columns that have a statistic, or None for all; those statistics)."""
        if self.keep_empty_features:
            return None, self.statistics_.astype(self._fill_dtype)
        has_statistic = ~missing_mask(self.statistics_, np.nan)  # (d,)
        kept = np.flatnonzero(has_statistic)
        return kept, self.statistics_[has_statistic].astype(self._fill_dtype)

    def transform(self, X):
        """X with its missing values filled (columns without a statistic dropped), then the indicator."""
        check_is_fitted(self)
        X = self._validate_input(X, in_fit=False)  # (n, d), a copy unless copy=False
        mask = missing_mask(X, self.missing_values)  # (n, d) before any imputation
        kept, statistics = self._valid_statistics()
        if kept is not None and kept.size < X.shape[1]:
            skipped = np.setdiff1d(np.arange(X.shape[1]), kept)
            warnings.warn(
                f"Skipping features without any observed values: {skipped}. At least one non-missing "
                f"value is needed for imputation with strategy='{self.strategy}'."
            )
            X, fill_mask = X[:, kept], mask[:, kept]
        else:
            fill_mask = mask
        X[fill_mask] = np.broadcast_to(statistics, X.shape)[
            fill_mask
        ]  # row-major order on both sides
        if self.add_indicator:
            return np.hstack((X, self.indicator_._transform_mask(mask)))
        return X

    def inverse_transform(self, X):
        """Put missing_values back where the indicator columns say; needs add_indicator=True.

        Only features that had missing values in `fit` have an indicator, so only those are restored.
        """
        check_is_fitted(self)
        if not self.add_indicator:
            raise ValueError(
                "'inverse_transform' works only when 'SimpleImputer' is instantiated with "
                f"'add_indicator=True'. Got 'add_indicator={self.add_indicator}' instead."
            )
        X = np.asarray(X)
        n_indicated = len(self.indicator_.features_)
        n_imputed = X.shape[1] - n_indicated
        imputed, indicator = X[:, :n_imputed], X[:, n_imputed:].astype(bool)  # (n, k), (n, m)
        original = np.zeros((X.shape[0], len(self.statistics_)))  # (n, d)
        original[:, self.indicator_.features_] = indicator
        full_mask = original.astype(bool)
        # the imputed columns go, in order, to the columns not missing in EVERY row (scikit-learn's rule)
        targets = np.flatnonzero(~full_mask.all(axis=0))[:n_imputed]
        original[:, targets] = imputed[:, : len(targets)]
        original[full_mask] = self.missing_values
        return original

    def get_feature_names_out(self, input_features=None):
        """The kept input features, then "missingindicator_<feature>" for each indicated one."""
        check_is_fitted(self)
        names = check_feature_names_in(self, input_features)
        kept, _ = self._valid_statistics()
        out = names if kept is None else names[kept]
        if self.add_indicator:
            out = np.concatenate([out, self.indicator_.get_feature_names_out(names)])
        return out
