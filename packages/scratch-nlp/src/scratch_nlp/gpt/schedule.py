"""nanoGPT's learning-rate schedule: linear warmup, cosine decay to min_lr, then flat.

    lr(it) = max_lr (it + 1) / (warmup + 1)                          it < warmup
           = min_lr + 1/2 (1 + cos(pi r)) (max_lr - min_lr)           warmup <= it <= decay_iters,
                                                                      r = (it - warmup) / (decay_iters - warmup)
           = min_lr                                                   it > decay_iters

e.g. max_lr 1e-3, min_lr 1e-4, warmup 100, decay_iters 2000: lr(0) = 9.9e-6, lr(99) = 9.9e-4,
lr(100) = 1e-3, lr(1050) = 5.5e-4, lr(2000) = 1e-4. Given to scratch-nn's LambdaLR as the factor
lr(it) / max_lr, so the optimizer's param groups carry it as torch's schedulers do.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class WarmupCosine:
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
        ratio = (iteration - self.warmup_iters) / (self.decay_iters - self.warmup_iters)
        return self.min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (self.max_lr - self.min_lr)

    def __call__(self, iteration):
        """The factor lr(iteration) / max_lr (LambdaLR's lr_lambda)."""
        return self.lr(iteration) / self.max_lr
