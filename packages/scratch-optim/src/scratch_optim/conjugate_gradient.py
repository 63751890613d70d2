"""Nonlinear conjugate gradient, Polak-Ribiere+ (Nocedal & Wright 5.2).

    p_0 = -g_0;   p_{k+1} = -g_{k+1} + beta_{k+1} p_k,
    beta_{k+1} = max(0, g_{k+1}.(g_{k+1} - g_k) / g_k.g_k)        (the "+": restart when < 0)

with a strong Wolfe line search (c2 = 0.4, as scipy, for a nearly exact search). Strong Wolfe
alone does not make the PR+ direction a descent direction, so, like scipy, the line search only
accepts a step whose next direction satisfies p_{k+1}.g_{k+1} <= -0.01 ||g_{k+1}||^2 (or that
already meets gtol). Stops when ||g||_inf <= gtol.

subtle: CG's iteration count depends strongly on WHICH Wolfe point the search returns. With
N&W's zoom alone we needed 1.9x / 2.7x scipy's iterations on Rosenbrock 10-d / 100-d; with
scipy's order (Moré-Thuente first, whose steps are closer to the exact minimizer along p; see
`wolfe_step`) the iterates are scipy's, step for step.
"""

import numpy as np

from ._result import finish_iteration, gradient_method_result
from .line_search import wolfe_step

SUFFICIENT_DESCENT = 0.01  # sigma_3 in scipy


def _polak_ribiere_direction(g_new, g, direction):
    beta = max(0.0, (g_new @ (g_new - g)) / (g @ g))
    return -g_new + beta * direction  # (n,)


def minimize_cg(objective, x0, callback=None, *, gtol=1e-5, maxiter=None, c1=1e-4, c2=0.4):
    x = x0.copy()  # (n,)
    maxiter = 200 * x.size if maxiter is None else maxiter
    f, g = objective.value_and_grad(x)
    old_f = f + np.sqrt(g @ g) / 2
    direction = -g  # (n,)
    outcome, nit = "success", 0
    while np.max(np.abs(g)) > gtol:
        if nit >= maxiter:
            outcome = "maxiter"
            break

        def descent_condition(alpha, x_new, f_new, g_new, g=g, direction=direction):
            if np.max(np.abs(g_new)) <= gtol:
                return True
            next_direction = _polak_ribiere_direction(g_new, g, direction)
            return next_direction @ g_new <= -SUFFICIENT_DESCENT * (g_new @ g_new)

        step = wolfe_step(objective, x, direction, f, g, old_f, c1, c2,
                          extra_condition=descent_condition)
        if step is None:
            outcome = "pr_loss"
            break
        _, x, f_new, g_new = step
        direction = _polak_ribiere_direction(g_new, g, direction)
        old_f, f, g = f, f_new, g_new
        nit += 1
        if finish_iteration(x, f, callback):
            outcome = "nan"
            break
    return gradient_method_result(objective, x, f, g, nit, outcome)
