"""SGD: stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD.

With g the gradient (negated if maximize), p the parameter, b the momentum buffer:

    g += weight_decay p;  b = momentum b + (1 - dampening) g  (b = g at the first step);
    g = g + momentum b (nesterov) or b;  p -= lr g

The update is scratch_optim.update_rules.SGD; this class adds parameters and param groups.
"""

from scratch_optim import update_rules

from .optimizer import Optimizer


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False,
                 *, maximize=False):
        super().__init__(params, {"lr": lr, "momentum": momentum, "dampening": dampening,
                                  "weight_decay": weight_decay, "nesterov": nesterov, "maximize": maximize})

    def _update_rule(self, group):
        return update_rules.SGD(lr=group["lr"], momentum=group["momentum"], dampening=group["dampening"],
                                weight_decay=group["weight_decay"], nesterov=group["nesterov"])
