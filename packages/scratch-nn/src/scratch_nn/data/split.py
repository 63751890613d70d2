"""random_split: cut a dataset into non-overlapping random Subsets, as torch.utils.data.random_split.

    train, val = random_split(ds, [0.8, 0.2], generator=0)     # fractions, or
    train, val = random_split(ds, [800, 200], generator=0)     # lengths summing to len(ds)

Fractions become lengths floor(n * fraction); the leftover items go one each to the splits in
turn, from the first (torch's rule): 10 items, [0.25, 0.25, 0.5] -> floor [2, 2, 5] (9 items)
-> the one leftover goes to split 0 -> [3, 2, 5].
Then one random permutation of range(n) is dealt out in that order.
"""

import math
import numbers
import warnings

from .dataset import Subset
from .sampler import as_generator


def _lengths_from_fractions(fractions, n):
    lengths = []
    for position, fraction in enumerate(fractions):
        if fraction < 0 or fraction > 1:
            raise ValueError(f"random_split: fraction at index {position} is not between 0 and 1: {fraction}")
        lengths.append(math.floor(n * fraction))
    for k in range(n - sum(lengths)):  # round-robin the remainder
        lengths[k % len(lengths)] += 1
    for position, length in enumerate(lengths):
        if length == 0:
            warnings.warn(f"Length of split at index {position} is 0. This might result in an "
                          f"empty dataset.", stacklevel=3)
    return lengths


def random_split(dataset, lengths, generator=None):
    """Subsets of `dataset` with the given lengths (or fractions summing to 1), randomly assigned.

    generator: a scratch_nn.Generator, an int seed or None (the default generator).
    """
    lengths = list(lengths)
    if not lengths:
        raise ValueError("random_split: lengths must not be empty")
    for value in lengths:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"random_split: lengths must be ints or fractions, got {value!r}")
    n = len(dataset)
    if math.isclose(sum(lengths), 1) and sum(lengths) <= 1:
        lengths = _lengths_from_fractions(lengths, n)
    for value in lengths:
        if not float(value).is_integer() or value < 0:
            raise ValueError(f"random_split: lengths must be non-negative ints (or fractions "
                             f"summing to 1), got {lengths}")
    lengths = [int(value) for value in lengths]
    if sum(lengths) != n:
        raise ValueError(f"Sum of input lengths does not equal the length of the input dataset! "
                         f"lengths {lengths} sum to {sum(lengths)}, the dataset has {n} items")
    order = as_generator(generator, "random_split").permutation(n).tolist()
    subsets, start = [], 0
    for length in lengths:
        subsets.append(Subset(dataset, order[start:start + length]))
        start += length
    return subsets
