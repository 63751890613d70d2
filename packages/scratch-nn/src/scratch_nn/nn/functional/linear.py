"""linear(input, weight, bias=None) = input @ weight^T + bias, as torch.nn.functional.linear.

input (*, in_features), weight (out_features, in_features), bias (out_features,) -> (*, out_features).
Fused: one product, the bias added in place, one backward node (see ops/matmul.py).
"""

from ...ops.matmul import linear

__all__ = ["linear"]
