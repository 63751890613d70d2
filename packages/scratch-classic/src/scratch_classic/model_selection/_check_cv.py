"""check_cv: turn a `cv` argument into a splitter, as scikit-learn does.

None or an int k -> StratifiedKFold(k) for a classifier with binary/multiclass y, else KFold(k)
an object with .split      -> used as is
an iterable of (train, test) index pairs -> replayed as given (a list is kept of it)
"""

import numbers
from collections.abc import Iterable

from ..metrics._targets import type_of_target
from ._base_split import splitter_repr
from ._kfold import KFold, StratifiedKFold


class _CVIterableWrapper:
    """A splitter that replays a fixed list of (train, test) pairs."""

    def __init__(self, cv):
        self.cv = list(cv)

    def get_n_splits(self, X=None, y=None, groups=None):
        return len(self.cv)

    def split(self, X=None, y=None, groups=None):
        yield from self.cv

    def __repr__(self):
        return splitter_repr(self)


def check_cv(cv=5, y=None, *, classifier=False):
    """A splitter for `cv` (see the module docstring); bad values raise ValueError."""
    cv = 5 if cv is None else cv
    if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
        if classifier and y is not None and type_of_target(y) in ("binary", "multiclass"):
            return StratifiedKFold(cv)
        return KFold(cv)
    if hasattr(cv, "split") and not isinstance(cv, str):
        return cv
    if isinstance(cv, Iterable) and not isinstance(cv, str):
        return _CVIterableWrapper(cv)
    raise ValueError(
        "Expected `cv` as an integer, a cross-validation object (from "
        "scratch_classic.model_selection), or an iterable yielding (train, test) splits as "
        f"arrays of indices. Got {cv!r}."
    )
