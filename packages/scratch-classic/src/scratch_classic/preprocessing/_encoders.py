"""What OneHotEncoder and OrdinalEncoder share: reading X column by column, learning each
column's categories, and turning values into category indices (sklearn's `_BaseEncoder`).

X may hold numbers, strings or Python objects (a list of rows with strings becomes an object
array, so each value keeps its own type). NaN and None are categories like any other (missing
values sort last); infinity is rejected. A column's categories are learned from the data
("auto") or given as a list; given numeric categories must be sorted.
"""

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import check_array, is_scalar_nan
from ._categories import check_unknown, encode, unique_values


class _BaseEncoder(TransformerMixin, BaseEstimator):
    def _more_tags(self):
        return {"allow_nan": True}

    def _check_X(self, X):
        """X as a 2-D array of any dtype, then as a list of its columns."""
        array = check_array(X, dtype=None, ensure_numeric=False, ensure_all_finite="allow-nan")
        if not hasattr(X, "dtype") and array.dtype.kind == "U":
            # subtle: np.asarray turns [["a", 1]] into strings "a", "1"; keep 1 an int instead
            array = check_array(X, dtype=object, ensure_all_finite="allow-nan")
        return [array[:, j] for j in range(array.shape[1])]

    def _check_n_features(self, n_features):
        if n_features != self.n_features_in_:
            raise ValueError(
                f"X has {n_features} features, but {type(self).__name__} is expecting "
                f"{self.n_features_in_} features as input."
            )

    def _fit(self, X, handle_unknown="error"):
        """Learn categories_ (one array per column); with given categories, validate them."""
        columns = self._check_X(X)
        self.n_features_in_ = len(columns)
        if isinstance(self.categories, str):
            if self.categories != "auto":
                raise ValueError(
                    f"categories must be 'auto' or a list of arrays, got {self.categories!r}"
                )
        elif len(self.categories) != len(columns):
            raise ValueError(
                "Shape mismatch: if categories is an array, it has to be of shape (n_features,)."
            )
        categories = []
        for j, column in enumerate(columns):
            if isinstance(self.categories, str):
                categories.append(unique_values(column))
                continue
            # subtle: given string categories become objects, so long names are never truncated
            given = np.array(
                self.categories[j], dtype=object if column.dtype.kind == "U" else column.dtype
            )
            if any(is_scalar_nan(c) for c in given[:-1]):
                raise ValueError(
                    f"Nan should be the last element in user provided categories, see categories {given} in column #{j}"
                )
            if given.size != len(unique_values(given)):
                raise ValueError(
                    f"In column {j}, the predefined categories contain duplicate elements."
                )
            if column.dtype.kind not in "OUS":
                finite_part = given[:-1] if given.size and np.isnan(np.sort(given)[-1]) else given
                if np.any(np.sort(finite_part) != finite_part):
                    raise ValueError(
                        "Unsorted categories are not supported for numerical categories"
                    )
            if handle_unknown == "error":
                unknown, _ = check_unknown(column, given)
                if unknown:
                    raise ValueError(f"Found unknown categories {unknown} in column {j} during fit")
            categories.append(given)
        self.categories_ = categories

    def _transform(self, X, handle_unknown="error"):
        """(X_int (n, d) category indices, X_mask (n, d) True where the value was a known category).

        With handle_unknown="error" an unknown value raises; otherwise its cell is masked out
        (its index is a placeholder 0): the columns with one are those where X_mask has a False.
        """
        columns = self._check_X(X)
        self._check_n_features(len(columns))
        n_samples = len(columns[0])
        X_int = np.zeros((n_samples, len(columns)), dtype=np.intp)  # (n, d)
        X_mask = np.ones((n_samples, len(columns)), dtype=bool)  # (n, d)
        for j, (column, categories) in enumerate(zip(columns, self.categories_)):
            unknown, is_known = check_unknown(column, categories)
            if unknown:
                if handle_unknown == "error":
                    raise ValueError(
                        f"Found unknown categories {unknown} in column {j} during transform"
                    )
                X_mask[:, j] = is_known
                # subtle: a placeholder of the categories' own type, in an array wide enough to hold it
                column = column.astype(object) if column.dtype.kind in "US" else column.copy()
                column[~is_known] = categories[0]
            X_int[:, j] = encode(column, categories)
        return X_int, X_mask
