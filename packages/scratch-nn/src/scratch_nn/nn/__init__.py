"""scratch_nn.nn: building blocks of neural networks, named as in torch.nn.

`Module` and the containers (module.py), layers (modules/, one family per file), their functional
forms (functional/), initializers (init.py), gradient clipping (utils/), `Parameter`.
"""

from . import functional, init, utils
from .module import Module, ModuleDict, ModuleList, Sequential
from .modules.activation import GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, SiLU, Softmax, Tanh
from .modules.batchnorm import BatchNorm1d, BatchNorm2d
from .modules.conv import Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d
from .modules.dropout import Dropout
from .modules.flatten import Flatten, Unflatten
from .modules.linear import Identity, Linear
from .modules.loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, L1Loss, MSELoss,
                           NLLLoss)
from .modules.multihead_attention import MultiheadAttention
from .modules.normalization import LayerNorm
from .modules.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d
from .modules.rnn import GRU, LSTM, RNN, RNNBase
from .modules.rnn_cell import GRUCell, LSTMCell, RNNCell, RNNCellBase
from .modules.sparse import Embedding
from .modules.transformer import (Transformer, TransformerDecoder, TransformerDecoderLayer,
                                  TransformerEncoder, TransformerEncoderLayer)
from .parameter import Parameter

__all__ = [
    "functional", "init", "utils", "Parameter", "Module", "ModuleDict", "ModuleList", "Sequential",
    # layers
    "Linear", "Identity", "Conv1d", "Conv2d", "ConvTranspose1d", "ConvTranspose2d", "MaxPool2d",
    "AvgPool2d", "AdaptiveAvgPool2d", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "Dropout",
    "Embedding", "Flatten", "Unflatten",
    "ReLU", "LeakyReLU", "GELU", "SiLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
    "RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell",
    "MultiheadAttention", "Transformer", "TransformerEncoder", "TransformerDecoder",
    "TransformerEncoderLayer", "TransformerDecoderLayer",
    # losses
    "MSELoss", "L1Loss", "HuberLoss", "CrossEntropyLoss", "NLLLoss", "BCELoss", "BCEWithLogitsLoss",
]
