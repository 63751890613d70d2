"""Every layer against torch's with the same weights: torch's freshly initialized state_dict is
loaded into ours (so the names must match), then outputs, the input's gradient and every
parameter's gradient are compared (module_pairs.assert_module_parity; tolerance float64 1e-8,
float32 1e-4, rtol and atol). Each case runs in float32 and float64, over several shapes,
strides, paddings, dilations and groups. Layers with state (BatchNorm) also compare the running
statistics after training steps; Dropout, whose masks come from another random stream, is
checked by its statistics and its exact gradient rule."""

import numpy as np
import pytest
import scratch_nn as snn
import torch
from module_pairs import TORCH_DTYPE, assert_module_parity
from parity import assert_parity
from scratch_optim import check_grad

DTYPES = [np.float32, np.float64]
pytestmark = pytest.mark.filterwarnings("ignore:Using padding='same':UserWarning")  # torch's, not ours


def paired(our_layer, torch_layer, dtype):
    """The two layers in `dtype`, with torch's weights and buffers copied into ours."""
    theirs = torch_layer.to(TORCH_DTYPE[np.dtype(dtype)])
    ours = our_layer.to(dtype)
    state = {name: value.detach().numpy() for name, value in theirs.state_dict().items()}
    assert list(ours.state_dict()) == list(state), "state_dict keys differ from torch's"
    ours.load_state_dict(state)
    return ours, theirs


def check(build, shape, dtype, rng, call=None, kind="normal"):
    """Build the layer in both libraries (build(nn)), run both on one random input and compare."""
    ours, theirs = paired(build(snn.nn), build(torch.nn), dtype)
    x = rng.standard_normal(shape) if kind == "normal" else rng.uniform(-3, 3, shape)
    return ours, theirs, assert_module_parity(ours, theirs, [x], dtype, call=call)


LINEAR_CASES = [
    (lambda nn: nn.Linear(5, 3), (4, 5)),
    (lambda nn: nn.Linear(5, 3), (2, 3, 5)),
    (lambda nn: nn.Linear(5, 3, bias=False), (5,)),
    (lambda nn: nn.Identity(3, unused=True), (2, 3)),
]

CONV_CASES = [
    (lambda nn: nn.Conv2d(3, 4, 3), (2, 3, 7, 6)),
    (lambda nn: nn.Conv2d(3, 4, 3, stride=2, padding=1), (2, 3, 7, 8)),
    (lambda nn: nn.Conv2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 2), dilation=(2, 1), groups=2), (2, 4, 9, 7)),
    (lambda nn: nn.Conv2d(4, 8, 3, padding=1, groups=4, bias=False), (2, 4, 5, 5)),  # depthwise
    (lambda nn: nn.Conv2d(2, 3, 4, padding="same", dilation=1), (2, 2, 6, 7)),  # even kernel: asymmetric pad
    (lambda nn: nn.Conv2d(2, 3, 3, padding="same", dilation=2), (1, 2, 6, 7)),
    (lambda nn: nn.Conv2d(2, 3, 3, padding="valid"), (2, 2, 5, 5)),
    (lambda nn: nn.Conv2d(2, 3, 3, padding=1), (2, 5, 5)),  # unbatched
    (lambda nn: nn.Conv2d(1, 2, 5, stride=3), (3, 1, 5, 5)),  # kernel as large as the input
    (lambda nn: nn.Conv1d(3, 4, 3), (2, 3, 9)),
    (lambda nn: nn.Conv1d(4, 6, 3, stride=2, padding=2, dilation=2, groups=2), (2, 4, 11)),
    (lambda nn: nn.Conv1d(2, 2, 4, padding="same", bias=False), (2, 2, 7)),
]

CONV_TRANSPOSE_CASES = [
    (lambda nn: nn.ConvTranspose2d(3, 4, 3), (2, 3, 4, 5)),
    (lambda nn: nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1), (2, 3, 4, 4)),
    (lambda nn: nn.ConvTranspose2d(4, 6, (2, 3), stride=(2, 3), padding=(0, 1), output_padding=(1, 2), groups=2,
                                   dilation=(2, 1)), (2, 4, 3, 4)),
    (lambda nn: nn.ConvTranspose2d(2, 2, 3, dilation=2, padding=2, bias=False), (1, 2, 5, 5)),
    (lambda nn: nn.ConvTranspose2d(2, 3, 2, stride=2), (2, 3, 3)),  # unbatched
    (lambda nn: nn.ConvTranspose1d(3, 2, 3, stride=2, padding=1, output_padding=1), (2, 3, 6)),
]

POOL_CASES = [
    (lambda nn: nn.MaxPool2d(2), (2, 3, 8, 8)),
    (lambda nn: nn.MaxPool2d(3, stride=2, padding=1), (2, 3, 7, 9)),
    (lambda nn: nn.MaxPool2d((2, 3), stride=(1, 2), padding=(1, 1), dilation=(2, 1), ceil_mode=True), (2, 2, 7, 8)),
    (lambda nn: nn.MaxPool2d(3, stride=2, ceil_mode=True), (3, 6, 6)),  # unbatched, ceil mode
    (lambda nn: nn.AvgPool2d(2), (2, 3, 8, 7)),
    (lambda nn: nn.AvgPool2d(3, stride=2, padding=1), (2, 3, 7, 9)),
    (lambda nn: nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False, ceil_mode=True), (2, 2, 8, 8)),
    (lambda nn: nn.AvgPool2d((2, 3), stride=(2, 1), padding=(1, 1), ceil_mode=True), (2, 2, 5, 6)),
    (lambda nn: nn.AvgPool2d(3, stride=2, divisor_override=4), (2, 2, 7, 7)),
    (lambda nn: nn.AdaptiveAvgPool2d(1), (2, 3, 5, 6)),
    (lambda nn: nn.AdaptiveAvgPool2d((3, 4)), (2, 3, 7, 9)),
    (lambda nn: nn.AdaptiveAvgPool2d((None, 2)), (3, 5, 5)),
    (lambda nn: nn.AdaptiveAvgPool2d((6, 7)), (1, 2, 4, 5)),  # upsampling: output larger than input
]

NORM_CASES = [
    (lambda nn: nn.LayerNorm(6), (4, 6)),
    (lambda nn: nn.LayerNorm((3, 4), eps=1e-3), (2, 5, 3, 4)),
    (lambda nn: nn.LayerNorm(4, elementwise_affine=False), (3, 4)),
    (lambda nn: nn.LayerNorm(4, bias=False), (2, 3, 4)),
]

ACTIVATION_CASES = [
    (lambda nn: nn.ReLU(), (3, 4)),
    (lambda nn: nn.LeakyReLU(0.2), (3, 4)),
    (lambda nn: nn.GELU(), (3, 4)),
    (lambda nn: nn.GELU(approximate="tanh"), (3, 4)),
    (lambda nn: nn.SiLU(), (3, 4)),
    (lambda nn: nn.Sigmoid(), (3, 4)),
    (lambda nn: nn.Tanh(), (3, 4)),
    (lambda nn: nn.Softmax(dim=0), (3, 4)),
    (lambda nn: nn.Softmax(dim=-1), (2, 3, 4)),
    (lambda nn: nn.LogSoftmax(dim=1), (3, 4)),
    (lambda nn: nn.Flatten(), (2, 3, 4, 5)),
    (lambda nn: nn.Flatten(0, 1), (2, 3, 4)),
    (lambda nn: nn.Unflatten(1, (3, 4)), (2, 12, 5)),
    (lambda nn: nn.Unflatten(-1, (2, -1)), (2, 3, 8)),
]


def ids(cases):
    return [repr(build(torch.nn)) + str(shape) for build, shape in cases]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("build", "shape"), LINEAR_CASES + CONV_CASES + CONV_TRANSPOSE_CASES + POOL_CASES
                         + NORM_CASES + ACTIVATION_CASES,
                         ids=ids(LINEAR_CASES + CONV_CASES + CONV_TRANSPOSE_CASES + POOL_CASES + NORM_CASES
                                 + ACTIVATION_CASES))
def test_layer_matches_torch(build, shape, dtype, rng):
    check(build, shape, dtype, rng)


@pytest.mark.parametrize("dtype", DTYPES)
def test_conv_transpose_output_size_argument(dtype, rng):
    ours, theirs = paired(snn.nn.ConvTranspose2d(2, 3, 3, stride=3), torch.nn.ConvTranspose2d(2, 3, 3, stride=3), dtype)
    x = rng.standard_normal((1, 2, 3, 4))
    for size in [(9, 12), (11, 13), (1, 3, 10, 14)]:
        assert_module_parity(ours, theirs, [x], dtype, call=lambda m, x, size=size: m(x, output_size=size))
    with pytest.raises(ValueError, match="valid sizes range from 9 to 11"):
        ours(snn.tensor(x.astype(dtype)), output_size=(12, 12))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kernel,stride,padding,dilation,ceil_mode", [
    (2, 2, 0, 1, False), (3, 2, 1, 1, True), ((2, 3), (1, 2), (1, 0), (2, 2), False)])
def test_max_pool_indices_match_torch(kernel, stride, padding, dilation, ceil_mode, dtype, rng):
    def build(nn):
        return nn.MaxPool2d(kernel, stride, padding, dilation, return_indices=True, ceil_mode=ceil_mode)

    check(build, (2, 3, 7, 8), dtype, rng)  # outputs compared: values and int64 indices


@pytest.mark.parametrize("return_indices", [True, False])  # two code paths: with and without indices
def test_max_pool_ties_and_nan_route_the_gradient_like_torch(return_indices, rng):
    ties = rng.integers(0, 2, (2, 2, 6, 6)).astype(np.float64)  # many equal maxima per window
    after_relu = np.maximum(rng.standard_normal((2, 3, 6, 6)), 0)  # zero plateaus, as after a ReLU
    special = ties.copy()
    special[0, 0, :2, :2] = np.nan
    special[0, 1, 0, :3] = [np.nan, 1.0, np.nan]
    special[1, 0, :3, :3] = -np.inf
    ours, theirs = paired(snn.nn.MaxPool2d(3, stride=1, padding=1, return_indices=return_indices),
                          torch.nn.MaxPool2d(3, stride=1, padding=1, return_indices=return_indices), np.float64)
    assert_module_parity(ours, theirs, [ties], np.float64)
    assert_module_parity(ours, theirs, [after_relu], np.float64)
    with np.errstate(invalid="ignore"):  # the harness's weighted sum of -inf outputs is NaN; fine here
        assert_module_parity(ours, theirs, [special], np.float64)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("build", "shape"), [
    (lambda nn: nn.BatchNorm1d(3), (6, 3)),
    (lambda nn: nn.BatchNorm1d(3, momentum=None), (4, 3, 5)),
    (lambda nn: nn.BatchNorm2d(3, eps=1e-3, momentum=0.5), (4, 3, 5, 2)),
    (lambda nn: nn.BatchNorm2d(2, affine=False), (3, 2, 4, 4)),
    (lambda nn: nn.BatchNorm2d(2, bias=False), (3, 2, 4, 4)),
    (lambda nn: nn.BatchNorm2d(2, track_running_stats=False), (3, 2, 4, 4)),
], ids=["bn1d", "bn1d-cumulative", "bn2d-momentum", "bn2d-no-affine", "bn2d-no-bias", "bn2d-untracked"])
def test_batch_norm_training_steps_then_eval_match_torch(build, shape, dtype, rng):
    ours, theirs = paired(build(snn.nn), build(torch.nn), dtype)
    for _ in range(3):  # training: batch statistics, running statistics updated
        assert_module_parity(ours, theirs, [2 * rng.standard_normal(shape) + 1], dtype)
        ours.zero_grad(), theirs.zero_grad()
    for (name, mine), (_, reference) in zip(ours.state_dict().items(), theirs.state_dict().items()):
        np.testing.assert_allclose(mine.data, reference.numpy(), rtol=1e-6, atol=1e-6, err_msg=name)
    ours.eval(), theirs.eval()  # evaluation: running statistics are constants
    before = ours.state_dict()
    assert_module_parity(ours, theirs, [rng.standard_normal(shape)], dtype)
    for name, value in ours.state_dict().items():
        np.testing.assert_array_equal(value.data, before[name].data, err_msg=name)


@pytest.mark.parametrize("dtype", DTYPES)
def test_embedding_matches_torch(dtype, rng):
    indices = rng.integers(0, 7, (3, 5))
    indices[0, :3] = 2  # repeated rows accumulate their gradients
    indices[1, 0] = 4
    cases = [lambda nn: nn.Embedding(7, 4), lambda nn: nn.Embedding(7, 4, padding_idx=4),
             lambda nn: nn.Embedding(7, 4, padding_idx=-3, scale_grad_by_freq=True),
             lambda nn: nn.Embedding(7, 4, max_norm=1.5)]
    for build in cases:
        ours, theirs = paired(build(snn.nn), build(torch.nn), dtype)
        mine, reference = ours(snn.tensor(indices)), theirs(torch.tensor(indices))
        weights = rng.standard_normal(mine.shape).astype(dtype)
        (mine * snn.tensor(weights)).sum().backward()
        (reference * torch.tensor(weights)).sum().backward()
        tolerance = 1e-4 if dtype == np.float32 else 1e-8
        np.testing.assert_allclose(mine.data, reference.detach().numpy(), rtol=tolerance, atol=tolerance)
        np.testing.assert_allclose(ours.weight.grad.data, theirs.weight.grad.numpy(), rtol=tolerance, atol=tolerance)
        np.testing.assert_allclose(ours.weight.data, theirs.weight.detach().numpy(), rtol=tolerance, atol=tolerance)
        assert repr(ours) == repr(theirs)


def test_embedding_init_and_from_pretrained():
    layer = snn.nn.Embedding(50, 40, padding_idx=3)
    assert not layer.weight.data[3].any()
    assert abs(layer.weight.data.std() - 1.0) < 0.05  # N(0, 1), as torch
    table = snn.tensor(np.arange(12.0).reshape(4, 3))
    frozen = snn.nn.Embedding.from_pretrained(table)
    assert not frozen.weight.requires_grad
    assert snn.nn.Embedding.from_pretrained(table, freeze=False).weight.requires_grad
    np.testing.assert_array_equal(frozen(snn.tensor([3, 0])).data, [[9, 10, 11], [0, 1, 2]])
    with pytest.raises(ValueError, match="2-dimensional"):
        snn.nn.Embedding.from_pretrained(snn.zeros(3))


def test_dropout_layer_statistics_and_gradient(rng):
    snn.manual_seed(0)
    layer = snn.nn.Dropout(p=0.3)
    x = snn.tensor(rng.uniform(1, 2, (200, 100)), requires_grad=True)
    y = layer(x)
    kept = y.data != 0
    assert abs(kept.mean() - 0.7) < 0.01  # Bernoulli(0.7) over 20000 entries: std 0.003
    np.testing.assert_allclose(y.data[kept], x.data[kept] / 0.7)
    y.sum().backward()
    np.testing.assert_allclose(x.grad.data, kept / 0.7)
    assert repr(layer) == repr(torch.nn.Dropout(p=0.3))
    assert not snn.nn.Dropout(1.0)(x).data.any()
    with pytest.raises(ValueError, match="between 0 and 1"):
        snn.nn.Dropout(1.5)


def test_softmax_without_dim_uses_torch_legacy_choice(rng):
    for shape in [(4,), (2, 3), (2, 3, 4), (2, 3, 4, 5)]:
        x = rng.standard_normal(shape)
        with pytest.warns(UserWarning):  # torch warns about the implicit dim
            expected = torch.nn.Softmax()(torch.tensor(x)).numpy()
        np.testing.assert_allclose(snn.nn.Softmax()(snn.tensor(x)).data, expected, rtol=1e-12)
        np.testing.assert_allclose(snn.nn.LogSoftmax()(snn.tensor(x)).data, np.log(expected), rtol=1e-10)


@pytest.mark.parametrize("build", [
    lambda nn: nn.Conv2d(2, 3, 3, padding=1), lambda nn: nn.ConvTranspose2d(2, 3, 3, stride=2),
    lambda nn: nn.AvgPool2d(2), lambda nn: nn.AdaptiveAvgPool2d(3), lambda nn: nn.BatchNorm2d(2),
    lambda nn: nn.LayerNorm(6), lambda nn: nn.Linear(6, 2)], ids=lambda build: type(build(torch.nn)).__name__)
def test_nan_and_inf_propagate_like_torch(build, rng):
    """Layers do not reject non-finite inputs (torch does not); they must spread them the same way."""
    x = rng.standard_normal((2, 2, 6, 6))
    x[0, 1, 2, 3] = np.nan
    x[1, 0, 4, 4] = np.inf
    ours, theirs = paired(build(snn.nn), build(torch.nn), np.float64)
    with np.errstate(invalid="ignore"):
        mine = ours(snn.tensor(x)).data
    expected = theirs(torch.tensor(x)).detach().numpy()
    np.testing.assert_array_equal(np.isnan(mine), np.isnan(expected))
    np.testing.assert_allclose(mine, expected, rtol=1e-8, atol=1e-8)  # NaN == NaN here


FUNCTIONAL_CASES = [
    ("conv2d", lambda F: lambda x, w, b: F.conv2d(x, w, b, 2, 1, 1, 2), [(2, 4, 6, 5), (6, 2, 3, 3), (6,)]),
    ("conv1d", lambda F: lambda x, w: F.conv1d(x, w, None, 1, "same", 2), [(2, 3, 7), (4, 3, 3)]),
    ("conv_transpose2d", lambda F: lambda x, w, b: F.conv_transpose2d(x, w, b, 2, 1, 1, 1, 1),
     [(2, 3, 4, 4), (3, 2, 3, 3), (2,)]),
    ("conv_transpose1d", lambda F: lambda x, w: F.conv_transpose1d(x, w, None, 3, 0, 2, 2, 1),
     [(2, 4, 5), (4, 1, 3)]),
    ("max_pool2d", lambda F: lambda x: F.max_pool2d(x, 2, 1, 1), [(2, 2, 5, 5)]),
    ("avg_pool2d", lambda F: lambda x: F.avg_pool2d(x, 3, 2, 1, True, False), [(2, 2, 6, 6)]),
    ("adaptive_avg_pool2d", lambda F: lambda x: F.adaptive_avg_pool2d(x, (2, 3)), [(2, 2, 5, 7)]),
    ("batch_norm", lambda F: lambda x, w, b: F.batch_norm(x, None, None, w, b, True), [(4, 3, 2), (3,), (3,)]),
    ("layer_norm", lambda F: lambda x, w, b: F.layer_norm(x, (5,), w, b), [(3, 5), (5,), (5,)]),
    ("silu", lambda F: lambda x: F.silu(x), [(3, 4)]),
    ("conv2d empty batch", lambda F: lambda x, w: F.conv2d(x, w, None, 1, 1), [(0, 2, 4, 4), (3, 2, 3, 3)]),
    ("conv_transpose2d empty batch", lambda F: lambda x, w: F.conv_transpose2d(x, w, None, 2), [(0, 2, 3, 3),
                                                                                               (2, 3, 2, 2)]),
    ("max_pool2d empty batch", lambda F: lambda x: F.max_pool2d(x, 2), [(0, 2, 4, 4)]),
    ("avg_pool2d empty batch", lambda F: lambda x: F.avg_pool2d(x, 2), [(0, 2, 4, 4)]),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("name", "make", "shapes"), FUNCTIONAL_CASES, ids=[c[0] for c in FUNCTIONAL_CASES])
def test_functional_matches_torch(name, make, shapes, dtype, rng):
    arrays = [rng.standard_normal(shape) for shape in shapes]
    assert_parity(make(snn.nn.functional), make(torch.nn.functional), arrays, dtype)


def test_functional_batch_norm_updates_running_stats_like_torch(rng):
    x = rng.standard_normal((5, 3, 4)) * 3 + 2
    ours_mean, ours_var = snn.zeros(3, dtype=snn.float64), snn.ones(3, dtype=snn.float64)
    torch_mean, torch_var = torch.zeros(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64)
    snn.nn.functional.batch_norm(snn.tensor(x), ours_mean, ours_var, training=True, momentum=0.2)
    torch.nn.functional.batch_norm(torch.tensor(x), torch_mean, torch_var, training=True, momentum=0.2)
    np.testing.assert_allclose(ours_mean.data, torch_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(ours_var.data, torch_var.numpy(), rtol=1e-12)  # unbiased, as torch


def test_layers_default_to_float32_and_accept_float64():
    assert snn.nn.Conv2d(1, 2, 3).weight.dtype == np.float32
    assert snn.nn.Linear(2, 3, dtype=snn.float64).bias.dtype == np.float64
    assert snn.nn.BatchNorm2d(2, dtype=np.float64).running_var.dtype == np.float64
    assert snn.nn.BatchNorm2d(2).num_batches_tracked.dtype == np.int64


FINITE_DIFFERENCE_CASES = [
    ("conv2d input and weight", lambda F, x, w: F.conv2d(x, w, None, (2, 1), 1, (1, 2), 2),
     [(1, 4, 5, 6), (2, 2, 3, 2)]),
    ("conv_transpose2d", lambda F, x, w: F.conv_transpose2d(x, w, None, 2, 1, 1, 1, 2), [(1, 2, 3, 3), (2, 2, 2, 3)]),
    ("max_pool2d", lambda F, x: F.max_pool2d(x, 3, 2, 1, ceil_mode=True), [(1, 2, 5, 6)]),
    ("avg_pool2d", lambda F, x: F.avg_pool2d(x, 3, 2, 1, True, False), [(1, 2, 5, 6)]),
    ("adaptive_avg_pool2d", lambda F, x: F.adaptive_avg_pool2d(x, (3, 2)), [(1, 2, 5, 4)]),
    ("batch_norm training", lambda F, x, w: F.batch_norm(x, None, None, w, None, True), [(3, 2, 4), (2,)]),
    ("layer_norm", lambda F, x, w: F.layer_norm(x, (2, 3), w), [(2, 2, 3), (2, 3)]),
]


@pytest.mark.parametrize(("name", "function", "shapes"), FINITE_DIFFERENCE_CASES,
                         ids=[c[0] for c in FINITE_DIFFERENCE_CASES])
def test_gradients_match_finite_differences(name, function, shapes, rng):
    """Independently of torch: the backward of sum(out * weights) against scratch_optim.check_grad's
    forward differences (step 1.49e-8, float64), relative error below 1e-5."""
    sizes = [int(np.prod(shape)) for shape in shapes]
    point = rng.standard_normal(sum(sizes))
    out_weights = None

    def split(vector, requires_grad=False):
        parts = np.split(vector, np.cumsum(sizes)[:-1])
        return [snn.tensor(part.reshape(shape), requires_grad=requires_grad) for part, shape in zip(parts, shapes)]

    def value(vector):
        nonlocal out_weights
        out = function(snn.nn.functional, *split(vector))
        if out_weights is None:
            out_weights = np.random.default_rng(1).standard_normal(out.shape)
        return float(np.sum(out.data * out_weights))

    def gradient(vector):
        inputs = split(vector, requires_grad=True)
        (function(snn.nn.functional, *inputs) * snn.tensor(out_weights)).sum().backward()
        return np.concatenate([t.grad.data.ravel() for t in inputs])

    value(point)
    error = check_grad(value, gradient, point)
    assert error < 1e-5 * max(1.0, np.linalg.norm(gradient(point))), f"{name}: |analytic - numeric| = {error:.2e}"


BAD_LAYER_CALLS = [
    ("conv2d 2-D input", lambda: snn.nn.Conv2d(3, 4, 3)(snn.zeros(3, 5)), ValueError, r"3D \(unbatched\) or 4D"),
    ("conv2d channels", lambda: snn.nn.Conv2d(3, 4, 3)(snn.zeros(1, 2, 5, 5)), ValueError,
     r"weight of size \[4, 3, 3, 3\], expected input\[1, 2, 5, 5\] to have 3 channels, but got 2"),
    ("conv2d dtype", lambda: snn.nn.Conv2d(1, 1, 1)(snn.zeros(1, 1, 2, 2, dtype=snn.float64)), TypeError, "dtype"),
    ("conv2d int input", lambda: snn.nn.Conv2d(1, 1, 1)(snn.zeros(1, 1, 2, 2, dtype=snn.int64)), TypeError,
     "floating point"),
    ("conv2d kernel too big", lambda: snn.nn.Conv2d(1, 1, 5)(snn.zeros(1, 1, 3, 3)), ValueError,
     "kernel can't be greater"),
    ("conv2d bad padding string", lambda: snn.nn.Conv2d(1, 1, 3, padding="full"), ValueError, "Invalid padding"),
    ("conv2d same strided", lambda: snn.nn.Conv2d(1, 1, 3, stride=2, padding="same"), ValueError, "strided"),
    ("conv2d padding_mode", lambda: snn.nn.Conv2d(1, 1, 3, padding_mode="reflect"), ValueError, "padding_mode"),
    ("conv2d groups", lambda: snn.nn.Conv2d(3, 4, 3, groups=2), ValueError, "divisible by groups"),
    ("conv2d stride 0", lambda: snn.nn.Conv2d(1, 1, 3, stride=0), ValueError, "stride must be positive"),
    ("conv2d kernel tuple", lambda: snn.nn.Conv2d(1, 1, (3, 3, 3)), ValueError, "tuple of 2 ints"),
    ("conv2d kernel str", lambda: snn.nn.Conv2d(1, 1, "3"), TypeError, "kernel_size must be an int"),
    ("conv2d channels 0", lambda: snn.nn.Conv2d(0, 1, 3), ValueError, "in_channels must be >= 1"),
    ("functional groups", lambda: snn.nn.functional.conv2d(snn.zeros(1, 2, 3, 3), snn.zeros(2, 2, 1, 1), groups=0),
     ValueError, "groups must be a positive"),
    ("functional bias shape", lambda: snn.nn.functional.conv2d(snn.zeros(1, 2, 3, 3), snn.zeros(2, 2, 1, 1),
                                                                snn.zeros(3)),
     ValueError, r"bias must have shape \(2,\)"),
    ("conv_transpose output_padding", lambda: snn.nn.ConvTranspose2d(1, 1, 3, stride=2, output_padding=2)(
        snn.zeros(1, 1, 3, 3)), ValueError, "output padding must be smaller"),
    ("conv_transpose string padding", lambda: snn.nn.ConvTranspose2d(1, 1, 3, padding="same"), ValueError,
     "Invalid padding"),
    ("conv_transpose channels", lambda: snn.nn.ConvTranspose2d(2, 1, 3)(snn.zeros(1, 3, 3, 3)), ValueError,
     "to have 2 channels"),
    ("max_pool padding", lambda: snn.nn.MaxPool2d(2, padding=2)(snn.zeros(1, 1, 4, 4)), ValueError,
     "at most half"),
    ("max_pool too small", lambda: snn.nn.MaxPool2d(5)(snn.zeros(1, 1, 3, 3)), ValueError, "too small"),
    ("max_pool 2-D", lambda: snn.nn.MaxPool2d(2)(snn.zeros(4, 4)), ValueError, "3D"),
    ("max_pool empty", lambda: snn.nn.MaxPool2d(2)(snn.zeros(1, 0, 4, 4)), ValueError, "non-zero"),
    ("avg_pool divisor", lambda: snn.nn.AvgPool2d(2, divisor_override=0)(snn.zeros(1, 1, 4, 4)), ValueError,
     "divisor_override"),
    ("adaptive size", lambda: snn.nn.AdaptiveAvgPool2d((0, 2))(snn.zeros(1, 1, 4, 4)), ValueError,
     "positive"),
    ("batch_norm one value", lambda: snn.nn.BatchNorm1d(3)(snn.zeros(1, 3)), ValueError,
     "more than 1 value per channel"),
    ("batch_norm channels", lambda: snn.nn.BatchNorm2d(3)(snn.zeros(2, 4, 2, 2)), ValueError, "3 channels"),
    ("batch_norm ndim", lambda: snn.nn.BatchNorm2d(3)(snn.zeros(2, 3)), ValueError, "expected 4D input"),
    ("layer_norm shape", lambda: snn.nn.LayerNorm(4)(snn.zeros(2, 3)), ValueError,
     r"normalized_shape=\[4\], expected input with shape \[\*, 4\], but got input of size \[2, 3\]"),
    ("embedding floats", lambda: snn.nn.Embedding(3, 2)(snn.zeros(2)), TypeError, "integer tensor"),
    ("embedding range", lambda: snn.nn.Embedding(3, 2)(snn.tensor([0, 3])), IndexError, "out of range"),
    ("embedding negative", lambda: snn.nn.Embedding(3, 2)(snn.tensor([-1])), IndexError, "out of range"),
    ("embedding padding_idx", lambda: snn.nn.Embedding(3, 2, padding_idx=3), ValueError, "padding_idx"),
    ("embedding sparse", lambda: snn.nn.Embedding(3, 2, sparse=True), ValueError, "sparse"),
    ("linear features", lambda: snn.nn.Linear(3, 2)(snn.zeros(4, 2)), ValueError, "features"),
    ("linear size", lambda: snn.nn.Linear(-1, 2), ValueError, "in_features must be >= 0"),
    ("linear dtype", lambda: snn.nn.Linear(1, 2, dtype=np.int64), TypeError, "floating point"),
    ("unflatten size", lambda: snn.nn.Unflatten(1, (2, 4))(snn.zeros(2, 6)), ValueError, "multiply"),
    ("gelu approximate", lambda: snn.nn.GELU("fast"), ValueError, "approximate"),
]


@pytest.mark.parametrize(("name", "call", "error", "message"), BAD_LAYER_CALLS, ids=[c[0] for c in BAD_LAYER_CALLS])
def test_bad_input_raises_clear_errors(name, call, error, message):
    with pytest.raises(error, match=message):
        call()
