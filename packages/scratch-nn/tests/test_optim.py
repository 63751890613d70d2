"""scratch_nn.optim against torch.optim: the same parameters, the same gradients, 50 steps.

Each case builds identical parameters in both libraries and, at every step, gives both the
gradient of the same noisy quadratic evaluated at their OWN current parameters
(g = 0.5 (p - 1) + noise_t), so any difference in an update feeds into the next one. Parameters
are compared after every step: float64 to 1e-10 and float32 to 1e-4 (rtol and atol; the harness's
float32 tolerance, since our rules may round differently from torch's float32 kernels).
"""

import math

import numpy as np
import pytest
import scratch_nn as snn
import torch

SHAPES = [(3, 4), (4,), (2, 2, 3)]
STEPS = 50
TOLERANCE = {np.float64: 1e-10, np.float32: 1e-4}


def make_parameters(dtype, seed=0):
    rng = np.random.default_rng(seed)
    arrays = [rng.standard_normal(shape).astype(dtype) for shape in SHAPES]
    ours = [snn.nn.Parameter(snn.tensor(array.copy())) for array in arrays]
    theirs = [torch.nn.Parameter(torch.tensor(array.copy())) for array in arrays]
    return ours, theirs


def give_gradients(ours, theirs, rng, dtype, skip=None):
    """The gradient of a noisy quadratic at each side's own parameters; `skip` gets none."""
    for index, (our_param, torch_param) in enumerate(zip(ours, theirs)):
        noise = rng.standard_normal(our_param.shape)
        if index == skip:
            our_param.grad, torch_param.grad = None, None
            continue
        our_grad = (0.5 * (our_param.data.astype(np.float64) - 1.0) + noise).astype(dtype)
        torch_grad = (0.5 * (torch_param.detach().numpy().astype(np.float64) - 1.0) + noise).astype(dtype)
        our_param.grad = snn.tensor(our_grad)
        torch_param.grad = torch.tensor(torch_grad)


def assert_same_parameters(ours, theirs, dtype, what):
    for index, (our_param, torch_param) in enumerate(zip(ours, theirs)):
        assert our_param.dtype == np.dtype(dtype), f"{what}: parameter {index} changed dtype to {our_param.dtype}"
        np.testing.assert_allclose(our_param.data, torch_param.detach().numpy(), rtol=TOLERANCE[dtype],
                                   atol=TOLERANCE[dtype], err_msg=f"{what}: parameter {index}")


def run_in_step(our_optimizer, torch_optimizer, ours, theirs, dtype, steps=STEPS, seed=1, skip_every=7):
    rng = np.random.default_rng(seed)
    for step in range(steps):
        skip = 1 if step % skip_every == 3 else None  # sometimes a parameter has no gradient
        give_gradients(ours, theirs, rng, dtype, skip)
        our_optimizer.step()
        torch_optimizer.step()
        assert_same_parameters(ours, theirs, dtype, f"step {step}")


CASES = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.2, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.1}),
    ("SGD", {"lr": 0.05, "momentum": 0.5, "maximize": True}),
    ("Adam", {"lr": 0.01}),
    ("Adam", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.02, "amsgrad": True}),
    ("Adam", {"lr": 0.02, "weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("Adam", {"lr": 0.01, "maximize": True}),
    ("AdamW", {"lr": 0.01}),
    ("AdamW", {"lr": 0.02, "weight_decay": 0.3, "amsgrad": True}),
    ("RMSprop", {"lr": 0.01}),
    ("RMSprop", {"lr": 0.01, "alpha": 0.9, "momentum": 0.5, "centered": True}),
    ("RMSprop", {"lr": 0.005, "weight_decay": 0.1, "centered": True, "eps": 1e-6}),
    ("RMSprop", {"lr": 0.005, "momentum": 0.9, "maximize": True}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.05, "initial_accumulator_value": 0.1}),
    ("Adagrad", {"lr": 0.1, "eps": 1e-6, "maximize": True}),
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name, options", CASES, ids=[f"{n}-{'-'.join(o)}" for n, o in CASES])
def test_optimizer_follows_torch_for_50_steps(name, options, dtype):
    ours, theirs = make_parameters(dtype)
    our_optimizer = getattr(snn.optim, name)(ours, **options)
    torch_optimizer = getattr(torch.optim, name)(theirs, **options)
    run_in_step(our_optimizer, torch_optimizer, ours, theirs, dtype)


@pytest.mark.parametrize("name", ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"])
def test_default_hyperparameters_are_torchs(name):
    ours, theirs = make_parameters(np.float64)
    our_group = getattr(snn.optim, name)(ours).param_groups[0]
    torch_group = getattr(torch.optim, name)(theirs).param_groups[0]
    for key, value in our_group.items():
        if key != "params":
            assert torch_group[key] == value, f"{name} default {key}: ours {value}, torch {torch_group[key]}"


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_param_groups_with_their_own_hyperparameters(dtype):
    ours, theirs = make_parameters(dtype)

    def groups(params):
        return [{"params": params[:2]}, {"params": [params[2]], "lr": 0.2, "momentum": 0.5, "nesterov": True}]

    our_optimizer = snn.optim.SGD(groups(ours), lr=0.05, momentum=0.9, weight_decay=0.01)
    torch_optimizer = torch.optim.SGD(groups(theirs), lr=0.05, momentum=0.9, weight_decay=0.01)
    run_in_step(our_optimizer, torch_optimizer, ours, theirs, dtype, steps=20)
    for group in (our_optimizer.param_groups[0], torch_optimizer.param_groups[0]):
        group["lr"] = 0.01  # a changed group lr takes effect at the next step, in both
    run_in_step(our_optimizer, torch_optimizer, ours, theirs, dtype, steps=20, seed=2)


def test_add_param_group_mid_training():
    ours, theirs = make_parameters(np.float64)
    our_optimizer = snn.optim.Adam(ours[:2], lr=0.01)
    torch_optimizer = torch.optim.Adam(theirs[:2], lr=0.01)
    run_in_step(our_optimizer, torch_optimizer, ours, theirs, np.float64, steps=10)
    our_optimizer.add_param_group({"params": ours[2], "lr": 0.05, "amsgrad": True})
    torch_optimizer.add_param_group({"params": theirs[2], "lr": 0.05, "amsgrad": True})
    run_in_step(our_optimizer, torch_optimizer, ours, theirs, np.float64, steps=20, seed=3)


def test_zero_grad_sets_to_none_or_zeros():
    ours, _ = make_parameters(np.float32)
    optimizer = snn.optim.SGD(ours, lr=0.1)
    for param in ours:
        param.grad = snn.ones(param.shape)
    optimizer.zero_grad(set_to_none=False)
    assert all(param.grad is not None and not param.grad.data.any() for param in ours)
    optimizer.zero_grad()
    assert all(param.grad is None for param in ours)


def closure_step(library, parameter_class, optim):
    """One SGD step through a closure on L = |w|^2 (gradient 2 w); returns (loss, new w)."""
    weight = parameter_class(library.tensor([1.0, -2.0]))
    optimizer = optim.SGD([weight], lr=0.25)

    def closure():
        optimizer.zero_grad()
        loss = (weight * weight).sum()
        loss.backward()
        return loss

    loss = optimizer.step(closure)
    return loss.item(), weight.detach().tolist()


def test_step_with_closure_returns_its_loss_and_uses_its_gradients():
    ours = closure_step(snn, snn.nn.Parameter, snn.optim)
    assert ours == closure_step(torch, torch.nn.Parameter, torch.optim) == (5.0, [0.5, -1.0])


def test_float32_parameters_stay_float32_and_in_place():
    ours, _ = make_parameters(np.float32)
    arrays = [param.data for param in ours]
    optimizer = snn.optim.Adam(ours, lr=0.1, amsgrad=True)
    rng = np.random.default_rng(0)
    give_gradients(ours, ours, rng, np.float32)
    optimizer.step()
    for param, array in zip(ours, arrays):
        assert param.data is array and param.dtype == np.float32
        assert all(state.dtype == np.float32 for name, state in optimizer.state[param].items() if name != "step")


# ---------------------------------------------------------------------------------- state_dict
def to_torch_state(state_dict):
    """Our state_dict with its Tensors as torch tensors (what saving through safetensors does)."""
    return {"state": {index: {name: torch.tensor(np.array(value.data)) for name, value in state.items()}
                      for index, state in state_dict["state"].items()},
            "param_groups": [dict(group) for group in state_dict["param_groups"]]}


ROUND_TRIP_CASES = [
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("Adam", {"lr": 0.02, "amsgrad": True, "weight_decay": 0.01}),
    ("AdamW", {"lr": 0.02}),
    ("RMSprop", {"lr": 0.01, "momentum": 0.5, "centered": True}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01}),
]


@pytest.mark.parametrize("name, options", ROUND_TRIP_CASES, ids=[case[0] for case in ROUND_TRIP_CASES])
def test_state_dict_has_torchs_layout_and_continues_identically(name, options):
    dtype = np.float64
    ours, theirs = make_parameters(dtype)
    our_optimizer = getattr(snn.optim, name)(ours, **options)
    torch_optimizer = getattr(torch.optim, name)(theirs, **options)
    run_in_step(our_optimizer, torch_optimizer, ours, theirs, dtype, steps=15)

    our_state, torch_state = our_optimizer.state_dict(), torch_optimizer.state_dict()
    assert list(our_state["state"]) == list(torch_state["state"])
    for index, state in torch_state["state"].items():
        assert set(our_state["state"][index]) == set(state), f"state {index}: names differ from torch's"
        for key, value in state.items():
            np.testing.assert_allclose(our_state["state"][index][key].data, value.numpy(), rtol=1e-10, atol=1e-12)
            assert our_state["state"][index][key].dtype == np.dtype(str(value.dtype).removeprefix("torch."))
    for our_group, torch_group in zip(our_state["param_groups"], torch_state["param_groups"]):
        extra = set(torch_group) - set(our_group)
        assert extra <= {"foreach", "capturable", "differentiable", "fused"}, extra
        assert {key: torch_group[key] for key in our_group} == our_group

    # ours -> a fresh torch optimizer, torch's -> a fresh one of ours; both continue as the originals
    fresh_ours, _ = make_parameters(dtype)
    _, fresh_theirs = make_parameters(dtype)
    with torch.no_grad():
        for fresh, source in zip(fresh_theirs, theirs):
            fresh.copy_(source)
    for fresh, source in zip(fresh_ours, ours):
        fresh.data[...] = source.data
    resumed_torch = getattr(torch.optim, name)(fresh_theirs, lr=123.0)
    resumed_torch.load_state_dict(to_torch_state(our_state))
    resumed_ours = getattr(snn.optim, name)(fresh_ours, lr=123.0)
    resumed_ours.load_state_dict(torch_state)
    assert resumed_ours.param_groups[0]["lr"] == options["lr"]
    run_in_step(resumed_ours, resumed_torch, fresh_ours, fresh_theirs, dtype, steps=15, seed=5)
    run_in_step(our_optimizer, torch_optimizer, ours, theirs, dtype, steps=15, seed=5)
    assert_same_parameters(fresh_ours, theirs, dtype, "resumed vs uninterrupted")


def test_state_dict_is_a_snapshot():
    ours, _ = make_parameters(np.float64)
    optimizer = snn.optim.SGD(ours, lr=0.1, momentum=0.9)
    give_gradients(ours, ours, np.random.default_rng(0), np.float64)
    optimizer.step()
    saved = optimizer.state_dict()
    before = saved["state"][0]["momentum_buffer"].data.copy()
    optimizer.step()
    np.testing.assert_array_equal(saved["state"][0]["momentum_buffer"].data, before)


def test_adagrad_state_exists_before_the_first_step_as_in_torch():
    ours, theirs = make_parameters(np.float64)
    our_state = snn.optim.Adagrad(ours, initial_accumulator_value=0.5).state_dict()
    torch_state = torch.optim.Adagrad(theirs, initial_accumulator_value=0.5).state_dict()
    assert list(our_state["state"]) == list(torch_state["state"]) == [0, 1, 2]
    np.testing.assert_array_equal(our_state["state"][2]["sum"].data, torch_state["state"][2]["sum"].numpy())


# ---------------------------------------------------------------------------------- bad input
def test_bad_params_are_rejected():
    weight = snn.nn.Parameter(snn.randn(2))
    with pytest.raises(TypeError, match="iterable of Tensors"):
        snn.optim.SGD(weight)
    with pytest.raises(ValueError, match="empty parameter list"):
        snn.optim.SGD([])
    with pytest.raises(TypeError, match="ordered"):
        snn.optim.SGD({weight})
    with pytest.raises(TypeError, match="only optimize Tensors"):
        snn.optim.SGD([np.zeros(2)])
    with pytest.raises(TypeError, match="floating point"):
        snn.optim.SGD([snn.tensor([1, 2])])
    with pytest.raises(ValueError, match="non-leaf"):
        snn.optim.SGD([weight * 2])
    with pytest.raises(ValueError, match="duplicate"):
        snn.optim.SGD([weight, weight])
    optimizer = snn.optim.SGD([weight])
    with pytest.raises(ValueError, match="more than one parameter group"):
        optimizer.add_param_group({"params": [weight]})
    with pytest.raises(TypeError, match="must be a dict"):
        optimizer.add_param_group([weight])


@pytest.mark.parametrize("name, options, message", [
    ("SGD", {"lr": -0.1}, "invalid lr"),
    ("SGD", {"momentum": -1.0}, "invalid momentum"),
    ("SGD", {"nesterov": True}, "nesterov"),
    ("Adam", {"betas": (0.9, 1.0)}, "beta2"),
    ("Adam", {"betas": (0.9,)}, "betas"),
    ("AdamW", {"eps": -1e-8}, "invalid eps"),
    ("RMSprop", {"alpha": -0.5}, "invalid alpha"),
    ("Adagrad", {"lr_decay": -1.0}, "invalid lr_decay"),
    ("Adagrad", {"lr": math.nan}, "invalid lr"),
])
def test_bad_hyperparameters_name_the_problem(name, options, message):
    with pytest.raises(ValueError, match=message):
        getattr(snn.optim, name)([snn.nn.Parameter(snn.randn(2))], **options)
    weight = snn.nn.Parameter(snn.randn(2))
    optimizer = getattr(snn.optim, name)([weight])
    with pytest.raises(ValueError, match=r"param_groups\[1\].*" + message):  # in a group too
        optimizer.add_param_group({"params": [snn.nn.Parameter(snn.randn(2))], **options})


def test_non_finite_gradient_names_the_parameter():
    params = [snn.nn.Parameter(snn.randn(2)), snn.nn.Parameter(snn.randn(3, 2))]
    optimizer = snn.optim.Adam(params)
    params[0].grad = snn.zeros(2)
    params[1].grad = snn.tensor(np.array([[0.0, np.nan]] * 3, dtype=np.float32))
    with pytest.raises(ValueError, match=r"param_groups\[0\]\['params'\]\[1\] of shape \(3, 2\).*NaN"):
        optimizer.step()


def test_load_state_dict_rejects_mismatches():
    ours, _ = make_parameters(np.float64)
    optimizer = snn.optim.Adam(ours)
    give_gradients(ours, ours, np.random.default_rng(0), np.float64)
    optimizer.step()
    saved = optimizer.state_dict()
    with pytest.raises(ValueError, match="parameter groups"):
        snn.optim.Adam([{"params": ours[:1]}, {"params": ours[1:]}]).load_state_dict(saved)
    with pytest.raises(ValueError, match="has 3 parameters"):
        snn.optim.Adam(ours[:2]).load_state_dict(saved)
    with pytest.raises(ValueError, match="exactly the keys"):
        snn.optim.Adam(ours).load_state_dict({"state": {}})
    saved["state"][0]["exp_avg"] = snn.zeros(5)
    with pytest.raises(ValueError, match=r"'exp_avg' has shape \(5,\)"):
        snn.optim.Adam(ours).load_state_dict(saved)


def test_repr_lists_each_group_like_torch():
    weight = snn.nn.Parameter(snn.randn(2))
    text = repr(snn.optim.SGD([weight], lr=0.5))
    assert text.startswith("SGD (\nParameter Group 0\n") and "    lr: 0.5\n" in text and text.endswith(")")
