"""Samplers: the order in which a DataLoader visits a dataset's indices, as torch.utils.data.

    SequentialSampler(ds)        0, 1, ..., len(ds) - 1
    RandomSampler(ds, generator) a fresh permutation on every pass (each epoch reshuffles);
                                 the same seed replays the same sequence of epochs
    SubsetRandomSampler(idx)     the given indices in a fresh random order on every pass
    BatchSampler(s, 4, False)    [0, 1, 2, 3], [4, 5, 6, 7], [8, 9]   (drop_last=True: no [8, 9])

A generator is a scratch_nn.Generator, a numpy Generator, an int seed (a private stream started
from that seed), or None (the default generator, reseeded by scratch_nn.manual_seed).
"""

import numbers

from ..random import Generator, numpy_generator


def as_generator(generator, who):
    """The np.random.Generator to draw from: see the module docstring for what `generator` may be."""
    if isinstance(generator, numbers.Integral) and not isinstance(generator, bool):
        return Generator().manual_seed(int(generator)).numpy
    try:
        return numpy_generator(generator)
    except TypeError:
        raise TypeError(f"{who}: generator must be a scratch_nn.Generator, an int seed or None, "
                        f"got {type(generator).__name__}") from None


def _positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise ValueError(f"{name} should be a positive integer value, but got {name}={value!r}")
    return int(value)


class Sampler:
    """Base class: iterate over dataset indices (subclasses define __iter__ and usually __len__)."""

    def __iter__(self):
        raise NotImplementedError(f"{type(self).__name__} must define __iter__")


class SequentialSampler(Sampler):
    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


class RandomSampler(Sampler):
    """A random permutation of the indices per pass, or num_samples draws with replacement."""

    def __init__(self, data_source, replacement=False, num_samples=None, generator=None):
        if not isinstance(replacement, bool):
            raise TypeError(f"replacement should be a boolean value, but got replacement={replacement!r}")
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self._rng = as_generator(generator, "RandomSampler")
        _positive_int(self.num_samples, "num_samples")

    @property
    def num_samples(self):
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self):
        n = len(self.data_source)
        if self.replacement:
            return iter(self._rng.integers(0, n, size=self.num_samples).tolist())
        # subtle: num_samples > n (without replacement) chains whole permutations, as torch does
        whole, rest = divmod(self.num_samples, n)
        indices = [index for _ in range(whole) for index in self._rng.permutation(n).tolist()]
        return iter(indices + self._rng.permutation(n)[:rest].tolist())

    def __len__(self):
        return self.num_samples


class SubsetRandomSampler(Sampler):
    """The given indices, in a new random order on each pass."""

    def __init__(self, indices, generator=None):
        self.indices = list(indices)
        self._rng = as_generator(generator, "SubsetRandomSampler")

    def __iter__(self):
        return iter([self.indices[k] for k in self._rng.permutation(len(self.indices)).tolist()])

    def __len__(self):
        return len(self.indices)


class BatchSampler(Sampler):
    """Group another sampler's indices into lists of batch_size (the last one shorter unless drop_last)."""

    def __init__(self, sampler, batch_size, drop_last):
        self.batch_size = _positive_int(batch_size, "batch_size")
        if not isinstance(drop_last, bool):  # subtle: a ValueError, as torch raises
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last!r}")  # noqa: TRY004
        self.sampler = sampler
        self.drop_last = drop_last

    def __iter__(self):
        batch = []
        for index in self.sampler:
            batch.append(index)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch and not self.drop_last:
            yield batch

    def __len__(self):
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size  # rounded up
