"""+ - * / ** and negation, with broadcasting. Each op: forward, then its local derivatives.

For out = f(a, b) the backward closure receives g = dL/d(out) (shaped like out) and returns

    dL/da = unbroadcast(g * df/da, a.shape),    dL/db = unbroadcast(g * df/db, b.shape)

(None for an input that does not require grad, so no work is spent on constants).
Reflected operators (2 - x, 1 / x, 2 ** x) call these same functions with the operands swapped.
"""

import numpy as np

from .._dtypes import get_default_dtype
from ..autograd import record
from ..tensor import Tensor
from ._operands import binary_operands, check_broadcastable, unbroadcast


def _apply(ufunc, a_data, b_data, a, b, name):
    try:
        return ufunc(a_data, b_data)
    except ValueError:
        check_broadcastable(a.shape, b.shape, name)
        raise


def add(a, b):
    """a + b."""
    a, b, a_data, b_data = binary_operands(a, b)
    out = _apply(np.add, a_data, b_data, a, b, "add")

    def backward(grad):  # d(a+b)/da = 1, d(a+b)/db = 1
        return (unbroadcast(grad, a.shape) if a._requires_grad else None,
                unbroadcast(grad, b.shape) if b._requires_grad else None)

    return record(out, (a, b), backward, "AddBackward0")


def sub(a, b):
    """a - b."""
    a, b, a_data, b_data = binary_operands(a, b)
    out = _apply(np.subtract, a_data, b_data, a, b, "sub")

    def backward(grad):  # d(a-b)/da = 1, d(a-b)/db = -1
        return (unbroadcast(grad, a.shape) if a._requires_grad else None,
                unbroadcast(-grad, b.shape) if b._requires_grad else None)

    return record(out, (a, b), backward, "SubBackward0")


def mul(a, b):
    """a * b."""
    a, b, a_data, b_data = binary_operands(a, b)
    out = _apply(np.multiply, a_data, b_data, a, b, "mul")

    def backward(grad):  # d(ab)/da = b, d(ab)/db = a
        return (unbroadcast(grad * b_data, a.shape) if a._requires_grad else None,
                unbroadcast(grad * a_data, b.shape) if b._requires_grad else None)

    return record(out, (a, b), backward, "MulBackward0")


def div(a, b):
    """a / b (true division: integer inputs give the default float dtype, as torch)."""
    a, b, a_data, b_data = binary_operands(a, b)
    if a_data.dtype.kind != "f":
        a_data, b_data = a_data.astype(get_default_dtype()), b_data.astype(get_default_dtype())
    with np.errstate(divide="ignore", invalid="ignore"):  # x / 0 -> inf or nan, as torch
        out = _apply(np.divide, a_data, b_data, a, b, "div")

    def backward(grad):  # d(a/b)/da = 1/b, d(a/b)/db = -a/b^2 = -out/b
        with np.errstate(divide="ignore", invalid="ignore"):
            grad_over_b = grad / b_data
            return (unbroadcast(grad_over_b, a.shape) if a._requires_grad else None,
                    unbroadcast(-grad_over_b * out, b.shape) if b._requires_grad else None)

    return record(out, (a, b), backward, "DivBackward0")


def neg(a):
    """-a."""
    def backward(grad):  # d(-a)/da = -1
        return (-grad,)

    return record(np.negative(a.data), (a,), backward, "NegBackward0")


def pow(base, exponent):  # noqa: A001 - torch's name
    """base ** exponent; either may be a Python number (x ** 2, 2 ** x) or a Tensor.

    d(b^e)/db = e * b^(e-1), taken as 0 where e == 0 (so 0 ** 0 has gradient 0, as torch);
    d(b^e)/de = b^e * log(b), taken as 0 where b == 0 and e >= 0 (the limit, as torch).
    """
    if isinstance(base, Tensor) and not isinstance(exponent, Tensor):
        return _pow_scalar_exponent(base, exponent)
    base, exponent, base_data, exponent_data = binary_operands(base, exponent)
    if base_data.dtype.kind in "iub" and np.any(exponent_data < 0):
        raise ValueError("integers to negative integer powers are not allowed")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = _apply(np.power, base_data, exponent_data, base, exponent, "pow")

    def backward(grad):
        grad_base = grad_exponent = None
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            if base._requires_grad:  # e * b^(e-1)
                local = np.where(exponent_data == 0, 0, exponent_data * np.power(base_data, exponent_data - 1))
                grad_base = unbroadcast(grad * local, base.shape)
            if exponent._requires_grad:  # b^e * log(b)
                local = np.where((base_data == 0) & (exponent_data >= 0), 0, out * np.log(base_data))
                grad_exponent = unbroadcast(grad * local, exponent.shape)
        return grad_base, grad_exponent

    return record(out, (base, exponent), backward, "PowBackward1")


def _pow_scalar_exponent(base, exponent):
    """x ** p for a Python number p: the common case, with no Tensor made for p."""
    if isinstance(exponent, np.generic):
        exponent = exponent.item()  # subtle: a numpy float64 scalar must not upcast float32
    if not isinstance(exponent, (int, float)):
        raise TypeError(f"pow: exponent must be a number or a Tensor, got {type(exponent).__name__}")
    data = base.data
    if data.dtype.kind in "iub":
        if isinstance(exponent, float):
            data = data.astype(get_default_dtype())
        elif exponent < 0:
            raise ValueError("integers to negative integer powers are not allowed")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.power(data, exponent)

    def backward(grad):  # d(x^p)/dx = p * x^(p-1), and 0 when p == 0
        if exponent == 0:
            return (np.zeros_like(grad),)
        if exponent == 2:
            return (grad * (data + data),)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return (grad * (exponent * np.power(data, exponent - 1)),)

    return record(out, (base,), backward, "PowBackward0")
