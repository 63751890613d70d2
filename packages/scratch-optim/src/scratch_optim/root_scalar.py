"""Scalar root finding, `root_scalar(f, ...)` as scipy's: bisect, brentq, newton, secant.

    bisect   halve a sign-changing bracket [a, b]: |error| <= (b - a) / 2^k. Slow, certain.
    brentq   Brent (1973): keep a bracket, but step by inverse quadratic interpolation (or the
             secant) when that lands well inside it and shrinks fast enough, bisect otherwise.
             Superlinear and never worse than ~ bisection. The default with a bracket.
    newton   x <- x - f(x) / f'(x): quadratic near a simple root, no guarantee from afar.
             Without fprime, f' by a forward difference (as scipy).
    secant   Newton with f' replaced by the slope through the last two iterates (order 1.618).

Each is a step-for-step port of scipy's (the C bisect / brentq and the Python newton), so the
roots, iteration counts and function-call counts agree. Defaults: bracketing methods
xtol=2e-12, rtol=4 eps, maxiter=100; newton / secant xtol=1.48e-8, rtol=0, maxiter=50.
Bracket methods raise ValueError if f(a), f(b) have the same sign; a run that does not converge
returns converged=False with flag 'convergence error' (scipy's disp=False behaviour).
"""

import numpy as np

from ._result import RootResults
from ._validate import check_callable, check_choice
from .differentiate import difference_quotients, relative_steps

EPS = np.finfo(float).eps
BRACKET_XTOL, BRACKET_RTOL, BRACKET_MAXITER = 2e-12, 4 * EPS, 100
OPEN_XTOL, OPEN_RTOL, OPEN_MAXITER = 1.48e-8, 0.0, 50
CONVERGED, CONVERGENCE_ERROR = "converged", "convergence error"
METHODS = ("bisect", "brentq", "newton", "secant")


class _CountedFunction:
    def __init__(self, f, args):
        self.f, self.args, self.calls = f, args, 0

    def __call__(self, x):
        self.calls += 1
        value = float(self.f(x, *self.args))
        return value


class _MemoizedPair:
    """Splits f(x) -> (value, derivative) into two functions sharing one call per point."""

    def __init__(self, pair):
        self.pair, self.calls, self.x, self.out = pair, 0, None, None

    def _at(self, x, args):
        if self.x is None or x != self.x:
            self.calls += 1
            self.x, self.out = x, self.pair(x, *args)
        return self.out

    def value(self, x, *args):
        return self._at(x, args)[0]

    def derivative(self, x, *args):
        return self._at(x, args)[1]


def _bracket(f, bracket):
    if bracket is None or np.ndim(bracket) != 1 or len(bracket) < 2:
        raise ValueError("a bracket [a, b] is needed for this method")
    a, b = float(bracket[0]), float(bracket[1])
    if not (np.isfinite(a) and np.isfinite(b)):
        raise ValueError(f"bracket must be finite, got {bracket!r}")
    fa, fb = f(a), f(b)
    if np.isnan(fa) or np.isnan(fb):
        raise ValueError("f is NaN at an end of the bracket")
    if fa * fb > 0:
        raise ValueError("f(a) and f(b) must have different signs")
    return a, b, fa, fb


def _bisect(f, bracket, xtol, rtol, maxiter):
    xa, xb, fa, fb = _bracket(f, bracket)
    if fa == 0:
        return xa, 0, CONVERGED
    if fb == 0:
        return xb, 0, CONVERGED
    half_width = xb - xa
    for iteration in range(1, maxiter + 1):
        half_width *= 0.5
        xm = xa + half_width
        fm = f(xm)
        if fm * fa >= 0:
            xa = xm
        if fm == 0 or abs(half_width) < xtol + rtol * abs(xm):
            return xm, iteration, CONVERGED
    return xa, maxiter, CONVERGENCE_ERROR


def _brentq(f, bracket, xtol, rtol, maxiter):
    """Brent's method; 'cur' is the best point, 'blk' the other end of the bracket, 'pre' the
    previous iterate; s_pre, s_cur the last two steps (to demand steps that shrink fast)."""
    x_pre, x_cur, f_pre, f_cur = _bracket(f, bracket)
    if f_pre == 0:
        return x_pre, 0, CONVERGED
    if f_cur == 0:
        return x_cur, 0, CONVERGED
    x_blk = f_blk = s_pre = s_cur = 0.0
    for iteration in range(1, maxiter + 1):
        if f_pre != 0 and f_cur != 0 and np.signbit(f_pre) != np.signbit(f_cur):
            x_blk, f_blk = x_pre, f_pre
            s_pre = s_cur = x_cur - x_pre
        if abs(f_blk) < abs(f_cur):  # make cur the best estimate
            x_pre, x_cur, x_blk = x_cur, x_blk, x_cur
            f_pre, f_cur, f_blk = f_cur, f_blk, f_cur
        tolerance = (xtol + rtol * abs(x_cur)) / 2
        bisection = (x_blk - x_cur) / 2
        if f_cur == 0 or abs(bisection) < tolerance:
            return x_cur, iteration, CONVERGED
        if abs(s_pre) > tolerance and abs(f_cur) < abs(f_pre):
            if x_pre == x_blk:  # secant through cur and pre
                trial = -f_cur * (x_cur - x_pre) / (f_cur - f_pre)
            else:  # inverse quadratic interpolation through all three
                slope_pre = (f_pre - f_cur) / (x_pre - x_cur)
                slope_blk = (f_blk - f_cur) / (x_blk - x_cur)
                trial = -f_cur * (f_blk * slope_blk - f_pre * slope_pre) / (
                    slope_blk * slope_pre * (f_blk - f_pre))
            # subtle: accept interpolation only if it is short (< half the step before last)
            # and well inside the bracket; otherwise Brent's guarantee needs a bisection
            if 2 * abs(trial) < min(abs(s_pre), 3 * abs(bisection) - tolerance):
                s_pre, s_cur = s_cur, trial
            else:
                s_pre = s_cur = bisection
        else:
            s_pre = s_cur = bisection
        x_pre, f_pre = x_cur, f_cur
        x_cur += s_cur if abs(s_cur) > tolerance else (tolerance if bisection > 0 else -tolerance)
        f_cur = f(x_cur)
    return x_cur, maxiter, CONVERGENCE_ERROR


def _newton(f, fprime, x0, xtol, rtol, maxiter):
    x = float(x0)
    for iteration in range(1, maxiter + 1):
        value = f(x)
        if value == 0:
            return x, iteration - 1, CONVERGED
        derivative = fprime(x)
        if derivative == 0:
            return x, iteration, CONVERGENCE_ERROR  # subtle: a flat spot; Newton cannot move
        x_new = x - value / derivative
        if abs(x_new - x) <= xtol + rtol * abs(x):
            return x_new, iteration, CONVERGED
        x = x_new
    return x, maxiter, CONVERGENCE_ERROR


def _secant(f, x0, x1, xtol, rtol, maxiter):
    p0 = float(x0)
    if x1 is None:
        p1 = p0 * (1 + 1e-4)
        p1 += 1e-4 if p1 >= 0 else -1e-4
    else:
        p1 = float(x1)
        if p1 == p0:
            raise ValueError("x1 and x0 must be different")
    q0, q1 = f(p0), f(p1)
    if abs(q1) < abs(q0):
        p0, p1, q0, q1 = p1, p0, q1, q0
    for iteration in range(1, maxiter + 1):
        if q1 == q0:  # a flat secant: stop at the midpoint, unconverged
            return (p1 + p0) / 2.0, iteration, CONVERGENCE_ERROR
        # subtle: divide by the larger |q| so the ratio stays <= 1 (no overflow)
        if abs(q1) > abs(q0):
            p = (-q0 / q1 * p1 + p0) / (1 - q0 / q1)
        else:
            p = (-q1 / q0 * p0 + p1) / (1 - q1 / q0)
        if abs(p - p1) <= xtol + rtol * abs(p1):
            return p, iteration, CONVERGED
        p0, q0 = p1, q1
        p1, q1 = p, f(p)
    return p, maxiter, CONVERGENCE_ERROR


def _choose_method(bracket, x0, x1, fprime):
    if bracket is not None:
        return "brentq"
    if x0 is not None:
        return "newton" if fprime is not None or x1 is None else "secant"
    raise ValueError("cannot choose a method: give a bracket or a starting point x0")


def root_scalar(f, args=(), method=None, bracket=None, fprime=None, x0=None, x1=None,
                xtol=None, rtol=None, maxiter=None):
    """Find a root of a scalar function. Returns a RootResults (root, iterations,
    function_calls, converged, flag, method). fprime=True means f returns (f, f')."""
    check_callable(f, "f")
    if not isinstance(args, tuple):
        args = (args,)
    method = check_choice(method or _choose_method(bracket, x0, x1, fprime), METHODS, "method")
    bracketing = method in ("bisect", "brentq")
    xtol = (BRACKET_XTOL if bracketing else OPEN_XTOL) if xtol is None else xtol
    rtol = (BRACKET_RTOL if bracketing else OPEN_RTOL) if rtol is None else rtol
    maxiter = (BRACKET_MAXITER if bracketing else OPEN_MAXITER) if maxiter is None else maxiter
    if not np.isfinite(xtol) or xtol <= 0:
        raise ValueError(f"xtol must be > 0, got {xtol!r}")
    if not np.isfinite(rtol) or rtol < (BRACKET_RTOL if bracketing else 0):
        raise ValueError(f"rtol too small ({rtol!r} < {BRACKET_RTOL if bracketing else 0})")
    if isinstance(maxiter, bool) or int(maxiter) != maxiter or maxiter < 1:
        raise ValueError(f"maxiter must be a positive integer, got {maxiter!r}")
    maxiter = int(maxiter)
    if not bracketing and (x0 is None or not np.isfinite(x0)):
        raise ValueError(f"a finite x0 is needed for method {method!r}")

    memo = None
    if fprime is True:  # f returns (value, derivative): one call serves both
        memo = _MemoizedPair(f)
        f, fprime = memo.value, memo.derivative
    elif fprime is not None:
        check_callable(fprime, "fprime")
    counted = _CountedFunction(f, args)
    if method == "bisect":
        root, iterations, flag = _bisect(counted, bracket, xtol, rtol, maxiter)
    elif method == "brentq":
        root, iterations, flag = _brentq(counted, bracket, xtol, rtol, maxiter)
    elif method == "secant":
        root, iterations, flag = _secant(counted, x0, x1, xtol, rtol, maxiter)
    else:
        if fprime is None:  # scipy's forward difference, counted as one call like a given f'
            def fprime(x, *args):
                point = np.array([x])
                return difference_quotients(lambda p: f(p[0], *args), point,
                                            relative_steps(point, "2-point"), "2-point")[0]
        derivative = _CountedFunction(fprime, args)
        root, iterations, flag = _newton(counted, derivative, x0, xtol, rtol, maxiter)
        counted.calls += derivative.calls
    calls = counted.calls if memo is None else memo.calls
    return RootResults(root, iterations, calls, flag, method)
