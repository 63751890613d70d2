"""What every cross-validation splitter shares: split(X, y, groups) yields (train, test) index arrays.

A K-fold style splitter only says which samples are in each test fold (`_iter_test_masks`); the
training set is the complement. Splitters are not estimators (they have no fit) but print like
them: KFold(n_splits=5, random_state=None, shuffle=False).
"""

import inspect
import numbers

import numpy as np

from ._indexing import indexable, num_samples


def splitter_repr(splitter):
    """ClassName(param=value, ...) with every constructor parameter, sorted by name."""
    names = sorted(
        name
        for name, parameter in inspect.signature(type(splitter).__init__).parameters.items()
        if name != "self" and parameter.kind != parameter.VAR_KEYWORD
    )
    arguments = ", ".join(f"{name}={getattr(splitter, name, None)!r}" for name in names)
    return f"{type(splitter).__name__}({arguments})"


def check_n_splits(n_splits):
    """n_splits as an int >= 2, or ValueError."""
    if not isinstance(n_splits, numbers.Integral) or isinstance(n_splits, bool):
        raise ValueError(  # noqa: TRY004 (sklearn raises ValueError here)
            f"The number of folds must be of Integral type. {n_splits!r} of type {type(n_splits)} was passed."
        )
    if n_splits <= 1:
        raise ValueError(
            "k-fold cross-validation requires at least one train/test split by setting "
            f"n_splits=2 or more, got n_splits={n_splits}."
        )
    return int(n_splits)


class BaseCrossValidator:
    """split() from the test masks a subclass yields in `_iter_test_masks(X, y, groups)`."""

    def split(self, X, y=None, groups=None):
        """Yield (train, test) index arrays, one pair per split."""
        X, y, groups = indexable(X, y, groups)
        indices = np.arange(num_samples(X))
        for test_mask in self._iter_test_masks(X, y, groups):
            yield indices[~test_mask], indices[test_mask]

    def _iter_test_masks(self, X, y=None, groups=None):
        for test_index in self._iter_test_indices(X, y, groups):
            test_mask = np.zeros(num_samples(X), dtype=bool)
            test_mask[test_index] = True
            yield test_mask

    def _iter_test_indices(self, X, y=None, groups=None):
        raise NotImplementedError

    def __repr__(self):
        return splitter_repr(self)
