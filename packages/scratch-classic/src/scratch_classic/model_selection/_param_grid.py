"""The candidates a search tries: ParameterGrid (every combination) and ParameterSampler (random ones).

ParameterGrid({"a": [1, 2], "b": [True, False]}) yields, keys sorted, the last key fastest:
    {"a": 1, "b": True}, {"a": 1, "b": False}, {"a": 2, "b": True}, {"a": 2, "b": False}
A list of dicts is the union of their grids, in order. grid[i] finds the i-th point without
enumerating (mixed-radix digits of i).

ParameterSampler(distributions, n_iter, random_state) draws n_iter settings: a value with an
.rvs(random_state=...) method (a scipy.stats distribution, say) is sampled, a list is sampled
uniformly. When every value is a list, it samples grid points WITHOUT replacement (at most the
whole grid). Draws come from numpy's Generator (passed on to .rvs), so the settings differ from
scikit-learn's for the same random_state.
"""

import operator
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import reduce
from itertools import product

import numpy as np

from ..utils.validation import check_random_state


class ParameterGrid:
    """Every combination of the listed values; see the module docstring."""

    def __init__(self, param_grid):
        if not isinstance(param_grid, (Mapping, Iterable)) or isinstance(param_grid, str):
            raise TypeError(
                f"Parameter grid should be a dict or a list, got: {param_grid!r} of type {type(param_grid).__name__}"
            )
        if isinstance(param_grid, Mapping):
            param_grid = [param_grid]
        param_grid = list(param_grid)
        for grid in param_grid:
            if not isinstance(grid, dict):
                raise TypeError(f"Parameter grid is not a dict ({grid!r})")
            for key, values in grid.items():
                if isinstance(values, np.ndarray) and values.ndim > 1:
                    raise ValueError(
                        f"Parameter array for {key!r} should be one-dimensional, got: {values!r} with shape {values.shape}"
                    )
                if isinstance(values, str) or not isinstance(values, (np.ndarray, Sequence)):
                    raise TypeError(
                        f"Parameter grid for parameter {key!r} needs to be a list or a numpy array, but got "
                        f"{values!r} (of type {type(values).__name__}) instead. Single values need to be "
                        "wrapped in a list with one element."
                    )
                if len(values) == 0:
                    raise ValueError(
                        f"Parameter grid for parameter {key!r} need to be a non-empty sequence, got: {values!r}"
                    )
        self.param_grid = param_grid

    def __iter__(self):
        for grid in self.param_grid:
            if not grid:
                yield {}
                continue
            keys, value_lists = zip(*sorted(grid.items()))
            for values in product(*value_lists):
                yield dict(zip(keys, values))

    def __len__(self):
        return sum(
            reduce(operator.mul, (len(v) for v in grid.values()), 1) for grid in self.param_grid
        )

    def __getitem__(self, index):
        """The index-th point, as list(self)[index], without building the list."""
        for grid in self.param_grid:
            if not grid:
                if index == 0:
                    return {}
                index -= 1
                continue
            keys, value_lists = zip(*sorted(grid.items())[::-1])  # last key = fastest digit
            sizes = [len(values) for values in value_lists]
            total = reduce(operator.mul, sizes, 1)
            if index >= total:
                index -= total
                continue
            point = {}
            for key, values, size in zip(keys, value_lists, sizes):
                index, digit = divmod(index, size)
                point[key] = values[digit]
            return point
        raise IndexError("ParameterGrid index out of range")


class ParameterSampler:
    """n_iter random settings from lists and/or distributions; see the module docstring."""

    def __init__(self, param_distributions, n_iter, *, random_state=None):
        if not isinstance(param_distributions, (Mapping, Iterable)) or isinstance(
            param_distributions, str
        ):
            raise TypeError(
                f"Parameter distribution is not a dict or a list, got: {param_distributions!r} of type "
                f"{type(param_distributions).__name__}"
            )
        if isinstance(param_distributions, Mapping):
            param_distributions = [param_distributions]
        param_distributions = list(param_distributions)
        if not param_distributions:
            raise ValueError("param_distributions must not be empty")
        for distributions in param_distributions:
            if not isinstance(distributions, dict):
                raise TypeError(f"Parameter distribution is not a dict ({distributions!r})")
            for key, values in distributions.items():
                if hasattr(values, "rvs"):
                    continue
                if isinstance(values, str) or not isinstance(values, Iterable):
                    raise TypeError(
                        f"Parameter grid for parameter {key!r} is not iterable or a distribution (value={values})"
                    )
                if len(values) == 0:
                    raise ValueError(f"Parameter list for parameter {key!r} must not be empty")
        self.n_iter = n_iter
        self.random_state = random_state
        self.param_distributions = param_distributions

    def _is_all_lists(self):
        return all(not hasattr(v, "rvs") for d in self.param_distributions for v in d.values())

    def __iter__(self):
        rng = check_random_state(self.random_state)
        if self._is_all_lists():
            grid = ParameterGrid(self.param_distributions)
            n_iter = self.n_iter
            if len(grid) < n_iter:
                warnings.warn(
                    f"The total space of parameters {len(grid)} is smaller than n_iter={self.n_iter}. "
                    f"Running {len(grid)} iterations. For exhaustive searches, use GridSearchCV.",
                    UserWarning,
                    stacklevel=2,
                )
                n_iter = len(grid)
            for index in rng.choice(len(grid), size=n_iter, replace=False):
                yield grid[int(index)]
            return
        for _ in range(self.n_iter):
            distributions = self.param_distributions[rng.integers(len(self.param_distributions))]
            point = {}
            for key, values in sorted(distributions.items()):
                if hasattr(values, "rvs"):
                    point[key] = values.rvs(random_state=rng)
                else:
                    values = list(values)
                    point[key] = values[rng.integers(len(values))]
            yield point

    def __len__(self):
        if self._is_all_lists():
            return min(self.n_iter, len(ParameterGrid(self.param_distributions)))
        return self.n_iter
