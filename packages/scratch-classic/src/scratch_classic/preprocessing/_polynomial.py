"""PolynomialFeatures: every monomial of the features up to a degree, as sklearn's.

For features (a, b) and degree 2 the columns are [1, a, b, a^2, a b, b^2]: the monomials in the
order of itertools.combinations_with_replacement, one row of `powers_` (exponents) per column
(interaction_only=True keeps only products of distinct features: [1, a, b, a b]).

Built degree by degree: the degree-k columns that start with feature j are the degree-(k-1)
columns starting at feature j or later, times x_j. So each new block is ONE vectorized product of
a slice with one column, and nothing is recomputed.
"""

import numbers
from itertools import chain, combinations, combinations_with_replacement

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import check_feature_names_in, check_is_fitted


class PolynomialFeatures(TransformerMixin, BaseEstimator):
    """Polynomial and interaction features. degree: an int, or (min_degree, max_degree).

    Fitted: powers_ (n_output_features_, n_features_in_) exponents, n_output_features_.
    """

    def __init__(self, degree=2, *, interaction_only=False, include_bias=True, order="C"):
        self.degree = degree
        self.interaction_only = interaction_only
        self.include_bias = include_bias
        self.order = order

    def _degrees(self):
        degree = self.degree
        if isinstance(degree, numbers.Integral) and not isinstance(degree, bool) and degree >= 0:
            return 0, int(degree)
        if (
            isinstance(degree, tuple)
            and len(degree) == 2
            and all(isinstance(d, numbers.Integral) and not isinstance(d, bool) for d in degree)
            and 0 <= degree[0] <= degree[1]
        ):
            return int(degree[0]), int(degree[1])
        raise ValueError(
            "degree must be a non-negative int or tuple (min_degree, max_degree) with "
            f"0 <= min_degree <= max_degree, got {degree!r}."
        )

    def _combinations(self, n_features, min_degree, max_degree):
        """Tuples of feature indices, one per output column (() is the bias column)."""
        choose = combinations if self.interaction_only else combinations_with_replacement
        start = max(1, min_degree)
        bias = [()] if self.include_bias else []
        return chain(
            bias,
            chain.from_iterable(choose(range(n_features), k) for k in range(start, max_degree + 1)),
        )

    def fit(self, X, y=None):
        """Enumerate the monomials: powers_[c, j] = exponent of feature j in output column c."""
        min_degree, max_degree = self._degrees()
        if self.order not in ("C", "F"):
            raise ValueError(f"order must be 'C' or 'F', got {self.order!r}")
        X = self._validate_data(X)
        if max_degree == 0 and not self.include_bias:
            raise ValueError(
                "Setting degree to zero and include_bias to False would result in an empty output array."
            )
        n_features = X.shape[1]
        combos = list(self._combinations(n_features, min_degree, max_degree))
        self.powers_ = np.vstack([np.bincount(c, minlength=n_features) for c in combos]).astype(
            np.int64
        )  # (c, d)
        self.n_output_features_ = len(combos)
        self._min_degree, self._max_degree = min_degree, max_degree
        return self

    def transform(self, X):
        """The monomials of each row, shape (n_samples, n_output_features_)."""
        check_is_fitted(self)
        X = self._validate_data(X, reset=False)  # (n, d)
        n_samples, n_features = X.shape
        blocks = [(0, np.ones((n_samples, 1)))] if self.include_bias else []  # (degree, columns)
        if self._max_degree >= 1:
            previous = X  # (n, m) the monomials of the previous degree
            starts = np.arange(n_features + 1)  # first column of `previous` starting with feature j
            blocks.append((1, X))
            for degree in range(2, self._max_degree + 1):
                new_blocks, new_starts, position = [], [], 0
                for feature in range(n_features):
                    new_starts.append(position)
                    # subtle: interactions only multiply by monomials of LATER features (no x_j^2)
                    first = starts[feature + 1] if self.interaction_only else starts[feature]
                    block = previous[:, first:] * X[:, feature : feature + 1]  # (n, m - first)
                    new_blocks.append(block)
                    position += block.shape[1]
                new_starts.append(position)
                previous, starts = np.hstack(new_blocks), np.asarray(new_starts)
                blocks.append((degree, previous))
        kept = [columns for degree, columns in blocks if degree == 0 or degree >= self._min_degree]
        output = np.hstack(kept) if kept else np.empty((n_samples, 0))  # (n, n_output_features_)
        return np.asarray(output, order=self.order)

    def get_feature_names_out(self, input_features=None):
        """Names like "x0", "x0^2", "x0 x1", and "1" for the bias."""
        check_is_fitted(self)
        names = check_feature_names_in(self, input_features)
        out = []
        for row in self.powers_:
            used = np.flatnonzero(row)
            out.append(
                " ".join(names[j] if row[j] == 1 else f"{names[j]}^{row[j]}" for j in used) or "1"
            )
        return np.asarray(out, dtype=object)
