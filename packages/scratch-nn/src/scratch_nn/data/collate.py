"""Turning a list of samples into one batch, as torch.utils.data.default_collate.

The batch keeps the structure of one sample, with a new first dimension on every leaf:

    [Tensor (3,), Tensor (3,)]                -> Tensor (2, 3)          (stacked)
    [np.ndarray, ...] / [np.float32(1), ...]  -> Tensor, numpy's dtype kept
    [1.5, 2.0]  /  [1, 2]  /  [True, False]   -> float64 / int64 / bool Tensor
    ["a", "b"]                                -> ["a", "b"]            (strings pass through)
    [(x0, y0), (x1, y1)]                      -> [X, Y]                (a tuple becomes a LIST, as torch)
    [{"x": x0}, {"x": x1}]                    -> {"x": X}              namedtuples keep their type

default_convert is the no-batching counterpart (DataLoader(batch_size=None)): numpy arrays and
numpy scalars inside one sample become Tensors, nothing is stacked.
"""

import collections.abc
import copy

import numpy as np

from .._dtypes import float64
from ..factories import tensor
from ..ops.joining import stack
from ..tensor import Tensor


def _check_numeric_array(array):
    if array.dtype.kind in "OUSV":
        raise TypeError(f"default_collate: batch must contain tensors, numpy arrays, numbers, dicts "
                        f"or lists; found an array of dtype {array.dtype}")


def _collate_sequence(batch, elem):
    size = len(elem)
    if any(len(sample) != size for sample in batch):
        raise RuntimeError("each element in list of batch should be of equal size")
    fields = list(zip(*batch))  # (sample k's field j) -> field j over the batch
    if isinstance(elem, tuple):
        return [default_collate(list(field)) for field in fields]  # subtle: a list, as torch
    try:
        clone = copy.copy(elem)  # keep a list subclass's type
        for j, field in enumerate(fields):
            clone[j] = default_collate(list(field))
        return clone
    except TypeError:  # an immutable sequence type
        return [default_collate(list(field)) for field in fields]


def default_collate(batch):
    """One batch from a list of samples (see the module docstring for each kind of sample)."""
    if len(batch) == 0:
        raise ValueError("default_collate: cannot collate an empty batch")
    elem = batch[0]
    if isinstance(elem, Tensor):
        return stack(batch, 0)
    if isinstance(elem, np.ndarray):
        _check_numeric_array(elem)
        return Tensor(np.stack(batch))  # (batch, *elem.shape)
    if isinstance(elem, (np.bool_, np.number)):
        return Tensor(np.asarray(batch))  # (batch,), the scalars' numpy dtype
    if isinstance(elem, float):
        return tensor(batch, dtype=float64)
    if isinstance(elem, int):  # bool included: a bool batch stays bool, as torch.tensor([True])
        return tensor(batch)
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        collated = {key: default_collate([sample[key] for sample in batch]) for key in elem}
        try:
            clone = copy.copy(elem)
            clone.update(collated)
            return clone
        except (TypeError, AttributeError):
            return collated
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):  # namedtuple
        return type(elem)(*(default_collate(list(field)) for field in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        return _collate_sequence(batch, elem)
    raise TypeError(f"default_collate: batch must contain tensors, numpy arrays, numbers, dicts or "
                    f"lists; found {type(elem).__name__}")


def default_convert(data):
    """numpy arrays and scalars in one sample become Tensors; containers are rebuilt around them."""
    if isinstance(data, Tensor):
        return data
    if isinstance(data, np.ndarray):
        return data if data.dtype.kind in "OUSV" else Tensor(data)
    if isinstance(data, (np.bool_, np.number)):
        return Tensor(np.asarray(data))
    if isinstance(data, (str, bytes)):
        return data
    if isinstance(data, collections.abc.Mapping):
        converted = {key: default_convert(value) for key, value in data.items()}
        try:
            clone = copy.copy(data)
            clone.update(converted)
            return clone
        except (TypeError, AttributeError):
            return converted
    if isinstance(data, tuple) and hasattr(data, "_fields"):  # namedtuple
        return type(data)(*(default_convert(value) for value in data))
    if isinstance(data, collections.abc.Sequence):
        return [default_convert(value) for value in data]  # subtle: tuples become lists, as torch
    return data
