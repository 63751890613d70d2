"""Module, Sequential, ModuleList, ModuleDict against torch.nn: the same model built in both
libraries (one builder, given either `nn` namespace) must have the same parameter, buffer, module
and state_dict names in the same order, the same repr, and the same answers to train/eval,
apply, zero_grad and load_state_dict. Weights cross between the two through safetensors files."""

from collections import OrderedDict

import numpy as np
import pytest
import safetensors.numpy
import safetensors.torch
import scratch_nn as snn
import torch

TOLERANCE = {np.float32: 1e-5, np.float64: 1e-12}  # the same weights in both: outputs agree to rounding


def make_block_class(nn):
    """A custom Module written once for both libraries: parameters, buffers (one not persistent),
    a bias-free child, a ModuleList and a ModuleDict, registered in a deliberately mixed order."""

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.scale = nn.Parameter(torch.ones(3) if nn is torch.nn else snn.ones(3))
            self.proj = nn.Linear(4, 3, bias=False)
            self.register_buffer("steps", torch.zeros(2) if nn is torch.nn else snn.zeros(2))
            self.register_buffer("cache", torch.zeros(1) if nn is torch.nn else snn.zeros(1), persistent=False)
            self.layers = nn.ModuleList([nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 3)])
            self.heads = nn.ModuleDict({"b": nn.Linear(3, 2), "a": nn.Linear(3, 1)})
            self.offset = nn.Parameter(torch.zeros(3) if nn is torch.nn else snn.zeros(3))

        def forward(self, x):
            h = self.proj(x) * self.scale + self.offset
            for layer in self.layers:
                h = layer(h)
            return self.heads["b"](h)

    return Block


def make_model(nn):
    block = make_block_class(nn)()
    shared = nn.Linear(2, 2)
    return nn.Sequential(OrderedDict([
        ("block", block),
        ("norm", nn.BatchNorm1d(2)),
        ("drop", nn.Dropout(0.25)),
        ("shared_a", shared),
        ("shared_b", shared),  # the same module twice: walked once, saved under both names
        ("stack", nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Sequential(nn.Linear(5, 2)))),
    ]))


@pytest.fixture
def models():
    return make_model(snn.nn), make_model(torch.nn)


def names(pairs):
    return [name for name, _ in pairs]


def test_walks_give_torch_names_in_torch_order(models):
    ours, theirs = models
    assert names(ours.named_parameters()) == names(theirs.named_parameters())
    assert names(ours.named_parameters(remove_duplicate=False)) == \
        names(theirs.named_parameters(remove_duplicate=False))
    assert names(ours.named_buffers()) == names(theirs.named_buffers())
    assert names(ours.named_modules()) == names(theirs.named_modules())
    assert names(ours.named_children()) == names(theirs.named_children())
    assert names(ours.block.named_parameters(prefix="x", recurse=False)) == \
        names(theirs.block.named_parameters(prefix="x", recurse=False))
    assert [type(m).__name__ for m in ours.modules()] == [type(m).__name__ for m in theirs.modules()]
    assert len(list(ours.parameters())) == len(list(theirs.parameters()))
    assert len(list(ours.buffers())) == len(list(theirs.buffers()))
    assert len(list(ours.children())) == len(list(theirs.children()))


def test_state_dict_has_torch_keys_shapes_and_dtypes(models):
    ours, theirs = models
    our_state, their_state = ours.state_dict(), theirs.state_dict()
    assert list(our_state) == list(their_state)  # non-persistent buffer left out, shared module twice
    assert "block.cache" not in our_state
    for key, value in their_state.items():
        assert our_state[key].shape == tuple(value.shape), key
        assert our_state[key].dtype == value.numpy().dtype, key


def test_state_dict_values_are_detached_snapshots(models):
    ours, _ = models
    state = ours.state_dict()
    assert not state["block.proj.weight"].requires_grad
    with snn.no_grad():
        ours.block.proj.weight.fill_(7.0)
    assert not np.any(state["block.proj.weight"].data == 7.0)  # a copy, not the live array
    kept = ours.state_dict(keep_vars=True)
    assert kept["block.proj.weight"] is ours.block.proj.weight


def test_weights_cross_both_ways_through_safetensors(models, tmp_path, rng):
    ours, theirs = models
    ours.eval(), theirs.eval()
    x = rng.standard_normal((5, 4)).astype(np.float32)
    # torch -> file -> ours
    # subtle: the shared module's tensors are saved twice, so torch's writer needs separate copies
    safetensors.torch.save_file({k: v.clone() for k, v in theirs.state_dict().items()}, tmp_path / "torch.safetensors")
    result = ours.load_state_dict(safetensors.numpy.load_file(tmp_path / "torch.safetensors"))
    assert result.missing_keys == [] and result.unexpected_keys == []
    np.testing.assert_allclose(ours(snn.tensor(x)).data, theirs(torch.tensor(x)).detach().numpy(), rtol=1e-5, atol=1e-6)
    # ours (changed) -> file -> torch
    with snn.no_grad():
        for param in ours.parameters():
            param.mul_(-0.5)
    ours.norm.running_var.data[...] = 2.0
    safetensors.numpy.save_file({k: v.numpy() for k, v in ours.state_dict().items()}, tmp_path / "ours.safetensors")
    theirs.load_state_dict(safetensors.torch.load_file(tmp_path / "ours.safetensors"))
    np.testing.assert_allclose(ours(snn.tensor(x)).data, theirs(torch.tensor(x)).detach().numpy(), rtol=1e-5, atol=1e-6)


def test_load_state_dict_accepts_torch_tensors_and_copies_in_place(models):
    ours, theirs = models
    weight = ours.block.proj.weight
    ours.load_state_dict(theirs.state_dict())  # torch tensors, read through numpy
    assert ours.block.proj.weight is weight  # same Parameter object (an optimizer keeps working)
    np.testing.assert_array_equal(weight.data, theirs.block.proj.weight.detach().numpy())
    assert ours.norm.num_batches_tracked.dtype == np.int64


def test_load_state_dict_strict_errors_list_every_problem_like_torch(models):
    ours, theirs = models
    state = {k: v.numpy() for k, v in theirs.state_dict().items()}
    del state["norm.running_mean"]
    state["extra.weight"] = np.zeros(3, np.float32)
    state["block.proj.weight"] = np.zeros((4, 3), np.float32)  # transposed shape
    with pytest.raises(RuntimeError) as error:  # torch raises for the same dict
        theirs.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()})
    with pytest.raises(snn.nn.module.StateDictError) as ours_error:
        ours.load_state_dict(state)
    message = str(ours_error.value)
    assert isinstance(ours_error.value, (RuntimeError, ValueError))
    for fragment in ('Missing key(s) in state_dict: "norm.running_mean"',
                     'Unexpected key(s) in state_dict: "extra.weight"',
                     "size mismatch for block.proj.weight", "(4, 3)", "(3, 4)"):
        assert fragment in message
    assert "Missing key(s)" in str(error.value) and "size mismatch for block.proj.weight" in str(error.value)


def test_load_state_dict_non_strict_reports_keys_like_torch(models):
    ours, theirs = models
    state = {k: v.numpy() for k, v in theirs.state_dict().items() if not k.startswith("stack")}
    state["surplus"] = np.ones(1, np.float32)
    expected = theirs.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()}, strict=False)
    result = ours.load_state_dict(state, strict=False)
    assert result.missing_keys == expected.missing_keys
    assert result.unexpected_keys == expected.unexpected_keys
    with pytest.raises(snn.nn.module.StateDictError, match="size mismatch"):  # shapes are checked anyway
        ours.load_state_dict({"norm.weight": np.ones(5, np.float32)}, strict=False)
    with pytest.raises(TypeError, match="dict-like"):
        ours.load_state_dict([1, 2])


def test_train_eval_and_apply_follow_torch(models):
    ours, theirs = models
    assert ours.training and all(m.training for m in ours.modules())
    assert ours.stack.eval() is ours.stack
    theirs.stack.eval()
    assert [m.training for m in ours.modules()] == [m.training for m in theirs.modules()]
    ours.train(), theirs.train()
    assert [m.training for m in ours.modules()] == [m.training for m in theirs.modules()]
    with pytest.raises(ValueError, match="boolean"):
        ours.train("yes")
    visited_ours, visited_theirs = [], []
    ours.apply(lambda m: visited_ours.append(type(m).__name__))
    theirs.apply(lambda m: visited_theirs.append(type(m).__name__))
    assert visited_ours == visited_theirs  # children first, the shared module once


def test_dropout_follows_the_training_flag(rng):
    layer = snn.nn.Dropout(0.5)
    x = snn.tensor(rng.standard_normal((50, 40)).astype(np.float32))
    assert np.mean(layer(x).data == 0) > 0.3
    layer.eval()
    assert layer(x) is x


def test_zero_grad_and_requires_grad(models, rng):
    ours, theirs = models
    x = rng.standard_normal((6, 4)).astype(np.float32)
    ours(snn.tensor(x)).sum().backward()
    theirs(torch.tensor(x)).sum().backward()
    has_grad = [p.grad is not None for p in ours.parameters()]
    assert has_grad == [p.grad is not None for p in theirs.parameters()]  # heads.a is unused: no grad
    ours.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad.data.any() for p, had in zip(ours.parameters(), has_grad) if had)
    ours.zero_grad()
    assert all(p.grad is None for p in ours.parameters())
    assert ours.requires_grad_(False) is ours
    assert not any(p.requires_grad for p in ours.parameters())
    assert ours(snn.tensor(rng.standard_normal((6, 4)).astype(np.float32))).grad_fn is None


def test_to_double_casts_floating_parameters_and_buffers(models):
    ours, theirs = models
    ours.double(), theirs.double()
    for (name, mine), (_, reference) in zip(ours.state_dict().items(), theirs.state_dict().items()):
        assert mine.dtype == reference.numpy().dtype, name
    assert ours.to(np.float32).block.scale.dtype == np.float32
    with pytest.raises(TypeError, match="floating point"):
        ours.to(np.int64)
    with pytest.raises(ValueError, match="CPU only"):
        ours.to("cuda")


def test_repr_matches_torch(models):
    ours, theirs = models
    assert repr(ours) == repr(theirs)
    assert repr(snn.nn.ModuleList([snn.nn.Linear(2, 2)] * 3 + [snn.nn.ReLU()])) == \
        repr(torch.nn.ModuleList([torch.nn.Linear(2, 2)] * 3 + [torch.nn.ReLU()]))
    assert repr(snn.nn.ModuleList()) == repr(torch.nn.ModuleList()) == "ModuleList()"


def test_registration_rules():
    module = snn.nn.Module()
    module.weight = snn.nn.Parameter(snn.zeros(2))
    with pytest.raises(TypeError, match="parameter 'weight'"):
        module.weight = snn.zeros(2)  # a plain Tensor cannot replace a Parameter
    module.weight = None  # allowed: an absent parameter
    assert list(module.state_dict()) == []
    module.child = snn.nn.Linear(1, 1)
    with pytest.raises(TypeError, match="child module 'child'"):
        module.child = 3
    module.register_buffer("stat", snn.zeros(1))
    module.stat = snn.ones(1)  # a Tensor replaces a buffer
    assert list(module.state_dict()) == ["stat", "child.weight", "child.bias"]  # own entries before children
    with pytest.raises(TypeError, match="buffer 'stat'"):
        module.stat = [1.0]
    with pytest.raises(KeyError, match="contain"):
        module.register_buffer("a.b", snn.zeros(1))
    with pytest.raises(KeyError, match="already exists"):
        module.register_parameter("child", None)
    with pytest.raises(TypeError, match="Parameter or None"):
        module.register_parameter("p", snn.zeros(1))
    module.plain = 5  # a plain attribute stays plain
    assert "plain" not in dict(module.named_parameters())
    del module.child
    assert not hasattr(module, "child")
    with pytest.raises(AttributeError, match="no attribute 'missing'"):
        module.missing  # noqa: B018
    with pytest.raises(NotImplementedError, match="forward"):
        module(1)

    class Early(snn.nn.Module):
        def __init__(self):
            self.layer = snn.nn.Linear(1, 1)  # before super().__init__()

    with pytest.raises(AttributeError, match="super"):
        Early()


def test_get_submodule_and_parameter(models):
    ours, theirs = models
    assert ours.get_submodule("stack.2.0") is ours.stack[2][0]
    assert type(ours.get_submodule("stack.2.0")).__name__ == type(theirs.get_submodule("stack.2.0")).__name__
    assert ours.get_parameter("block.heads.a.bias") is ours.block.heads["a"].bias
    with pytest.raises(AttributeError, match="no submodule"):
        ours.get_submodule("stack.9")


def test_sequential_indexing_like_torch():
    def build(nn):
        return nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 4), nn.Tanh())

    ours, theirs = build(snn.nn), build(torch.nn)
    assert len(ours) == len(theirs) == 4
    assert type(ours[-1]).__name__ == "Tanh"
    assert repr(ours[1:3]) == repr(theirs[1:3])  # a slice keeps the original names
    assert list(ours[1:3]._modules) == list(theirs[1:3]._modules) == ["1", "2"]
    for model, nn in ((ours, snn.nn), (theirs, torch.nn)):
        del model[1]
        model.append(nn.Sigmoid())
        model.insert(0, nn.Identity())
        model[1] = nn.Linear(2, 3)
    assert repr(ours) == repr(theirs)
    assert [type(m).__name__ for m in ours] == [type(m).__name__ for m in theirs]
    with pytest.raises(IndexError, match="out of range"):
        ours[10]
    x = snn.tensor(np.ones((2, 2), np.float32))
    assert ours(x).shape == (2, 4)


def test_module_list_and_dict():
    layers = snn.nn.ModuleList([snn.nn.Linear(2, 2)])
    layers += [snn.nn.Linear(2, 3)]
    layers.append(snn.nn.ReLU()).extend([snn.nn.Tanh()])
    assert [type(m).__name__ for m in layers[1:3]] == ["Linear", "ReLU"]
    assert isinstance(layers[1:3], snn.nn.ModuleList)
    assert names(layers.named_parameters()) == ["0.weight", "0.bias", "1.weight", "1.bias"]
    layers.insert(0, snn.nn.Identity())
    assert names(layers.named_parameters()) == ["1.weight", "1.bias", "2.weight", "2.bias"]
    assert len(layers + snn.nn.ModuleList([snn.nn.ReLU()])) == 6
    heads = snn.nn.ModuleDict([("x", snn.nn.Linear(1, 1))])
    heads.update({"y": snn.nn.Linear(1, 2)})
    heads["z"] = snn.nn.ReLU()
    assert list(heads) == ["x", "y", "z"] and "y" in heads and len(heads) == 3
    assert list(heads.keys()) == ["x", "y", "z"]
    assert type(heads.pop("z")).__name__ == "ReLU"
    assert names(heads.named_parameters()) == ["x.weight", "x.bias", "y.weight", "y.bias"]
    with pytest.raises(ValueError, match="length 3"):
        heads.update([("a", snn.nn.ReLU(), 3)])
    with pytest.raises(TypeError, match="not a Module"):
        layers.append(3)
    heads.clear()
    assert len(heads) == 0
