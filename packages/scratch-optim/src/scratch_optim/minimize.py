"""`minimize(fun, x0, ...)`: scipy.optimize.minimize's front door over our methods.

It validates the inputs, wraps fun/jac/hess into one counting, caching `ScalarObjective`
(jac=None -> forward differences, jac=True -> fun returns (f, g)), checks the options against
the chosen method's own keyword arguments (so an unknown option is an error, not silently
ignored), and dispatches:

    scipy names     'BFGS', 'L-BFGS-B', 'CG', 'Nelder-Mead'
    ours            'newton' (line-search Newton with a Cholesky-modified Hessian; NOT an alias
                    of scipy's 'Newton-CG', which solves the Newton system inexactly by CG),
                    'gd', 'momentum', 'nesterov'

Method names are case-insensitive. Default method: 'BFGS', or 'L-BFGS-B' when bounds are given
(as scipy). `tol` sets the method's main tolerance (gtol; L-BFGS-B ftol and gtol; Nelder-Mead
xatol and fatol). callback(xk) is called after each iteration with a copy of the iterate.
"""

import inspect

import numpy as np

from ._objective import ScalarObjective
from ._validate import as_point, check_callable, check_finite_value
from .bfgs import minimize_bfgs
from .conjugate_gradient import minimize_cg
from .gradient_descent import minimize_gd, minimize_momentum, minimize_nesterov
from .lbfgs import minimize_lbfgsb
from .nelder_mead import minimize_neldermead
from .newton import minimize_newton

METHODS = {
    "bfgs": minimize_bfgs,
    "l-bfgs-b": minimize_lbfgsb,
    "cg": minimize_cg,
    "nelder-mead": minimize_neldermead,
    "newton": minimize_newton,
    "gd": minimize_gd,
    "momentum": minimize_momentum,
    "nesterov": minimize_nesterov,
}
TOL_OPTIONS = {"l-bfgs-b": ("ftol", "gtol"), "nelder-mead": ("xatol", "fatol")}
DERIVATIVE_FREE = {"nelder-mead"}
IGNORED_OPTIONS = {"disp", "iprint", "return_all"}  # printing / history: libraries don't print
COUNT_OPTIONS = {"maxiter", "maxfun", "maxfev", "maxcor", "maxls"}


def standardize_bounds(bounds, n):
    """(lower, upper), each (n,) with +-inf for no bound, from a sequence of n (min, max) pairs
    (None meaning unbounded) or an object with `lb` / `ub` attributes (scipy's Bounds)."""
    if hasattr(bounds, "lb") and hasattr(bounds, "ub"):
        lower = np.broadcast_to(np.asarray(bounds.lb, dtype=float), (n,)).copy()
        upper = np.broadcast_to(np.asarray(bounds.ub, dtype=float), (n,)).copy()
    else:
        pairs = list(bounds)
        if len(pairs) != n or not all(np.ndim(pair) == 1 and len(pair) == 2 for pair in pairs):
            raise ValueError(f"bounds must be {n} (min, max) pairs, one per variable of x0")
        lower = np.array([-np.inf if lo is None else lo for lo, _ in pairs], dtype=float)
        upper = np.array([np.inf if hi is None else hi for _, hi in pairs], dtype=float)
    if np.isnan(lower).any() or np.isnan(upper).any():
        raise ValueError("bounds contain NaN")
    if np.any(lower > upper):
        raise ValueError("each lower bound must be <= its upper bound")
    return lower, upper


def _method_options(method, solver, options, tol):
    """The keyword options for `solver`, checked against its signature."""
    options = dict(options or {})
    valid = {name for name, parameter in inspect.signature(solver).parameters.items()
             if parameter.kind is inspect.Parameter.KEYWORD_ONLY}
    unknown = set(options) - valid - IGNORED_OPTIONS
    if unknown:
        raise ValueError(f"unknown option(s) {sorted(unknown)} for method {method!r}; "
                         f"valid: {', '.join(sorted(valid | IGNORED_OPTIONS))}")
    for name in IGNORED_OPTIONS:
        options.pop(name, None)
    if tol is not None:
        for name in TOL_OPTIONS.get(method, ("gtol",)):
            options.setdefault(name, tol)
    for name, value in options.items():
        if name in COUNT_OPTIONS and value is not None:
            if isinstance(value, bool) or not float(value).is_integer() or value < 1:
                raise ValueError(f"option {name} must be a positive integer, got {value!r}")
            options[name] = int(value)
        elif name.endswith("tol") and (not np.isfinite(value) or value < 0):
            raise ValueError(f"option {name} must be finite and >= 0, got {value!r}")
    return options


def minimize(fun, x0, args=(), method=None, jac=None, hess=None, bounds=None, tol=None,
             callback=None, options=None):
    """Minimize a scalar function of one or more variables. Returns an OptimizeResult."""
    check_callable(fun, "fun")
    x0 = as_point(x0, "x0")
    if not isinstance(args, tuple):
        args = (args,)
    if method is None:
        method = "l-bfgs-b" if bounds is not None else "bfgs"
    if not isinstance(method, str) or method.lower() not in METHODS:
        raise ValueError(f"unknown method {method!r}; valid: {', '.join(METHODS)} "
                         "(case-insensitive)")
    method = method.lower()
    if callback is not None:
        check_callable(callback, "callback")
    if tol is not None and (not np.isfinite(tol) or tol < 0):
        raise ValueError(f"tol must be finite and >= 0, got {tol!r}")
    if method in DERIVATIVE_FREE and jac is not None:
        jac = None if jac is not True else jac  # subtle: jac=True still means fun returns (f, g)
    if hess is not None and method != "newton":
        raise ValueError(f"method {method!r} does not use hess; only 'newton' does")
    solver = METHODS[method]
    solver_options = _method_options(method, solver, options, tol)
    objective = ScalarObjective(fun, args, jac, hess)
    check_finite_value(objective.value(x0), "fun(x0)")
    if method == "l-bfgs-b":
        standardized = None if bounds is None else standardize_bounds(bounds, x0.size)
        return solver(objective, x0, callback, standardized, **solver_options)
    if bounds is not None:
        raise ValueError(f"method {method!r} does not support bounds; use 'L-BFGS-B'")
    return solver(objective, x0, callback, **solver_options)
