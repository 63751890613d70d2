"""Linear (y = x W^T + b) and Identity (y = x).

Default initialization, as torch's reset_parameters: with fan_in = in_features,

    W ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))    (kaiming_uniform_ with a = sqrt(5))
    b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
"""

import math

from .. import functional as F
from .. import init
from ..module import Module
from ._factory import check_size, empty_parameter, parameter_dtype


class Identity(Module):
    """Returns its input unchanged; accepts (and ignores) any arguments, as torch's."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input):  # noqa: A002 - torch's argument name
        return input


class Linear(Module):
    """input (*, in_features) -> (*, out_features).  weight (out_features, in_features), bias (out_features,)."""

    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        super().__init__()
        self.in_features = check_size(in_features, "in_features")
        self.out_features = check_size(out_features, "out_features")
        dtype = parameter_dtype(dtype, device)
        self.weight = empty_parameter((out_features, in_features), dtype)
        if bias:
            self.bias = empty_parameter((out_features,), dtype)
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input):  # noqa: A002
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"
