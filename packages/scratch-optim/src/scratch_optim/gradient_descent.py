"""First-order descent: plain gradient descent, heavy-ball momentum, Nesterov momentum.

With learning rate lr and momentum mu, the updates are torch.optim.SGD's (update_rules.SGD does
them):

    'gd':        x <- x - lr g
    'momentum':  b <- mu b + g;         x <- x - lr b          (b_0 = g_0)
    'nesterov':  b <- mu b + g;         x <- x - lr (g + mu b)

For 'gd' with learning_rate=None the step is chosen each iteration by Armijo backtracking
(started from twice the last accepted step, so it can grow back). On the quadratic
f = x'Ax/2 - b'x, a fixed-rate GD error obeys e_k = (I - lr A)^k e_0: it converges iff
lr < 2 / lambda_max(A). Stops when ||g||_inf <= gtol; a non-finite f (a rate too large) stops
with status 3 instead of returning NaN silently.
"""

import numpy as np

from ._result import finish_iteration, gradient_method_result
from ._validate import check_positive
from .line_search import scalar_search_armijo
from .update_rules import SGD

MESSAGE_DIVERGED = "NaN result encountered: the iterates diverged (learning_rate too large?)."


def _descend(objective, x0, callback, update_rule, gtol, maxiter):
    """Iterate until ||g||_inf <= gtol. update_rule: an update_rules.SGD applied to x in place,
    or None for steepest descent with an Armijo line search."""
    x = x0.copy()  # (n,) updated in place by update_rule
    maxiter = 1000 * x.size if maxiter is None else maxiter
    f, g = objective.value_and_grad(x)
    step_size = 1.0  # the line search's last accepted step (update_rule None)
    outcome, message, nit = "success", None, 0
    while np.max(np.abs(g)) > gtol:
        if nit >= maxiter:
            outcome = "maxiter"
            break
        if update_rule is None:
            step_size, _ = scalar_search_armijo(
                lambda alpha: objective.value(x - alpha * g), f, -float(g @ g),
                alpha0=2.0 * step_size)
            if step_size is None:
                outcome = "pr_loss"
                break
            x = x - step_size * g
        else:
            update_rule.step([x], [g])
        f, g = objective.value_and_grad(x)
        nit += 1
        if finish_iteration(x, f, callback) or not np.all(np.isfinite(g)):
            outcome, message = "nan", MESSAGE_DIVERGED
            break
    return gradient_method_result(objective, x, f, g, nit, outcome, message)


def minimize_gd(objective, x0, callback=None, *, learning_rate=None, gtol=1e-5, maxiter=None):
    update_rule = None
    if learning_rate is not None:
        check_positive(learning_rate, "learning_rate")
        update_rule = SGD(lr=learning_rate)
    return _descend(objective, x0, callback, update_rule, gtol, maxiter)


def minimize_momentum(objective, x0, callback=None, *, learning_rate=0.01, momentum=0.9,
                      gtol=1e-5, maxiter=None):
    check_positive(learning_rate, "learning_rate")
    check_positive(momentum, "momentum", allow_zero=True)
    return _descend(objective, x0, callback, SGD(lr=learning_rate, momentum=momentum), gtol,
                    maxiter)


def minimize_nesterov(objective, x0, callback=None, *, learning_rate=0.01, momentum=0.9,
                      gtol=1e-5, maxiter=None):
    check_positive(learning_rate, "learning_rate")
    check_positive(momentum, "momentum", allow_zero=True)
    # subtle: SGD refuses nesterov=True with momentum 0; Nesterov with mu = 0 is plain GD anyway
    update_rule = SGD(lr=learning_rate, momentum=momentum, nesterov=momentum > 0)
    return _descend(objective, x0, callback, update_rule, gtol, maxiter)
