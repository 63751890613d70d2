"""Recurrent layers over whole sequences: RNN (tanh / relu), LSTM and GRU, as torch.nn's.

A stack of `num_layers` layers; with bidirectional=True each layer runs twice, forwards and
backwards in time, and concatenates both outputs (2H features) as the next layer's input:

    input (T, B, I)  ->  layer 0  ->  dropout  ->  layer 1  ->  ...  ->  output (T, B, D * H)
    h_n (num_layers * D, B, H): each layer's and direction's last state (index = layer * D + direction)

Each layer and direction is one fused scan (nn/functional/*_scan.py: the input projection of all
steps in one matmul, the recurrence a loop over time, backward through time in one node).
`dropout` applies between layers (not after the last) in training mode only.

Parameters, named as torch's so a state_dict transfers: weight_ih_l{k} (G H, in), weight_hh_l{k}
(G H, H), bias_ih_l{k}, bias_hh_l{k} (G H,), with a `_reverse` suffix for the backward direction;
G = 1 (RNN), 4 (LSTM: gates i, f, g, o), 3 (GRU: r, z, n). LSTM(proj_size=P) adds weight_hr_l{k}
(P, H) and its h (and output) has P features. Initialization, as torch: every parameter
~ U(-1/sqrt(H), 1/sqrt(H)).

Shapes: batch_first=True means input and output are (B, T, features) (h_n never is); an
unbatched input (T, I) takes an unbatched h0 (num_layers * D, H). PackedSequence is not supported.
"""

import math
import numbers
import warnings

from ...ops.joining import cat, stack
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..functional.gru_scan import gru_scan
from ..functional.lstm_scan import lstm_scan
from ..functional.rnn_scan import rnn_scan
from ..module import Module
from ._factory import check_size, empty_parameter, parameter_dtype

_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


class RNNBase(Module):
    """The shared machinery of RNN, LSTM and GRU: parameters, argument checks, the layer stack."""

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False,
                 dropout=0.0, bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        if mode not in _GATES:
            raise ValueError(f"Unrecognized RNN mode: {mode!r}; expected one of {sorted(_GATES)}")
        if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real) or not 0 <= dropout <= 1:
            raise ValueError(f"dropout should be a number in range [0, 1] representing the probability of an "
                             f"element being zeroed, got {dropout!r}")
        for name, value in (("bias", bias), ("batch_first", batch_first), ("bidirectional", bidirectional)):
            if not isinstance(value, bool):
                raise TypeError(f"{name} should be of type bool, got: {type(value).__name__}")
        self.mode = mode
        self.input_size = check_size(input_size, "input_size", minimum=1)
        self.hidden_size = check_size(hidden_size, "hidden_size", minimum=1)
        self.num_layers = check_size(num_layers, "num_layers", minimum=1)
        self.proj_size = check_size(proj_size, "proj_size")
        if proj_size and mode != "LSTM":
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if proj_size >= hidden_size:
            raise ValueError(f"proj_size has to be smaller than hidden_size, got {proj_size} >= {hidden_size}")
        if dropout > 0 and num_layers == 1:
            warnings.warn(f"dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                          f"expects num_layers greater than 1, but got dropout={dropout} and num_layers={num_layers}",
                          stacklevel=2)
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        dtype = parameter_dtype(dtype, device)
        gate_size = _GATES[mode] * hidden_size
        state_size = proj_size or hidden_size  # the size of h
        self._flat_weights_names = []
        self._all_weights = []
        for layer in range(num_layers):
            for direction in range(self._directions):
                layer_input_size = input_size if layer == 0 else state_size * self._directions
                shapes = [("weight_ih", (gate_size, layer_input_size)), ("weight_hh", (gate_size, state_size))]
                if bias:
                    shapes += [("bias_ih", (gate_size,)), ("bias_hh", (gate_size,))]
                if proj_size:
                    shapes.append(("weight_hr", (proj_size, hidden_size)))
                suffix = "_reverse" if direction == 1 else ""
                names = [f"{kind}_l{layer}{suffix}" for kind, _ in shapes]
                for name, (_, shape) in zip(names, shapes):
                    setattr(self, name, empty_parameter(shape, dtype))
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    @property
    def _directions(self):
        return 2 if self.bidirectional else 1

    def reset_parameters(self):
        """torch's default: every parameter ~ U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for weight in self.parameters():
            init.uniform_(weight, -bound, bound)

    @property
    def all_weights(self):
        """The parameters grouped per layer and direction: [[weight_ih_l0, weight_hh_l0, ...], ...]."""
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def flatten_parameters(self):
        """A no-op kept for torch's API (torch packs the weights for cuDNN; nothing to pack here)."""

    # ------------------------------------------------------------------ argument checks
    def _check_input(self, input):
        if not isinstance(input, Tensor):
            raise TypeError(f"{self._get_name()}: input must be a Tensor, got {type(input).__name__}")
        if input.ndim not in (2, 3):
            raise ValueError(f"{self._get_name()}: Expected input to be 2D or 3D, got {input.ndim}D tensor "
                             f"of shape {input.shape} instead")
        weight_dtype = self.weight_ih_l0.dtype
        if input.dtype != weight_dtype:
            raise TypeError(f"{self._get_name()}: input dtype ({input.dtype}) does not match weight dtype "
                            f"({weight_dtype}); convert the input with .to({weight_dtype}) or the model with "
                            f".to({input.dtype})")
        if input.shape[-1] != self.input_size:
            raise ValueError(f"input.size(-1) must be equal to input_size. Expected {self.input_size}, "
                             f"got {input.shape[-1]} (input shape {input.shape})")

    def _check_state(self, state, batched, batch, size, what="hidden size"):
        """An initial state: None, or (num_layers * D, B, size) ((num_layers * D, size) unbatched)."""
        if state is None:
            return None
        if not isinstance(state, Tensor):
            raise TypeError(f"{self._get_name()}: the initial state must be a Tensor, got {type(state).__name__}")
        if state.ndim != (3 if batched else 2):
            raise ValueError(f"For {'batched 3-D' if batched else 'unbatched 2-D'} input, hx should also be "
                             f"{3 if batched else 2}-D but got a {state.ndim}-D tensor of shape {state.shape}")
        if not batched:
            state = state.unsqueeze(1)
        expected = (self.num_layers * self._directions, batch, size)
        if state.shape != expected:
            raise ValueError(f"Expected {what} {expected}, got {state.shape}")
        return state

    # ------------------------------------------------------------------ the layer stack
    def _layer_weights(self, layer, direction):
        suffix = "_reverse" if direction == 1 else ""
        names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
        return [self._parameters.get(f"{name}_l{layer}{suffix}") for name in names]

    def _run_stack(self, input, initial_states):
        """input (T, B, I) sequence first; initial_states: a list of (L D, B, *) tensors or Nones.

        Returns the last layer's output (T, B, D * P) and, per state kind, (L D, B, *) finals.
        """
        layer_input = input
        finals = [[] for _ in initial_states]
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(self._directions):
                index = layer * self._directions + direction
                starts = [None if state is None else state[index] for state in initial_states]
                output, last = self._scan(layer_input, starts, layer, direction)
                outputs.append(output)
                for kind, final in enumerate(last):
                    finals[kind].append(final)
            layer_input = outputs[0] if len(outputs) == 1 else cat(outputs, dim=2)  # (T, B, D * P)
            if self.dropout and self.training and layer < self.num_layers - 1:
                layer_input = F.dropout(layer_input, self.dropout, True)
        return layer_input, [stack(kind) for kind in finals]

    def _scan(self, layer_input, starts, layer, direction):
        """One layer in one direction: (output (T, B, P), [final state per kind, (B, *)])."""
        weights = self._layer_weights(layer, direction)
        reverse = direction == 1
        last = 0 if reverse else layer_input.shape[0] - 1  # the time index this direction ends at
        if self.mode == "LSTM":
            weight_hr = self._parameters.get(f"weight_hr_l{layer}{'_reverse' if reverse else ''}")
            states = lstm_scan(layer_input, starts[0], starts[1], *weights, weight_hr=weight_hr,
                               reverse=reverse)  # (T, B, P + H)
            size = self.proj_size or self.hidden_size
            return states[:, :, :size], [states[last, :, :size], states[last, :, size:]]
        if self.mode == "GRU":
            states = gru_scan(layer_input, starts[0], *weights, reverse=reverse)  # (T, B, H)
        else:
            nonlinearity = "tanh" if self.mode == "RNN_TANH" else "relu"
            states = rnn_scan(layer_input, starts[0], *weights, nonlinearity=nonlinearity, reverse=reverse)
        return states, [states[last]]

    def _forward(self, input, states, sizes):
        """Shared forward: checks, batch handling, the stack. `states` are the initial states
        (None or tensors), `sizes` their feature sizes. Returns (output, finals)."""
        self._check_input(input)
        batched = input.ndim == 3
        if not batched:
            input = input.unsqueeze(1)  # (T, 1, I)
        elif self.batch_first:
            input = input.transpose(0, 1)  # (T, B, I)
        batch = input.shape[1]
        what = ["hidden size"] if len(states) == 1 else ["hidden[0] size", "hidden[1] size"]
        states = [self._check_state(state, batched, batch, size, name) for state, size, name in zip(states, sizes, what)]
        output, finals = self._run_stack(input, states)
        if not batched:
            return output.squeeze(1), [final.squeeze(1) for final in finals]
        if self.batch_first:
            output = output.transpose(0, 1)
        return output, finals

    def extra_repr(self):
        text = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            text += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            text += f", num_layers={self.num_layers}"
        if self.bias is not True:
            text += f", bias={self.bias}"
        if self.batch_first is not False:
            text += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            text += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            text += f", bidirectional={self.bidirectional}"
        return text


class RNN(RNNBase):
    """Elman RNN: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) (or relu).

    RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False,
    dropout=0.0, bidirectional=False). forward(input, hx=None) -> (output, h_n).
    """

    def __init__(self, input_size, hidden_size, num_layers=1, nonlinearity="tanh", bias=True, batch_first=False,
                 dropout=0.0, bidirectional=False, device=None, dtype=None):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'.")
        self.nonlinearity = nonlinearity  # subtle: a plain attribute, so it may precede Module.__init__
        super().__init__("RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU", input_size, hidden_size, num_layers,
                         bias, batch_first, dropout, bidirectional, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        """input (T, B, I) (or (B, T, I) batch_first, or (T, I)); hx (L D, B, H) or None (zeros)
        -> output (T, B, D H), h_n (L D, B, H)."""
        output, (h_n,) = self._forward(input, [hx], [self.hidden_size])
        return output, h_n


class LSTM(RNNBase):
    """Long short-term memory (torch's gates i, f, g, o; see nn/functional/lstm_scan.py).

    LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
    bidirectional=False, proj_size=0). forward(input, (h_0, c_0)=None) -> (output, (h_n, c_n)).
    """

    def __init__(self, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__("LSTM", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional,
                         proj_size, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        """input (T, B, I) (or (B, T, I) batch_first, or (T, I)); hx = (h_0 (L D, B, P), c_0 (L D, B, H))
        or None (zeros) -> output (T, B, D P), (h_n (L D, B, P), c_n (L D, B, H)); P = proj_size or H."""
        if hx is None:
            hx = (None, None)
        elif not isinstance(hx, (tuple, list)) or len(hx) != 2:
            raise TypeError(f"LSTM: hx must be a tuple (h_0, c_0), got {type(hx).__name__}")
        output, (h_n, c_n) = self._forward(input, list(hx), [self.proj_size or self.hidden_size, self.hidden_size])
        return output, (h_n, c_n)


class GRU(RNNBase):
    """Gated recurrent unit (torch's gates r, z, n; see nn/functional/gru_scan.py).

    GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
    bidirectional=False). forward(input, hx=None) -> (output, h_n).
    """

    def __init__(self, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, device=None, dtype=None):
        super().__init__("GRU", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional,
                         device=device, dtype=dtype)

    def forward(self, input, hx=None):
        """input (T, B, I) (or (B, T, I) batch_first, or (T, I)); hx (L D, B, H) or None (zeros)
        -> output (T, B, D H), h_n (L D, B, H)."""
        output, (h_n,) = self._forward(input, [hx], [self.hidden_size])
        return output, h_n
