"""BatchNorm1d and BatchNorm2d: normalize each channel with batch statistics while training, with
running statistics in evaluation (see functional/normalization.py for the math).

State, as torch's (same names, so state_dicts match):
    weight (C,) = 1, bias (C,) = 0             learned (affine=True; bias=False drops the shift)
    running_mean (C,) = 0, running_var (C,) = 1  buffers (track_running_stats=True)
    num_batches_tracked () int64 = 0           buffer: training forward passes so far

Each training forward updates the running statistics with factor m = momentum, or, when
momentum=None, m = 1 / num_batches_tracked (a cumulative average of every batch seen).
Evaluation uses the running statistics unless they are not tracked (then batch statistics).
"""

import numpy as np

from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..module import Module
from ._factory import check_size, empty_parameter, parameter_dtype


class _BatchNorm(Module):
    _allowed_ndims = ()

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True,
                 device=None, dtype=None, *, bias=True):
        super().__init__()
        self.num_features = check_size(num_features, "num_features", 1)
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        dtype = parameter_dtype(dtype, device)
        if affine:
            self.weight = empty_parameter((num_features,), dtype)
            if bias:
                self.bias = empty_parameter((num_features,), dtype)
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", Tensor(np.zeros(num_features, dtype=dtype)))
            self.register_buffer("running_var", Tensor(np.ones(num_features, dtype=dtype)))
            self.register_buffer("num_batches_tracked", Tensor(np.array(0, dtype=np.int64)))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)
        self.reset_parameters()

    def reset_running_stats(self):
        if self.track_running_stats:
            self.running_mean.data[...] = 0
            self.running_var.data[...] = 1
            self.num_batches_tracked.data[...] = 0

    def reset_parameters(self):
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def _check_input_dim(self, input):  # noqa: A002 - torch's argument name
        if input.ndim not in self._allowed_ndims:
            expected = " or ".join(f"{n}D" for n in self._allowed_ndims)
            raise ValueError(f"expected {expected} input (got {input.ndim}D input of shape {input.shape})")
        if input.shape[1] != self.num_features:
            raise ValueError(f"{self._get_name()}({self.num_features}) got input of shape {input.shape}: "
                             f"expected {self.num_features} channels in dim 1, got {input.shape[1]}")

    def forward(self, input):  # noqa: A002
        self._check_input_dim(input)
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats and self.num_batches_tracked is not None:
            self.num_batches_tracked.data += 1
            if self.momentum is None:  # cumulative moving average
                factor = 1.0 / float(self.num_batches_tracked.data)
        use_batch_stats = self.training or (self.running_mean is None and self.running_var is None)
        keep_running = not self.training or self.track_running_stats
        return F.batch_norm(input, self.running_mean if keep_running else None,
                            self.running_var if keep_running else None, self.weight, self.bias,
                            use_batch_stats, factor, self.eps)

    def extra_repr(self):
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}")


class BatchNorm1d(_BatchNorm):
    """Per channel of (N, C) or (N, C, L) inputs."""

    _allowed_ndims = (2, 3)


class BatchNorm2d(_BatchNorm):
    """Per channel of (N, C, H, W) inputs."""

    _allowed_ndims = (4,)
