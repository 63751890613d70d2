"""Map-style datasets, as torch.utils.data: anything with `__getitem__(i)` and `__len__()`.

    Dataset        the base class (subclass it and define __getitem__ and __len__)
    TensorDataset  sample i = (t[i] for each tensor): the usual (features, labels) pair
    Subset         the samples of another dataset at chosen indices (what random_split returns)
    ConcatDataset  several datasets one after the other (also `dataset_a + dataset_b`)

    ds = TensorDataset(snn.randn(100, 4), snn.randint(0, 3, (100,)))
    x, y = ds[7]                       # x: (4,), y: () -- row 7 of each tensor
    Subset(ds, [3, 1, 4])[2] == ds[4]
"""

import bisect
import numbers

import numpy as np

from ..tensor import Tensor


class Dataset:
    """A map-style dataset: `dataset[i]` is sample i, `len(dataset)` the number of samples."""

    def __getitem__(self, index):
        raise NotImplementedError(f"{type(self).__name__} must define __getitem__(index)")

    def __add__(self, other):
        return ConcatDataset([self, other])


class TensorDataset(Dataset):
    """Samples are slices along the first dimension of tensors that all have the same length.

    tensors: Tensors of shapes (n, ...) with the same n; sample i is a tuple (t[i] for t in tensors).
    """

    def __init__(self, *tensors):
        if not tensors:
            raise ValueError("TensorDataset needs at least one tensor")
        for position, tensor in enumerate(tensors):
            if not isinstance(tensor, Tensor):
                raise TypeError(f"TensorDataset takes Tensors; argument {position} is a "
                                f"{type(tensor).__name__} (wrap numpy arrays with scratch_nn.from_numpy)")
            if tensor.ndim == 0:
                raise ValueError(f"TensorDataset: argument {position} is 0-d; each tensor needs a "
                                 f"first dimension that counts the samples")
        lengths = [tensor.shape[0] for tensor in tensors]
        if len(set(lengths)) != 1:
            raise ValueError(f"Size mismatch between tensors: TensorDataset needs equal first "
                             f"dimensions, got shapes {[tuple(t.shape) for t in tensors]}")
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(tensor[index] for tensor in self.tensors)

    def __len__(self):
        return self.tensors[0].shape[0]


def _index_list(indices):
    """Subset indices as a list of Python ints (from a list, range, numpy array or Tensor)."""
    array = np.asarray(indices.data if isinstance(indices, Tensor) else indices)
    if array.ndim != 1:
        raise ValueError(f"Subset indices must be a 1-d sequence of ints, got shape {array.shape}")
    if array.size and array.dtype.kind not in "iu":
        raise TypeError(f"Subset indices must be integers, got dtype {array.dtype}")
    return array.astype(np.int64).tolist()


class Subset(Dataset):
    """The samples of `dataset` at `indices`: subset[k] = dataset[indices[k]]."""

    def __init__(self, dataset, indices):
        self.dataset = dataset
        self.indices = _index_list(indices)

    def __getitem__(self, index):
        if isinstance(index, list):
            return self.dataset[[self.indices[k] for k in index]]
        return self.dataset[self.indices[index]]

    def __getitems__(self, indices):
        """A list of samples for a list of indices (a DataLoader asks for a batch this way)."""
        if callable(getattr(self.dataset, "__getitems__", None)):
            return self.dataset.__getitems__([self.indices[k] for k in indices])
        return [self.dataset[self.indices[k]] for k in indices]

    def __len__(self):
        return len(self.indices)


class ConcatDataset(Dataset):
    """Datasets one after another: index i falls in the first dataset whose cumulative size exceeds it."""

    def __init__(self, datasets):
        self.datasets = list(datasets)
        if not self.datasets:
            raise ValueError("ConcatDataset needs at least one dataset")
        self.cumulative_sizes = np.cumsum([len(dataset) for dataset in self.datasets]).tolist()

    def __len__(self):
        return self.cumulative_sizes[-1]

    def __getitem__(self, index):
        if isinstance(index, bool) or not isinstance(index, numbers.Integral):
            raise TypeError(f"ConcatDataset indices must be ints, got {type(index).__name__}")
        if index < 0:
            if -index > len(self):
                raise IndexError(f"index {index} is out of range for a dataset of length {len(self)}")
            index += len(self)
        which = bisect.bisect_right(self.cumulative_sizes, index)
        if which == len(self.datasets):
            raise IndexError(f"index {index} is out of range for a dataset of length {len(self)}")
        start = self.cumulative_sizes[which - 1] if which > 0 else 0
        return self.datasets[which][index - start]
