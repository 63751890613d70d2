"""First-order descent: plain gradient descent, heavy-ball momentum, Nesterov momentum.

With learning rate lr and momentum mu, the updates follow torch.optim.SGD exactly:

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

from ._result import gradient_method_result
from ._validate import check_positive
from .line_search import scalar_search_armijo

MESSAGE_DIVERGED = "NaN result encountered: the iterates diverged (learning_rate too large?)."


def _descend(objective, x0, callback, rule, learning_rate, momentum, gtol, maxiter):
    x = x0.copy()  # (n,)
    maxiter = 1000 * x.size if maxiter is None else maxiter
    f, g = objective.value_and_grad(x)
    velocity = None  # (n,) the momentum buffer b
    step_size = 1.0  # the line search's last accepted step ('gd' without a learning rate)
    outcome, message, nit = "success", None, 0
    while np.max(np.abs(g)) > gtol:
        if nit >= maxiter:
            outcome = "maxiter"
            break
        if rule == "gd" and learning_rate is None:
            step_size, _ = scalar_search_armijo(
                lambda alpha: objective.value(x - alpha * g), f, -float(g @ g),
                alpha0=2.0 * step_size)
            if step_size is None:
                outcome = "pr_loss"
                break
            update = step_size * g
        elif rule == "gd":
            update = learning_rate * g
        else:
            velocity = g.copy() if velocity is None else momentum * velocity + g
            update = learning_rate * (velocity if rule == "momentum" else g + momentum * velocity)
        x = x - update
        f, g = objective.value_and_grad(x)
        nit += 1
        if callback is not None:
            callback(np.copy(x))
        if not np.isfinite(f) or not np.all(np.isfinite(g)):
            outcome, message = "nan", MESSAGE_DIVERGED
            break
    return gradient_method_result(objective, x, f, g, nit, outcome, message)


def minimize_gd(objective, x0, callback=None, *, learning_rate=None, gtol=1e-5, maxiter=None):
    if learning_rate is not None:
        check_positive(learning_rate, "learning_rate")
    return _descend(objective, x0, callback, "gd", learning_rate, 0.0, gtol, maxiter)


def minimize_momentum(objective, x0, callback=None, *, learning_rate=0.01, momentum=0.9,
                      gtol=1e-5, maxiter=None):
    check_positive(learning_rate, "learning_rate")
    check_positive(momentum, "momentum", allow_zero=True)
    return _descend(objective, x0, callback, "momentum", learning_rate, momentum, gtol, maxiter)


def minimize_nesterov(objective, x0, callback=None, *, learning_rate=0.01, momentum=0.9,
                      gtol=1e-5, maxiter=None):
    check_positive(learning_rate, "learning_rate")
    check_positive(momentum, "momentum", allow_zero=True)
    return _descend(objective, x0, callback, "nesterov", learning_rate, momentum, gtol, maxiter)
