"""Proximal methods for L1-regularized problems:  minimize f(x) + lam ||x||_1,  f smooth.

The proximal operator of t lam ||.||_1 is soft thresholding, applied per coordinate:

    soft_threshold(v, k) = sign(v) max(|v| - k, 0)        e.g. [3, -0.5, -2], k=1 -> [2, 0, -1]

`ista` / `fista` also take per-coordinate weights, lam a vector: the penalty is
sum_i lam_i |x_i| and its prox thresholds coordinate i by t lam_i, so lam_i = 0 leaves x_i
unpenalized (a model's intercept, say):  [3, -0.5, -2], k=[1, 0, 1] -> [2, -0.5, -1].

ISTA (proximal gradient) steps  x+ = soft_threshold(x - t grad f(x), t lam). With a Lipschitz
constant L of grad f and t = 1/L the objective falls as O(1/k); FISTA (Beck & Teboulle 2009)
adds Nesterov momentum on an extrapolated point y and gets O(1/k^2):

    x+ = soft_threshold(y - t grad f(y), t lam),  s+ = (1 + sqrt(1 + 4 s^2)) / 2,
    y+ = x+ + ((s - 1) / s+) (x+ - x)

Without a step size, t is found by backtracking (halve t until the quadratic upper bound
f(x+) <= f(y) + g'(x+ - y) + ||x+ - y||^2 / (2t) holds), which needs `fun`.

For the lasso, f(x) = 1/2 ||A x - b||^2, grad f = A'(A x - b) and L = ||A||_2^2 (power iteration).
Cyclic coordinate descent solves the same lasso exactly one coordinate at a time, keeping the
residual r = b - A x current:

    x_j <- soft_threshold(A_j' r + ||A_j||^2 x_j, lam) / ||A_j||^2

Every solver stops when the step is small, max |x+ - x| <= tol * max(1, max |x|), or after
max_iter iterations (then success is False), and returns an OptimizeResult.
"""

import numpy as np

from ._arrays import as_matrix, as_vector
from ._result import OptimizeResult
from ._validate import as_point, check_callable, check_positive

_POWER_ITERATIONS = 100


def soft_threshold(x, threshold):
    """sign(x) * max(|x| - threshold, 0), elementwise: the prox of threshold * ||.||_1."""
    x = np.asarray(x, dtype=np.float64)
    if np.any(np.asarray(threshold) < 0):
        raise ValueError("threshold must be >= 0")
    return np.sign(x) * np.maximum(np.abs(x) - threshold, 0.0)


def _step_is_small(x_new, x_old, tol):
    return np.max(np.abs(x_new - x_old)) <= tol * max(1.0, np.max(np.abs(x_new)))


def _result(x, objective_value, nit, converged):
    return OptimizeResult(
        x=x, fun=objective_value, nit=nit, success=converged, status=0 if converged else 1,
        message="Optimization terminated successfully." if converged
        else "Maximum number of iterations has been exceeded.",
    )


def _proximal_gradient(fun, grad, x0, lam, step_size, accelerated, max_iter, tol):
    """ISTA (accelerated=False) or FISTA (True) for fun(x) + lam ||x||_1; see module docstring."""
    x = x0.copy()  # (n,)
    y, momentum = x.copy(), 1.0
    step = step_size if step_size is not None else 1.0
    converged = False
    nit = 0
    for nit in range(1, max_iter + 1):
        gradient = grad(y)  # (n,)
        while True:
            x_new = soft_threshold(y - step * gradient, step * lam)
            if step_size is not None:
                break
            difference = x_new - y
            upper_bound = fun(y) + gradient @ difference + difference @ difference / (2 * step)
            # subtle: the bound holds for every step <= 1/L, so halving ends; the cap guards a
            # gradient that is not the gradient of fun.
            if fun(x_new) <= upper_bound + 1e-12 * abs(upper_bound) or step < 1e-20:
                break
            step *= 0.5
        if accelerated:
            momentum_new = (1 + np.sqrt(1 + 4 * momentum * momentum)) / 2
            y = x_new + ((momentum - 1) / momentum_new) * (x_new - x)
            momentum = momentum_new
        else:
            y = x_new
        done = _step_is_small(x_new, x, tol)
        x = x_new
        if done:
            converged = True
            break
    return x, nit, converged


def _general_problem(fun, grad, x0, lam, step_size):
    check_callable(grad, "grad")
    if fun is None and step_size is None:
        raise ValueError("give step_size (e.g. 1/L) or fun (for the backtracking line search)")
    if fun is not None:
        check_callable(fun, "fun")
    if step_size is not None:
        check_positive(step_size, "step_size")
    x0 = as_point(x0, "x0")
    try:
        lam = np.asarray(lam, dtype=np.float64)
    except (TypeError, ValueError) as bad:
        raise ValueError(f"lam must be a real number or an array of them: {bad}") from bad
    if lam.ndim == 0:
        check_positive(float(lam), "lam", allow_zero=True)
        return x0, float(lam)
    # per-coordinate weights: lam_i = 0 leaves x_i unpenalized (e.g. a model's intercept)
    if lam.shape != x0.shape:
        raise ValueError(
            f"lam must be a scalar or have the shape of x0 {x0.shape}, got {lam.shape}")
    bad_entries = np.flatnonzero(~(np.isfinite(lam) & (lam >= 0)))
    if bad_entries.size:
        first = bad_entries[0]
        raise ValueError(f"lam must be finite and >= 0, got {float(lam[first])!r} at index {first}")
    return x0, lam


def _objective(fun, x, lam):
    return (fun(x) if fun is not None else np.nan) + np.sum(lam * np.abs(x))


def ista(grad, x0, lam, step_size=None, fun=None, max_iter=10_000, tol=1e-10):
    """Proximal gradient descent for fun(x) + lam ||x||_1 given grad = grad fun.

    `fun` is needed only for backtracking (step_size None) and to report `fun` in the result.
    lam: a scalar, or per-coordinate weights shaped like x0 (the penalty is sum_i lam_i |x_i|;
    lam_i = 0 leaves x_i free, as an unpenalized intercept).
    """
    x0, lam = _general_problem(fun, grad, x0, lam, step_size)
    x, nit, converged = _proximal_gradient(fun, grad, x0, lam, step_size, False, max_iter, tol)
    return _result(x, _objective(fun, x, lam), nit, converged)


def fista(grad, x0, lam, step_size=None, fun=None, max_iter=10_000, tol=1e-10):
    """Accelerated proximal gradient (FISTA) for fun(x) + lam ||x||_1; arguments as `ista`."""
    x0, lam = _general_problem(fun, grad, x0, lam, step_size)
    x, nit, converged = _proximal_gradient(fun, grad, x0, lam, step_size, True, max_iter, tol)
    return _result(x, _objective(fun, x, lam), nit, converged)


def _lasso_problem(A, b, lam, x0):
    A = as_matrix(A, "A")
    b = as_vector(b, "b", length=A.shape[0])
    check_positive(lam, "lam", allow_zero=True)
    x0 = np.zeros(A.shape[1]) if x0 is None else as_vector(x0, "x0", length=A.shape[1])
    return A, b, x0


def _lasso_objective(A, b, lam, x):
    residual = A @ x - b
    return 0.5 * residual @ residual + lam * np.sum(np.abs(x))


def largest_singular_value_squared(A):
    """||A||_2^2, the Lipschitz constant of x -> A'(A x - b), by power iteration on A'A.

    subtle: started from a fixed all-ones vector (deterministic); the result is scaled by 1.01
    so that 1/L stays a safe step even before the iteration has fully converged.
    """
    v = np.ones(A.shape[1]) / np.sqrt(A.shape[1])  # (n,)
    estimate = 0.0
    for _ in range(_POWER_ITERATIONS):
        w = A.T @ (A @ v)  # (n,)
        estimate_new = np.sqrt(w @ w)
        if estimate_new == 0:
            return 0.0
        v = w / estimate_new
        if abs(estimate_new - estimate) <= 1e-6 * estimate_new:
            break
        estimate = estimate_new
    return 1.01 * estimate_new


def _lasso_proximal(A, b, lam, x0, max_iter, tol, accelerated):
    A, b, x0 = _lasso_problem(A, b, lam, x0)
    lipschitz = largest_singular_value_squared(A)
    if lipschitz == 0:  # A == 0: the objective is constant in the smooth part
        x = np.zeros_like(x0)
        return _result(x, _lasso_objective(A, b, lam, x), 0, True)
    grad = lambda x: A.T @ (A @ x - b)
    x, nit, converged = _proximal_gradient(None, grad, x0, lam, 1.0 / lipschitz, accelerated,
                                           max_iter, tol)
    return _result(x, _lasso_objective(A, b, lam, x), nit, converged)


def lasso_ista(A, b, lam, x0=None, max_iter=10_000, tol=1e-10):
    """ISTA for the lasso 1/2 ||A x - b||^2 + lam ||x||_1 with step 1/||A||_2^2."""
    return _lasso_proximal(A, b, lam, x0, max_iter, tol, accelerated=False)


def lasso_fista(A, b, lam, x0=None, max_iter=10_000, tol=1e-10):
    """FISTA for the lasso 1/2 ||A x - b||^2 + lam ||x||_1 with step 1/||A||_2^2."""
    return _lasso_proximal(A, b, lam, x0, max_iter, tol, accelerated=True)


def lasso_coordinate_descent(A, b, lam, x0=None, max_iter=1_000, tol=1e-10):
    """Cyclic coordinate descent for the lasso 1/2 ||A x - b||^2 + lam ||x||_1.

    One iteration is one sweep over all coordinates (sequential by nature: each update uses the
    residual left by the previous one). All-zero columns stay at 0.
    """
    A, b, x = _lasso_problem(A, b, lam, x0)
    x = x.copy()  # (n,)
    columns = np.ascontiguousarray(A.T)  # (n, m): row j is column j of A, contiguous
    column_norms_squared = np.einsum("ij,ij->i", columns, columns)  # (n,)
    residual = b - A @ x  # (m,)
    converged = False
    nit = 0
    for nit in range(1, max_iter + 1):
        x_old = x.copy()
        for j in np.flatnonzero(column_norms_squared):
            column = columns[j]  # (m,)
            rho = column @ residual + column_norms_squared[j] * x[j]
            x_j = np.sign(rho) * max(abs(rho) - lam, 0.0) / column_norms_squared[j]
            if x_j != x[j]:
                residual -= (x_j - x[j]) * column
                x[j] = x_j
        if _step_is_small(x, x_old, tol):
            converged = True
            break
    return _result(x, _lasso_objective(A, b, lam, x), nit, converged)
