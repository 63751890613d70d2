"""One LSTM layer in one direction over a whole sequence, as one autograd node (torch's equations).

Per step, with the four gates stacked in torch's order i, f, g, o (rows of W_ih, W_hh, biases):

    a_t = x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh        # (B, 4H)
    i = sigmoid(a_i)   f = sigmoid(a_f)   g = tanh(a_g)   o = sigmoid(a_o)
    c_t = f * c_{t-1} + i * g
    h_t = o * tanh(c_t)

Backward through time, from the last step to the first, with dh = dL/dh_t (from above and from
step t+1) and dc = dL/dc_t:

    dc   += dh * o * (1 - tanh(c_t)^2)
    da_i  = dc * g * i (1 - i)         da_f = dc * c_{t-1} * f (1 - f)
    da_g  = dc * i * (1 - g^2)         da_o = dh * tanh(c_t) * o (1 - o)
    dc_{t-1} = dc * f                  dh_{t-1} = da W_hh

With a projection (torch's proj_size = P < H), h_t = m_t W_hr^T with m_t = o * tanh(c_t): the
recurrence carries h of size P, and backward first turns dh into dm = dh W_hr (then as above with
dm in place of dh), while dW_hr = sum_t dh_t^T m_t is one matmul at the end.

The output is ONE array of all states, (T, B, P + H) with [t, :, :P] = h_t and [t, :, P:] = c_t:
an autograd node has one output, and the caller slices h and c out of it (the slices' gradients
flow back into this node's single backward).
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


def _sigmoid_by_tanh_factors(hidden, dtype):
    """(scale, offset), each (4H,): sigmoid(z) = 0.5 tanh(z / 2) + 0.5 on i, f, o; g stays tanh.

    subtle: halving the i, f, o rows of the weights and biases is exact (a power of two), so one
    tanh over all 4H pre-activations of a step activates every gate, then scale and offset finish it.
    """
    scale = np.full(4 * hidden, 0.5, dtype=dtype)
    scale[2 * hidden:3 * hidden] = 1.0
    offset = np.full(4 * hidden, 0.5, dtype=dtype)
    offset[2 * hidden:3 * hidden] = 0.0
    return scale, offset


def lstm_scan(input, h0, c0, weight_ih, weight_hh, bias_ih=None, bias_hh=None, weight_hr=None,
              reverse=False):
    """All LSTM states of one layer: input (T, B, I), h0 (B, P) and c0 (B, H) or None (zeros),
    weight_ih (4H, I), weight_hh (4H, P), biases (4H,), weight_hr (P, H) or None (then P = H)
    -> (T, B, P + H): [t, :, :P] = h_t, [t, :, P:] = c_t.

    reverse=True runs from t = T - 1 down to 0 (the backward direction of a bidirectional LSTM);
    the states stay at their time positions.
    """
    length, batch, _, hidden, size = check_scan_arguments(
        "lstm", input, {"h0": (h0, "P"), "c0": (c0, "H")}, weight_ih, weight_hh, bias_ih, bias_hh,
        gate_count=4, weight_hr=weight_hr)
    x, w_ih, w_hh = input.data, weight_ih.data, weight_hh.data
    w_hr = None if weight_hr is None else weight_hr.data
    dtype = x.dtype
    scale, offset = _sigmoid_by_tanh_factors(hidden, dtype)
    bias = None if bias_ih is None else (bias_ih.data + bias_hh.data) * scale
    projected = input_projection(x, w_ih * scale[:, None], bias)  # (T, B, 4H), halved on i, f, o
    w_hh_halved_t = (w_hh * scale[:, None]).T  # (P, 4H)

    gates = np.empty((length, batch, 4 * hidden), dtype=dtype)  # activated i, f, g, o
    states = np.empty((length, batch, size + hidden), dtype=dtype)  # h_t | c_t
    tanh_c = np.empty((length, batch, hidden), dtype=dtype)
    cell_out = tanh_c if w_hr is None else np.empty((length, batch, hidden), dtype=dtype)  # m_t = o tanh(c_t)
    h0_data = initial_array(h0, batch, size, dtype)
    c0_data = initial_array(c0, batch, hidden, dtype)
    h, c = h0_data, c0_data
    for t in step_order(length, reverse):
        gate = gates[t]  # (B, 4H)
        np.matmul(h, w_hh_halved_t, out=gate)
        gate += projected[t]
        np.tanh(gate, out=gate)
        gate *= scale
        gate += offset
        i, f, g, o = gate[:, :hidden], gate[:, hidden:2 * hidden], gate[:, 2 * hidden:3 * hidden], gate[:, 3 * hidden:]
        h_new, c_new = states[t, :, :size], states[t, :, size:]  # (B, P), (B, H)
        np.multiply(f, c, out=c_new)
        c_new += i * g
        np.tanh(c_new, out=tanh_c[t])
        if w_hr is None:
            np.multiply(o, tanh_c[t], out=h_new)
        else:
            np.multiply(o, tanh_c[t], out=cell_out[t])
            np.matmul(cell_out[t], w_hr.T, out=h_new)
        h, c = h_new, c_new

    inputs = ScanInputs(input=input, h0=h0, c0=c0, weight_ih=weight_ih, weight_hh=weight_hh,
                        bias_ih=bias_ih, bias_hh=bias_hh, weight_hr=weight_hr)

    def backward(grad):  # grad (T, B, P + H): dL/dh_t and dL/dc_t from outside the scan
        i, f, g, o = (gates[..., k * hidden:(k + 1) * hidden] for k in range(4))  # (T, B, H) each
        c_previous = previous_states(states[..., size:], c0_data, reverse)  # (T, B, H)
        # the local derivatives of every step at once; the loop then only multiplies by dc or dm
        factors = np.empty((length, batch, 4, hidden), dtype=dtype)  # d a / d c (i, f, g), d a / d m (o)
        np.multiply(g, i * (1.0 - i), out=factors[:, :, 0])
        np.multiply(c_previous, f * (1.0 - f), out=factors[:, :, 1])
        np.multiply(i, 1.0 - g * g, out=factors[:, :, 2])
        np.multiply(tanh_c, o * (1.0 - o), out=factors[:, :, 3])
        dc_from_dm = o * (1.0 - tanh_c * tanh_c)  # (T, B, H): d c-path / d m_t

        grad_pre = np.empty((length, batch, 4, hidden), dtype=dtype)  # dL/da_t, gates on axis 2
        grad_h = None if w_hr is None else np.empty((length, batch, size), dtype=dtype)  # total dL/dh_t
        dh_next = np.zeros((batch, size), dtype=dtype)
        dc_next = np.zeros((batch, hidden), dtype=dtype)
        for t in reversed(step_order(length, reverse)):
            dh = grad[t, :, :size] + dh_next  # (B, P)
            if w_hr is None:
                dm = dh
            else:
                grad_h[t] = dh
                dm = dh @ w_hr  # (B, H)
            dc = grad[t, :, size:] + dc_next
            dc += dm * dc_from_dm[t]
            np.multiply(factors[t, :, :3], dc[:, None, :], out=grad_pre[t, :, :3])
            np.multiply(factors[t, :, 3], dm, out=grad_pre[t, :, 3])
            dc_next = dc * f[t]
            dh_next = grad_pre[t].reshape(batch, 4 * hidden) @ w_hh  # (B, P)

        grad_pre = grad_pre.reshape(length, batch, 4 * hidden)
        previous_hidden = previous_states(states[..., :size], h0_data, reverse)  # (T, B, P)
        grads = parameter_gradients(inputs, x, w_ih, grad_pre, previous_hidden, grad_pre)
        grads["h0"], grads["c0"] = dh_next, dc_next
        if w_hr is not None and inputs.wants("weight_hr"):
            grads["weight_hr"] = grad_h.reshape(length * batch, size).T @ cell_out.reshape(length * batch, hidden)  # (P, H)
        return inputs.gradients(grads)

    return record(states, inputs.tensors, backward, "LstmScanBackward0")
