"""train_test_split: one random (or, with shuffle=False, head/tail) split of any number of arrays.

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

Sizes follow ShuffleSplit's rule (default test_size 0.25); stratify=y keeps y's class
proportions in both parts (StratifiedShuffleSplit). Each input comes back as the same kind of
container it went in as (array rows, list items, pandas rows).
"""

import numpy as np

from ._indexing import indexable, num_samples, safe_indexing
from ._shuffle_split import ShuffleSplit, StratifiedShuffleSplit, validate_shuffle_split


def train_test_split(
    *arrays, test_size=None, train_size=None, random_state=None, shuffle=True, stratify=None
):
    """[a_train, a_test for each array a]; see the module docstring."""
    if not arrays:
        raise ValueError("At least one array required as input")
    arrays = indexable(*arrays)
    n_samples = num_samples(arrays[0])
    n_train, n_test = validate_shuffle_split(
        n_samples, test_size, train_size, default_test_size=0.25
    )
    if not shuffle:
        if stratify is not None:
            raise ValueError("Stratified train/test split is not implemented for shuffle=False")
        train, test = np.arange(n_train), np.arange(n_train, n_train + n_test)
    else:
        splitter_class = ShuffleSplit if stratify is None else StratifiedShuffleSplit
        splitter = splitter_class(
            n_splits=1, test_size=n_test, train_size=n_train, random_state=random_state
        )
        train, test = next(splitter.split(X=arrays[0], y=stratify))
    return [
        part
        for array in arrays
        for part in (safe_indexing(array, train), safe_indexing(array, test))
    ]
