"""Newton's method with a line search and a modified Hessian (Nocedal & Wright 3.4).

The Newton direction solves H p = -g. Far from a minimizer H may be indefinite, and then p need
not be a descent direction, so we factor the nearest "safe" matrix instead (Algorithm 3.3,
Cholesky with added multiple of the identity):

    tau_0 = 0 if min_i H_ii > 0 else beta - min_i H_ii          (beta = 1e-3 ||H||_F)
    until cholesky(H + tau I) = L L' succeeds:  tau <- max(2 tau, beta)
    p = -(L L')^{-1} g     (two triangular solves)

Then Armijo backtracking from the full step alpha = 1, which near the minimizer is accepted, so
the final iterations converge quadratically. Hessian: `hess` if given, else finite differences
of the gradient (or of f when there is no gradient either). Stops when ||g||_inf <= gtol.
Not scipy's 'Newton-CG' (an inexact Newton solve by conjugate gradients), hence its own name.
"""

import numpy as np
from scratch_linalg import LinAlgError, cholesky, solve_triangular

from ._result import finish_iteration, gradient_method_result
from .line_search import scalar_search_armijo

SHIFT_FLOOR = 1e-3  # beta in Algorithm 3.3, here relative to ||H||_F
MAX_SHIFTS = 100  # doublings of tau before giving up (tau would exceed 1e27)


def modified_cholesky(hessian):
    """Lower L with L L' = H + tau I, tau >= 0 the first shift (of Alg. 3.3) that makes it PD."""
    if not np.all(np.isfinite(hessian)):
        raise ValueError("the Hessian contains NaN or inf")
    # subtle: beta relative to the Hessian's scale (||H||_F), not an absolute 1e-3: a shift that
    # only just clears -lambda_min leaves H + tau I nearly singular, and the step then runs far
    # along the negative-curvature direction where the line search can only take a sliver
    floor = SHIFT_FLOOR * max(1.0, np.sqrt(np.sum(hessian * hessian)))
    smallest_diagonal = np.min(np.diag(hessian))
    shift = 0.0 if smallest_diagonal > 0 else floor - smallest_diagonal
    identity = np.eye(hessian.shape[0])
    for _ in range(MAX_SHIFTS):
        try:
            return cholesky(hessian + shift * identity)
        except LinAlgError:
            shift = max(2.0 * shift, floor)
    raise LinAlgError("could not make the Hessian positive definite by a diagonal shift")


def minimize_newton(objective, x0, callback=None, *, gtol=1e-5, maxiter=None, c1=1e-4):
    x = x0.copy()  # (n,)
    maxiter = 200 * x.size if maxiter is None else maxiter
    f, g = objective.value_and_grad(x)
    hessian = None
    outcome, nit = "success", 0
    while np.max(np.abs(g)) > gtol:
        if nit >= maxiter:
            outcome = "maxiter"
            break
        hessian = np.asarray(objective.hess(x), dtype=float)
        if hessian.shape != (x.size, x.size):
            raise ValueError(f"hess must return shape {(x.size, x.size)}, got {hessian.shape}")
        lower = modified_cholesky(hessian)  # (n, n)
        direction = -solve_triangular(lower, solve_triangular(lower, g, lower=True),
                                      lower=True, trans=1)  # (n,)
        alpha, _ = scalar_search_armijo(lambda a: objective.value(x + a * direction), f,
                                        float(g @ direction), c1, alpha0=1.0)
        if alpha is None:
            outcome = "pr_loss"
            break
        x = x + alpha * direction
        f_old, g_old_norm = f, np.max(np.abs(g))
        f, g = objective.value_and_grad(x)
        nit += 1
        if finish_iteration(x, f, callback):
            outcome = "nan"
            break
        if not f < f_old and not np.max(np.abs(g)) < g_old_norm:
            # subtle: the Armijo test passed only because the predicted decrease is below f's
            # rounding, and the gradient did not shrink either: we are at the limit of what
            # floating point resolves, so stop as scipy does ("precision loss"), not at maxiter
            outcome = "pr_loss"
            break
    return gradient_method_result(objective, x, f, g, nit, outcome, hess=hessian,
                                  nhev=objective.nhev)
