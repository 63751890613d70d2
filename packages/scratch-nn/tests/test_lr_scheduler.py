"""scratch_nn.optim.lr_scheduler against torch.optim.lr_scheduler: the same learning rates.

Each case attaches the same scheduler to an optimizer with two param groups (lr 0.1 and 0.03) in
both libraries and compares every group's lr and get_last_lr() after construction and after each
of 30 steps. Tolerance: rtol 1e-12 (torch computes most schedules recursively from the current
lr, we use the closed forms of scratch_optim.schedules; they differ by rounding only).
"""

import numpy as np
import pytest
import scratch_nn as snn
import torch

EPOCHS = 30
RTOL = 1e-12


def optimizers():
    ours = [snn.nn.Parameter(snn.zeros(2)), snn.nn.Parameter(snn.zeros(3))]
    theirs = [torch.nn.Parameter(torch.zeros(2)), torch.nn.Parameter(torch.zeros(3))]
    our_optimizer = snn.optim.SGD([{"params": ours[:1]}, {"params": ours[1:], "lr": 0.03}], lr=0.1)
    torch_optimizer = torch.optim.SGD([{"params": theirs[:1]}, {"params": theirs[1:], "lr": 0.03}], lr=0.1)
    return our_optimizer, torch_optimizer


def group_lrs(optimizer):
    return [group["lr"] for group in optimizer.param_groups]


def assert_same_lrs(our_scheduler, torch_scheduler, what):
    ours, theirs = group_lrs(our_scheduler.optimizer), group_lrs(torch_scheduler.optimizer)
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=0, err_msg=what)
    np.testing.assert_allclose(our_scheduler.get_last_lr(), torch_scheduler.get_last_lr(), rtol=RTOL, atol=0,
                               err_msg=what)


def step_both(our_scheduler, torch_scheduler, epochs=EPOCHS):
    for epoch in range(epochs):
        our_scheduler.optimizer.step()  # torch warns if its scheduler steps before its optimizer
        torch_scheduler.optimizer.step()
        our_scheduler.step()
        torch_scheduler.step()
        assert_same_lrs(our_scheduler, torch_scheduler, f"after step {epoch + 1}")


def decay(epoch):  # a module-level function: LambdaLR's state_dict skips functions
    return 0.95**epoch


SINGLE_CASES = [
    ("StepLR", {"step_size": 7}),
    ("StepLR", {"step_size": 3, "gamma": 0.5}),
    ("MultiStepLR", {"milestones": [4, 10, 10, 21], "gamma": 0.3}),
    ("ExponentialLR", {"gamma": 0.9}),
    ("CosineAnnealingLR", {"T_max": 10}),  # past T_max the cosine rises again, in both
    ("CosineAnnealingLR", {"T_max": 25, "eta_min": 0.001}),
    ("LinearLR", {}),
    ("LinearLR", {"start_factor": 0.1, "end_factor": 0.5, "total_iters": 12}),
    ("LambdaLR", {"lr_lambda": decay}),
    ("LambdaLR", {"lr_lambda": [decay, lambda epoch: 1.0 / (epoch + 1)]}),
]


@pytest.mark.parametrize("name, options", SINGLE_CASES, ids=[f"{n}-{'-'.join(o)}" for n, o in SINGLE_CASES])
def test_scheduler_lrs_equal_torchs_over_30_epochs(name, options):
    our_optimizer, torch_optimizer = optimizers()
    ours = getattr(snn.optim.lr_scheduler, name)(our_optimizer, **options)
    theirs = getattr(torch.optim.lr_scheduler, name)(torch_optimizer, **options)
    assert_same_lrs(ours, theirs, "after construction")
    assert ours.last_epoch == theirs.last_epoch == 0
    assert ours.base_lrs == theirs.base_lrs == [0.1, 0.03]
    step_both(ours, theirs)
    assert ours.last_epoch == theirs.last_epoch == EPOCHS


def sequential(library, optimizer):
    schedulers = library.optim.lr_scheduler
    warmup = schedulers.LinearLR(optimizer, start_factor=0.25, total_iters=4)
    cosine = schedulers.CosineAnnealingLR(optimizer, T_max=10, eta_min=0.002)
    steps = schedulers.StepLR(optimizer, step_size=3, gamma=0.5)
    return schedulers.SequentialLR(optimizer, [warmup, cosine, steps], milestones=[5, 15])


def test_sequential_lr_warmup_then_cosine_then_steps_equals_torchs():
    our_optimizer, torch_optimizer = optimizers()
    ours, theirs = sequential(snn, our_optimizer), sequential(torch, torch_optimizer)
    assert_same_lrs(ours, theirs, "after construction")
    step_both(ours, theirs)


RESUME_CASES = [
    ("CosineAnnealingLR", {"T_max": 12, "eta_min": 0.001}),
    ("MultiStepLR", {"milestones": [3, 7, 7, 9], "gamma": 0.5}),  # torch saves a Counter
    ("LinearLR", {"start_factor": 0.2, "total_iters": 8}),
]


@pytest.mark.parametrize("name, options", RESUME_CASES, ids=[case[0] for case in RESUME_CASES])
def test_our_and_torchs_state_dicts_resume_our_scheduler_identically(name, options):
    _, torch_optimizer = optimizers()
    reference = getattr(torch.optim.lr_scheduler, name)(torch_optimizer, **options)
    torch_lrs = []  # torch's lrs after steps 1..15
    for _ in range(15):
        torch_optimizer.step()
        reference.step()
        torch_lrs.append(group_lrs(torch_optimizer))
    our_optimizer, torch_optimizer = optimizers()
    ours = getattr(snn.optim.lr_scheduler, name)(our_optimizer, **options)
    theirs = getattr(torch.optim.lr_scheduler, name)(torch_optimizer, **options)
    step_both(ours, theirs, epochs=5)
    assert set(ours.state_dict()) <= set(theirs.state_dict())
    for saved in (ours.state_dict(), theirs.state_dict()):
        fresh_optimizer, _ = optimizers()
        resumed = getattr(snn.optim.lr_scheduler, name)(fresh_optimizer, **options)  # before the optimizer
        fresh_optimizer.load_state_dict(our_optimizer.state_dict())  # state, as torch's docs advise
        resumed.load_state_dict(saved)
        assert resumed.last_epoch == 5
        for epoch in range(5, 15):
            resumed.step()
            np.testing.assert_allclose(group_lrs(fresh_optimizer), torch_lrs[epoch], rtol=RTOL, atol=0)


def test_sequential_and_lambda_state_dicts_round_trip():
    our_optimizer, torch_optimizer = optimizers()
    ours, theirs = sequential(snn, our_optimizer), sequential(torch, torch_optimizer)
    step_both(ours, theirs, epochs=7)
    fresh_optimizer, _ = optimizers()
    fresh_optimizer.load_state_dict(our_optimizer.state_dict())
    resumed = sequential(snn, fresh_optimizer)
    resumed.load_state_dict(theirs.state_dict())  # torch's state loads into ours
    for group, lr in zip(fresh_optimizer.param_groups, group_lrs(our_optimizer)):
        group["lr"] = lr
    step_both(resumed, theirs, epochs=12)

    class Halving:  # a callable object: LambdaLR saves its attributes
        def __init__(self):
            self.factor = 0.5

        def __call__(self, epoch):
            return self.factor**epoch

    optimizer, _ = optimizers()
    scheduler = snn.optim.lr_scheduler.LambdaLR(optimizer, [Halving(), decay])
    saved = scheduler.state_dict()
    assert saved["lr_lambdas"] == [{"factor": 0.5}, None]
    scheduler.lr_lambdas[0].factor = 0.9
    scheduler.load_state_dict(saved)
    assert scheduler.lr_lambdas[0].factor == 0.5


def test_last_epoch_resumes_where_a_scheduler_left_off():
    fresh_optimizer, _ = optimizers()
    fresh = snn.optim.lr_scheduler.StepLR(fresh_optimizer, step_size=2, gamma=0.5)
    for _ in range(5):
        fresh.step()
    optimizer, _ = optimizers()
    for group in optimizer.param_groups:
        group["initial_lr"] = group["lr"]
    resumed = snn.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5, last_epoch=4)
    assert resumed.last_epoch == fresh.last_epoch == 5
    assert resumed.get_last_lr() == fresh.get_last_lr()


def test_bad_arguments_name_the_problem():
    optimizer, _ = optimizers()
    schedulers = snn.optim.lr_scheduler
    with pytest.raises(TypeError, match="not an Optimizer"):
        schedulers.StepLR(object(), step_size=2)
    with pytest.raises(ValueError, match="step_size"):
        schedulers.StepLR(optimizer, step_size=0)
    with pytest.raises(ValueError, match="T_max"):
        schedulers.CosineAnnealingLR(optimizer, T_max=0)
    with pytest.raises(ValueError, match="start_factor"):
        schedulers.LinearLR(optimizer, start_factor=0.0)
    with pytest.raises(ValueError, match="Expected 2 lr_lambdas"):
        schedulers.LambdaLR(optimizer, [decay])
    with pytest.raises(TypeError, match="callable"):
        schedulers.LambdaLR(optimizer, 0.5)
    with pytest.raises(ValueError, match="last_epoch"):
        schedulers.ExponentialLR(optimizer, gamma=0.9, last_epoch=-2)
    fresh, _ = optimizers()
    with pytest.raises(ValueError, match="initial_lr"):
        schedulers.ExponentialLR(fresh, gamma=0.9, last_epoch=3)
    first = schedulers.StepLR(optimizer, step_size=2)
    with pytest.raises(ValueError, match="one milestone fewer"):
        schedulers.SequentialLR(optimizer, [first], milestones=[3])
    other, _ = optimizers()
    with pytest.raises(ValueError, match="same optimizer"):
        schedulers.SequentialLR(optimizer, [first, schedulers.StepLR(other, step_size=2)], milestones=[3])
    with pytest.raises(ValueError, match="unknown keys"):
        first.load_state_dict({"step_size": 2, "typo": 1})
