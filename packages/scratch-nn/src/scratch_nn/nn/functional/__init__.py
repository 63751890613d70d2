"""scratch_nn.nn.functional: stateless layer functions, as torch.nn.functional.

One submodule per family, re-exported here; a new family (losses, convolution, pooling) is a new
submodule plus one import line below.
"""

from .activation import gelu, leaky_relu, log_softmax, relu, sigmoid, softmax, tanh
from .dropout import dropout
from .linear import linear
from .loss import (binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy, huber_loss,
                   l1_loss, mse_loss, nll_loss)

__all__ = ["binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy", "huber_loss",
           "l1_loss", "mse_loss", "nll_loss",
           "dropout", "gelu", "leaky_relu", "linear", "log_softmax", "relu", "sigmoid", "softmax", "tanh"]

from .convolution import conv1d, conv2d, conv_transpose1d, conv_transpose2d  # noqa: E402
from .embedding import embedding  # noqa: E402
from .normalization import batch_norm, layer_norm  # noqa: E402
from .pooling import adaptive_avg_pool2d, avg_pool2d, max_pool2d  # noqa: E402
from .silu import silu  # noqa: E402

__all__ += ["adaptive_avg_pool2d", "avg_pool2d", "batch_norm", "conv1d", "conv2d", "conv_transpose1d",
            "conv_transpose2d", "embedding", "layer_norm", "max_pool2d", "silu"]

from .attention import scaled_dot_product_attention  # noqa: E402
from .multi_head_attention import multi_head_attention_forward  # noqa: E402

__all__ += ["multi_head_attention_forward", "scaled_dot_product_attention"]
