"""DataLoader: iterate over a dataset in (shuffled) batches, as torch.utils.data.DataLoader.

    loader = DataLoader(TensorDataset(X, y), batch_size=64, shuffle=True, generator=0)
    for epoch in range(3):
        for xb, yb in loader:          # xb: (64, ...), yb: (64,); the last batch may be shorter
            ...                        # each epoch draws a new order; seed 0 replays all three

How a batch is made: the batch sampler yields a list of indices, the dataset gives those samples,
collate_fn joins them (default_collate stacks; see collate.py).

Fast path: when collate_fn is the default and the dataset is a TensorDataset (or a Subset of one,
at any depth), a batch is cut from each tensor with ONE fancy index, t[indices], instead of
fetching len(indices) samples and stacking them. The result is the same list [t1[idx], t2[idx], ...].

Loading runs in the calling process (no worker processes, no pin_memory).
"""

import numpy as np

from .collate import default_collate, default_convert
from .dataset import Subset, TensorDataset
from .sampler import BatchSampler, RandomSampler, SequentialSampler


def _tensor_source(dataset):
    """(tensors, index_map) when batches can be fancy-indexed straight from a TensorDataset, else None.

    Subset(Subset(td, i2), i1)[k] = td[i2[i1[k]]], so index maps compose from the outside in.
    """
    index_map = None
    while isinstance(dataset, Subset) and type(dataset).__getitem__ is Subset.__getitem__:
        indices = np.asarray(dataset.indices, dtype=np.int64)  # (len(subset),)
        index_map = indices if index_map is None else indices[index_map]
        dataset = dataset.dataset
    if isinstance(dataset, TensorDataset) and type(dataset).__getitem__ is TensorDataset.__getitem__:
        return dataset.tensors, index_map
    return None


class DataLoader:
    """Batches of `dataset` in sampler order (see the module docstring).

    dataset: a map-style dataset (__getitem__ and __len__)
    batch_size: samples per batch; None yields single samples passed through default_convert
    shuffle: a fresh random order every epoch (a RandomSampler drawing from `generator`)
    sampler / batch_sampler: a custom order of indices / of index lists (exclusive with shuffle)
    drop_last: drop the last batch when it is shorter than batch_size
    generator: a scratch_nn.Generator, an int seed or None (the default generator)
    """

    def __init__(self, dataset, batch_size=1, shuffle=False, sampler=None, batch_sampler=None,
                 collate_fn=None, drop_last=False, generator=None):
        if not (callable(getattr(dataset, "__getitem__", None)) and callable(getattr(dataset, "__len__", None))):
            raise TypeError(f"DataLoader needs a map-style dataset (with __getitem__ and __len__), "
                            f"got {type(dataset).__name__}")
        if not isinstance(shuffle, bool):
            raise TypeError(f"shuffle should be a boolean value, but got shuffle={shuffle!r}")
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, "
                                 "shuffle, sampler, and drop_last")
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually "
                             "exclusive with drop_last")
        if collate_fn is not None and not callable(collate_fn):
            raise TypeError(f"collate_fn must be callable, got {type(collate_fn).__name__}")
        if sampler is None:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_sampler is None and batch_size is not None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.dataset = dataset
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        self._auto_collation = batch_sampler is not None
        self._default_collate = collate_fn is None
        self.collate_fn = collate_fn or (default_collate if self._auto_collation else default_convert)

    def __len__(self):
        return len(self.batch_sampler if self._auto_collation else self.sampler)

    def __iter__(self):
        if not self._auto_collation:
            for index in self.sampler:
                yield self.collate_fn(self.dataset[index])
            return
        source = _tensor_source(self.dataset) if self._default_collate else None
        for indices in self.batch_sampler:
            if source is not None:
                yield self._cut_batch(*source, indices)
            else:
                yield self.collate_fn(self._fetch(indices))

    def _fetch(self, indices):
        """The samples at `indices`, through the dataset's __getitems__ when it has one (as torch)."""
        getitems = getattr(self.dataset, "__getitems__", None)
        if callable(getitems):
            return getitems(indices)
        return [self.dataset[index] for index in indices]

    @staticmethod
    def _cut_batch(tensors, index_map, indices):
        """[t[rows] for t in tensors]: the default_collate result, by one fancy index per tensor."""
        rows = np.asarray(indices, dtype=np.int64)  # (batch,)
        if index_map is not None:
            rows = index_map[rows]
        return [tensor[rows] for tensor in tensors]
