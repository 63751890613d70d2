"""scratch_optim.schedules against torch.optim.lr_scheduler: the lr after each scheduler.step()."""

import math

import numpy as np
import pytest
import torch
from scratch_optim import schedules, update_rules

BASE_LR = 0.5
STEPS = 60

NOAM = {"d_model": 64, "warmup_steps": 10}


def noam_factor(step):
    step = max(step, 1)
    return NOAM["d_model"] ** -0.5 * min(step**-0.5, step * NOAM["warmup_steps"] ** -1.5)


CASES = [
    (schedules.step_lr, {"step_size": 7, "gamma": 0.5},
     lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=7, gamma=0.5)),
    (schedules.multistep_lr, {"milestones": [5, 20, 21], "gamma": 0.3},
     lambda opt: torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[5, 20, 21], gamma=0.3)),
    (schedules.exponential_lr, {"gamma": 0.95},
     lambda opt: torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.95)),
    (schedules.cosine_annealing_lr, {"T_max": 25, "eta_min": 0.01},
     lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=25, eta_min=0.01)),
    (schedules.linear_lr, {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 12},
     lambda opt: torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=12)),
    (schedules.noam_lr, NOAM, lambda opt: torch.optim.lr_scheduler.LambdaLR(opt, noam_factor)),
]


@pytest.mark.parametrize("schedule, options, make_torch_scheduler", CASES,
                         ids=[case[0].__name__ for case in CASES])
def test_schedule_matches_torch_scheduler(schedule, options, make_torch_scheduler):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=BASE_LR)
    torch_scheduler = make_torch_scheduler(optimizer)
    for step in range(STEPS):
        # 1e-12: torch's CosineAnnealingLR is a recursion, the others closed forms like ours.
        assert math.isclose(schedule(BASE_LR, step, **options), torch_scheduler.get_last_lr()[0],
                            rel_tol=1e-12, abs_tol=1e-15), step
        optimizer.step()
        torch_scheduler.step()


def test_scheduled_lr_drives_an_update_rule_like_torch():
    rule = update_rules.SGD(lr=BASE_LR)
    scheduler = schedules.ScheduledLR(rule, schedules.step_lr, step_size=3, gamma=0.1)
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=BASE_LR)
    torch_scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.1)
    for _ in range(10):
        assert math.isclose(rule.lr, torch_scheduler.get_last_lr()[0], rel_tol=1e-15)
        assert scheduler.get_last_lr() == rule.lr
        scheduler.step()
        optimizer.step()
        torch_scheduler.step()


def test_cosine_reaches_eta_min_at_t_max_and_is_monotone_before():
    values = [schedules.cosine_annealing_lr(1.0, t, T_max=10, eta_min=0.1) for t in range(11)]
    assert math.isclose(values[-1], 0.1)
    assert np.all(np.diff(values) < 0)


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match="non-negative integer"):
        schedules.exponential_lr(1.0, -1, gamma=0.9)
    with pytest.raises(ValueError, match="step_size"):
        schedules.step_lr(1.0, 3, step_size=0)
    with pytest.raises(ValueError, match="T_max"):
        schedules.cosine_annealing_lr(1.0, 3, T_max=0)
    with pytest.raises(ValueError, match="start_factor"):
        schedules.linear_lr(1.0, 3, start_factor=0.0)
    with pytest.raises(ValueError, match="warmup_steps"):
        schedules.noam_lr(1.0, 3, d_model=8, warmup_steps=0)
