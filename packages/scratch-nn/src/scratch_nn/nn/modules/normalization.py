"""LayerNorm: normalize each sample over its last dims (normalized_shape), then scale and shift.

    y = (x - mean) / sqrt(var + eps) * weight + bias      mean, var (biased) over normalized_shape

weight = 1 and bias = 0 initially (elementwise_affine=True; bias=False drops the shift).
"""

import numbers

from .. import functional as F
from .. import init
from ..module import Module
from ._factory import empty_parameter, parameter_dtype


class LayerNorm(Module):
    """input (*, *normalized_shape) -> same shape."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, device=None, dtype=None):
        super().__init__()
        if isinstance(normalized_shape, numbers.Integral):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(int(n) for n in normalized_shape)
        if any(n <= 0 for n in self.normalized_shape):
            raise ValueError(f"normalized_shape must be positive, got {self.normalized_shape}")
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        dtype = parameter_dtype(dtype, device)
        if elementwise_affine:
            self.weight = empty_parameter(self.normalized_shape, dtype)
            if bias:
                self.bias = empty_parameter(self.normalized_shape, dtype)
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        if self.elementwise_affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input):  # noqa: A002 - torch's argument name
        return F.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return (f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}, "
                f"bias={self.bias is not None}")
