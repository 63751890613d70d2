"""Adam and AdamW: adaptive moment estimation, as torch.optim.Adam / AdamW.

With g the gradient (negated if maximize), t the step count (from 1):

    g += weight_decay p          (Adam: L2 folded into the gradient)
    p *= 1 - lr weight_decay     (AdamW, or Adam with decoupled_weight_decay=True, instead)
    m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;  amsgrad: v = max(v_max, v)
    p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

The update is scratch_optim.update_rules.Adam / AdamW; state per parameter: step, exp_avg,
exp_avg_sq (and max_exp_avg_sq with amsgrad), torch's names.
"""

from scratch_optim import update_rules

from .optimizer import Optimizer


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
                 *, maximize=False, decoupled_weight_decay=False):
        super().__init__(params, {"lr": lr, "betas": tuple(betas), "eps": eps, "weight_decay": weight_decay,
                                  "amsgrad": amsgrad, "maximize": maximize,
                                  "decoupled_weight_decay": decoupled_weight_decay})

    def _update_rule(self, group):
        rule = update_rules.AdamW if group["decoupled_weight_decay"] else update_rules.Adam
        return rule(lr=group["lr"], betas=group["betas"], eps=group["eps"], weight_decay=group["weight_decay"],
                    amsgrad=group["amsgrad"])


class AdamW(Adam):
    """Adam with decoupled weight decay (default 1e-2): p *= 1 - lr weight_decay before the step."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False,
                 *, maximize=False):
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                         maximize=maximize, decoupled_weight_decay=True)
