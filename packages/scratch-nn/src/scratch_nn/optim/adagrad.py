"""Adagrad: per-coordinate step sizes from the sum of squared gradients, as torch.optim.Adagrad.

With g the gradient (negated if maximize), t the step count (from 1):

    g += weight_decay p;  s += g^2;  p -= lr / (1 + (t - 1) lr_decay) * g / (sqrt(s) + eps)

The update is scratch_optim.update_rules.Adagrad. Like torch, the state (step = 0 and
sum = initial_accumulator_value) exists from construction, so state_dict() has it before any step.
"""

import numpy as np
from scratch_optim import update_rules

from .optimizer import Optimizer


class Adagrad(Optimizer):
    def __init__(self, params, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0,
                 eps=1e-10, *, maximize=False):
        super().__init__(params, {"lr": lr, "lr_decay": lr_decay, "eps": eps, "weight_decay": weight_decay,
                                  "initial_accumulator_value": initial_accumulator_value,
                                  "maximize": maximize})
        for group in self.param_groups:  # subtle: only the constructor's groups, as torch does
            for param in group["params"]:
                self.state[param] = {"step": np.array(0.0),
                                     "sum": np.full_like(param.data, group["initial_accumulator_value"])}

    def _update_rule(self, group):
        return update_rules.Adagrad(lr=group["lr"], lr_decay=group["lr_decay"], weight_decay=group["weight_decay"],
                                    initial_accumulator_value=group["initial_accumulator_value"],
                                    eps=group["eps"])
