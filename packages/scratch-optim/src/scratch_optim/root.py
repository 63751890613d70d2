"""`root(fun, x0, ...)`: solve F(x) = 0 for small systems, F: R^n -> R^n, by damped Newton.

Newton's step solves J(x) p = -F(x). To make it converge from farther away, each step is
damped by Armijo backtracking on the merit function m(x) = ||F(x)||^2 / 2, whose slope along
the Newton step is grad m . p = F' J p = -||F||^2 < 0: the full Newton step is always a descent
direction for m, and alpha = 1 is accepted near a root (quadratic convergence).

Jacobian: jac(x) -> (n, n) if given, jac=True when fun returns (F, J), else central finite
differences. Converged when a step is small, ||alpha p||_inf <= tol (1 + ||x||_inf), with
tol = 1.49e-8 by default (scipy's xtol for 'hybr'), or when F(x) is exactly 0.
Our method is 'newton'; scipy's default 'hybr' (MINPACK's Powell hybrid) is not implemented,
so method=None selects 'newton'. The result carries x, fun, jac, nit, nfev,
njev, success, status, message.
"""

import numpy as np
from scratch_linalg import LinAlgError, solve

from ._result import OptimizeResult
from ._validate import as_point, check_callable, check_choice
from .differentiate import difference_quotients, relative_steps
from .line_search import scalar_search_armijo

DEFAULT_TOL = 1.49012e-08
METHODS = ("newton",)


def root(fun, x0, args=(), method=None, jac=None, tol=None, callback=None, options=None):
    """Find x with fun(x) = 0. options: maxiter (default 100 * (n + 1)), xtol (= tol)."""
    check_callable(fun, "fun")
    x = as_point(x0, "x0")  # (n,)
    n = x.size
    if not isinstance(args, tuple):
        args = (args,)
    check_choice(method or "newton", METHODS, "method")
    options = dict(options or {})
    unknown = set(options) - {"maxiter", "xtol"}
    if unknown:
        raise ValueError(f"unknown option(s) {sorted(unknown)}; valid: maxiter, xtol")
    tol = options.get("xtol", DEFAULT_TOL if tol is None else tol)
    if not np.isfinite(tol) or tol <= 0:
        raise ValueError(f"tol must be finite and > 0, got {tol!r}")
    maxiter = options.get("maxiter", 100 * (n + 1))
    if not (jac is None or jac is True or callable(jac)):
        raise ValueError(f"jac must be a callable, True or None, got {jac!r}")
    counts = {"nfev": 0, "njev": 0}

    def residual_and_jacobian(point):
        counts["nfev"] += 1
        out = fun(point, *args)
        if jac is True:
            counts["njev"] += 1
            residual, jacobian = out
        else:
            residual = out
            jacobian = None
        residual = np.asarray(residual, dtype=float).reshape(-1)  # (n,)
        if residual.shape != (n,):
            raise ValueError(f"fun must return {n} values (one per unknown), got {residual.shape}")
        return residual, jacobian

    def jacobian_at(point, residual, jacobian):
        if jacobian is None and callable(jac):
            counts["njev"] += 1
            jacobian = jac(point, *args)
        if jacobian is None:
            def counted(p):
                counts["nfev"] += 1
                return np.asarray(fun(p, *args), dtype=float).reshape(-1)
            jacobian = difference_quotients(counted, point, relative_steps(point, "3-point"),
                                            "3-point")
        jacobian = np.asarray(jacobian, dtype=float)
        if jacobian.shape != (n, n):
            raise ValueError(f"the Jacobian must have shape {(n, n)}, got {jacobian.shape}")
        return jacobian

    residual, jacobian = residual_and_jacobian(x)
    if not np.all(np.isfinite(residual)):
        raise ValueError("fun(x0) is not finite (NaN or inf)")
    status, message, nit = 1, "The maximum number of iterations was reached.", 0
    while nit < maxiter:
        if np.max(np.abs(residual)) == 0:
            status, message = 0, "The solution converged."
            break
        jacobian = jacobian_at(x, residual, jacobian)  # (n, n)
        try:
            step = solve(jacobian, -residual)  # (n,)
        except LinAlgError:
            status, message = 2, "The Jacobian is singular; Newton's step is undefined."
            break
        merit = 0.5 * (residual @ residual)
        trial = {}

        def merit_along(alpha):
            trial[alpha] = residual_and_jacobian(x + alpha * step)
            value = trial[alpha][0]
            return 0.5 * (value @ value) if np.all(np.isfinite(value)) else np.inf

        alpha, _ = scalar_search_armijo(merit_along, merit, -2.0 * merit, alpha0=1.0)
        if alpha is None:
            status, message = 3, "The iteration is not making good progress."
            break
        x = x + alpha * step
        residual, jacobian = trial[alpha]
        nit += 1
        if callback is not None:
            callback(np.copy(x), residual)
        if np.max(np.abs(alpha * step)) <= tol * (1 + np.max(np.abs(x))):
            status, message = 0, "The solution converged."
            break
    return OptimizeResult(x=x, fun=residual, jac=jacobian, nit=nit, nfev=counts["nfev"],
                          njev=counts["njev"], status=status, success=status == 0,
                          message=message)
