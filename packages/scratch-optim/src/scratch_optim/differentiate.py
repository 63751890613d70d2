"""Numerical differentiation by finite differences: jacobian, gradient, hessian, check_grad.

For a step h along coordinate i (e_i the unit vector):

    forward ('2-point'):  df/dx_i ~ (f(x + h e_i) - f(x)) / h              error O(h)
    central ('3-point'):  df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h)    error O(h^2)
    second difference:    d2f/dx_i dx_j ~ [f(x+h_i e_i+h_j e_j) - f(x+h_i e_i-h_j e_j)
                                          - f(x-h_i e_i+h_j e_j) + f(x-h_i e_i-h_j e_j)] / (4 h_i h_j)

Truncation error shrinks with h while rounding error grows like eps/h, so the best relative step
balances the two: eps^(1/2) for forward, eps^(1/3) for central, eps^(1/4) for the second
difference (scipy's `approx_derivative` rules, which we follow: h = rel_step * sign(x) * max(1, |x|)).

    >>> gradient(lambda x: x @ x, [1.0, 2.0])   # ~ [2, 4]
"""

import numpy as np

from ._validate import as_point, check_callable, check_choice, check_finite_value

EPS = np.finfo(float).eps
SQRT_EPS = np.sqrt(EPS)  # 1.49e-8: scipy's default epsilon for approx_fprime / check_grad
DEFAULT_REL_STEP = {"2-point": EPS**0.5, "3-point": EPS ** (1 / 3)}
DIFFERENCE_METHODS = ("2-point", "3-point")


def relative_steps(x, method, rel_step=None):
    """Steps h = rel_step * sign(x) * max(1, |x|), with sign(0) taken as +1.  # (n,)"""
    rel_step = DEFAULT_REL_STEP[method] if rel_step is None else rel_step
    sign = np.where(x >= 0, 1.0, -1.0)
    return rel_step * sign * np.maximum(1.0, np.abs(x))


def difference_quotients(fun, x, steps, method, f0=None):
    """The finite-difference Jacobian of `fun` at `x` with the given per-coordinate steps.

    fun maps (n,) -> scalar or (m,); returns (n,) for a scalar fun, else (m, n). `f0` = fun(x)
    saves one call for '2-point'. This is the one difference loop every routine here uses.
    """
    f0 = np.asarray(fun(x), dtype=float) if f0 is None else np.asarray(f0, dtype=float)
    columns = []
    for i in range(x.size):
        x_plus = x.copy()
        x_plus[i] += steps[i]
        if method == "2-point":
            # subtle: divide by the step actually taken, (x + h) - x, which is exactly representable
            columns.append((np.asarray(fun(x_plus), dtype=float) - f0) / (x_plus[i] - x[i]))
        else:
            x_minus = x.copy()
            x_minus[i] -= steps[i]
            difference = np.asarray(fun(x_plus), dtype=float) - np.asarray(fun(x_minus), dtype=float)
            columns.append(difference / (x_plus[i] - x_minus[i]))
    return np.stack(columns, axis=-1)  # (n,) or (m, n)


def _prepare(fun, x, args, method):
    check_callable(fun, "fun")
    method = check_choice(method, DIFFERENCE_METHODS, "method")
    x = as_point(x, "x")
    return (lambda point: fun(point, *args)), x, method


def jacobian(fun, x, *, method="3-point", rel_step=None, args=()):
    """Finite-difference Jacobian of a vector function: (m, n), or (n,) if fun returns a scalar."""
    wrapped, x, method = _prepare(fun, x, args, method)
    f0 = np.asarray(wrapped(x), dtype=float)
    check_finite_value(f0, "fun(x)")
    return difference_quotients(wrapped, x, relative_steps(x, method, rel_step), method, f0)


def gradient(fun, x, *, method="3-point", rel_step=None, args=()):
    """Finite-difference gradient of a scalar function: (n,)."""
    wrapped, x, method = _prepare(fun, x, args, method)
    f0 = np.asarray(wrapped(x), dtype=float)
    if f0.ndim != 0:
        raise ValueError(f"gradient needs a scalar function; fun returned shape {f0.shape}")
    check_finite_value(f0, "fun(x)")
    return difference_quotients(wrapped, x, relative_steps(x, method, rel_step), method, f0)


def hessian(fun, x, *, jac=None, rel_step=None, args=()):
    """Finite-difference Hessian (n, n), symmetric.

    With `jac` (the analytic gradient) it is the central-difference Jacobian of the gradient,
    symmetrized; without, the second difference of `fun` itself (n(n+1)/2 * 4 calls).
    """
    check_callable(fun, "fun")
    x = as_point(x, "x")
    if jac is not None:
        check_callable(jac, "jac")
        hess = jacobian(jac, x, method="3-point", rel_step=rel_step, args=args)  # (n, n)
        return 0.5 * (hess + hess.T)
    check_finite_value(fun(x, *args), "fun(x)")
    rel_step = EPS**0.25 if rel_step is None else rel_step
    steps = relative_steps(x, "3-point", rel_step)  # (n,)
    n = x.size
    hess = np.empty((n, n))

    def shifted(i, si, j, sj):
        point = x.copy()
        point[i] += si * steps[i]
        point[j] += sj * steps[j]
        return fun(point, *args)

    for i in range(n):
        for j in range(i, n):
            # subtle: for i == j this is the second difference with step 2h: (f(x+2h) - 2f + f(x-2h)) / 4h^2
            value = (shifted(i, 1, j, 1) - shifted(i, 1, j, -1)
                     - shifted(i, -1, j, 1) + shifted(i, -1, j, -1)) / (4 * steps[i] * steps[j])
            hess[i, j] = hess[j, i] = value
    return hess


def approx_fprime(xk, f, epsilon=SQRT_EPS, *args):
    """scipy's `approx_fprime`: forward differences with the absolute step `epsilon`."""
    check_callable(f, "f")
    xk = as_point(xk, "xk")
    steps = np.broadcast_to(np.asarray(epsilon, dtype=float), xk.shape)
    return difference_quotients(lambda point: f(point, *args), xk, steps, "2-point")


def check_grad(func, grad, x0, *args, epsilon=SQRT_EPS, direction="all", seed=None):
    """scipy's `check_grad`: the 2-norm of grad(x0) minus its forward-difference estimate.

    direction='random' compares only the directional derivative along one random normal vector v
    (drawn from `seed`: int, None or Generator), which costs 2 calls instead of n + 1.
    """
    check_callable(grad, "grad")
    direction = check_choice(direction, ("all", "random"), "direction")
    x0 = as_point(x0, "x0")
    analytic = np.asarray(grad(x0, *args), dtype=float)
    if direction == "all":
        return np.sqrt(np.sum((analytic - approx_fprime(x0, func, epsilon, *args)) ** 2))
    # subtle: an int or None seed goes through RandomState as in scipy's check_random_state, so
    # the same seed draws the same v as scipy does
    rng = seed if isinstance(seed, np.random.Generator) else np.random.RandomState(seed)
    v = rng.normal(0, 1, size=x0.shape)  # (n,)
    along_v = approx_fprime(np.zeros(1), lambda w: func(x0 + w[0] * v, *args), epsilon)  # (1,)
    return np.sqrt(np.sum((analytic @ v - along_v) ** 2))
