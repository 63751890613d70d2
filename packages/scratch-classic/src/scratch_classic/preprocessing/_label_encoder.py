"""LabelEncoder: class labels y -> 0..n_classes-1, as sklearn.preprocessing.LabelEncoder.

    y = ["paris", "tokyo", "paris", "amsterdam"] -> classes_ = [amsterdam, paris, tokyo], [1, 2, 1, 0]

It transforms a TARGET (1-D y), not features X: `fit(y)`, `transform(y)`. The common checks
know it by the tag X_types = ("1dlabels",).
"""

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import check_is_fitted, column_or_1d
from ._categories import check_unknown, encode, unique_values


class LabelEncoder(TransformerMixin, BaseEstimator):
    """Encode target labels with values between 0 and n_classes-1. Fitted: classes_ (sorted)."""

    def _more_tags(self):
        return {"X_types": ("1dlabels",)}

    def fit(self, y):
        """classes_ = the sorted distinct labels of y."""
        self.classes_ = unique_values(column_or_1d(y))
        return self

    def fit_transform(self, y):
        """fit(y).transform(y) in one pass."""
        return self.fit(y).transform(y)

    def transform(self, y):
        """Index of each label in classes_; an unseen label raises ValueError."""
        check_is_fitted(self)
        y = column_or_1d(y)
        if y.size == 0:
            return np.array([], dtype=np.intp)
        if self.classes_.dtype.kind in "OUS" and y.dtype.kind not in "OUS":
            y = y.astype(object)  # subtle: numbers against string classes are simply unseen
        unseen, _ = check_unknown(y, self.classes_)
        if unseen:
            raise ValueError(f"y contains previously unseen labels: {unseen}")
        return encode(y, self.classes_)

    def inverse_transform(self, y):
        """classes_[y]; codes outside 0..n_classes-1 raise ValueError."""
        check_is_fitted(self)
        y = column_or_1d(y)
        if y.size == 0:
            return np.array([], dtype=self.classes_.dtype)
        unseen = np.setdiff1d(y, np.arange(len(self.classes_)))
        if len(unseen):
            raise ValueError(f"y contains previously unseen labels: {unseen}")
        return self.classes_[np.asarray(y, dtype=np.intp)]
