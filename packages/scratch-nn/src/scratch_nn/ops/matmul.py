"""Matrix products: `matmul` (a @ b with numpy/torch broadcasting rules) and the fused `linear`.

For C = A @ B with upstream gradient G = dL/dC (all 2-D):

    dL/dA = G @ B^T        # (m, n) @ (n, k) -> (m, k)
    dL/dB = A^T @ G        # (k, m) @ (m, n) -> (k, n)

1-D operands are promoted ((k,) @ B as (1, k) @ B; A @ (k,) as A @ (k, 1)) and the added axis is
removed afterwards, so the same two formulas serve every case. Batched operands broadcast their
leading dims, and the gradient is summed back over them (unbroadcast).

`linear(x, W, b) = x @ W^T + b` is fused: one output array, the bias added in place, and one
backward giving dL/dx = G @ W, dL/dW = G^T @ x (leading dims flattened into rows), dL/db = sum_rows G.
"""

import numpy as np

from ..autograd import record
from ..tensor import Tensor
from ._operands import unbroadcast


def _check_matmul(a, b, name="matmul"):
    if a.data.ndim == 0 or b.data.ndim == 0:
        raise ValueError(f"{name}: both arguments need at least 1 dimension, got shapes {a.shape} and {b.shape}")
    if a.data.dtype != b.data.dtype:
        raise TypeError(f"{name}: both arguments must have the same dtype, got {a.dtype} and {b.dtype}")
    inner_a = a.shape[-1]
    inner_b = b.shape[0] if b.data.ndim == 1 else b.shape[-2]
    if inner_a != inner_b:
        raise ValueError(f"{name}: shapes {a.shape} and {b.shape} cannot be multiplied ({inner_a} != {inner_b})")


def matmul(a, b):
    """a @ b for 1-D, 2-D and batched (broadcast) operands, as torch.matmul."""
    if not isinstance(a, Tensor) or not isinstance(b, Tensor):
        raise TypeError(f"matmul needs two Tensors, got {type(a).__name__} and {type(b).__name__}")
    _check_matmul(a, b)
    a_data, b_data = a.data, b.data
    try:
        out = a_data @ b_data
    except ValueError:  # subtle: the leading (batch) dims may still fail to broadcast
        raise ValueError(f"matmul: batch dimensions of shapes {a.shape} and {b.shape} cannot be "
                         f"broadcast together") from None

    if a_data.ndim == 2 and b_data.ndim == 2:
        def backward(grad):  # dA = G B^T, dB = A^T G
            return (grad @ b_data.T if a._requires_grad else None,
                    a_data.T @ grad if b._requires_grad else None)

        return record(out, (a, b), backward, "MmBackward0")

    def backward(grad):
        a_2d = a_data[None, :] if a_data.ndim == 1 else a_data  # (..., m, k)
        b_2d = b_data[:, None] if b_data.ndim == 1 else b_data  # (..., k, n)
        grad_2d = grad
        if b_data.ndim == 1:
            grad_2d = grad_2d[..., None]
        if a_data.ndim == 1:
            grad_2d = np.expand_dims(grad_2d, -2)  # (..., m, n)
        grad_a = grad_b = None
        if a._requires_grad:
            grad_a = unbroadcast(grad_2d @ np.swapaxes(b_2d, -1, -2), a_2d.shape).reshape(a.shape)
        if b._requires_grad:
            grad_b = unbroadcast(np.swapaxes(a_2d, -1, -2) @ grad_2d, b_2d.shape).reshape(b.shape)
        return grad_a, grad_b

    return record(out, (a, b), backward, "MatmulBackward0" if a_data.ndim + b_data.ndim > 2 else "DotBackward0")


def linear(input, weight, bias=None):  # noqa: A002 - torch's argument name
    """y = input @ weight^T + bias.   input (*, in), weight (out, in), bias (out,) -> (*, out)."""
    if not all(isinstance(t, Tensor) for t in (input, weight) + (() if bias is None else (bias,))):
        raise TypeError("linear: input, weight and bias must be Tensors")
    if input.data.ndim == 0 or weight.data.ndim != 2:
        raise ValueError(f"linear: need input of shape (*, in_features) and weight (out_features, "
                         f"in_features); got {input.shape} and {weight.shape}")
    if input.shape[-1] != weight.shape[1]:
        raise ValueError(f"linear: input has {input.shape[-1]} features (last dim of {input.shape}) but "
                         f"weight {weight.shape} expects {weight.shape[1]}")
    if input.data.dtype != weight.data.dtype:
        raise TypeError(f"linear: input and weight must have the same dtype, got {input.dtype} and {weight.dtype}")
    x, w = input.data, weight.data
    out = x @ w.T  # (*, out)
    inputs = (input, weight)
    if bias is not None:
        if bias.shape != (weight.shape[0],):
            raise ValueError(f"linear: bias must have shape ({weight.shape[0]},), got {bias.shape}")
        if bias.data.dtype != x.dtype:
            raise TypeError(f"linear: bias dtype {bias.dtype} differs from input dtype {input.dtype}")
        out += bias.data  # fresh array: add in place, no temporary
        inputs = (input, weight, bias)

    def backward(grad):  # grad (*, out)
        grad_rows = grad.reshape(-1, grad.shape[-1])  # (N, out)
        grad_input = grad @ w if input._requires_grad else None  # (*, in)
        grad_weight = grad_rows.T @ x.reshape(-1, x.shape[-1]) if weight._requires_grad else None  # (out, in)
        if bias is None:
            return grad_input, grad_weight
        grad_bias = grad_rows.sum(axis=0) if bias._requires_grad else None  # (out,)
        return grad_input, grad_weight, grad_bias

    return record(out, inputs, backward, "AddmmBackward0" if bias is not None else "MmBackward0")
