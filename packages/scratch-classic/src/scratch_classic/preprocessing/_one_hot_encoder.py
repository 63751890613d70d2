"""OneHotEncoder: one 0/1 column per category of each feature, as sklearn's OneHotEncoder.

    feature "color" with categories [blue, red]:  red -> [0, 1],  blue -> [1, 0]

drop="first" (or "if_binary", or one category per feature) removes one column per feature,
so the remaining columns are not collinear with an intercept; a dropped category encodes as
all zeros. handle_unknown="ignore" encodes a category unseen in `fit` as all zeros too
("infrequent_if_exist" and "warn" do the same here: without min_frequency/max_categories no
category is infrequent; "warn" also warns). The output is always dense: sparse_output=True is
rejected (scikit-learn's default is True; ours is False). Not implemented: min_frequency and
max_categories (infrequent categories).
"""

import warnings

import numpy as np

from ..utils.validation import check_array, check_feature_names_in, check_is_fitted, is_scalar_nan
from ._encoders import _BaseEncoder

_HANDLE_UNKNOWN = ("error", "ignore", "infrequent_if_exist", "warn")


def _concat(feature, category):
    """The default output name: `_concat("color", "red") -> "color_red"`."""
    return f"{feature}_{category}"


class OneHotEncoder(_BaseEncoder):
    """Encode categorical features as a one-hot (dense) array.

    Fitted: categories_ (list of arrays), drop_idx_ (None, or per feature the index in
    categories_ of the dropped category, None where nothing is dropped).
    """

    def __init__(
        self,
        *,
        categories="auto",
        drop=None,
        sparse_output=False,
        dtype=np.float64,
        handle_unknown="error",
        feature_name_combiner="concat",
    ):
        self.categories = categories
        self.drop = drop
        self.sparse_output = sparse_output
        self.dtype = dtype
        self.handle_unknown = handle_unknown
        self.feature_name_combiner = feature_name_combiner

    def _check_params(self):
        if self.sparse_output:
            raise ValueError(
                "sparse_output=True is not supported: scratch_classic returns dense arrays only; "
                "pass sparse_output=False."
            )
        if self.handle_unknown not in _HANDLE_UNKNOWN:
            raise ValueError(
                f"handle_unknown should be one of {_HANDLE_UNKNOWN}, got {self.handle_unknown!r}."
            )
        if isinstance(self.drop, str) and self.drop not in ("first", "if_binary"):
            raise ValueError(
                f"drop should be None, 'first', 'if_binary' or one category per feature, got {self.drop!r}."
            )
        if not (self.feature_name_combiner == "concat" or callable(self.feature_name_combiner)):
            raise ValueError(
                f"feature_name_combiner must be 'concat' or a callable, got {self.feature_name_combiner!r}."
            )

    def fit(self, X, y=None):
        """Learn the categories of each feature, and which one to drop."""
        self._check_params()
        self._fit(X, handle_unknown=self.handle_unknown)
        self.drop_idx_ = self._compute_drop_idx()
        # columns per feature in the output: its categories, less the dropped one
        self._n_features_outs = [
            len(c) - (self.drop_idx_ is not None and self.drop_idx_[j] is not None)
            for j, c in enumerate(self.categories_)
        ]
        return self

    def _compute_drop_idx(self):
        if self.drop is None:
            return None
        if isinstance(self.drop, str):
            if self.drop == "first":
                return np.zeros(len(self.categories_), dtype=object)
            return np.array(
                [0 if len(c) == 2 else None for c in self.categories_], dtype=object
            )  # if_binary
        drops = np.asarray(self.drop, dtype=object)
        if drops.ndim != 1 or len(drops) != len(self.categories_):
            raise ValueError(
                f"`drop` should have length equal to the number of features ({len(self.categories_)}), got {drops.size}"
            )
        indices, missing = [], []
        for j, (value, categories) in enumerate(zip(drops, self.categories_)):
            if is_scalar_nan(value):
                found = (
                    [len(categories) - 1]
                    if len(categories) and is_scalar_nan(categories[-1])
                    else []
                )
            else:
                found = [
                    i
                    for i, c in enumerate(categories)
                    if not is_scalar_nan(c) and c is not None and c == value
                ]
            if found:
                indices.append(np.int64(found[0]))  # numpy ints, as scikit-learn's np.where gives
            else:
                missing.append((j, value))
        if missing:
            details = "\n".join(f"Category: {value}, Feature: {j}" for j, value in missing)
            raise ValueError(
                "The following categories were supposed to be dropped, but were not found in the training data.\n"
                + details
            )
        return np.array(indices, dtype=object)

    def transform(self, X):
        """The one-hot array, shape (n_samples, sum of kept categories), dtype self.dtype."""
        check_is_fitted(self)
        self._check_params()
        warn_on_unknown = self.handle_unknown == "warn" or (
            self.drop is not None and self.handle_unknown in ("ignore", "infrequent_if_exist")
        )
        X_int, X_mask = self._transform(X, handle_unknown=self.handle_unknown)  # (n, d) each
        columns_with_unknown = np.flatnonzero(~X_mask.all(axis=0)).tolist()
        if warn_on_unknown and columns_with_unknown:
            warnings.warn(
                f"Found unknown categories in columns {columns_with_unknown} during transform. "
                "These unknown categories will be encoded as all zeros",
                UserWarning,
            )
        if self.drop_idx_ is not None:
            # the dropped category's cell is left empty; later categories move one column left
            n_categories = np.array([len(c) for c in self.categories_])  # (d,)
            to_drop = np.array(
                [n if i is None else i for i, n in zip(self.drop_idx_, n_categories)]
            )  # (d,)
            X_mask &= X_int != to_drop
            X_int = X_int - (X_int > to_drop)
        offsets = np.concatenate([[0], np.cumsum(self._n_features_outs)])  # (d + 1,)
        rows, features = np.nonzero(X_mask)  # the cells that get a 1
        out = np.zeros((X_int.shape[0], offsets[-1]), dtype=self.dtype)  # (n, total)
        out[rows, offsets[features] + X_int[rows, features]] = 1
        return out

    def inverse_transform(self, X):
        """Back to categories: the 1 of each feature's block names its category.

        An all-zero block is the dropped category, or None for an unknown value under
        handle_unknown="ignore" (then the result has dtype object).
        """
        check_is_fitted(self)
        X = check_array(X)  # (n, total)
        n_out = int(np.sum(self._n_features_outs))
        if X.shape[1] != n_out:
            raise ValueError(
                f"Shape of the passed X data is not correct. Expected {n_out} columns, got {X.shape[1]}."
            )
        result = np.empty(
            (X.shape[0], len(self.categories_)),
            dtype=np.result_type(*[c.dtype for c in self.categories_]),
        )
        found_unknown = {}
        start = 0
        for j, categories in enumerate(self.categories_):
            dropped = None if self.drop_idx_ is None else self.drop_idx_[j]
            kept = categories if dropped is None else np.delete(categories, dropped)
            if len(kept) == 0:  # a single category, dropped: every row had it
                result[:, j] = categories[dropped]
                continue
            block = X[:, start : start + len(kept)]  # (n, k)
            result[:, j] = kept[block.argmax(axis=1)]
            all_zero = block.sum(axis=1) == 0  # (n,)
            if all_zero.any():
                if self.handle_unknown == "ignore":
                    if dropped is None:
                        found_unknown[j] = all_zero
                    else:
                        result[all_zero, j] = categories[dropped]
                elif dropped is None:
                    raise ValueError(
                        f"Samples {np.flatnonzero(all_zero)} can not be inverted when drop=None and "
                        "handle_unknown='error' because they contain all zeros"
                    )
                else:
                    result[all_zero, j] = categories[dropped]
            start += len(kept)
        if found_unknown:
            result = result.astype(object)
            for j, rows in found_unknown.items():
                result[rows, j] = None
        return result

    def get_feature_names_out(self, input_features=None):
        """One name per output column: "<feature>_<category>" (or feature_name_combiner(feature, category))."""
        check_is_fitted(self)
        names = check_feature_names_in(self, input_features)
        if self.feature_name_combiner == "concat":
            combine = _concat
        else:
            combine = self.feature_name_combiner
            if not isinstance(combine("feature", "category"), str):
                raise TypeError(
                    "When `feature_name_combiner` is a callable, it should return a Python string."
                )
        out = []
        for j, categories in enumerate(self.categories_):
            dropped = None if self.drop_idx_ is None else self.drop_idx_[j]
            kept = categories if dropped is None else np.delete(categories, dropped)
            out += [combine(names[j], category) for category in kept]
        return np.asarray(out, dtype=object)
