"""Randomness: Generator/manual_seed reproducibility, the random factories and dropout.

Our streams are numpy's PCG64, not torch's Mersenne Twister, so values cannot match torch's;
instead shapes and dtypes are compared with torch, the same seed must give the same values,
and the distributions are checked by their moments (n = 20000 draws, 6-sigma bounds) and, for
dropout, by recomputing torch's formula x * mask / (1 - p) from our mask.
"""

import numpy as np
import pytest
import scratch_nn as snn
import torch
from parity import numpy_dtype

N = 20000


def test_default_generator_starts_from_torchs_default_seed():
    assert snn.random.DEFAULT_SEED == 67280421310721
    assert snn.Generator().initial_seed() == snn.random.DEFAULT_SEED


def test_manual_seed_reproduces_the_default_stream():
    snn.manual_seed(123)
    first = (snn.randn(5), snn.rand(3), snn.randint(0, 10, (4,)), snn.randperm(6))
    generator = snn.manual_seed(123)
    second = (snn.randn(5), snn.rand(3), snn.randint(0, 10, (4,)), snn.randperm(6))
    assert generator is snn.default_generator and snn.initial_seed() == 123
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a.data, b.data)


def test_generators_are_independent_streams():
    g1, g2 = snn.Generator().manual_seed(7), snn.Generator().manual_seed(7)
    a = snn.randn(4, generator=g1)
    snn.randn(100)  # the default stream does not disturb g2
    np.testing.assert_array_equal(a.data, snn.randn(4, generator=g2).data)
    assert not np.array_equal(snn.randn(4, generator=g1).data, a.data)


def test_seed_reseeds_from_the_os():
    generator = snn.Generator()
    seed = generator.seed()
    assert generator.initial_seed() == seed and seed >= 0
    assert isinstance(snn.seed(), int)


def test_a_numpy_generator_is_accepted():
    np.testing.assert_array_equal(snn.rand(3, generator=np.random.default_rng(1)).data,
                                  snn.rand(3, generator=np.random.default_rng(1)).data)


@pytest.mark.parametrize(("name", "call"), [
    ("rand", lambda lib, g: lib.rand(3, 4, generator=g)),
    ("randn", lambda lib, g: lib.randn((2, 5), generator=g)),
    ("randn-f64", lambda lib, g: lib.randn(3, generator=g, dtype=lib.float64)),
    ("rand_like", lambda lib, g: lib.rand_like(lib.zeros(2, 3, dtype=lib.float64))),
    ("randn_like", lambda lib, g: lib.randn_like(lib.zeros(4))),
    ("randint", lambda lib, g: lib.randint(3, 9, (2, 2), generator=g)),
    ("randint-high-only", lambda lib, g: lib.randint(5, (6,), generator=g)),
    ("randperm", lambda lib, g: lib.randperm(7, generator=g)),
])
def test_random_factories_have_torchs_shapes_and_dtypes(name, call):
    ours = call(snn, snn.Generator().manual_seed(0))
    theirs = call(torch, torch.Generator().manual_seed(0))
    assert ours.shape == tuple(theirs.shape) and ours.dtype == numpy_dtype(theirs.dtype), name


def test_distributions_have_the_right_moments():
    generator = snn.Generator().manual_seed(0)
    uniform = snn.rand(N, generator=generator, dtype=snn.float64).data
    normal = snn.randn(N, generator=generator, dtype=snn.float64).data
    assert abs(uniform.mean() - 0.5) < 6 * np.sqrt(1 / 12 / N) and 0 <= uniform.min() and uniform.max() < 1
    assert abs(uniform.var() - 1 / 12) < 0.01
    assert abs(normal.mean()) < 6 / np.sqrt(N) and abs(normal.std() - 1) < 0.03
    integers = snn.randint(-2, 3, (N,), generator=generator).data
    assert set(np.unique(integers)) == {-2, -1, 0, 1, 2}
    assert np.all(np.abs(np.bincount(integers + 2) / N - 0.2) < 6 * np.sqrt(0.16 / N))
    assert sorted(snn.randperm(50, generator=generator).tolist()) == list(range(50))


def test_inplace_initializers_draw_from_the_requested_distribution():
    generator = snn.Generator().manual_seed(1)
    weights = snn.empty(N, dtype=snn.float64).uniform_(-2.0, 3.0, generator=generator)
    assert -2.0 <= weights.data.min() and weights.data.max() < 3.0
    assert abs(weights.data.mean() - 0.5) < 6 * np.sqrt(25 / 12 / N)
    weights.normal_(1.0, 0.5, generator=generator)
    assert abs(weights.data.mean() - 1.0) < 6 * 0.5 / np.sqrt(N) and abs(weights.data.std() - 0.5) < 0.02
    assert snn.empty(3).uniform_().dtype == snn.float32
    with pytest.raises(TypeError, match="floating point"):
        snn.zeros(3, dtype=snn.int64).normal_()
    with pytest.raises(ValueError, match="std must be >= 0"):
        snn.zeros(3).normal_(0.0, -1.0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("p", [0.2, 0.5, 0.9])
def test_dropout_matches_torchs_formula_for_its_mask(p, dtype, rng):
    array = rng.uniform(0.5, 2.0, (N,)).astype(dtype)  # nonzero, so a zero output means "dropped"
    x = snn.tensor(array, requires_grad=True)
    out = snn.nn.functional.dropout(x, p, generator=snn.Generator().manual_seed(3))
    kept = out.data != 0
    assert out.dtype == dtype
    assert abs(kept.mean() - (1 - p)) < 6 * np.sqrt(p * (1 - p) / N)
    tolerance = 1e-6 if dtype == np.float32 else 1e-12
    torch_formula = torch.tensor(array) * torch.tensor(kept) / (1 - p)  # torch's dropout, given the mask
    np.testing.assert_allclose(out.data, torch_formula.numpy(), rtol=tolerance)
    weights = rng.standard_normal(N).astype(dtype)
    (out * snn.tensor(weights)).sum().backward()
    np.testing.assert_allclose(x.grad.data, weights * kept / (1 - p), rtol=tolerance)


def test_dropout_mask_is_reproducible_and_follows_the_default_generator():
    x = snn.ones(100)
    a = snn.dropout(x, 0.5, generator=snn.Generator().manual_seed(9))
    b = snn.dropout(x, 0.5, generator=snn.Generator().manual_seed(9))
    np.testing.assert_array_equal(a.data, b.data)
    snn.manual_seed(4)
    c = snn.nn.functional.dropout(x)
    snn.manual_seed(4)
    np.testing.assert_array_equal(c.data, snn.nn.functional.dropout(x).data)
