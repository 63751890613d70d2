"""One Elman RNN layer in one direction over a whole sequence, as one autograd node.

Per step (torch's nn.RNN, nonlinearity "tanh" or "relu"):

    a_t = x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh        # (B, H)
    h_t = tanh(a_t)   or   relu(a_t)

Backward through time, dh = dL/dh_t (from above and from step t+1):

    da_t = dh * (1 - h_t^2)   (tanh)      or   dh * [h_t > 0]   (relu: 0 at a_t = 0, as torch)
    dh_{t-1} = da_t W_hh
"""

import numpy as np

from ...autograd import record
from ._scan_common import (
    ScanInputs,
    check_scan_arguments,
    initial_array,
    input_projection,
    parameter_gradients,
    previous_states,
    step_order,
)

NONLINEARITIES = ("tanh", "relu")


def rnn_scan(input, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh",
             reverse=False):
    """All hidden states of one RNN layer: input (T, B, I), h0 (B, H) or None (zeros),
    weight_ih (H, I), weight_hh (H, H), biases (H,) -> (T, B, H).

    reverse=True runs from t = T - 1 down to 0; the states stay at their time positions.
    """
    if nonlinearity not in NONLINEARITIES:
        raise ValueError(f"rnn: unknown nonlinearity {nonlinearity!r}; expected 'tanh' or 'relu'")
    length, batch, _, hidden, _ = check_scan_arguments("rnn", input, {"h0": (h0, "P")}, weight_ih, weight_hh,
                                                    bias_ih, bias_hh, gate_count=1)
    x, w_ih, w_hh = input.data, weight_ih.data, weight_hh.data
    dtype = x.dtype
    projected = input_projection(x, w_ih, None if bias_ih is None else bias_ih.data + bias_hh.data)  # (T, B, H)
    w_hh_t = w_hh.T  # (H, H)

    states = np.empty((length, batch, hidden), dtype=dtype)
    h0_data = initial_array(h0, batch, hidden, dtype)
    h = h0_data
    for t in step_order(length, reverse):
        h_new = states[t]  # (B, H)
        np.matmul(h, w_hh_t, out=h_new)
        h_new += projected[t]
        if nonlinearity == "tanh":
            np.tanh(h_new, out=h_new)
        else:
            np.maximum(h_new, 0.0, out=h_new)
        h = h_new

    inputs = ScanInputs(input=input, h0=h0, weight_ih=weight_ih, weight_hh=weight_hh,
                        bias_ih=bias_ih, bias_hh=bias_hh)

    def backward(grad):  # grad (T, B, H): dL/dh_t from outside the scan
        if nonlinearity == "tanh":
            derivative = 1.0 - states * states  # (T, B, H)
        else:
            derivative = (states > 0).astype(dtype)
        grad_pre = np.empty((length, batch, hidden), dtype=dtype)
        dh_next = np.zeros((batch, hidden), dtype=dtype)
        for t in reversed(step_order(length, reverse)):
            da = grad_pre[t]  # (B, H)
            np.add(grad[t], dh_next, out=da)
            da *= derivative[t]
            dh_next = da @ w_hh  # (B, H)

        previous_hidden = previous_states(states, h0_data, reverse)  # (T, B, H)
        grads = parameter_gradients(inputs, x, w_ih, grad_pre, previous_hidden, grad_pre)
        grads["h0"] = dh_next
        return inputs.gradients(grads)

    return record(states, inputs.tensors, backward, "RnnScanBackward0")
