"""BFGS: quasi-Newton with a dense inverse-Hessian approximation H (Nocedal & Wright 6.1).

Each iteration steps along p = -H g with a strong Wolfe line search, then, with
s = x_new - x, y = g_new - g and rho = 1 / (y.s), applies the BFGS update

    H <- (I - rho s y') H (I - rho y s') + rho s s'

written here in its rank-2 form (O(n^2), no n x n products):

    H <- H - rho (s (Hy)' + (Hy) s') + (rho^2 y'Hy + rho) s s'

The Wolfe curvature condition guarantees y.s > 0, so H stays positive definite. Stops when
||g||_inf <= gtol. Same start as scipy (H0 = I, first trial step from f + ||g|| / 2).
"""

import numpy as np

from ._result import finish_iteration, gradient_method_result
from .line_search import wolfe_step


def minimize_bfgs(objective, x0, callback=None, *, gtol=1e-5, maxiter=None, c1=1e-4, c2=0.9,
                  xrtol=0.0):
    x = x0.copy()  # (n,)
    n = x.size
    maxiter = 200 * n if maxiter is None else maxiter
    f, g = objective.value_and_grad(x)
    inverse_hessian = np.eye(n)  # (n, n)
    old_f = f + np.sqrt(g @ g) / 2  # scipy's guess of the previous value: a first step of ~1/||g||
    outcome, nit = "success", 0
    while np.max(np.abs(g)) > gtol:
        if nit >= maxiter:
            outcome = "maxiter"
            break
        direction = -inverse_hessian @ g  # (n,)
        step = wolfe_step(objective, x, direction, f, g, old_f, c1, c2)
        if step is None:
            outcome = "pr_loss"
            break
        _, x_new, f_new, g_new = step
        s, y = x_new - x, g_new - g  # (n,), (n,)
        x, old_f, f, g = x_new, f, f_new, g_new
        nit += 1
        if finish_iteration(x, f, callback):
            outcome = "nan"
            break
        if np.sqrt(s @ s) <= xrtol * (xrtol + np.sqrt(x @ x)):
            break
        curvature = y @ s
        rho = 1000.0 if curvature == 0 else 1.0 / curvature  # subtle: scipy's guard for y.s == 0
        h_y = inverse_hessian @ y  # (n,)
        inverse_hessian -= rho * (np.outer(s, h_y) + np.outer(h_y, s))
        inverse_hessian += (rho * rho * (y @ h_y) + rho) * np.outer(s, s)
    return gradient_method_result(objective, x, f, g, nit, outcome, hess_inv=inverse_hessian)
