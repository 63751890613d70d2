"""K-fold cross-validation: KFold, and StratifiedKFold that keeps each class's share in every fold.

KFold cuts the samples (in order, or shuffled) into k consecutive folds; the first n % k folds
get one extra sample:  KFold(3) on 7 samples -> test folds [0 1 2], [3 4], [5 6].

StratifiedKFold uses scikit-learn's allocation. Number the classes by first appearance in y and
sort the encoded labels; dealing that sorted list round-robin into k piles gives how many
samples of each class go to each fold (so fold sizes differ by at most one, and each class is
spread as evenly as it can be). Then, class by class, the samples of the class (in input order,
or shuffled) are handed fold 0's quota, then fold 1's, and so on.
    y = [0 0 0 0 1 1 1 1 1 1], k = 2  ->  fold of each sample: [0 0 1 1 0 0 0 1 1 1]
Unshuffled, both give exactly scikit-learn's indices. Shuffled, they draw from numpy's Generator,
so the folds differ from scikit-learn's for the same random_state (their properties do not).
"""

import warnings

import numpy as np

from ..metrics._targets import type_of_target
from ..utils.validation import check_random_state, column_or_1d
from ._base_split import BaseCrossValidator, check_n_splits
from ._indexing import indexable, num_samples


class _BaseKFold(BaseCrossValidator):
    def __init__(self, n_splits, *, shuffle, random_state):
        n_splits = check_n_splits(n_splits)
        if not isinstance(shuffle, bool):
            raise TypeError(f"shuffle must be True or False; got {shuffle}")
        if not shuffle and random_state is not None:
            raise ValueError(
                "Setting a random_state has no effect since shuffle is False. You should leave "
                "random_state to its default (None), or set shuffle=True."
            )
        self.n_splits = n_splits
        self.shuffle = shuffle
        self.random_state = random_state

    def split(self, X, y=None, groups=None):
        """Yield (train, test) index arrays, one pair per fold."""
        X, y, groups = indexable(X, y, groups)
        n_samples = num_samples(X)
        if self.n_splits > n_samples:
            raise ValueError(
                f"Cannot have number of splits n_splits={self.n_splits} greater than the number "
                f"of samples: n_samples={n_samples}."
            )
        yield from super().split(X, y, groups)

    def get_n_splits(self, X=None, y=None, groups=None):
        return self.n_splits


class KFold(_BaseKFold):
    """k consecutive folds (shuffled first if shuffle=True); see the module docstring."""

    def __init__(self, n_splits=5, *, shuffle=False, random_state=None):
        super().__init__(n_splits, shuffle=shuffle, random_state=random_state)

    def _iter_test_indices(self, X, y=None, groups=None):
        n_samples = num_samples(X)
        indices = np.arange(n_samples)
        if self.shuffle:
            check_random_state(self.random_state).shuffle(indices)
        fold_sizes = np.full(self.n_splits, n_samples // self.n_splits)  # (k,)
        fold_sizes[: n_samples % self.n_splits] += 1
        stops = np.cumsum(fold_sizes)
        for start, stop in zip(stops - fold_sizes, stops):
            yield indices[start:stop]


class StratifiedKFold(_BaseKFold):
    """k folds that each hold about the same proportion of every class; see the module docstring."""

    def __init__(self, n_splits=5, *, shuffle=False, random_state=None):
        super().__init__(n_splits, shuffle=shuffle, random_state=random_state)

    def split(self, X, y, groups=None):
        """Yield (train, test) index arrays, stratified on the class labels y."""
        if groups is not None:
            warnings.warn(
                f"The groups parameter is ignored by {type(self).__name__}",
                UserWarning,
                stacklevel=2,
            )
        if y is None:
            raise ValueError(f"{type(self).__name__}.split needs the class labels y to stratify on")
        return super().split(X, y, groups)

    def _test_fold_of_each_sample(self, y):
        """(n,) fold index of every sample (scikit-learn's allocation)."""
        y_type = type_of_target(y)
        if y_type not in ("binary", "multiclass"):
            raise ValueError(
                f"Supported target types are: ('binary', 'multiclass'). Got {y_type!r} instead."
            )
        y = column_or_1d(np.asarray(y))
        _, first_index, inverse = np.unique(y, return_index=True, return_inverse=True)
        _, class_of_first = np.unique(first_index, return_inverse=True)
        y_encoded = class_of_first[inverse]  # (n,) classes numbered by first appearance
        n_classes = len(first_index)
        class_counts = np.bincount(y_encoded)  # (n_classes,)
        if np.all(self.n_splits > class_counts):
            raise ValueError(
                f"n_splits={self.n_splits} cannot be greater than the number of members in each class."
            )
        if self.n_splits > class_counts.min():
            warnings.warn(
                f"The least populated class in y has only {class_counts.min()} members, which is "
                f"less than n_splits={self.n_splits}.",
                UserWarning,
                stacklevel=4,
            )
        sorted_codes = np.sort(y_encoded)
        allocation = np.array(
            [
                np.bincount(sorted_codes[fold :: self.n_splits], minlength=n_classes)
                for fold in range(self.n_splits)
            ]
        )  # (k, n_classes): samples of each class dealt to each fold
        rng = check_random_state(self.random_state)
        test_folds = np.empty(len(y), dtype=np.intp)
        for k in range(n_classes):
            folds_for_class = np.repeat(np.arange(self.n_splits), allocation[:, k])
            if self.shuffle:
                rng.shuffle(folds_for_class)
            test_folds[y_encoded == k] = folds_for_class
        return test_folds

    def _iter_test_masks(self, X, y=None, groups=None):
        test_folds = self._test_fold_of_each_sample(y)
        for fold in range(self.n_splits):
            yield test_folds == fold
