"""OrdinalEncoder: each category becomes its index, as sklearn's OrdinalEncoder.

    feature with categories [blue, green, red]:  red -> 2.,  blue -> 0.

Categories are sorted (or given), so the codes follow that order. A missing value (NaN, the
last category when present) is encoded as encoded_missing_value (NaN by default) instead of
an index. handle_unknown="use_encoded_value" encodes unseen categories as unknown_value (an int
not used by a category, or NaN), and `inverse_transform` gives None for them.
"""

import numbers

import numpy as np

from ..base import OneToOneFeatureMixin
from ..utils.validation import check_array, check_is_fitted, is_scalar_nan
from ._encoders import _BaseEncoder


def _is_integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


class OrdinalEncoder(OneToOneFeatureMixin, _BaseEncoder):
    """Encode categorical features as an integer-valued array (dtype float64 by default).

    Fitted: categories_ (list of arrays). Not implemented: min_frequency, max_categories.
    """

    def __init__(
        self,
        *,
        categories="auto",
        dtype=np.float64,
        handle_unknown="error",
        unknown_value=None,
        encoded_missing_value=np.nan,
    ):
        self.categories = categories
        self.dtype = dtype
        self.handle_unknown = handle_unknown
        self.unknown_value = unknown_value
        self.encoded_missing_value = encoded_missing_value

    def fit(self, X, y=None):
        """Learn the categories, and check unknown_value / encoded_missing_value against them."""
        if self.handle_unknown not in ("error", "use_encoded_value"):
            raise ValueError(
                f"handle_unknown should be 'error' or 'use_encoded_value', got {self.handle_unknown!r}."
            )
        if self.handle_unknown == "use_encoded_value":
            if not (_is_integer(self.unknown_value) or is_scalar_nan(self.unknown_value)):
                raise TypeError(
                    "unknown_value should be an integer or np.nan when handle_unknown is "
                    f"'use_encoded_value', got {self.unknown_value}."
                )
        elif self.unknown_value is not None:
            raise TypeError(
                "unknown_value should only be set when handle_unknown is 'use_encoded_value', "
                f"got {self.unknown_value}."
            )
        self._fit(X, handle_unknown=self.handle_unknown)
        # the index of the NaN category of each feature that has one (it is always the last)
        self._missing_indices = {
            j: len(c) - 1 for j, c in enumerate(self.categories_) if len(c) and is_scalar_nan(c[-1])
        }
        cardinalities = [len(c) for c in self.categories_]
        if (
            self.handle_unknown == "use_encoded_value"
            and not is_scalar_nan(self.unknown_value)
            and any(0 <= self.unknown_value < n for n in cardinalities)
        ):
            raise ValueError(
                f"The used value for unknown_value {self.unknown_value} is one of the values "
                "already used for encoding the seen categories."
            )
        if self._missing_indices:
            if np.dtype(self.dtype).kind != "f" and is_scalar_nan(self.encoded_missing_value):
                raise ValueError(
                    f"There are missing values in features {list(self._missing_indices)}. For OrdinalEncoder "
                    f"to encode missing values with dtype: {self.dtype}, set encoded_missing_value to a "
                    "non-nan value, or set dtype to a float"
                )
            if not is_scalar_nan(self.encoded_missing_value):
                clashing = [
                    j
                    for j in self._missing_indices
                    if 0 <= self.encoded_missing_value < cardinalities[j]
                ]
                if clashing:
                    raise ValueError(
                        f"encoded_missing_value ({self.encoded_missing_value}) is already used to encode "
                        f"a known category in features: {clashing}"
                    )
        return self

    def transform(self, X):
        """Category indices, shape (n_samples, n_features), dtype self.dtype."""
        check_is_fitted(self)
        X_int, X_mask = self._transform(X, handle_unknown=self.handle_unknown)  # (n, d) each
        X_trans = X_int.astype(self.dtype)  # (n, d)
        for j, missing_index in self._missing_indices.items():
            X_trans[X_int[:, j] == missing_index, j] = self.encoded_missing_value
        if self.handle_unknown == "use_encoded_value":
            X_trans[~X_mask] = self.unknown_value
        return X_trans

    def inverse_transform(self, X):
        """Codes back to categories; unknown_value gives None (and then an object array)."""
        check_is_fitted(self)
        X = check_array(X, ensure_all_finite="allow-nan", copy=True)  # (n, d), ours to modify
        if X.shape[1] != len(self.categories_):
            raise ValueError(
                f"Shape of the passed X data is not correct. Expected {len(self.categories_)} columns, got {X.shape[1]}."
            )
        result = np.empty(X.shape, dtype=np.result_type(*[c.dtype for c in self.categories_]))
        unknown_rows = {}
        for j, categories in enumerate(self.categories_):
            codes = X[:, j]  # (n,) a view into our copy
            if j in self._missing_indices:
                is_missing = (
                    np.isnan(codes)
                    if is_scalar_nan(self.encoded_missing_value)
                    else codes == self.encoded_missing_value
                )
                codes[is_missing] = self._missing_indices[j]
            known = slice(None)
            if self.handle_unknown == "use_encoded_value":
                is_unknown = (
                    np.isnan(codes)
                    if is_scalar_nan(self.unknown_value)
                    else codes == self.unknown_value
                )
                unknown_rows[j] = is_unknown
                known = ~is_unknown
            result[known, j] = categories[codes[known].astype(np.int64)]
        if unknown_rows:
            # subtle: as scikit-learn, use_encoded_value always returns objects, unknowns or not
            result = result.astype(object)
            for j, rows in unknown_rows.items():
                result[rows, j] = None
        return result
