"""Convolution layers: Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d (see functional/convolution.py
for the im2col math).

Weights: Conv (out_channels, in_channels / groups, *kernel_size); ConvTranspose (in_channels,
out_channels / groups, *kernel_size). Default initialization, as torch's reset_parameters: with
fan_in = weight.shape[1] * prod(kernel_size),

    weight ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))   (kaiming_uniform_ with a = sqrt(5))
    bias   ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))

Only padding_mode="zeros" is implemented (torch also has reflect, replicate and circular).
"""

import math

from .. import functional as F
from .. import init
from ..functional import _windows
from ..module import Module
from ._factory import check_size, empty_parameter, parameter_dtype


class _ConvNd(Module):
    """Shared construction, initialization and repr of the convolution layers (d spatial dims)."""

    _spatial_dims = 0
    _transposed = False

    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                 padding_mode, output_padding, device, dtype):
        super().__init__()
        d = self._spatial_dims
        self.in_channels = check_size(in_channels, "in_channels", 1)
        self.out_channels = check_size(out_channels, "out_channels", 1)
        self.groups = check_size(groups, "groups", 1)
        if in_channels % groups:
            raise ValueError(f"in_channels ({in_channels}) must be divisible by groups ({groups})")
        if out_channels % groups:
            raise ValueError(f"out_channels ({out_channels}) must be divisible by groups ({groups})")
        self.kernel_size = _windows.positive_tuple(kernel_size, d, "kernel_size")
        self.stride = _windows.positive_tuple(stride, d, "stride")
        self.dilation = _windows.positive_tuple(dilation, d, "dilation")
        if isinstance(padding, str):
            if padding not in ("same", "valid") or self._transposed:
                raise ValueError(f"Invalid padding string {padding!r}, should be one of {{'valid', 'same'}}"
                                 + (" (and transposed convolutions take ints only)" if self._transposed else ""))
            if padding == "same" and any(s != 1 for s in self.stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
            self.padding = padding
        else:
            self.padding = _windows.nonnegative_tuple(padding, d, "padding")
        self.output_padding = _windows.nonnegative_tuple(output_padding, d, "output_padding")
        if padding_mode != "zeros":
            raise ValueError(f"padding_mode {padding_mode!r} is not supported by scratch_nn; only 'zeros' is")
        self.padding_mode = padding_mode
        self.transposed = self._transposed
        dtype = parameter_dtype(dtype, device)
        if self._transposed:
            shape = (in_channels, out_channels // groups) + self.kernel_size
        else:
            shape = (out_channels, in_channels // groups) + self.kernel_size
        self.weight = empty_parameter(shape, dtype)
        if bias:
            self.bias = empty_parameter((out_channels,), dtype)
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def extra_repr(self):
        d = self._spatial_dims
        text = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
                f"stride={self.stride}")
        if self.padding != (0,) * d:
            text += f", padding={self.padding}"
        if self.dilation != (1,) * d:
            text += f", dilation={self.dilation}"
        if self.output_padding != (0,) * d:
            text += f", output_padding={self.output_padding}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        return text


class Conv1d(_ConvNd):
    """input (N, C_in, L) or (C_in, L) -> (N, C_out, L_out)."""

    _spatial_dims = 1

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
                 bias=True, padding_mode="zeros", device=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                         padding_mode, 0, device, dtype)

    def forward(self, input):  # noqa: A002 - torch's argument name
        return F.conv1d(input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)


class Conv2d(_ConvNd):
    """input (N, C_in, H, W) or (C_in, H, W) -> (N, C_out, H_out, W_out)."""

    _spatial_dims = 2

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
                 bias=True, padding_mode="zeros", device=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                         padding_mode, 0, device, dtype)

    def forward(self, input):  # noqa: A002
        return F.conv2d(input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)


class _ConvTransposeNd(_ConvNd):
    _transposed = True

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, padding_mode="zeros", device=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                         padding_mode, output_padding, device, dtype)

    def _output_padding(self, input, output_size):  # noqa: A002
        """output_padding from a requested output size (its last d entries), as torch: the size must lie
        between the smallest output and that plus stride - 1 (or dilation - 1)."""
        if output_size is None:
            return self.output_padding
        d = self._spatial_dims
        requested = tuple(output_size)[-d:]
        if len(requested) != d:
            raise ValueError(f"output_size must have {d} or {d + 2} elements, got {tuple(output_size)}")
        padding = []
        for i, wanted in enumerate(requested):
            smallest = ((input.shape[-d + i] - 1) * self.stride[i] - 2 * self.padding[i]
                        + self.dilation[i] * (self.kernel_size[i] - 1) + 1)
            largest = smallest + max(self.stride[i], self.dilation[i]) - 1
            if not smallest <= wanted <= largest:
                raise ValueError(f"requested an output size of {requested}, but valid sizes range from "
                                 f"{smallest} to {largest} along dim {i} (for an input of {tuple(input.shape)})")
            padding.append(wanted - smallest)
        return tuple(padding)


class ConvTranspose1d(_ConvTransposeNd):
    """input (N, C_in, L) -> (N, C_out, (L - 1) s - 2 p + r (k - 1) + output_padding + 1)."""

    _spatial_dims = 1

    def forward(self, input, output_size=None):  # noqa: A002
        return F.conv_transpose1d(input, self.weight, self.bias, self.stride, self.padding,
                                  self._output_padding(input, output_size), self.groups, self.dilation)


class ConvTranspose2d(_ConvTransposeNd):
    """input (N, C_in, H, W) -> (N, C_out, H_out, W_out), H_out = (H - 1) s - 2 p + r (k - 1) + output_padding + 1."""

    _spatial_dims = 2

    def forward(self, input, output_size=None):  # noqa: A002
        return F.conv_transpose2d(input, self.weight, self.bias, self.stride, self.padding,
                                  self._output_padding(input, output_size), self.groups, self.dilation)
