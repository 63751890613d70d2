"""nn.init and the layers' default initializations against torch.

The draws come from another random stream than torch's (numpy's PCG64), so values cannot match;
the distributions must. Each case fills a large tensor in both libraries (seeded, so every run
sees the same numbers) and requires a two-sample Kolmogorov-Smirnov test not to tell them apart
(p > 1e-3), plus the moments and bounds that torch's formula gives. One case shows the KS test
does reject a distribution that is only 10% too wide. Deterministic fills (constant_, eye_)
and the gain / fan helpers must equal torch's exactly."""

import math

import numpy as np
import pytest
import scratch_nn as snn
import torch
from scipy.stats import ks_2samp

init = snn.nn.init
SHAPE = (150, 40, 3)  # fan_in 120, fan_out 450; 18000 draws


def ours_and_torch(name, shape=SHAPE, seed=0, **kwargs):
    """Fill a tensor of `shape` with our init `name` and torch's, each seeded; returns two flat arrays."""
    ours = getattr(init, name)(snn.empty(*shape, dtype=snn.float64), **kwargs,
                               generator=snn.Generator().manual_seed(seed))
    theirs = getattr(torch.nn.init, name)(torch.empty(*shape, dtype=torch.float64), **kwargs,
                                          generator=torch.Generator().manual_seed(seed))
    return ours.data.ravel(), theirs.numpy().ravel()


RANDOM_CASES = [
    ("uniform_", dict(a=-2.0, b=3.0), lambda: (0.5, 5 / math.sqrt(12))),
    ("normal_", dict(mean=1.0, std=2.0), lambda: (1.0, 2.0)),
    ("trunc_normal_", dict(mean=0.5, std=1.0, a=-1.0, b=2.0), None),
    ("xavier_uniform_", dict(gain=2.0), lambda: (0.0, 2.0 * math.sqrt(2.0 / (120 + 450)))),
    ("xavier_normal_", dict(gain=0.5), lambda: (0.0, 0.5 * math.sqrt(2.0 / (120 + 450)))),
    ("kaiming_uniform_", dict(nonlinearity="relu"), lambda: (0.0, math.sqrt(2.0 / 120))),
    ("kaiming_uniform_", dict(a=math.sqrt(5)), lambda: (0.0, 1 / math.sqrt(3 * 120))),
    ("kaiming_normal_", dict(a=0.1, mode="fan_out"), lambda: (0.0, math.sqrt(2.0 / 1.01) / math.sqrt(450))),
    ("kaiming_normal_", dict(nonlinearity="tanh"), lambda: (0.0, 5 / 3 / math.sqrt(120))),
    ("orthogonal_", dict(gain=1.5), lambda: (0.0, 1.5 / math.sqrt(150))),  # 120 unit columns of length 150
]


@pytest.mark.parametrize(("name", "kwargs", "moments"), RANDOM_CASES,
                         ids=[f"{c[0]}{c[1]}" for c in RANDOM_CASES])
def test_random_init_has_torch_distribution(name, kwargs, moments):
    ours, theirs = ours_and_torch(name, **kwargs)
    assert ks_2samp(ours, theirs).pvalue > 1e-3
    if moments is not None:
        mean, std = moments()
        assert abs(ours.mean() - mean) < 4 * std / math.sqrt(ours.size)
        assert abs(ours.std() / std - 1) < 0.03
    if name in ("uniform_", "xavier_uniform_", "kaiming_uniform_"):
        bound = math.sqrt(3) * moments()[1]
        low, high = (kwargs["a"], kwargs["b"]) if name == "uniform_" else (-bound, bound)
        assert low <= ours.min() < low + 0.01 * (high - low) and high - 0.01 * (high - low) < ours.max() <= high
    if name == "trunc_normal_":
        assert ours.min() >= -1.0 and ours.max() <= 2.0


def test_the_distribution_check_can_fail():
    ours = init.xavier_uniform_(snn.empty(*SHAPE, dtype=snn.float64), gain=1.1,
                                generator=snn.Generator().manual_seed(0))
    theirs = torch.nn.init.xavier_uniform_(torch.empty(*SHAPE, dtype=torch.float64), gain=1.0)
    assert ks_2samp(ours.data.ravel(), theirs.numpy().ravel()).pvalue < 1e-6


@pytest.mark.parametrize("shape", [(20, 50), (50, 20), (6, 2, 3, 3)])
def test_orthogonal_rows_or_columns_are_orthonormal(shape):
    gain = 2.0
    matrix = init.orthogonal_(snn.empty(*shape, dtype=snn.float64), gain=gain).data.reshape(shape[0], -1)
    small = min(matrix.shape)
    product = matrix @ matrix.T if matrix.shape[0] == small else matrix.T @ matrix  # (small, small)
    np.testing.assert_allclose(product, gain**2 * np.eye(small), atol=1e-12)


def test_orthogonal_is_sign_corrected_like_torch():
    """Without the sign fix, QR's diagonal of R would follow the algorithm's sign convention and Q
    would not be uniform: the first column of a Haar matrix has mean 0 in every entry."""
    firsts = np.stack([init.orthogonal_(snn.empty(3, 3, dtype=snn.float64),
                                        generator=snn.Generator().manual_seed(s)).data[:, 0] for s in range(400)])
    assert np.all(np.abs(firsts.mean(axis=0)) < 0.12)  # each entry has std 1/sqrt(3): 4 sigma = 0.115


def test_deterministic_fills_equal_torch():
    for name, args in [("constant_", (0.3,)), ("zeros_", ()), ("ones_", ()), ("eye_", ())]:
        ours = getattr(init, name)(snn.empty(3, 5), *args)
        theirs = getattr(torch.nn.init, name)(torch.empty(3, 5), *args)
        np.testing.assert_array_equal(ours.data, theirs.numpy())


def test_gain_and_fans_equal_torch():
    for nonlinearity in ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                         "conv_transpose3d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]:
        assert init.calculate_gain(nonlinearity) == torch.nn.init.calculate_gain(nonlinearity)
    for slope in [0, 0.2, 3]:
        assert init.calculate_gain("leaky_relu", slope) == torch.nn.init.calculate_gain("leaky_relu", slope)
    for shape in [(3, 4), (6, 3, 5, 5), (2, 3, 4), (4, 0)]:
        assert init._calculate_fan_in_and_fan_out(snn.empty(*shape)) == \
            torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(*shape))


def test_generator_seeds_reproduce_and_default_generator_is_used():
    first = init.kaiming_normal_(snn.empty(4, 6), generator=snn.Generator().manual_seed(3))
    again = init.kaiming_normal_(snn.empty(4, 6), generator=snn.Generator().manual_seed(3))
    other = init.kaiming_normal_(snn.empty(4, 6), generator=snn.Generator().manual_seed(4))
    np.testing.assert_array_equal(first.data, again.data)
    assert not np.array_equal(first.data, other.data)
    snn.manual_seed(11)
    a = snn.nn.Linear(5, 4)
    snn.manual_seed(11)
    b = snn.nn.Linear(5, 4)
    np.testing.assert_array_equal(a.weight.data, b.weight.data)
    assert init.zeros_(snn.empty(2, 3)).dtype == np.float32  # fills keep the tensor's dtype


def test_init_fills_parameters_in_place_without_recording():
    layer = snn.nn.Linear(3, 2)
    weight = layer.weight
    assert init.xavier_uniform_(layer.weight) is weight and weight.requires_grad and weight.grad_fn is None
    empty = snn.empty(0, 3)
    assert init.kaiming_uniform_(empty) is empty  # nothing to fill (torch warns)


LAYER_DEFAULTS = [  # (builder, parameter): torch's reset_parameters
    (lambda nn: nn.Linear(300, 200), "weight"),
    (lambda nn: nn.Linear(300, 2000), "bias"),
    (lambda nn: nn.Conv2d(16, 64, 3), "weight"),
    (lambda nn: nn.Conv2d(16, 2000, 3, groups=2), "bias"),
    (lambda nn: nn.Conv1d(8, 200, 5), "weight"),
    (lambda nn: nn.ConvTranspose2d(64, 16, 3, groups=2), "weight"),
    (lambda nn: nn.ConvTranspose2d(8, 2000, 2), "bias"),
    (lambda nn: nn.Embedding(300, 30), "weight"),
]


@pytest.mark.parametrize(("build", "name"), LAYER_DEFAULTS,
                         ids=[f"{build(torch.nn)}.{name}" for build, name in LAYER_DEFAULTS])
def test_layer_default_init_has_torch_distribution(build, name):
    snn.manual_seed(0)
    torch.manual_seed(0)
    ours = getattr(build(snn.nn), name).data.ravel()
    theirs = getattr(build(torch.nn), name).detach().numpy().ravel()
    assert ks_2samp(ours, theirs).pvalue > 1e-3
    if name == "bias" or "Embedding" not in repr(build(torch.nn)):
        bound = np.abs(theirs).max()
        assert np.abs(ours).max() <= bound * 1.001  # U(-1/sqrt(fan_in), 1/sqrt(fan_in))


def test_norm_layers_start_at_identity_like_torch():
    for build in [lambda nn: nn.BatchNorm2d(4), lambda nn: nn.LayerNorm((2, 3))]:
        theirs = build(torch.nn).state_dict()
        for key, mine in build(snn.nn).state_dict().items():
            np.testing.assert_array_equal(mine.data, theirs[key].numpy(), err_msg=key)


BAD_INIT_CALLS = [
    ("not a tensor", lambda: init.normal_(np.zeros(3)), TypeError, "Tensor"),
    ("integer tensor", lambda: init.ones_(snn.zeros(3, dtype=snn.int64)), TypeError, "floating point"),
    ("fan of a vector", lambda: init.xavier_normal_(snn.empty(5)), ValueError, "fewer than 2 dimensions"),
    ("unknown mode", lambda: init.kaiming_uniform_(snn.empty(3, 3), mode="fan_avg"), ValueError, "fan_avg"),
    ("unknown nonlinearity", lambda: init.kaiming_normal_(snn.empty(3, 3), nonlinearity="swish"), ValueError,
     "Unsupported nonlinearity swish"),
    ("bad slope", lambda: init.calculate_gain("leaky_relu", "0.1"), ValueError, "not a valid number"),
    ("orthogonal vector", lambda: init.orthogonal_(snn.empty(4)), ValueError, "2 or more dimensions"),
    ("uniform bounds", lambda: init.uniform_(snn.empty(2), 1.0, 0.0), ValueError, "a <= b"),
    ("normal std", lambda: init.normal_(snn.empty(2), 0.0, -1.0), ValueError, "std"),
    ("trunc bounds", lambda: init.trunc_normal_(snn.empty(2), a=1.0, b=1.0), ValueError, "a < b"),
    ("eye 3-D", lambda: init.eye_(snn.empty(2, 2, 2)), ValueError, "2 dimensions"),
    ("bad generator", lambda: init.normal_(snn.empty(2), generator=3), TypeError, "generator"),
]


@pytest.mark.parametrize(("name", "call", "error", "message"), BAD_INIT_CALLS, ids=[c[0] for c in BAD_INIT_CALLS])
def test_bad_init_arguments_raise_clear_errors(name, call, error, message):
    with pytest.raises(error, match=message):
        call()
