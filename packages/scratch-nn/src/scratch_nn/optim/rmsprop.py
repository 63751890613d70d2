"""RMSprop: divide the gradient by a running root-mean-square of it, as torch.optim.RMSprop.

With g the gradient (negated if maximize):

    g += weight_decay p;  v = alpha v + (1 - alpha) g^2
    centered: m = alpha m + (1 - alpha) g,  d = sqrt(v - m^2) + eps;  else d = sqrt(v) + eps
    momentum > 0: b = momentum b + g / d,  p -= lr b;  else p -= lr g / d

The update is scratch_optim.update_rules.RMSprop; state per parameter: step, square_avg
(and momentum_buffer, grad_avg when used), torch's names.
"""

from scratch_optim import update_rules

from .optimizer import Optimizer


class RMSprop(Optimizer):
    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False,
                 *, maximize=False):
        super().__init__(params, {"lr": lr, "momentum": momentum, "alpha": alpha, "eps": eps,
                                  "centered": centered, "weight_decay": weight_decay, "maximize": maximize})

    def _update_rule(self, group):
        return update_rules.RMSprop(lr=group["lr"], alpha=group["alpha"], eps=group["eps"],
                                    weight_decay=group["weight_decay"], momentum=group["momentum"],
                                    centered=group["centered"])
