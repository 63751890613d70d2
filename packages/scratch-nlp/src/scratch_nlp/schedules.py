"""Learning-rate schedules of the language models, as multipliers for scratch-nn's LambdaLR.

The curves themselves are scratch-optim's (`cosine_annealing_lr`, `noam_lr`); this module fits
them to the way nanoGPT and the Transformer papers count their steps.

    WarmupCosine (nanoGPT's get_lr), it = 0, 1, 2, ...:
        lr(it) = max_lr (it + 1) / (warmup + 1)                            it < warmup
               = min_lr + (max_lr - min_lr) (1 + cos(pi r)) / 2             warmup <= it <= decay_iters,
                                                                           r = (it - warmup) / (decay_iters - warmup)
               = min_lr                                                    it > decay_iters
    e.g. max_lr 1e-3, min_lr 1e-4, warmup 100, decay_iters 2000: lr(0) = 9.9e-6, lr(99) = 9.9e-4,
    lr(100) = 1e-3, lr(1050) = 5.5e-4, lr(2000) = 1e-4.

    Noam (Vaswani et al. 2017), normalised so that the peak, at step = warmup, is 1:
        f(step) = min(t / warmup, sqrt(warmup / t)),   t = step + 1

`warmup_cosine_factor(warmup_steps, total_steps, floor)` is WarmupCosine as a multiplier whose
first `warmup_steps` steps climb to 1 and whose last planned step reaches `floor`.

subtle: the objects are plain callables with their settings as attributes, which is what
LambdaLR's state_dict keeps (as torch's does), so a resumed run continues the same curve.
"""

import math
from dataclasses import dataclass

from scratch_optim import cosine_annealing_lr, noam_lr


@dataclass(frozen=True)
class WarmupCosine:
    """nanoGPT's schedule; `lr(it)` is the rate, calling it gives the factor lr(it) / max_lr."""

    max_lr: float
    min_lr: float
    warmup_iters: int
    decay_iters: int

    def __post_init__(self):
        if not self.max_lr > 0 or not 0 <= self.min_lr <= self.max_lr:
            raise ValueError(f"WarmupCosine: need 0 <= min_lr <= max_lr and max_lr > 0, got min_lr "
                             f"{self.min_lr!r}, max_lr {self.max_lr!r}")
        if self.warmup_iters < 0 or self.decay_iters <= self.warmup_iters:
            raise ValueError(f"WarmupCosine: need 0 <= warmup_iters < decay_iters, got {self.warmup_iters} "
                             f"and {self.decay_iters}")

    def lr(self, iteration):
        if iteration < self.warmup_iters:
            return self.max_lr * (iteration + 1) / (self.warmup_iters + 1)
        if iteration > self.decay_iters:
            return self.min_lr
        return cosine_annealing_lr(self.max_lr, iteration - self.warmup_iters,
                                   T_max=self.decay_iters - self.warmup_iters, eta_min=self.min_lr)

    def __call__(self, iteration):
        """The factor lr(iteration) / max_lr (LambdaLR's lr_lambda)."""
        return self.lr(iteration) / self.max_lr


def warmup_cosine_factor(warmup_steps, total_steps, floor=0.0):
    """The multiplier t / warmup_steps for the first steps (t = step + 1), then a half cosine from 1
    down to `floor` at step total_steps - 1, and `floor` after: WarmupCosine with its steps shifted by one.

        warmup_cosine_factor(10, 110, floor=0.1): step 4 -> 0.5, step 9 -> 1.0, step 59 -> 0.55
    """
    if not 1 <= warmup_steps < total_steps:
        raise ValueError(f"need 1 <= warmup_steps < total_steps, got {warmup_steps} and {total_steps}")
    if not 0.0 <= floor <= 1.0:
        raise ValueError(f"floor must be in [0, 1], got {floor}")
    return WarmupCosine(1.0, float(floor), int(warmup_steps) - 1, int(total_steps) - 1)


class Noam:
    """The normalised Noam multiplier: sqrt(warmup) noam_lr(1, t, d_model=1, warmup), t = step + 1."""

    def __init__(self, warmup_steps):
        if warmup_steps < 1:
            raise ValueError(f"warmup_steps must be >= 1, got {warmup_steps}")
        self.warmup_steps = int(warmup_steps)

    def __call__(self, step):
        return math.sqrt(self.warmup_steps) * noam_lr(1.0, step + 1, d_model=1, warmup_steps=self.warmup_steps)
