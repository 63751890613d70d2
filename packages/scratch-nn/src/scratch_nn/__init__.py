"""scratch-nn: reverse-mode autograd tensors and neural networks over NumPy (the PyTorch counterpart).

    import scratch_nn as snn
    x = snn.tensor([[1.0, 2.0]], requires_grad=True)
    loss = snn.nn.functional.relu(x @ x.T).sum()
    loss.backward()                       # x.grad is a Tensor, like torch

Layout: tensor.py (the Tensor class), autograd.py (graph nodes and the backward pass),
grad_mode.py (no_grad), ops/ (each op's forward and backward side by side), factories.py and
random.py (creating tensors), nn/ (Module, layers, losses, functional, init), optim/,
data/ (DataLoader), serialization.py (safetensors save/load), vision/ (image filters).
"""

import builtins as _builtins
from types import ModuleType as _ModuleType

# subtle: tensor.py first; it imports autograd and ops/ at its end, which import Tensor back.
from .tensor import Tensor  # isort: skip

from . import nn
from . import optim
from . import data, serialization, vision
from ._dtypes import (bool_, float16, float32, float64, get_default_dtype, int8, int16, int32, int64,
                      set_default_dtype, uint8)
from .factories import (arange, empty, eye, from_numpy, full, full_like, ones, ones_like, rand,
                        rand_like, randint, randn, randn_like, randperm, tensor, zeros, zeros_like)
from .grad_mode import enable_grad, is_grad_enabled, no_grad, set_grad_enabled
from .ops.activation import gelu, leaky_relu, log_softmax, relu, sigmoid, softmax, tanh
from .ops.arithmetic import add, div, mul, neg, pow, sub
from .ops.comparison import eq, ge, gt, le, logical_and, logical_not, logical_or, lt, ne
from .ops.dropout import dropout
from .ops.elementwise import abs, clamp, exp, log, masked_fill, maximum, minimum, sqrt, where
from .ops.extrema import argmax, argmin, max, min
from .ops.joining import cat, chunk, split, stack
from .ops.matmul import matmul
from .ops.reduction import logsumexp, mean, std, sum, var
from .ops.shape import flatten, permute, reshape, squeeze, transpose, unsqueeze
from .random import Generator, default_generator, initial_seed, manual_seed, seed
from .serialization import load, save

clip = clamp
concat = concatenate = cat

# subtle: abs, max, min, sum, pow are exported as attributes (snn.max) but kept out of __all__,
# so `from scratch_nn import *` never hides Python's builtins.
__all__ = ["nn", "optim", "data", "vision"] + [
    name for name, value in globals().items()
    if not name.startswith("_") and not isinstance(value, _ModuleType) and not hasattr(_builtins, name)
]

# torch's short dtype names, defined after __all__ for the same reason.
float = float32  # noqa: A001
double = float64
half = float16
long = int64
int = int32  # noqa: A001
short = int16
bool = bool_  # noqa: A001
