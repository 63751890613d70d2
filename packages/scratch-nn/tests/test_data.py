"""scratch_nn.data against torch.utils.data: batches, collate structure, samplers, random_split.

Without shuffling, every batch must equal torch's DataLoader batch on the same samples EXACTLY
(tolerance 0: batching only copies values): same container types (a tuple sample becomes a
list, dicts and namedtuples keep their type, strings pass through), same dtypes, shapes, values.
Shuffled orders cannot match torch's (its Mersenne Twister vs our PCG64), so they are checked
for what they promise: each epoch is a permutation, epochs differ, and a seed replays them all.
random_split's sizes are deterministic and must equal torch's.
"""

import collections
import warnings

import numpy as np
import pytest
import scratch_nn as snn
import torch
import torch.utils.data as torch_data
from parity import numpy_dtype
from scratch_nn import data

Point = collections.namedtuple("Point", ["x", "y"])


def assert_same_batch(ours, theirs, where="batch"):
    """Recursively: the same structure, and tensors equal to torch's in dtype, shape and values."""
    if isinstance(theirs, torch.Tensor):
        assert isinstance(ours, snn.Tensor), f"{where}: {type(ours).__name__} instead of a Tensor"
        assert ours.dtype == numpy_dtype(theirs.dtype), f"{where}: dtype {ours.dtype} vs torch {theirs.dtype}"
        np.testing.assert_array_equal(ours.data, theirs.numpy(), err_msg=where)
        return
    assert type(ours) is type(theirs), f"{where}: {type(ours).__name__} vs torch's {type(theirs).__name__}"
    if isinstance(theirs, dict):
        assert list(ours) == list(theirs), f"{where}: keys {list(ours)} vs {list(theirs)}"
        for key in theirs:
            assert_same_batch(ours[key], theirs[key], f"{where}[{key!r}]")
    elif isinstance(theirs, (list, tuple)):
        assert len(ours) == len(theirs), f"{where}: length {len(ours)} vs {len(theirs)}"
        for k, (a, b) in enumerate(zip(ours, theirs)):
            assert_same_batch(a, b, f"{where}[{k}]")
    else:
        assert ours == theirs, f"{where}: {ours!r} vs {theirs!r}"


class ListDataset:
    """The same samples for both libraries: plain Python/numpy values (torch converts them itself)."""

    def __init__(self, samples):
        self.samples = samples

    def __getitem__(self, index):
        return self.samples[index]

    def __len__(self):
        return len(self.samples)


def sample_sets(rng):
    n = 7
    return {
        "dicts": [{"image": rng.standard_normal((2, 3)), "label": int(k % 3), "name": f"s{k}"} for k in range(n)],
        "tuples": [(rng.standard_normal(4).astype(np.float32), float(k) / 2, bool(k % 2)) for k in range(n)],
        "namedtuples": [Point(np.float32(k), np.int16(k * 2)) for k in range(n)],
        "lists": [[k, rng.integers(0, 9, size=3)] for k in range(n)],
        "scalars": [np.float64(k) / 3 for k in range(n)],
    }


@pytest.mark.parametrize("kind", ["dicts", "tuples", "namedtuples", "lists", "scalars"])
@pytest.mark.parametrize("batch_size, drop_last", [(1, False), (3, False), (3, True), (7, False), (10, True)])
def test_default_collate_batches_equal_torchs(rng, kind, batch_size, drop_last):
    samples = sample_sets(rng)[kind]
    ours = list(data.DataLoader(ListDataset(samples), batch_size=batch_size, drop_last=drop_last))
    theirs = list(torch_data.DataLoader(ListDataset(samples), batch_size=batch_size, drop_last=drop_last))
    assert len(ours) == len(theirs)
    for k, (a, b) in enumerate(zip(ours, theirs)):
        assert_same_batch(a, b, f"{kind} batch {k}")


@pytest.mark.parametrize("kind", ["dicts", "tuples", "namedtuples", "lists"])
def test_batch_size_none_converts_each_sample_like_torch(rng, kind):
    samples = sample_sets(rng)[kind]
    ours = list(data.DataLoader(ListDataset(samples), batch_size=None))
    theirs = list(torch_data.DataLoader(ListDataset(samples), batch_size=None))
    for k, (a, b) in enumerate(zip(ours, theirs)):
        assert_same_batch(a, b, f"{kind} sample {k}")


def tensor_datasets(rng, n=11):
    features = rng.standard_normal((n, 3, 2)).astype(np.float32)
    labels = rng.integers(0, 5, size=n)
    ours = data.TensorDataset(snn.tensor(features), snn.tensor(labels))
    theirs = torch_data.TensorDataset(torch.tensor(features), torch.tensor(labels))
    return ours, theirs


@pytest.mark.parametrize("batch_size, drop_last", [(1, False), (4, False), (4, True), (11, True), (20, False)])
def test_tensor_dataset_batches_equal_torchs(rng, batch_size, drop_last):
    ours_ds, theirs_ds = tensor_datasets(rng)
    ours = list(data.DataLoader(ours_ds, batch_size=batch_size, drop_last=drop_last))
    theirs = list(torch_data.DataLoader(theirs_ds, batch_size=batch_size, drop_last=drop_last))
    assert len(ours) == len(theirs)
    for k, (a, b) in enumerate(zip(ours, theirs)):
        assert_same_batch(a, b, f"batch {k}")


def test_subsets_of_tensor_datasets_batch_like_torch(rng):
    ours_ds, theirs_ds = tensor_datasets(rng)
    outer, inner = [4, 0, 3, 2, -1], [10, 1, 9, 2, 8, 3, 7]
    ours = data.Subset(data.Subset(ours_ds, inner), outer)
    theirs = torch_data.Subset(torch_data.Subset(theirs_ds, inner), outer)
    assert len(ours) == len(theirs) == 5
    batches = zip(data.DataLoader(ours, batch_size=2), torch_data.DataLoader(theirs, batch_size=2))
    for k, (a, b) in enumerate(batches):
        assert_same_batch(a, b, f"batch {k}")
    assert_same_batch(ours[1], theirs[1], "subset[1]")


def test_tensor_dataset_fast_path_cuts_each_batch_with_one_index(rng, monkeypatch):
    ours_ds, _ = tensor_datasets(rng)
    reference = list(data.DataLoader(ours_ds, batch_size=4, collate_fn=data.default_collate))  # per sample
    calls = []
    original = snn.Tensor.__getitem__
    monkeypatch.setattr(snn.Tensor, "__getitem__", lambda self, key: calls.append(key) or original(self, key))
    fast = list(data.DataLoader(data.Subset(ours_ds, range(11)), batch_size=4))
    assert len(calls) == 2 * len(fast)  # one index per tensor per batch, not one per sample
    for a, b in zip(fast, reference):
        assert_same_batch(a, [torch.tensor(t.data) for t in b])


def test_fast_path_keeps_autograd_like_stacking():
    weights = snn.randn(6, 2, requires_grad=True)
    (batch,) = next(iter(data.DataLoader(data.TensorDataset(weights), batch_size=6)))
    (batch * snn.arange(6).reshape(6, 1)).sum().backward()
    np.testing.assert_array_equal(weights.grad.data, np.repeat(np.arange(6.0, dtype=np.float32)[:, None], 2, 1))


def test_concat_dataset_indexes_like_torch(rng):
    a = ListDataset(list(range(3)))
    b = ListDataset(list(range(10, 15)))
    ours = data.ConcatDataset([a, b])
    theirs = torch_data.ConcatDataset([a, b])
    assert len(ours) == len(theirs) == 8
    assert [ours[i] for i in range(-8, 8)] == [theirs[i] for i in range(-8, 8)]
    assert len(data.TensorDataset(snn.zeros(2)) + data.TensorDataset(snn.ones(3))) == 5
    with pytest.raises(IndexError, match="out of range"):
        ours[8]


@pytest.mark.parametrize("n, batch_size, drop_last",
                         [(10, 3, False), (10, 3, True), (9, 3, True), (2, 5, True), (0, 2, False)])
def test_len_and_batch_sizes_equal_torchs(n, batch_size, drop_last):
    ours = data.DataLoader(ListDataset(list(range(n))), batch_size=batch_size, drop_last=drop_last)
    theirs = torch_data.DataLoader(ListDataset(list(range(n))), batch_size=batch_size, drop_last=drop_last)
    assert len(ours) == len(theirs)
    assert [len(batch) for batch in ours] == [len(batch) for batch in theirs]


def test_batch_sampler_over_sequential_sampler_equals_torchs():
    for drop_last in (False, True):
        ours = data.BatchSampler(data.SequentialSampler(range(10)), 4, drop_last)
        theirs = torch_data.BatchSampler(torch_data.SequentialSampler(range(10)), 4, drop_last)
        assert list(ours) == list(theirs) and len(ours) == len(theirs)


def epochs(loader, count=3):
    return [np.concatenate([batch[0].data for batch in loader]).tolist() for _ in range(count)]


@pytest.mark.parametrize("make_generator", [lambda: 5, lambda: snn.Generator().manual_seed(5)])
def test_seeded_shuffle_replays_and_reshuffles_each_epoch(make_generator):
    dataset = data.TensorDataset(snn.arange(20))
    first = epochs(data.DataLoader(dataset, batch_size=6, shuffle=True, generator=make_generator()))
    again = epochs(data.DataLoader(dataset, batch_size=6, shuffle=True, generator=make_generator()))
    assert first == again
    assert all(sorted(epoch) == list(range(20)) for epoch in first)
    assert first[0] != first[1] != first[2]
    other = epochs(data.DataLoader(dataset, batch_size=6, shuffle=True, generator=6))
    assert other != first


def test_shuffle_without_generator_follows_manual_seed():
    dataset = data.TensorDataset(snn.arange(30))
    snn.manual_seed(11)
    first = epochs(data.DataLoader(dataset, batch_size=8, shuffle=True), 2)
    snn.manual_seed(11)
    assert epochs(data.DataLoader(dataset, batch_size=8, shuffle=True), 2) == first


def test_random_samplers_draw_valid_indices():
    with_replacement = list(data.RandomSampler(range(5), replacement=True, num_samples=50, generator=0))
    assert len(with_replacement) == 50 and set(with_replacement) <= set(range(5))
    chained = list(data.RandomSampler(range(4), num_samples=10, generator=0))
    assert sorted(chained[:4]) == sorted(chained[4:8]) == [0, 1, 2, 3] and len(chained) == 10
    subset = list(data.SubsetRandomSampler([7, 3, 9], generator=1))
    assert sorted(subset) == [3, 7, 9]
    sampler = data.SubsetRandomSampler([1, 5, 8])
    loader = data.DataLoader(ListDataset(list(range(10))), batch_size=4, sampler=sampler)
    assert sorted(np.concatenate([b.data for b in loader]).tolist()) == [1, 5, 8]


@pytest.mark.parametrize("n, lengths", [(10, [0.25, 0.25, 0.5]), (10, [0.3, 0.7]), (7, [0.5, 0.5]),
                                        (30, [0.1] * 10), (10, [3, 7]), (5, [5, 0]), (1, [1])])
def test_random_split_sizes_equal_torchs_and_parts_are_disjoint(n, lengths):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # both warn about empty splits
        ours = data.random_split(ListDataset(list(range(n))), lengths, generator=3)
        theirs = torch_data.random_split(ListDataset(list(range(n))), lengths)
    assert [len(part) for part in ours] == [len(part) for part in theirs]
    items = [ours_part[k] for ours_part in ours for k in range(len(ours_part))]
    assert sorted(items) == list(range(n))  # disjoint and covering
    again = data.random_split(ListDataset(list(range(n))), lengths, generator=3)
    assert [part.indices for part in again] == [part.indices for part in ours]


def test_random_split_warns_about_an_empty_split_like_torch():
    with pytest.warns(UserWarning, match="Length of split at index 1 is 0"):
        data.random_split(range(3), [1.0, 0.0], generator=0)


@pytest.mark.parametrize("build, error, match", [
    (lambda ds: data.DataLoader(ds, batch_size=0), ValueError, "batch_size should be a positive integer"),
    (lambda ds: data.DataLoader(ds, batch_size=2.5), ValueError, "batch_size should be a positive integer"),
    (lambda ds: data.DataLoader(ds, drop_last=1), ValueError, "drop_last should be a boolean"),
    (lambda ds: data.DataLoader(ds, shuffle="yes"), TypeError, "shuffle should be a boolean"),
    (lambda ds: data.DataLoader(ds, shuffle=True, sampler=range(3)), ValueError, "exclusive with shuffle"),
    (lambda ds: data.DataLoader(ds, batch_size=2, batch_sampler=[[0, 1]]), ValueError, "mutually exclusive"),
    (lambda ds: data.DataLoader(ds, batch_size=None, drop_last=True), ValueError, "exclusive with drop_last"),
    (lambda ds: data.DataLoader(ds, collate_fn=3), TypeError, "collate_fn must be callable"),
    (lambda ds: data.DataLoader(ds, shuffle=True, generator="seed"), TypeError, "generator must be"),
    (lambda ds: data.DataLoader(iter([1, 2])), TypeError, "map-style dataset"),
    (lambda ds: data.RandomSampler([]), ValueError, "num_samples should be a positive integer"),
    (lambda ds: data.random_split(ds, [2, 2]), ValueError, "Sum of input lengths does not equal"),
    (lambda ds: data.random_split(ds, [1.5, -0.5]), ValueError, "fraction at index 0 is not between 0 and 1"),
    (lambda ds: data.random_split(ds, [2.5, 2.5]), ValueError, "lengths must be non-negative ints"),
    (lambda ds: data.random_split(ds, [-1, 6]), ValueError, "lengths must be non-negative ints"),
    (lambda ds: data.random_split(ds, [0.5, "a"]), TypeError, "lengths must be ints or fractions"),
    (lambda ds: data.random_split(ds, []), ValueError, "must not be empty"),
    (lambda ds: data.Subset(ds, [[0, 1]]), ValueError, "1-d sequence"),
])
def test_bad_arguments_raise_clear_errors(build, error, match):
    with pytest.raises(error, match=match):
        build(ListDataset(list(range(5))))


def test_tensor_dataset_checks_its_tensors():
    with pytest.raises(ValueError, match=r"equal first dimensions, got shapes \[\(3, 2\), \(4,\)\]"):
        data.TensorDataset(snn.zeros(3, 2), snn.zeros(4))
    with pytest.raises(TypeError, match="argument 1 is a ndarray"):
        data.TensorDataset(snn.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="argument 0 is 0-d"):
        data.TensorDataset(snn.tensor(1.0))
    with pytest.raises(ValueError, match="at least one tensor"):
        data.TensorDataset()


def test_default_collate_refuses_what_torch_refuses():
    with pytest.raises(ValueError, match="empty batch"):
        data.default_collate([])
    with pytest.raises(RuntimeError, match="equal size"):
        data.default_collate([[1, 2], [3]])
    with pytest.raises(TypeError, match="found object"):
        data.default_collate([object(), object()])
    with pytest.raises(TypeError, match="dtype <U1"):
        data.default_collate([np.array(["a"]), np.array(["b"])])
    with pytest.raises(ValueError, match="equal size"):
        data.default_collate([snn.zeros(2), snn.zeros(3)])
