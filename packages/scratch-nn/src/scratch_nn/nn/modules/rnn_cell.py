"""Single-step recurrent cells: RNNCell, LSTMCell, GRUCell, as torch.nn's.

A cell computes ONE time step; the caller writes the loop over time (to feed back its own outputs,
as a decoder does). The math is the scans' (nn/functional/*_scan.py) with a sequence of length 1,
so the cell and the full layer share one implementation:

    RNNCell:  h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)      (or relu)
    LSTMCell: (h', c') from gates i, f, g, o                      (see lstm_scan)
    GRUCell:  h' from gates r, z, n                               (see gru_scan)

Parameters weight_ih (G H, I), weight_hh (G H, H), bias_ih and bias_hh (G H,), all
~ U(-1/sqrt(H), 1/sqrt(H)) as torch. Input (B, I) or unbatched (I,); a missing state is zeros.
"""

import math

from ...tensor import Tensor
from .. import init
from ..functional.gru_scan import gru_scan
from ..functional.lstm_scan import lstm_scan
from ..functional.rnn_scan import rnn_scan
from ..module import Module
from ._factory import check_size, empty_parameter, parameter_dtype


class RNNCellBase(Module):
    """Parameters and argument checks shared by the three cells; num_chunks = G gates."""

    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        self.input_size = check_size(input_size, "input_size", minimum=1)
        self.hidden_size = check_size(hidden_size, "hidden_size", minimum=1)
        if not isinstance(bias, bool):
            raise TypeError(f"bias should be of type bool, got: {type(bias).__name__}")
        self.bias = bias
        dtype = parameter_dtype(dtype, device)
        self.weight_ih = empty_parameter((num_chunks * hidden_size, input_size), dtype)
        self.weight_hh = empty_parameter((num_chunks * hidden_size, hidden_size), dtype)
        if bias:
            self.bias_ih = empty_parameter((num_chunks * hidden_size,), dtype)
            self.bias_hh = empty_parameter((num_chunks * hidden_size,), dtype)
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def reset_parameters(self):
        """torch's default: every parameter ~ U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for weight in self.parameters():
            init.uniform_(weight, -bound, bound)

    def extra_repr(self):
        text = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            text += f", bias={self.bias}"
        if getattr(self, "nonlinearity", "tanh") != "tanh":
            text += f", nonlinearity={self.nonlinearity}"
        return text

    def _weights(self):
        return self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh

    def _as_sequence(self, input, states):
        """(1, B, I) input and (B, H) states (or None) from a batched or unbatched call; also
        returns whether the call was batched."""
        name = self._get_name()
        if not isinstance(input, Tensor):
            raise TypeError(f"{name}: input must be a Tensor, got {type(input).__name__}")
        if input.ndim not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.ndim}D (shape {input.shape}) instead")
        if input.shape[-1] != self.input_size:
            raise ValueError(f"{name}: input has {input.shape[-1]} features (shape {input.shape}), "
                             f"expected input_size={self.input_size}")
        batched = input.ndim == 2
        converted = []
        for state in states:
            if state is None:
                converted.append(None)
                continue
            if not isinstance(state, Tensor):
                raise TypeError(f"{name}: the hidden state must be a Tensor, got {type(state).__name__}")
            if state.ndim != input.ndim:
                raise ValueError(f"{name}: Expected hidden to be {input.ndim}D like the input, got shape {state.shape}")
            converted.append(state if batched else state.unsqueeze(0))
        sequence = (input if batched else input.unsqueeze(0)).unsqueeze(0)  # (1, B, I)
        return sequence, converted, batched


class RNNCell(RNNCellBase):
    """RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh'); forward(input, hx=None) -> h'."""

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"Unknown nonlinearity: {nonlinearity!r}; select from 'tanh' or 'relu'")
        super().__init__(input_size, hidden_size, bias, num_chunks=1, device=device, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        """input (B, I) or (I,); hx (B, H) or (H,) or None -> h' (B, H) or (H,)."""
        sequence, (hx,), batched = self._as_sequence(input, [hx])
        h_new = rnn_scan(sequence, hx, *self._weights(), nonlinearity=self.nonlinearity)[0]  # (B, H)
        return h_new if batched else h_new.squeeze(0)


class LSTMCell(RNNCellBase):
    """LSTMCell(input_size, hidden_size, bias=True); forward(input, (h, c)=None) -> (h', c')."""

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=4, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        """input (B, I) or (I,); hx = (h (B, H), c (B, H)) (or unbatched) or None -> (h', c')."""
        if hx is None:
            hx = (None, None)
        elif not isinstance(hx, (tuple, list)) or len(hx) != 2:
            raise TypeError(f"LSTMCell: hx must be a tuple (h, c), got {type(hx).__name__}")
        sequence, (h, c), batched = self._as_sequence(input, list(hx))
        states = lstm_scan(sequence, h, c, *self._weights())[0]  # (B, 2H): h' | c'
        h_new, c_new = states[:, :self.hidden_size], states[:, self.hidden_size:]
        return (h_new, c_new) if batched else (h_new.squeeze(0), c_new.squeeze(0))


class GRUCell(RNNCellBase):
    """GRUCell(input_size, hidden_size, bias=True); forward(input, hx=None) -> h'."""

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=3, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        """input (B, I) or (I,); hx (B, H) or (H,) or None -> h' (B, H) or (H,)."""
        sequence, (hx,), batched = self._as_sequence(input, [hx])
        h_new = gru_scan(sequence, hx, *self._weights())[0]  # (B, H)
        return h_new if batched else h_new.squeeze(0)
