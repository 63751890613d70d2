"""scratch_nn.nn.functional: stateless layer functions, as torch.nn.functional.

One submodule per family, re-exported here; a new family (losses, convolution, pooling) is a new
submodule plus one import line below.
"""

from .activation import gelu, leaky_relu, log_softmax, relu, sigmoid, softmax, tanh
from .dropout import dropout
from .linear import linear

__all__ = ["dropout", "gelu", "leaky_relu", "linear", "log_softmax", "relu", "sigmoid", "softmax", "tanh"]
