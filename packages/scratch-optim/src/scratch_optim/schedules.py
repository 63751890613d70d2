"""Learning-rate schedules as pure functions of the step count t = 0, 1, 2, ...

Each returns the learning rate for step t from the initial rate `base_lr` and equals, value for
value, the torch.optim.lr_scheduler named beside it (after t calls of `scheduler.step()`):

    step_lr            base_lr * gamma^floor(t / step_size)                          StepLR
    multistep_lr       base_lr * gamma^(number of milestones <= t)                   MultiStepLR
    exponential_lr     base_lr * gamma^t                                             ExponentialLR
    cosine_annealing_lr eta_min + (base_lr - eta_min) (1 + cos(pi t / T_max)) / 2     CosineAnnealingLR
    linear_lr          base_lr * (s + (e - s) min(t, n) / n)   (linear warmup)        LinearLR
    noam_lr            base_lr * d^-1/2 min(t^-1/2, t w^-3/2), t >= 1                LambdaLR(noam)

`ScheduledLR` drives an update rule's `lr` from one of them, like torch's `scheduler.step()`.
"""

import math


def _check_step(step):
    if int(step) != step or step < 0:
        raise ValueError(f"step must be a non-negative integer, got {step!r}")
    return int(step)


def step_lr(base_lr, step, step_size, gamma=0.1):
    """Decay by `gamma` every `step_size` steps (torch StepLR)."""
    step = _check_step(step)
    if step_size < 1:
        raise ValueError(f"step_size must be >= 1, got {step_size!r}")
    return base_lr * gamma ** (step // step_size)


def multistep_lr(base_lr, step, milestones, gamma=0.1):
    """Decay by `gamma` at each milestone step (torch MultiStepLR)."""
    step = _check_step(step)
    return base_lr * gamma ** sum(1 for milestone in milestones if milestone <= step)


def exponential_lr(base_lr, step, gamma):
    """Decay by `gamma` every step (torch ExponentialLR)."""
    return base_lr * gamma ** _check_step(step)


def cosine_annealing_lr(base_lr, step, T_max, eta_min=0.0):
    """Half a cosine from base_lr down to eta_min over T_max steps (torch CosineAnnealingLR).

    This is torch's closed form; it keeps following the cosine (rising again) past T_max.
    """
    step = _check_step(step)
    if T_max < 1:
        raise ValueError(f"T_max must be >= 1, got {T_max!r}")
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step / T_max)) / 2


def linear_lr(base_lr, step, start_factor=1.0 / 3, end_factor=1.0, total_iters=5):
    """Scale base_lr linearly from start_factor to end_factor over total_iters steps (torch
    LinearLR); with end_factor = 1 this is the usual linear warmup."""
    step = _check_step(step)
    if not (0 < start_factor <= 1 and 0 <= end_factor <= 1):
        raise ValueError("start_factor must be in (0, 1] and end_factor in [0, 1]")
    if total_iters < 1:
        raise ValueError(f"total_iters must be >= 1, got {total_iters!r}")
    progress = min(step, total_iters) / total_iters
    return base_lr * (start_factor + (end_factor - start_factor) * progress)


def noam_lr(base_lr, step, d_model, warmup_steps):
    """The Transformer schedule of "Attention Is All You Need": linear warmup for warmup_steps,
    then decay as 1/sqrt(t), scaled by 1/sqrt(d_model). Equals torch's LambdaLR with the lambda
    t -> d_model^-0.5 * min(t^-0.5, t * warmup_steps^-1.5).

    subtle: t = 0 would divide by zero; like the Annotated Transformer we use t = 1 there.
    """
    step = max(_check_step(step), 1)
    if d_model < 1 or warmup_steps < 1:
        raise ValueError("d_model and warmup_steps must be >= 1")
    return base_lr * d_model**-0.5 * min(step**-0.5, step * warmup_steps**-1.5)


class ScheduledLR:
    """Set `update_rule.lr = schedule(base_lr, t, **schedule_args)`, t advanced by `step()`.

    >>> rule = SGD(lr=0.1); scheduler = ScheduledLR(rule, step_lr, step_size=10)
    >>> for epoch in range(...): ...; rule.step(params, grads); scheduler.step()
    """

    def __init__(self, update_rule, schedule, **schedule_args):
        self.update_rule = update_rule
        self.schedule = schedule
        self.schedule_args = schedule_args
        self.base_lr = update_rule.lr
        self.last_step = 0
        update_rule.lr = schedule(self.base_lr, 0, **schedule_args)

    def step(self):
        self.last_step += 1
        self.update_rule.lr = self.schedule(self.base_lr, self.last_step, **self.schedule_args)

    def get_last_lr(self):
        return self.update_rule.lr
