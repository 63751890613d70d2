"""MissingIndicator: one True/False column per feature that had missing values in `fit`, as
sklearn.impute.MissingIndicator. SimpleImputer(add_indicator=True) appends its output, so a
model can still tell which values were imputed.

features="missing-only" keeps the columns with a missing value in `fit` (features_); "all"
keeps every column. A feature missing values only at `transform` time is an error when
error_on_new=True (its column does not exist). The output is dense (sparse=True is rejected).
"""

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import check_feature_names_in, check_is_fitted, is_scalar_nan
from ._missing import check_missing_values_type, missing_mask


class MissingIndicator(TransformerMixin, BaseEstimator):
    """Binary indicators for missing values. Fitted: features_ (indices of the indicated features)."""

    def __init__(
        self, *, missing_values=np.nan, features="missing-only", sparse="auto", error_on_new=True
    ):
        self.missing_values = missing_values
        self.features = features
        self.sparse = sparse
        self.error_on_new = error_on_new

    def _more_tags(self):
        return {"allow_nan": is_scalar_nan(self.missing_values)}

    def _validate(self, X, reset):
        if self.features not in ("missing-only", "all"):
            raise ValueError(f"features must be 'missing-only' or 'all', got {self.features!r}.")
        if self.sparse not in ("auto", False):
            raise ValueError(
                f"sparse={self.sparse!r} is not supported: scratch_classic returns dense arrays only."
            )
        allow = "allow-nan" if is_scalar_nan(self.missing_values) else True
        X = self._validate_data(
            X, reset=reset, dtype=None, ensure_numeric=False, ensure_all_finite=allow
        )
        check_missing_values_type(X, self.missing_values, "MissingIndicator")
        return X

    def _fit_mask(self, mask):
        """Learn features_ from a precomputed (n, d) missing mask (SimpleImputer's shortcut)."""
        self.n_features_in_ = mask.shape[1]
        self.features_ = (
            np.arange(mask.shape[1]) if self.features == "all" else np.flatnonzero(mask.any(axis=0))
        )
        return self

    def _transform_mask(self, mask):
        if self.features == "missing-only":
            new = np.setdiff1d(np.flatnonzero(mask.any(axis=0)), self.features_)
            if self.error_on_new and new.size:
                raise ValueError(
                    f"The features {new} have missing values in transform but have no missing values in fit."
                )
        return mask[:, self.features_]  # (n, len(features_)) bool

    def fit(self, X, y=None):
        """Record which features have missing values."""
        X = self._validate(X, reset=True)
        return self._fit_mask(missing_mask(X, self.missing_values))

    def transform(self, X):
        """(n, len(features_)) bool: True where the value is missing."""
        check_is_fitted(self)
        X = self._validate(X, reset=False)
        return self._transform_mask(missing_mask(X, self.missing_values))

    def get_feature_names_out(self, input_features=None):
        """ "missingindicator_<feature>" for each indicated feature."""
        check_is_fitted(self)
        names = check_feature_names_in(self, input_features)
        return np.asarray(
            [f"missingindicator_{name}" for name in names[self.features_]], dtype=object
        )
