"""What the three recurrent scans (rnn_scan, lstm_scan, gru_scan) share: checking their arguments,
the order of the time steps, the input projection, and the weight gradients after BPTT.

A scan runs ONE layer in ONE direction over a whole sequence, as one autograd node:

    input (T, B, I), h0 (B, H)  ->  every hidden state (T, B, H)

The input projection x_t W_ih^T + b_ih does not depend on the recurrence, so it is one matmul
over all T * B rows before the loop; only h_{t-1} W_hh^T is computed step by step. Backward
mirrors it: backpropagation through time (a loop from the last step to the first) only finds
dA_t, the gradient of each step's gate pre-activations; then every weight gradient is a sum
over time done as ONE matmul over the (T * B) rows:

    dW_ih = sum_t dA_t^T x_t        dW_hh = sum_t dA_t^T h_{t-1}        dx_t = dA_t W_ih
"""

import numpy as np

from ...tensor import Tensor


def _check_tensor(value, name, shape, dtype):
    if not isinstance(value, Tensor):
        raise TypeError(f"{name} must be a Tensor, got {type(value).__name__}")
    if value.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {value.shape}")
    if value.dtype != dtype:
        raise TypeError(f"{name} has dtype {value.dtype} but the input has dtype {dtype}; they must match")


def check_scan_arguments(name, input, initial_states, weight_ih, weight_hh, bias_ih, bias_hh, gate_count,
                         weight_hr=None):
    """Validate a scan's arguments; returns (T, B, I, H, P).

    input (T, B, I) floating; weight_ih (G H, I); weight_hh (G H, P); biases (G H,) or both None;
    weight_hr (P, H) or None (then P = H); initial_states {name: (state (B, width) or None, "P"/"H")}.
    G = gate_count (1 RNN, 4 LSTM, 3 GRU); P is the size of h, H the size of the gates (and of c).
    """
    if not isinstance(input, Tensor) or not isinstance(weight_ih, Tensor) or not isinstance(weight_hh, Tensor):
        raise TypeError(f"{name}: input, weight_ih and weight_hh must be Tensors")
    if input.ndim != 3:
        raise ValueError(f"{name}: input must have shape (seq_len, batch, input_size), got {input.shape}")
    if input.dtype.kind != "f":
        raise TypeError(f"{name}: input must be a floating point tensor, got dtype {input.dtype}")
    length, batch, input_size = input.shape
    if length == 0:
        raise ValueError(f"{name}: expected a sequence length larger than 0, got input of shape {input.shape}")
    if weight_hh.ndim != 2 or weight_hh.shape[0] == 0 or weight_hh.shape[0] % gate_count:
        raise ValueError(f"{name}: weight_hh must have shape ({gate_count} * hidden_size, hidden_size), "
                         f"got {weight_hh.shape}")
    hidden = weight_hh.shape[0] // gate_count
    state_size = hidden if weight_hr is None else weight_hh.shape[1]
    dtype = input.dtype
    if weight_hr is not None:
        _check_tensor(weight_hr, f"{name}: weight_hr", (weight_hh.shape[1], hidden), dtype)
    _check_tensor(weight_hh, f"{name}: weight_hh", (gate_count * hidden, state_size), dtype)
    _check_tensor(weight_ih, f"{name}: weight_ih", (gate_count * hidden, input_size), dtype)
    if (bias_ih is None) != (bias_hh is None):
        raise ValueError(f"{name}: give both bias_ih and bias_hh, or neither")
    if bias_ih is not None:
        _check_tensor(bias_ih, f"{name}: bias_ih", (gate_count * hidden,), dtype)
        _check_tensor(bias_hh, f"{name}: bias_hh", (gate_count * hidden,), dtype)
    for state_name, (state, width) in initial_states.items():
        if state is not None:
            _check_tensor(state, f"{name}: {state_name}", (batch, state_size if width == "P" else hidden), dtype)
    return length, batch, input_size, hidden, state_size


def step_order(length, reverse):
    """The time indices in the order the recurrence visits them."""
    return range(length - 1, -1, -1) if reverse else range(length)


def initial_array(state, batch, hidden, dtype):
    """The initial state's array, zeros when it was not given."""
    return np.zeros((batch, hidden), dtype=dtype) if state is None else state.data


def previous_states(states, initial, reverse):
    """The state each step started from, for every step: (T, B, H).

    Forward: [s0, s_0, ..., s_{T-2}];  reverse (visits T-1 first): [s_1, ..., s_{T-1}, s0].
    """
    previous = np.empty_like(states)  # (T, B, H)
    if reverse:
        previous[:-1] = states[1:]
        previous[-1] = initial
    else:
        previous[1:] = states[:-1]
        previous[0] = initial
    return previous


def input_projection(x, weight_ih, bias):
    """x_t W_ih^T + bias for all t at once: (T, B, I) -> (T, B, G H)."""
    length, batch, input_size = x.shape
    projected = x.reshape(length * batch, input_size) @ weight_ih.T  # (T B, G H)
    if bias is not None:
        projected += bias
    return projected.reshape(length, batch, weight_ih.shape[0])


class ScanInputs:
    """The scan's tensor inputs in a fixed order, so backward can answer one gradient per input.

        inputs = ScanInputs(input=x, h0=h0, weight_ih=w)     # None values are left out
        record(out, inputs.tensors, backward, ...)           # backward returns inputs.gradients({...})
    """

    def __init__(self, **named):
        self.names = [name for name, value in named.items() if value is not None]
        self.tensors = tuple(named[name] for name in self.names)
        self._requires = {name: named[name]._requires_grad for name in self.names}

    def wants(self, name):
        return self._requires.get(name, False)

    def gradients(self, grads):
        return tuple(grads.get(name) for name in self.names)


def parameter_gradients(inputs, x, weight_ih, grad_pre_ih, previous_hidden, grad_pre_hh):
    """dx, dW_ih, dW_hh, db_ih, db_hh from the per-step pre-activation gradients (one matmul each).

    grad_pre_ih (T, B, G H): dL/d(x_t W_ih^T + b_ih);  grad_pre_hh: dL/d(h_{t-1} W_hh^T + b_hh)
    (the same array for RNN and LSTM, whose two biases enter the same sum).
    """
    length, batch, input_size = x.shape
    rows = length * batch
    rows_ih = grad_pre_ih.reshape(rows, grad_pre_ih.shape[-1])  # (T B, G H)
    rows_hh = grad_pre_hh.reshape(rows, grad_pre_hh.shape[-1])  # (T B, G H)
    grads = {}
    if inputs.wants("input"):
        grads["input"] = (rows_ih @ weight_ih).reshape(x.shape)  # (T, B, I)
    if inputs.wants("weight_ih"):
        grads["weight_ih"] = rows_ih.T @ x.reshape(rows, input_size)  # (G H, I)
    if inputs.wants("weight_hh"):
        grads["weight_hh"] = rows_hh.T @ previous_hidden.reshape(rows, previous_hidden.shape[-1])  # (G H, P)
    if inputs.wants("bias_ih"):
        grads["bias_ih"] = rows_ih.sum(axis=0)  # (G H,)
    if inputs.wants("bias_hh"):
        grads["bias_hh"] = rows_hh.sum(axis=0)  # (G H,)
    return grads
