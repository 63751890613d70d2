"""RNN, LSTM, GRU and their cells against torch.nn with the same weights (torch's state_dict loaded
into ours): outputs, final states and the gradients of the input, the initial states and every
parameter. Tolerance: float64 1e-8, float32 1e-4 (module_pairs / parity). Dropout between layers
is checked exactly on a network built so that its output reveals the mask; gradients of the
scans are also checked by finite differences (scratch_optim.check_grad), independently of torch.
"""

import math
import warnings

import numpy as np
import pytest
import safetensors.numpy
import safetensors.torch
import scratch_nn as snn
import torch
from module_pairs import assert_module_parity, build_pair, flatten
from scratch_nn.nn.functional.gru_scan import gru_scan
from scratch_nn.nn.functional.lstm_scan import lstm_scan
from scratch_nn.nn.functional.rnn_scan import rnn_scan
from scratch_optim import check_grad

DTYPES = [np.float64, np.float32]


@pytest.fixture(autouse=True, scope="module")
def _torch_on_one_thread():
    """torch's tiny recurrent kernels are slower with threads than without on a shared 2-core
    machine; one thread keeps this file fast. The previous setting is restored afterwards."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
SEQ, BATCH, FEATURES, HIDDEN = 5, 3, 4, 6

# (torch class, our class, extra constructor arguments)
KINDS = {
    "rnn_tanh": (torch.nn.RNN, snn.nn.RNN, {}),
    "rnn_relu": (torch.nn.RNN, snn.nn.RNN, {"nonlinearity": "relu"}),
    "lstm": (torch.nn.LSTM, snn.nn.LSTM, {}),
    "lstm_proj": (torch.nn.LSTM, snn.nn.LSTM, {"proj_size": 2}),
    "gru": (torch.nn.GRU, snn.nn.GRU, {}),
}

# (num_layers, bidirectional, batch_first, bias, give initial states, batched)
OPTIONS = [
    (1, False, False, True, False, True),
    (2, True, False, True, True, True),
    (2, False, True, False, True, True),
    (1, True, True, True, False, True),
    (3, True, False, True, True, False),
]


def _arrays(rng, kind, layers, bidirectional, batch_first, with_states, batched):
    shape = (BATCH, SEQ, FEATURES) if batch_first else (SEQ, BATCH, FEATURES)
    x = rng.standard_normal(shape if batched else (SEQ, FEATURES))
    if not with_states:
        return [x]
    lead = (layers * (2 if bidirectional else 1),) + ((BATCH,) if batched else ())
    h_size = 2 if kind == "lstm_proj" else HIDDEN
    states = [rng.standard_normal(lead + (h_size,))]
    if kind.startswith("lstm"):
        states.append(rng.standard_normal(lead + (HIDDEN,)))
    return [x] + states


def _call(kind):
    if kind.startswith("lstm"):
        return lambda module, x, h=None, c=None: module(x, None if h is None else (h, c))
    return None


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: "L{}-bi{}-bf{}-bias{}-h0{}-batched{}".format(*o))
@pytest.mark.parametrize("kind", list(KINDS))
def test_recurrent_layer_matches_torch(kind, options, dtype):
    layers, bidirectional, batch_first, bias, with_states, batched = options
    torch_class, our_class, extra = KINDS[kind]
    kwargs = dict(input_size=FEATURES, hidden_size=HIDDEN, num_layers=layers, bias=bias, batch_first=batch_first,
                  bidirectional=bidirectional, **extra)
    torch.manual_seed(0)
    ours, theirs = build_pair(torch_class(**kwargs), our_class, kwargs, dtype)
    arrays = _arrays(np.random.default_rng(1), kind, layers, bidirectional, batch_first, with_states, batched)
    assert_module_parity(ours, theirs, arrays, dtype, call=_call(kind))


CELLS = {
    "rnn_tanh": (torch.nn.RNNCell, snn.nn.RNNCell, {}),
    "rnn_relu": (torch.nn.RNNCell, snn.nn.RNNCell, {"nonlinearity": "relu"}),
    "lstm": (torch.nn.LSTMCell, snn.nn.LSTMCell, {}),
    "gru": (torch.nn.GRUCell, snn.nn.GRUCell, {}),
}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("bias, with_state, batched", [(True, True, True), (False, False, True), (True, True, False)])
@pytest.mark.parametrize("kind", list(CELLS))
def test_cell_matches_torch(kind, bias, with_state, batched, dtype):
    torch_class, our_class, extra = CELLS[kind]
    kwargs = dict(input_size=FEATURES, hidden_size=HIDDEN, bias=bias, **extra)
    torch.manual_seed(0)
    ours, theirs = build_pair(torch_class(**kwargs), our_class, kwargs, dtype)
    rng = np.random.default_rng(2)
    lead = (BATCH,) if batched else ()
    arrays = [rng.standard_normal(lead + (FEATURES,))]
    if with_state:
        arrays += [rng.standard_normal(lead + (HIDDEN,)) for _ in range(2 if kind == "lstm" else 1)]
    assert_module_parity(ours, theirs, arrays, dtype, call=_call(kind))


def test_cell_unrolled_by_hand_equals_the_layer():
    """Feeding LSTMCell its own state for T steps gives nn.LSTM's output (same weights)."""
    snn.manual_seed(3)
    layer = snn.nn.LSTM(FEATURES, HIDDEN, dtype=np.float64)
    cell = snn.nn.LSTMCell(FEATURES, HIDDEN, dtype=np.float64)
    cell.load_state_dict({name[:-3]: value for name, value in layer.state_dict().items()})  # drop "_l0"
    x = snn.tensor(np.random.default_rng(4).standard_normal((SEQ, BATCH, FEATURES)))
    output, (_, c_n) = layer(x)
    state = None
    for t in range(SEQ):
        state = cell(x[t], state)
        np.testing.assert_allclose(state[0].data, output.data[t], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(state[1].data, c_n.data[0], rtol=1e-12, atol=1e-12)


def test_nan_in_the_input_propagates_as_in_torch():
    torch.manual_seed(0)
    kwargs = {"input_size": FEATURES, "hidden_size": HIDDEN}
    ours, theirs = build_pair(torch.nn.GRU(**kwargs), snn.nn.GRU, kwargs, np.float64)
    x = np.random.default_rng(5).standard_normal((SEQ, BATCH, FEATURES))
    x[2, 1, 0] = np.nan
    output, _ = ours(snn.tensor(x))
    expected, _ = theirs(torch.tensor(x))
    np.testing.assert_array_equal(np.isnan(output.data), np.isnan(expected.detach().numpy()))
    assert np.isnan(output.data[2:, 1]).all() and not np.isnan(output.data[:, [0, 2]]).any()


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh", "lstm_proj"])
def test_empty_batch_gives_empty_outputs_like_torch(kind):
    torch_class, our_class, extra = KINDS[kind]
    kwargs = {"input_size": FEATURES, "hidden_size": HIDDEN, "num_layers": 2, "bidirectional": True, **extra}
    torch.manual_seed(0)
    ours, theirs = build_pair(torch_class(**kwargs), our_class, kwargs, np.float32)
    x = snn.zeros(SEQ, 0, FEATURES, requires_grad=True)
    output, expected = ours(x), theirs(torch.zeros(SEQ, 0, FEATURES))
    assert [t.shape for t in flatten(output)] == [tuple(t.shape) for t in flatten(expected)]
    output[0].sum().backward()
    assert x.grad.shape == x.shape and not ours.weight_hh_l1.grad.data.any()


# ---------------------------------------------------------------------- dropout between layers
def _dropout_probe(p, seed):
    """A 2-layer relu RNN whose second layer is relu(identity(dropout(first layer's output))):
    the first layer's output is positive, so the output shows exactly which entries were dropped."""
    model = snn.nn.RNN(1, 200, num_layers=2, nonlinearity="relu", dropout=p, dtype=np.float64)
    with snn.no_grad():
        for name, param in model.named_parameters():
            param.zero_()
        model.bias_ih_l0.fill_(2.0)  # layer 0: h = relu(2) = 2 at every step
        model.weight_ih_l1.copy_(snn.eye(200, dtype=snn.float64))  # layer 1: h = relu(dropped input)
    snn.manual_seed(seed)
    return model, snn.zeros(3, 4, 1, dtype=snn.float64)


def test_dropout_zeroes_a_fraction_p_between_layers_and_scales_the_rest():
    model, x = _dropout_probe(0.3, seed=0)
    output, h_n = model(x)
    values = output.data  # 2 * mask / (1 - p): zero, or exactly 2 / 0.7
    assert set(np.unique(values)) <= {0.0, 2.0 / 0.7}
    dropped = np.mean(values == 0.0)
    standard_error = math.sqrt(0.3 * 0.7 / values.size)  # 2400 Bernoulli draws
    assert abs(dropped - 0.3) < 4 * standard_error
    np.testing.assert_array_equal(h_n.data[0], np.full((4, 200), 2.0))  # no dropout on the first layer's state


def test_dropout_is_off_in_eval_mode_and_reproducible_by_seed():
    model, x = _dropout_probe(0.5, seed=7)
    first, _ = model(x)
    snn.manual_seed(7)
    again, _ = model(x)
    np.testing.assert_array_equal(first.data, again.data)
    model.eval()
    evaluated, _ = model(x)
    np.testing.assert_array_equal(evaluated.data, np.full((3, 4, 200), 2.0))


def test_dropout_with_one_layer_warns_as_torch():
    with pytest.warns(UserWarning, match="non-zero dropout expects num_layers greater than 1"):
        snn.nn.LSTM(3, 4, dropout=0.5)


# ---------------------------------------------------------------------- weights: names, init, transfer
@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh", "lstm_proj"])
def test_state_dict_round_trips_through_safetensors(tmp_path, kind):
    torch_class, our_class, extra = KINDS[kind]
    kwargs = dict(input_size=3, hidden_size=5, num_layers=2, bidirectional=True, **extra)
    ours = our_class(**kwargs)
    path = tmp_path / "weights.safetensors"
    safetensors.numpy.save_file({name: value.data for name, value in ours.state_dict().items()}, str(path))
    theirs = torch_class(**kwargs)
    theirs.load_state_dict(safetensors.torch.load_file(str(path)))  # strict: every name must match
    x = np.random.default_rng(6).standard_normal((4, 2, 3)).astype(np.float32)
    np.testing.assert_allclose(ours(snn.tensor(x))[0].data, theirs(torch.tensor(x))[0].detach().numpy(),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("our_class, torch_class", [(snn.nn.LSTM, torch.nn.LSTM), (snn.nn.GRUCell, torch.nn.GRUCell)])
def test_default_init_is_torch_uniform(our_class, torch_class):
    """Every parameter ~ U(-1/sqrt(H), 1/sqrt(H)): bounds, mean and variance as torch's draws."""
    hidden = 64
    snn.manual_seed(0)
    torch.manual_seed(0)
    ours = np.concatenate([p.data.ravel() for p in our_class(32, hidden).parameters()])
    theirs = np.concatenate([p.detach().numpy().ravel() for p in torch_class(32, hidden).parameters()])
    bound = 1 / math.sqrt(hidden)
    assert ours.size == theirs.size and ours.dtype == np.float32
    assert np.abs(ours).max() <= bound and np.abs(ours).max() > 0.99 * bound
    assert abs(ours.mean()) < 4 * bound / math.sqrt(3 * ours.size)
    np.testing.assert_allclose(ours.var(), theirs.var(), rtol=0.05)  # both near bound^2 / 3
    np.testing.assert_allclose(ours.var(), bound ** 2 / 3, rtol=0.05)


@pytest.mark.parametrize("build", [
    lambda nn: nn.LSTM(4, 6, num_layers=2, bidirectional=True),
    lambda nn: nn.GRU(4, 6, batch_first=True, bias=False, dropout=0.0),
    lambda nn: nn.RNN(4, 6, 2, "relu", dropout=0.25),
    lambda nn: nn.LSTM(4, 6, proj_size=3),
    lambda nn: nn.RNNCell(4, 6, nonlinearity="relu", bias=False),
    lambda nn: nn.LSTMCell(4, 6),
])
def test_repr_and_parameter_names_match_torch(build):
    ours, theirs = build(snn.nn), build(torch.nn)
    assert repr(ours) == repr(theirs)
    assert [(n, p.shape) for n, p in ours.named_parameters()] == [(n, tuple(p.shape)) for n, p in theirs.named_parameters()]


def test_all_weights_groups_parameters_by_layer_and_direction():
    model = snn.nn.GRU(3, 4, num_layers=2, bidirectional=True)
    groups = model.all_weights
    assert len(groups) == 4 and groups[1][0] is model.weight_ih_l0_reverse and groups[3][3] is model.bias_hh_l1_reverse


# ---------------------------------------------------------------------- finite differences
def _finite_difference_check(build_loss, sizes):
    """check_grad over all of the scan's inputs at once (float64, forward differences)."""
    point = np.random.default_rng(8).uniform(-0.8, 0.8, sum(sizes))

    def split(vector, requires_grad):
        pieces, start = [], 0
        for size in sizes:
            pieces.append(snn.tensor(vector[start:start + size], requires_grad=requires_grad))
            start += size
        return pieces

    def value(vector):
        with snn.no_grad():
            return float(build_loss(split(vector, False)).item())

    def gradient(vector):
        pieces = split(vector, True)
        build_loss(pieces).backward()
        return np.concatenate([piece.grad.data for piece in pieces])

    analytic = gradient(point)
    error = check_grad(value, gradient, point)
    assert error < 1e-5 * max(1.0, np.linalg.norm(analytic)), f"|analytic - numeric| = {error:.2e}"


T, B, I, H = 3, 2, 2, 3


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("scan", ["lstm", "lstm_proj", "gru", "rnn_tanh"])
def test_scan_gradients_by_finite_differences(scan, reverse):
    gates = {"lstm": 4, "lstm_proj": 4, "gru": 3, "rnn_tanh": 1}[scan]
    size = 2 if scan == "lstm_proj" else H
    shapes = [(T, B, I), (B, size), (gates * H, I), (gates * H, size), (gates * H,), (gates * H,)]
    if scan.startswith("lstm"):
        shapes.insert(2, (B, H))
    if scan == "lstm_proj":
        shapes.append((size, H))
    weights = np.linspace(-1, 1, T * B * (size + (H if scan.startswith("lstm") else 0))) ** 2

    def loss(pieces):
        args = [piece.reshape(*shape) for piece, shape in zip(pieces, shapes)]
        if scan == "lstm":
            states = lstm_scan(*args, reverse=reverse)
        elif scan == "lstm_proj":
            states = lstm_scan(*args[:7], weight_hr=args[7], reverse=reverse)
        elif scan == "gru":
            states = gru_scan(*args, reverse=reverse)
        else:
            states = rnn_scan(*args, reverse=reverse)
        return (states.reshape(-1) * snn.tensor(weights)).sum()

    _finite_difference_check(loss, [math.prod(shape) for shape in shapes])


# ---------------------------------------------------------------------- bad input
def test_bad_constructor_arguments_are_refused():
    with pytest.raises(ValueError, match="dropout should be a number in range"):
        snn.nn.LSTM(3, 4, dropout=1.5)
    with pytest.raises(ValueError, match="Unknown nonlinearity"):
        snn.nn.RNN(3, 4, nonlinearity="sigmoid")
    with pytest.raises(ValueError, match="proj_size has to be smaller than hidden_size"):
        snn.nn.LSTM(3, 4, proj_size=4)
    with pytest.raises(ValueError, match="only supported for LSTM"):
        snn.nn.RNNBase("GRU", 3, 4, proj_size=2)
    with pytest.raises(ValueError, match="hidden_size must be >= 1"):
        snn.nn.GRU(3, 0)
    with pytest.raises(TypeError, match="bias should be of type bool"):
        snn.nn.GRU(3, 4, bias=1)
    with pytest.raises(TypeError, match="input_size must be an int"):
        snn.nn.LSTMCell(3.0, 4)
    with pytest.raises(ValueError, match="Unrecognized RNN mode"):
        snn.nn.RNNBase("CELL", 3, 4)


def test_bad_forward_arguments_name_the_expected_shapes():
    lstm = snn.nn.LSTM(3, 4, num_layers=2)
    x = snn.randn(5, 2, 3)
    with pytest.raises(ValueError, match=r"input.size\(-1\) must be equal to input_size. Expected 3, got 2"):
        lstm(snn.randn(5, 2, 2))
    with pytest.raises(ValueError, match=r"Expected input to be 2D or 3D, got 4D"):
        lstm(snn.randn(5, 2, 3, 1))
    with pytest.raises(ValueError, match=r"Expected hidden\[0\] size \(2, 2, 4\), got \(1, 2, 4\)"):
        lstm(x, (snn.zeros(1, 2, 4), snn.zeros(2, 2, 4)))
    with pytest.raises(ValueError, match=r"Expected hidden\[1\] size \(2, 2, 4\), got \(2, 2, 5\)"):
        lstm(x, (snn.zeros(2, 2, 4), snn.zeros(2, 2, 5)))
    with pytest.raises(ValueError, match="hx should also be 3-D"):
        lstm(x, (snn.zeros(2, 4), snn.zeros(2, 4)))
    with pytest.raises(TypeError, match=r"hx must be a tuple \(h_0, c_0\)"):
        lstm(x, snn.zeros(2, 2, 4))
    with pytest.raises(TypeError, match="does not match weight dtype"):
        lstm(x.double())
    with pytest.raises(ValueError, match="sequence length larger than 0"):
        snn.nn.GRU(3, 4)(snn.zeros(0, 2, 3))
    with pytest.raises(TypeError, match="input must be a Tensor"):
        snn.nn.GRU(3, 4)(np.zeros((5, 2, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="Expected input to be 1D or 2D, got 3D"):
        snn.nn.GRUCell(3, 4)(x)
    with pytest.raises(ValueError, match="input has 2 features"):
        snn.nn.RNNCell(3, 4)(snn.zeros(2, 2))
    with pytest.raises(ValueError, match="Expected hidden to be 2D"):
        snn.nn.RNNCell(3, 4)(snn.zeros(2, 3), snn.zeros(4))


def test_scan_functions_check_their_weights():
    x = snn.zeros(2, 1, 3)
    with pytest.raises(ValueError, match=r"weight_ih must have shape \(8, 3\), got \(8, 2\)"):
        lstm_scan(x, None, None, snn.zeros(8, 2), snn.zeros(8, 2))
    with pytest.raises(ValueError, match="give both bias_ih and bias_hh"):
        gru_scan(x, None, snn.zeros(6, 3), snn.zeros(6, 2), snn.zeros(6))
    with pytest.raises(TypeError, match="has dtype float64 but the input has dtype float32"):
        rnn_scan(x, None, snn.zeros(2, 3), snn.zeros(2, 2, dtype=snn.float64))
    with pytest.raises(ValueError, match=r"h0 must have shape \(1, 2\), got \(2, 2\)"):
        rnn_scan(x, snn.zeros(2, 2), snn.zeros(2, 3), snn.zeros(2, 2))
    with pytest.raises(ValueError, match="unknown nonlinearity"):
        rnn_scan(x, None, snn.zeros(2, 3), snn.zeros(2, 2), nonlinearity="gelu")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a valid call is silent
        rnn_scan(x, None, snn.zeros(2, 3), snn.zeros(2, 2))
