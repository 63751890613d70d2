"""Comparisons (==, !=, <, <=, >, >=) and logical ops (~, &, |): bool tensors outside autograd.

A comparison is piecewise constant, so it has no useful derivative: its result never requires
grad, as in torch. Operands broadcast and promote like arithmetic (x > 0.5 for an int x compares
as floats).
"""

import numpy as np

from ..tensor import Tensor
from ._operands import binary_operands, check_broadcastable


def _compare(a, b, ufunc, name):
    a, b, a_data, b_data = binary_operands(a, b)
    check_broadcastable(a.shape, b.shape, name)
    return Tensor(np.asarray(ufunc(a_data, b_data)))


def eq(a, b):
    return _compare(a, b, np.equal, "eq")


def ne(a, b):
    return _compare(a, b, np.not_equal, "ne")


def lt(a, b):
    return _compare(a, b, np.less, "lt")


def le(a, b):
    return _compare(a, b, np.less_equal, "le")


def gt(a, b):
    return _compare(a, b, np.greater, "gt")


def ge(a, b):
    return _compare(a, b, np.greater_equal, "ge")


def _bool_or_integer(x, name):
    if x.data.dtype.kind not in "biu":
        raise TypeError(f"{name} is defined for bool and integer tensors, got dtype {x.dtype}")


def logical_not(x):
    """~x: logical not of a bool tensor, bitwise not of an integer tensor (as torch's ~)."""
    _bool_or_integer(x, "~")
    return Tensor(np.invert(x.data))


def logical_and(a, b):
    """a & b for bool (logical) or integer (bitwise) tensors."""
    a, b, a_data, b_data = binary_operands(a, b)
    _bool_or_integer(a, "&")
    _bool_or_integer(b, "&")
    check_broadcastable(a.shape, b.shape, "&")
    return Tensor(np.asarray(np.bitwise_and(a_data, b_data)))


def logical_or(a, b):
    """a | b for bool (logical) or integer (bitwise) tensors."""
    a, b, a_data, b_data = binary_operands(a, b)
    _bool_or_integer(a, "|")
    _bool_or_integer(b, "|")
    check_broadcastable(a.shape, b.shape, "|")
    return Tensor(np.asarray(np.bitwise_or(a_data, b_data)))
