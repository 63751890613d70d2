"""One GRU layer in one direction over a whole sequence, as one autograd node (torch's equations).

Per step, gates stacked in torch's order r, z, n (rows of W_ih, W_hh and the biases):

    gi = x_t W_ih^T + b_ih                  gh = h_{t-1} W_hh^T + b_hh          # (B, 3H) each
    r = sigmoid(gi_r + gh_r)                z = sigmoid(gi_z + gh_z)
    n = tanh(gi_n + r * gh_n)               # torch: r multiplies (W_hn h + b_hn), bias included
    h_t = (1 - z) * n + z * h_{t-1}  =  n + z * (h_{t-1} - n)

Unlike the LSTM, gh_n is not added to gi_n, so the input side and the hidden side get different
pre-activation gradients. Backward through time, dh = dL/dh_t (from above and from step t+1):

    dgi_n = dh * (1 - z) * (1 - n^2)        dgh_n = dgi_n * r
    dgi_r = dgh_r = dgi_n * gh_n * r (1 - r)
    dgi_z = dgh_z = dh * (h_{t-1} - n) * z (1 - z)
    dh_{t-1} = dh * z + dgh W_hh
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


def gru_scan(input, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None, reverse=False):
    """All GRU hidden states of one layer: input (T, B, I), h0 (B, H) or None (zeros),
    weight_ih (3H, I), weight_hh (3H, H), biases (3H,) -> (T, B, H).

    reverse=True runs from t = T - 1 down to 0; the states stay at their time positions.
    """
    length, batch, _, hidden, _ = check_scan_arguments("gru", input, {"h0": (h0, "P")}, weight_ih, weight_hh,
                                                    bias_ih, bias_hh, gate_count=3)
    x, w_ih, w_hh = input.data, weight_ih.data, weight_hh.data
    dtype = x.dtype
    # subtle: sigmoid(s) = 0.5 tanh(s / 2) + 0.5; halving the r, z rows of both sides is exact (a
    # power of two), so a step needs one tanh for r and z together. gh_n is not halved.
    scale = np.ones(3 * hidden, dtype=dtype)
    scale[:2 * hidden] = 0.5
    projected = input_projection(x, w_ih * scale[:, None], None if bias_ih is None else bias_ih.data * scale)
    w_hh_scaled_t = (w_hh * scale[:, None]).T  # (H, 3H)
    b_hh_scaled = None if bias_hh is None else bias_hh.data * scale

    gates = np.empty((length, batch, 3 * hidden), dtype=dtype)  # activated r, z, n
    hidden_side = np.empty((length, batch, 3 * hidden), dtype=dtype)  # gh (r, z halved)
    states = np.empty((length, batch, hidden), dtype=dtype)
    h0_data = initial_array(h0, batch, hidden, dtype)
    h = h0_data
    for t in step_order(length, reverse):
        gh = hidden_side[t]  # (B, 3H)
        np.matmul(h, w_hh_scaled_t, out=gh)
        if b_hh_scaled is not None:
            gh += b_hh_scaled
        rz = gates[t, :, :2 * hidden]  # (B, 2H)
        np.add(projected[t, :, :2 * hidden], gh[:, :2 * hidden], out=rz)
        np.tanh(rz, out=rz)
        rz *= 0.5
        rz += 0.5
        n = gates[t, :, 2 * hidden:]  # (B, H)
        np.multiply(rz[:, :hidden], gh[:, 2 * hidden:], out=n)
        n += projected[t, :, 2 * hidden:]
        np.tanh(n, out=n)
        h_new = states[t]
        np.subtract(h, n, out=h_new)
        h_new *= rz[:, hidden:]
        h_new += n
        h = h_new

    inputs = ScanInputs(input=input, h0=h0, weight_ih=weight_ih, weight_hh=weight_hh,
                        bias_ih=bias_ih, bias_hh=bias_hh)

    def backward(grad):  # grad (T, B, H): dL/dh_t from outside the scan
        r, z, n = (gates[..., k * hidden:(k + 1) * hidden] for k in range(3))  # (T, B, H) each
        gh_n = hidden_side[..., 2 * hidden:]  # (T, B, H), W_hn h + b_hn
        previous_hidden = previous_states(states, h0_data, reverse)  # (T, B, H)
        # the local derivatives of every step at once; the loop then only multiplies by dh
        coef_n = (1.0 - z) * (1.0 - n * n)  # d gi_n / d h_t
        coef_r = gh_n * (r * (1.0 - r))  # d gi_r / d gi_n
        coef_z = (previous_hidden - n) * (z * (1.0 - z))  # d gi_z / d h_t

        grad_input_side = np.empty((length, batch, 3 * hidden), dtype=dtype)
        grad_hidden_side = np.empty((length, batch, 3 * hidden), dtype=dtype)
        dh_next = np.zeros((batch, hidden), dtype=dtype)
        for t in reversed(step_order(length, reverse)):
            gi, gh = grad_input_side[t], grad_hidden_side[t]  # (B, 3H) each
            dh = grad[t] + dh_next  # (B, H)
            np.multiply(dh, coef_n[t], out=gi[:, 2 * hidden:])
            np.multiply(gi[:, 2 * hidden:], coef_r[t], out=gi[:, :hidden])
            np.multiply(dh, coef_z[t], out=gi[:, hidden:2 * hidden])
            gh[:, :2 * hidden] = gi[:, :2 * hidden]
            np.multiply(gi[:, 2 * hidden:], r[t], out=gh[:, 2 * hidden:])
            dh_next = dh * z[t]
            dh_next += gh @ w_hh  # (B, H)

        grads = parameter_gradients(inputs, x, w_ih, grad_input_side, previous_hidden, grad_hidden_side)
        grads["h0"] = dh_next
        return inputs.gradients(grads)

    return record(states, inputs.tensors, backward, "GruScanBackward0")
