"""Learning-rate schedules for Transformers, as LambdaLR multipliers of the peak learning rate.

    Noam (Vaswani et al. 2017), normalised so the peak (at step = warmup) is 1:
        f(step) = min(step / warmup, sqrt(warmup / step))
    Warmup-cosine (needs the total number of steps):
        f(step) = step / warmup                                          for step < warmup
                = floor + (1 - floor) * (1 + cos(pi * progress)) / 2,     progress = (step - warmup) / (total - warmup)

`step` counts optimizer steps from 1 (LambdaLR calls f(0) at construction; f(0) is the first
step's value, so the first update is not made with learning rate 0). The classes are plain
callables whose attributes LambdaLR's state_dict keeps, so a resumed run continues the curve.
"""

import math


class NoamSchedule:
    def __init__(self, warmup_steps):
        if warmup_steps < 1:
            raise ValueError(f"warmup_steps must be >= 1, got {warmup_steps}")
        self.warmup_steps = int(warmup_steps)

    def __call__(self, step):
        step = step + 1
        return min(step / self.warmup_steps, math.sqrt(self.warmup_steps / step))


class WarmupCosineSchedule:
    def __init__(self, warmup_steps, total_steps, floor=0.0):
        if not 1 <= warmup_steps < total_steps:
            raise ValueError(f"need 1 <= warmup_steps < total_steps, got {warmup_steps} and {total_steps}")
        if not 0.0 <= floor <= 1.0:
            raise ValueError(f"floor must be in [0, 1], got {floor}")
        self.warmup_steps, self.total_steps, self.floor = int(warmup_steps), int(total_steps), float(floor)

    def __call__(self, step):
        step = step + 1
        if step < self.warmup_steps:
            return step / self.warmup_steps
        progress = min(1.0, (step - self.warmup_steps) / (self.total_steps - self.warmup_steps))
        return self.floor + (1.0 - self.floor) * 0.5 * (1.0 + math.cos(math.pi * progress))


def make_schedule(name, warmup_steps, total_steps=None):
    """'noam' or 'cosine' (which needs total_steps) -> the multiplier function."""
    if name == "noam":
        return NoamSchedule(warmup_steps)
    if name == "cosine":
        if total_steps is None:
            raise ValueError("the cosine schedule needs total_steps")
        return WarmupCosineSchedule(warmup_steps, total_steps)
    raise ValueError(f"unknown schedule {name!r}; expected 'noam' or 'cosine'")
