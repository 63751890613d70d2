"""Conjugate gradients for a symmetric positive definite system A x = b (scipy.sparse.linalg.cg).

CG minimizes f(x) = 1/2 x'Ax - b'x over growing Krylov spaces span{r0, A r0, A^2 r0, ...}. Each
step moves along a search direction p that is A-conjugate to all earlier ones (p_i' A p_j = 0),
so the minimum found along p is never spoiled by later steps. With a preconditioner M ~ A^-1:

    r = b - A x;  z = M r;  p = z
    repeat:  q = A p
             alpha = r'z / p'q           step length: exact line minimum of f along p
             x += alpha p;  r -= alpha q
             z = M r;  beta = r'z_new / r'z_old;  p = z + beta p

Stop as soon as ||r|| < max(rtol ||b||, atol) (checked before each step, like scipy).
In exact arithmetic it converges in at most n steps; in floating point the rate is governed by
sqrt(cond(M A)). Cost per step: one product with A (2n^2 flops for a dense A, less for a
structured operator), one with M, and ~10n flops of vector updates.

A and M may be arrays or any object with a `matvec` method or the `@` operator (a
scipy LinearOperator, a sparse matrix, ...), so A never has to be formed.

The iterates follow scipy's code step for step, so for the same inputs the same x comes out
(up to rounding) after any fixed number of iterations.
"""

import numpy as np

from ._validate import as_float_array, check_finite
from .norm import norm


def cg(A, b, x0=None, *, rtol=1e-5, atol=0.0, maxiter=None, M=None, callback=None):
    """Solve A x = b for symmetric positive definite A by (preconditioned) conjugate gradients.

    A: (n, n) array or operator;  b: (n,) or (n, 1);  x0: initial guess, same shapes (zeros).
    Returns (x, info): x of shape (n,); info 0 when converged, else the iterations done (maxiter).
    callback(x) is called after every iteration with the current iterate.
    """
    if atol is None or atol == "legacy" or atol < 0:
        raise ValueError(
            f"cg called with invalid `atol`={atol}; "
            "if set, `atol` must be a real, non-negative number."
        )
    apply_a, n = _as_matvec(A, "A")
    b = check_finite(as_float_array(b, "b"), "b")
    if b.shape not in ((n,), (n, 1)):
        raise ValueError(f"shapes of A {(n, n)} and b {b.shape} are incompatible")
    dtype = np.result_type(_operator_dtype(A, b), b.dtype)
    b = b.astype(dtype, copy=False).ravel()  # (n,)
    if M is None:
        apply_m = _identity
    else:
        apply_m, m_size = _as_matvec(M, "M")
        if m_size != n:
            raise ValueError("matrix and preconditioner have different shapes")
    if x0 is None:
        x = np.zeros(n, dtype=dtype)  # (n,)
    else:
        x = check_finite(np.array(x0, dtype=dtype), "x0")  # a copy: x0 is never modified
        if x.shape not in ((n,), (n, 1)):
            raise ValueError(f"shapes of A {(n, n)} and x0 {x.shape} are incompatible")
        x = x.ravel()

    b_norm = norm(b)
    tolerance = max(float(atol), float(rtol) * float(b_norm))
    if b_norm == 0:
        return b, 0  # subtle: scipy returns b itself (the zero vector), whatever x0 was
    if maxiter is None:
        maxiter = 10 * n

    residual = b - apply_a(x) if x.any() else b.copy()  # (n,)
    direction = None
    rho_previous = None
    for iteration in range(maxiter):
        if norm(residual) < tolerance:
            return x, 0
        preconditioned = apply_m(residual)  # (n,)
        rho = np.dot(residual, preconditioned)
        if iteration == 0:
            direction = np.array(preconditioned, dtype=dtype)  # (n,)
        else:
            direction *= rho / rho_previous
            direction += preconditioned
        a_direction = apply_a(direction)  # (n,)
        step = rho / np.dot(direction, a_direction)
        x += step * direction
        residual -= step * a_direction
        rho_previous = rho
        if callback is not None:
            callback(x)
    return x, maxiter


def _as_matvec(operator, name):
    """Return (v -> operator v, n) for an array, an object with `matvec`, or one with `@`."""
    if hasattr(operator, "matvec"):
        shape = getattr(operator, "shape", None)
        if shape is None:
            raise ValueError(f"{name}: an operator with `matvec` must also have a `shape`")
        _check_square_shape(shape, name)

        def apply(vector):
            return np.asarray(operator.matvec(vector)).reshape(-1)

        return apply, shape[0]
    if not isinstance(operator, np.ndarray) and hasattr(operator, "__matmul__"):
        _check_square_shape(operator.shape, name)  # e.g. a scipy sparse array
        return (lambda vector: np.asarray(operator @ vector).reshape(-1)), operator.shape[0]
    matrix = check_finite(as_float_array(operator, name), name)
    _check_square_shape(matrix.shape, name)
    return (lambda vector: matrix @ vector), matrix.shape[0]


def _check_square_shape(shape, name):
    if len(shape) != 2 or shape[0] != shape[1]:
        raise ValueError(f"{name}: expected square matrix, but got shape={tuple(shape)}")


def _operator_dtype(operator, b):
    """The operator's dtype when it declares one (float32 stays float32), else float64."""
    dtype = getattr(operator, "dtype", None)
    if dtype is None:
        dtype = np.asarray(operator).dtype if isinstance(operator, (list, tuple)) else b.dtype
    dtype = np.dtype(dtype)
    return dtype if dtype in (np.float32, np.float64) else np.float64


def _identity(vector):
    return vector
