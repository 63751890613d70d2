"""scratch_nn.nn: building blocks of neural networks (as torch.nn).

For now: `Parameter` and the `functional` namespace; Modules, layers and losses build on them.
"""

from . import functional
from .parameter import Parameter

__all__ = ["Parameter", "functional"]

from .module import Module, ModuleDict, ModuleList, Sequential  # noqa: E402

__all__ += ["Module", "ModuleDict", "ModuleList", "Sequential"]

from . import init  # noqa: E402
from .modules.activation import GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, SiLU, Softmax, Tanh  # noqa: E402
from .modules.batchnorm import BatchNorm1d, BatchNorm2d  # noqa: E402
from .modules.conv import Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d  # noqa: E402
from .modules.dropout import Dropout  # noqa: E402
from .modules.flatten import Flatten, Unflatten  # noqa: E402
from .modules.linear import Identity, Linear  # noqa: E402
from .modules.normalization import LayerNorm  # noqa: E402
from .modules.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d  # noqa: E402
from .modules.sparse import Embedding  # noqa: E402

__all__ += ["init", "AdaptiveAvgPool2d", "AvgPool2d", "BatchNorm1d", "BatchNorm2d", "Conv1d", "Conv2d",
            "ConvTranspose1d", "ConvTranspose2d", "Dropout", "Embedding", "Flatten", "GELU", "Identity",
            "LayerNorm", "LeakyReLU", "Linear", "LogSoftmax", "MaxPool2d", "ReLU", "SiLU", "Sigmoid", "Softmax",
            "Tanh", "Unflatten"]

from .modules.loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, L1Loss,  # noqa: E402
                           MSELoss, NLLLoss)

__all__ += ["BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "HuberLoss", "L1Loss", "MSELoss", "NLLLoss"]

from . import utils  # noqa: E402

__all__ += ["utils"]

from .modules.rnn import GRU, LSTM, RNN, RNNBase  # noqa: E402
from .modules.rnn_cell import GRUCell, LSTMCell, RNNCell, RNNCellBase  # noqa: E402

__all__ += ["GRU", "GRUCell", "LSTM", "LSTMCell", "RNN", "RNNBase", "RNNCell", "RNNCellBase"]

from .modules.multihead_attention import MultiheadAttention  # noqa: E402
from .modules.transformer import (Transformer, TransformerDecoder, TransformerDecoderLayer,  # noqa: E402
                                  TransformerEncoder, TransformerEncoderLayer)

__all__ += ["MultiheadAttention", "Transformer", "TransformerDecoder", "TransformerDecoderLayer",
            "TransformerEncoder", "TransformerEncoderLayer"]
