"""The shapes of classification losses, as torch lays them out, and their checks.

Scores (logits or log-probabilities) hold the classes on dim 1, or dim 0 when unbatched:

    input (C,)               target ()               one sample
    input (N, C)             target (N,)             a batch
    input (N, C, d1, ...)    target (N, d1, ...)     a class per position (e.g. per pixel)

The losses work on a (M, C) matrix with one row per prediction (M = N * d1 * ...):
`to_rows` moves the class dim last and flattens the rest, `from_rows` undoes it for a gradient.

    to_rows(scores (2, 3, 4))  ->  (8, 3)       rows ordered (n, d1) like the target's elements
"""

import numpy as np

from ..tensor import Tensor


class ClassIndexError(IndexError, ValueError):
    """A class index outside [0, C) that is not ignore_index: an IndexError as in torch, and a
    ValueError as bad input."""


def check_scores(input, loss_name):
    """Input must be a floating Tensor with a class dim; returns its number of classes C."""
    if not isinstance(input, Tensor):
        raise TypeError(f"{loss_name}: input must be a Tensor, got {type(input).__name__}")
    if input.data.dtype.kind != "f":
        raise TypeError(f"{loss_name}: input must be floating point, got dtype {input.dtype}")
    if input.ndim == 0:
        raise ValueError(f"{loss_name}: input must have a class dimension, (C,) or (N, C, ...); got a 0-d tensor")
    num_classes = input.shape[0] if input.ndim == 1 else input.shape[1]
    if input.data.size == 0 or num_classes == 0:
        raise ValueError(f"{loss_name}: input of shape {input.shape} is empty")
    return num_classes


def per_sample_shape(input_shape):
    """The target's shape for class indices: the input's shape without its class dim."""
    return () if len(input_shape) == 1 else (input_shape[0],) + tuple(input_shape[2:])


def to_rows(scores):
    """(C,) -> (1, C); (N, C, d1, ...) -> (N * d1 * ..., C)."""
    if scores.ndim == 1:
        return scores.reshape(1, -1)
    return np.moveaxis(scores, 1, -1).reshape(-1, scores.shape[1])


def from_rows(rows, input_shape):
    """The inverse of to_rows: (M, C) back to `input_shape`."""
    if rows.shape == tuple(input_shape):
        return rows  # subtle: not a view, so autograd can keep it as .grad without copying
    if len(input_shape) == 1:
        return rows.reshape(input_shape)
    moved = (input_shape[0],) + tuple(input_shape[2:]) + (input_shape[1],)  # (N, d1, ..., C)
    return np.moveaxis(rows.reshape(moved), -1, 1)


def check_index_target(target, input_shape, num_classes, ignore_index, loss_name):
    """Class indices shaped like the input without its class dim, each in [0, C) or ignore_index.

    Returns (class indices (M,) with ignored ones replaced by 0, mask (M,) of the kept ones).
    """
    if not isinstance(target, Tensor):
        raise TypeError(f"{loss_name}: target must be a Tensor, got {type(target).__name__}")
    if target.data.dtype.kind not in "iu":
        raise TypeError(f"{loss_name}: class-index target must have an integer dtype, got {target.dtype}")
    expected = per_sample_shape(input_shape)
    if target.shape != expected:
        raise ValueError(f"{loss_name}: target of shape {target.shape} does not fit input of shape "
                         f"{input_shape}: expected a target of shape {expected}")
    classes = target.data.reshape(-1).astype(np.int64, copy=False)  # (M,)
    kept = classes != ignore_index  # (M,)
    out_of_range = kept & ((classes < 0) | (classes >= num_classes))
    if out_of_range.any():
        raise ClassIndexError(f"{loss_name}: Target {classes[out_of_range][0]} is out of bounds "
                              f"(valid class indices are 0..{num_classes - 1}, or ignore_index={ignore_index})")
    return np.where(kept, classes, 0), kept


def class_weight(weight, num_classes, dtype, loss_name):
    """A (C,) array of per-class weights in `dtype` (ones when weight is None)."""
    if weight is None:
        return np.ones(num_classes, dtype=dtype)
    if not isinstance(weight, Tensor):
        raise TypeError(f"{loss_name}: weight must be a Tensor, got {type(weight).__name__}")
    if weight.shape != (num_classes,):
        raise ValueError(f"{loss_name}: weight must have one entry per class, shape ({num_classes},); "
                         f"got shape {weight.shape}")
    return weight.data.astype(dtype, copy=False)
