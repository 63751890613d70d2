"""Random train/test splits: ShuffleSplit, and StratifiedShuffleSplit that keeps class proportions.

Sizes (scikit-learn's rule): a float test_size is a fraction rounded UP, a float train_size a
fraction rounded DOWN, an int is a count; a missing one is the complement. Each split draws a
fresh permutation: test = its first n_test entries, train = the next n_train.

StratifiedShuffleSplit gives each class the share of the train (then test) set closest to its
share of y (`approximate_mode`): floor of the exact share, then the leftover samples go to the
classes with the largest remainders (ties broken at random).
    approximate_mode([3, 3, 4], 5) -> [1, 2, 2] or [2, 1, 2]   (exact shares 1.5, 1.5, 2)
Draws come from numpy's Generator, so the indices differ from scikit-learn's for the same
random_state; the sizes and the per-class counts (up to those random ties) are the same.
"""

import math
import numbers
import warnings

import numpy as np

from ..utils.validation import check_random_state
from ._base_split import splitter_repr
from ._indexing import indexable, num_samples


def _size_kind(size):
    """ "i" for an int size, "f" for a float one, None for None; else ValueError."""
    if size is None:
        return None
    if isinstance(size, numbers.Integral) and not isinstance(size, bool):
        return "i"
    if isinstance(size, numbers.Real) and not isinstance(size, bool):
        return "f"
    raise ValueError(
        f"Invalid value for a split size: {size!r} (use an int count or a float fraction)"
    )


def validate_shuffle_split(n_samples, test_size, train_size, default_test_size=None):
    """(n_train, n_test) from the requested sizes; see the module docstring for the rule."""
    if test_size is None and train_size is None:
        test_size = default_test_size
    test_kind, train_kind = _size_kind(test_size), _size_kind(train_size)
    for name, size, kind in (
        ("test_size", test_size, test_kind),
        ("train_size", train_size, train_kind),
    ):
        if (kind == "i" and not 0 < size < n_samples) or (kind == "f" and not 0 < size < 1):
            raise ValueError(
                f"{name}={size} should be either positive and smaller than the number of samples "
                f"{n_samples} or a float in the (0, 1) range"
            )
    if test_kind == "f" and train_kind == "f" and train_size + test_size > 1:
        raise ValueError(
            f"The sum of test_size and train_size = {train_size + test_size}, should be in the (0, 1) "
            "range. Reduce test_size and/or train_size."
        )
    n_test = (
        None
        if test_kind is None
        else math.ceil(test_size * n_samples)
        if test_kind == "f"
        else test_size
    )
    n_train = (
        None
        if train_kind is None
        else math.floor(train_size * n_samples)
        if train_kind == "f"
        else train_size
    )
    if n_train is None:
        n_train = n_samples - n_test
    elif n_test is None:
        n_test = n_samples - n_train
    if n_train + n_test > n_samples:
        raise ValueError(
            f"The sum of train_size and test_size = {n_train + n_test}, should be smaller than the "
            f"number of samples {n_samples}. Reduce test_size and/or train_size."
        )
    if n_train == 0:
        raise ValueError(
            f"With n_samples={n_samples}, test_size={test_size} and train_size={train_size}, the "
            "resulting train set will be empty. Adjust any of the aforementioned parameters."
        )
    return int(n_train), int(n_test)


def approximate_mode(class_counts, n_draws, rng):
    """Per-class counts summing to n_draws, each the floor or ceiling of its exact share."""
    exact = class_counts / class_counts.sum() * n_draws  # (k,)
    counts = np.floor(exact)
    missing = int(n_draws - counts.sum())
    remainder = exact - counts
    for value in np.unique(remainder)[::-1]:  # largest remainders first
        if missing == 0:
            break
        (tied,) = np.nonzero(remainder == value)
        chosen = rng.choice(tied, size=min(len(tied), missing), replace=False)
        counts[chosen] += 1
        missing -= len(chosen)
    return counts.astype(int)


class ShuffleSplit:
    """n_splits independent random (train, test) splits; see the module docstring for the sizes."""

    _default_test_size = 0.1

    def __init__(self, n_splits=10, *, test_size=None, train_size=None, random_state=None):
        if not isinstance(n_splits, numbers.Integral) or isinstance(n_splits, bool) or n_splits < 1:
            raise ValueError(f"n_splits must be an integer >= 1, got {n_splits!r}")
        self.n_splits = int(n_splits)
        self.test_size = test_size
        self.train_size = train_size
        self.random_state = random_state

    def split(self, X, y=None, groups=None):
        """Yield (train, test) index arrays, one pair per split."""
        X, y, groups = indexable(X, y, groups)
        yield from self._iter_indices(X, y, groups)

    def _iter_indices(self, X, y=None, groups=None):
        n_samples = num_samples(X)
        n_train, n_test = validate_shuffle_split(
            n_samples, self.test_size, self.train_size, self._default_test_size
        )
        rng = check_random_state(self.random_state)
        for _ in range(self.n_splits):
            permutation = rng.permutation(n_samples)
            yield permutation[n_test : n_test + n_train], permutation[:n_test]

    def get_n_splits(self, X=None, y=None, groups=None):
        return self.n_splits

    def __repr__(self):
        return splitter_repr(self)


class StratifiedShuffleSplit(ShuffleSplit):
    """Random splits whose train and test sets keep y's class proportions (see the module docstring)."""

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

    def _iter_indices(self, X, y, groups=None):
        n_samples = num_samples(X)
        y = np.asarray(y)
        if y.ndim == 2:  # multilabel rows: each distinct row is one class
            y = np.array([" ".join(row.astype(str)) for row in y])
        n_train, n_test = validate_shuffle_split(
            n_samples, self.test_size, self.train_size, self._default_test_size
        )
        classes, y_codes, class_counts = np.unique(y, return_inverse=True, return_counts=True)
        if class_counts.min() < 2:
            raise ValueError(
                "The least populated classes in y have only 1 member, which is too few. The minimum "
                "number of groups for any class cannot be less than 2. Classes with too few members "
                f"are: {classes[class_counts < 2].tolist()}"
            )
        if n_train < len(classes):
            raise ValueError(
                f"The train_size = {n_train} should be greater or equal to the number of classes = {len(classes)}"
            )
        if n_test < len(classes):
            raise ValueError(
                f"The test_size = {n_test} should be greater or equal to the number of classes = {len(classes)}"
            )
        members = np.split(
            np.argsort(y_codes, kind="stable"), np.cumsum(class_counts)[:-1]
        )  # indices per class
        rng = check_random_state(self.random_state)
        for _ in range(self.n_splits):
            train_counts = approximate_mode(class_counts, n_train, rng)  # (k,)
            test_counts = approximate_mode(class_counts - train_counts, n_test, rng)  # (k,)
            train, test = [], []
            for class_members, n_class_train, n_class_test in zip(
                members, train_counts, test_counts
            ):
                shuffled = rng.permutation(class_members)
                train.append(shuffled[:n_class_train])
                test.append(shuffled[n_class_train : n_class_train + n_class_test])
            yield rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))
