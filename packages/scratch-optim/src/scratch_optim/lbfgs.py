"""L-BFGS with optional box bounds l <= x <= u ('L-BFGS-B'): a projected active-set variant.

Limited memory (Nocedal & Wright 7.2): keep the last m pairs s_i = x_{i+1} - x_i,
y_i = g_{i+1} - g_i and apply the inverse-Hessian approximation H to a vector with the two-loop
recursion, O(m n), never forming H:

    q = g;  for i = newest..oldest: a_i = rho_i s_i.q,  q -= a_i y_i         (rho_i = 1 / y_i.s_i)
    r = gamma q,  gamma = s.y / y.y of the newest pair (the scaling of H0 = gamma I)
    for i = oldest..newest: b = rho_i y_i.r,  r += (a_i - b) s_i;   direction = -r

Bounds. scipy's Fortran L-BFGS-B finds a generalized Cauchy point and minimizes a compact
quasi-Newton model on the free subspace. We use a simpler, documented projected variant that
converges to the same bounded minimizer (the first-order KKT point):
  1. active set A: coordinates at a bound whose gradient pushes outward
     (x_i = l_i and g_i > 0, or x_i = u_i and g_i < 0); the rest are free, F;
  2. direction on F by the two-loop recursion with the pairs restricted to F, zero on A
     (falls back to -g on F if that is not a descent direction);
  3. projected search along x(alpha) = P(x + alpha d), P the clip to the box, Armijo
     backtracking on f(x(alpha)) (interpolating; at most maxls trials).
Without finite bounds the search is strong Wolfe instead, i.e. plain L-BFGS.

Stopping as scipy: ||P(x - g) - x||_inf <= gtol (the projected gradient), or a relative
reduction (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) <= ftol, or the maxiter / maxfun caps.
"""

import numpy as np

from ._result import OptimizeResult
from .line_search import scalar_search_armijo, wolfe_step

EPS = np.finfo(float).eps
MESSAGE_PGTOL = "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL"
MESSAGE_FTOL = "CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH"
MESSAGE_MAXITER = "STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT"
MESSAGE_MAXFUN = "STOP: TOTAL NO. OF F,G EVALUATIONS EXCEEDS LIMIT"
MESSAGE_LINE_SEARCH = "ABNORMAL: the line search found no decrease"


def two_loop_direction(g, pairs_s, pairs_y):
    """-H g by the two-loop recursion; pairs_s, pairs_y are (k, n), oldest first.  -> (n,)"""
    if len(pairs_s) == 0:
        return -g
    rhos = 1.0 / np.einsum("ij,ij->i", pairs_s, pairs_y)  # (k,)
    q = g.copy()
    alphas = np.empty(len(pairs_s))
    for i in range(len(pairs_s) - 1, -1, -1):
        alphas[i] = rhos[i] * (pairs_s[i] @ q)
        q -= alphas[i] * pairs_y[i]
    newest_y = pairs_y[-1]
    r = (pairs_s[-1] @ newest_y) / (newest_y @ newest_y) * q
    for i in range(len(pairs_s)):
        r += (alphas[i] - rhos[i] * (pairs_y[i] @ r)) * pairs_s[i]
    return -r


def projected_gradient(x, g, lower, upper):
    """P(x - g) - x: the gradient step that the box allows.  # (n,)"""
    return np.clip(x - g, lower, upper) - x


def _free_direction(x, g, lower, upper, pairs_s, pairs_y):
    """The search direction: two-loop on the free coordinates, zero on the active ones."""
    active = ((x <= lower) & (g > 0)) | ((x >= upper) & (g < 0))  # (n,) bool
    if not active.any():
        return two_loop_direction(g, pairs_s, pairs_y)
    free = ~active
    g_free = np.where(free, g, 0.0)
    if len(pairs_s):
        s_free, y_free = pairs_s * free, pairs_y * free  # (k, n)
        # subtle: a pair can lose its positive curvature once restricted; drop those pairs
        keep = np.einsum("ij,ij->i", s_free, y_free) > EPS * np.einsum("ij,ij->i", y_free, y_free)
        pairs_s, pairs_y = s_free[keep], y_free[keep]
    direction = np.where(free, two_loop_direction(g_free, pairs_s, pairs_y), 0.0)
    return direction if direction @ g < 0 else -g_free


def minimize_lbfgsb(objective, x0, callback=None, bounds=None, *, maxcor=10,
                    ftol=2.2204460492503131e-09, gtol=1e-5, maxiter=15000, maxfun=15000, maxls=20):
    n = x0.size
    lower, upper = bounds if bounds is not None else (np.full(n, -np.inf), np.full(n, np.inf))
    is_bounded = bool(np.isfinite(lower).any() or np.isfinite(upper).any())
    x = np.clip(x0, lower, upper)  # (n,) subtle: scipy too moves x0 into the box
    f, g = objective.value_and_grad(x)
    pairs_s, pairs_y = np.empty((0, n)), np.empty((0, n))  # (k, n), k <= maxcor, oldest first
    message, status, nit = None, 0, 0
    while message is None:
        if np.max(np.abs(projected_gradient(x, g, lower, upper))) <= gtol:
            message = MESSAGE_PGTOL
            break
        if nit >= maxiter:
            message, status = MESSAGE_MAXITER, 1
            break
        if objective.nfev >= maxfun:
            message, status = MESSAGE_MAXFUN, 1
            break
        direction = _free_direction(x, g, lower, upper, pairs_s, pairs_y)  # (n,)
        # subtle: with no curvature yet, -g may be badly scaled; the first trial moves by length 1
        first_trial = 1.0 if len(pairs_s) else min(1.0, 1.0 / np.sqrt(direction @ direction))
        if is_bounded:
            step = _projected_armijo(objective, x, direction, f, g, lower, upper, first_trial, maxls)
        else:
            step = wolfe_step(objective, x, first_trial * direction, f, g, maxiter=maxls)
        if step is None and len(pairs_s):
            pairs_s, pairs_y = np.empty((0, n)), np.empty((0, n))  # forget the curvature, retry
            continue
        if step is None:
            message, status = MESSAGE_LINE_SEARCH, 2
            break
        _, x_new, f_new, g_new = step
        s, y = x_new - x, g_new - g  # (n,), (n,)
        if s @ y > EPS * (y @ y):
            pairs_s = np.vstack([pairs_s, s])[-maxcor:]  # keep the newest maxcor pairs
            pairs_y = np.vstack([pairs_y, y])[-maxcor:]
        reduction = f - f_new
        x, f, g = x_new, f_new, g_new
        nit += 1
        if callback is not None:
            callback(np.copy(x))
        if reduction <= ftol * max(abs(f), abs(f + reduction), 1.0):
            message = MESSAGE_FTOL
    return OptimizeResult(x=x, fun=f, jac=g, nit=nit, nfev=objective.nfev, njev=objective.njev,
                          status=status, success=status == 0, message=message)


def _projected_armijo(objective, x, direction, f, g, lower, upper, first_trial, maxls):
    """Armijo backtracking along the projected path P(x + alpha d)."""
    def phi(alpha):
        return objective.value(np.clip(x + alpha * direction, lower, upper))

    alpha, f_new = scalar_search_armijo(phi, f, float(g @ direction), alpha0=first_trial,
                                        maxiter=maxls)
    if alpha is None:
        return None
    x_new = np.clip(x + alpha * direction, lower, upper)
    if np.array_equal(x_new, x):
        return None
    return alpha, x_new, f_new, objective.grad(x_new)
