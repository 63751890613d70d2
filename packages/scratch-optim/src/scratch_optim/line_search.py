"""Line searches: choose a step length alpha along a descent direction p from x.

With phi(alpha) = f(x + alpha p) and phi'(0) = g.p < 0:

    sufficient decrease (Armijo):  phi(alpha) <= phi(0) + c1 alpha phi'(0)
    strong curvature:             |phi'(alpha)| <= c2 |phi'(0)|        (0 < c1 < c2 < 1)

Both together are the strong Wolfe conditions. Three searches, all over the scalar phi so any
method (and a projected path, as in L-BFGS-B) can drive them:

- `scalar_search_armijo`: backtracking that interpolates instead of halving blindly: the
  minimizer of the quadratic through phi(0), phi'(0), phi(alpha0), then of cubics through the last
  two trials (Nocedal & Wright section 3.5). Only needs phi values: Newton and gradient descent.
- `scalar_search_wolfe`: Nocedal & Wright Algorithm 3.5 (bracket by doubling) and 3.6 (zoom by
  safeguarded cubic / quadratic interpolation). Same algorithm as scipy's `line_search_wolfe2`,
  with one deliberate difference: when its iteration cap is hit it reports failure (None)
  instead of returning an unchecked step.
- `more_thuente` (more_thuente.py): MINPACK's dcsrch, scipy's `line_search_wolfe1`.

`wolfe_step`, the search BFGS, L-BFGS and CG use, is scipy's `_line_search_wolfe12`: Moré-Thuente
first, N&W's search if that fails. `line_search` and `line_search_armijo` wrap the scalar
searches with scipy's vector signatures and returns.
"""

import numpy as np

from ._validate import as_point, check_callable
from .more_thuente import more_thuente

ZOOM_MAX_ITER = 10
CUBIC_SAFEGUARD = 0.2  # a cubic trial must lie 20 % inside the bracket, else try the quadratic
QUADRATIC_SAFEGUARD = 0.1  # a quadratic trial must lie 10 % inside, else bisect


def _check_c1_c2(c1, c2):
    if not 0 < c1 < c2 < 1:
        raise ValueError(f"need 0 < c1 < c2 < 1, got c1={c1}, c2={c2}")


def _cubic_minimizer(a, fa, fpa, b, fb, c, fc):
    """Minimizer of the cubic through (a, fa) with slope fpa, (b, fb) and (c, fc); None if none."""
    with np.errstate(divide="raise", over="raise", invalid="raise"):
        try:
            db, dc = b - a, c - a
            denom = (db * dc) ** 2 * (db - dc)
            rhs_b, rhs_c = fb - fa - fpa * db, fc - fa - fpa * dc
            cubic = (dc**2 * rhs_b - db**2 * rhs_c) / denom
            quadratic = (-(dc**3) * rhs_b + db**3 * rhs_c) / denom
            radical = quadratic * quadratic - 3 * cubic * fpa
            xmin = a + (-quadratic + np.sqrt(radical)) / (3 * cubic)
        except ArithmeticError:
            return None
    return xmin if np.isfinite(xmin) else None


def _quadratic_minimizer(a, fa, fpa, b, fb):
    """Minimizer of the parabola through (a, fa) with slope fpa and (b, fb); None if none."""
    with np.errstate(divide="raise", over="raise", invalid="raise"):
        try:
            db = b - a
            curvature = (fb - fa - fpa * db) / (db * db)
            xmin = a - fpa / (2.0 * curvature)
        except ArithmeticError:
            return None
    return xmin if np.isfinite(xmin) else None


def _zoom(a_lo, a_hi, phi_lo, phi_hi, derphi_lo, phi, derphi, phi0, derphi0, c1, c2, extra_condition):
    """N&W Algorithm 3.6: shrink [a_lo, a_hi] (a_lo the best Armijo point) to a strong Wolfe step."""
    phi_rec, a_rec = phi0, 0.0  # the previous a_hi, the third point of the cubic
    for i in range(ZOOM_MAX_ITER + 1):
        width = a_hi - a_lo
        low, high = min(a_lo, a_hi), max(a_lo, a_hi)
        trial = None
        if i > 0:
            margin = CUBIC_SAFEGUARD * abs(width)
            trial = _cubic_minimizer(a_lo, phi_lo, derphi_lo, a_hi, phi_hi, a_rec, phi_rec)
        if i == 0 or trial is None or trial > high - margin or trial < low + margin:
            margin = QUADRATIC_SAFEGUARD * abs(width)
            trial = _quadratic_minimizer(a_lo, phi_lo, derphi_lo, a_hi, phi_hi)
            if trial is None or trial > high - margin or trial < low + margin:
                trial = a_lo + 0.5 * width
        phi_trial = phi(trial)
        if phi_trial > phi0 + c1 * trial * derphi0 or phi_trial >= phi_lo:
            phi_rec, a_rec = phi_hi, a_hi
            a_hi, phi_hi = trial, phi_trial
        else:
            derphi_trial = derphi(trial)
            if abs(derphi_trial) <= -c2 * derphi0 and extra_condition(trial, phi_trial):
                return trial, phi_trial, derphi_trial
            if derphi_trial * (a_hi - a_lo) >= 0:
                phi_rec, a_rec = phi_hi, a_hi
                a_hi, phi_hi = a_lo, phi_lo
            else:
                phi_rec, a_rec = phi_lo, a_lo
            a_lo, phi_lo, derphi_lo = trial, phi_trial, derphi_trial
    return None, None, None


def first_trial_step(phi0, old_phi0, derphi0):
    """1, or the step that would repeat the last decrease, min(1, 2.02 (phi0 - old_phi0) / phi'(0)).

    (A quadratic along p with slope phi'(0) that falls by phi0 - old_phi0 has its minimizer at
    2 (phi0 - old_phi0) / phi'(0); the 1 % extra and the cap at 1 are scipy's.)
    """
    if old_phi0 is None or derphi0 == 0:
        return 1.0
    alpha1 = min(1.0, 1.01 * 2 * (phi0 - old_phi0) / derphi0)
    return 1.0 if alpha1 < 0 else alpha1


def scalar_search_wolfe(phi, derphi, phi0, derphi0, old_phi0=None, c1=1e-4, c2=0.9, amax=None,
                        extra_condition=None, maxiter=10):
    """N&W Algorithm 3.5. Returns (alpha, phi(alpha), phi'(alpha)), or (None, None, None).

    The first trial is `first_trial_step(phi0, old_phi0, derphi0)`.
    extra_condition(alpha, phi_alpha) -> bool can veto a Wolfe step (CG's descent check).
    """
    _check_c1_c2(c1, c2)
    extra_condition = extra_condition or (lambda alpha, phi_alpha: True)
    alpha1 = first_trial_step(phi0, old_phi0, derphi0)
    if amax is not None:
        alpha1 = min(alpha1, amax)
    alpha0, phi_a0, derphi_a0 = 0.0, phi0, derphi0
    phi_a1 = phi(alpha1)
    for i in range(maxiter):
        if alpha1 == 0 or (amax is not None and alpha0 > amax):
            break  # subtle: a zero step means rounding has swallowed the direction
        if phi_a1 > phi0 + c1 * alpha1 * derphi0 or (i > 0 and phi_a1 >= phi_a0):
            return _zoom(alpha0, alpha1, phi_a0, phi_a1, derphi_a0, phi, derphi, phi0, derphi0,
                         c1, c2, extra_condition)
        derphi_a1 = derphi(alpha1)
        if abs(derphi_a1) <= -c2 * derphi0 and extra_condition(alpha1, phi_a1):
            return alpha1, phi_a1, derphi_a1
        if derphi_a1 >= 0:
            return _zoom(alpha1, alpha0, phi_a1, phi_a0, derphi_a1, phi, derphi, phi0, derphi0,
                         c1, c2, extra_condition)
        alpha2 = 2 * alpha1 if amax is None else min(2 * alpha1, amax)
        alpha0, phi_a0, derphi_a0 = alpha1, phi_a1, derphi_a1
        alpha1, phi_a1 = alpha2, phi(alpha2)
    return None, None, None


def scalar_search_armijo(phi, phi0, derphi0, c1=1e-4, alpha0=1.0, amin=0.0, maxiter=50):
    """Interpolating backtracking. Returns (alpha, phi(alpha)), or (None, last phi) on failure."""
    phi_a0 = phi(alpha0)
    if phi_a0 <= phi0 + c1 * alpha0 * derphi0:
        return alpha0, phi_a0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        alpha1 = -derphi0 * alpha0**2 / 2.0 / (phi_a0 - phi0 - derphi0 * alpha0)
    # subtle: safeguard into [alpha0 / 10, alpha0 / 2]: when phi(alpha0) is huge (or inf/NaN)
    # the parabola's minimizer is tiny, the Armijo test then passes trivially, and a method
    # would crawl with needlessly small steps (scipy leaves this step unguarded)
    if not np.isfinite(alpha1) or alpha1 > alpha0 / 2.0 or alpha1 < alpha0 / 10.0:
        alpha1 = alpha0 / 2.0 if not np.isfinite(alpha1) or alpha1 > alpha0 / 2.0 else alpha0 / 10.0
    phi_a1 = phi(alpha1)
    if phi_a1 <= phi0 + c1 * alpha1 * derphi0:
        return alpha1, phi_a1
    for _ in range(maxiter):
        if alpha1 <= amin:
            break
        factor = alpha0**2 * alpha1**2 * (alpha1 - alpha0)
        excess1, excess0 = phi_a1 - phi0 - derphi0 * alpha1, phi_a0 - phi0 - derphi0 * alpha0
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            cubic = (alpha0**2 * excess1 - alpha1**2 * excess0) / factor
            quadratic = (-(alpha0**3) * excess1 + alpha1**3 * excess0) / factor
            alpha2 = (-quadratic + np.sqrt(abs(quadratic**2 - 3 * cubic * derphi0))) / (3.0 * cubic)
        # subtle: clip the cubic trial into [alpha1 / 10, alpha1 / 2] BEFORE evaluating it
        # (N&W 3.5), so it neither stalls nor collapses; NaN fails every comparison, hence the
        # explicit finiteness test. (scipy applies its check after evaluating, so its bookkeeping
        # pairs alpha1 / 2 with phi of the cubic trial; we do not copy that.)
        if not np.isfinite(alpha2) or alpha2 > alpha1 / 2.0:
            alpha2 = alpha1 / 2.0
        elif alpha2 < alpha1 / 10.0:
            alpha2 = alpha1 / 10.0
        phi_a2 = phi(alpha2)
        if phi_a2 <= phi0 + c1 * alpha2 * derphi0:
            return alpha2, phi_a2
        alpha0, alpha1, phi_a0, phi_a1 = alpha1, alpha2, phi_a1, phi_a2
    return None, phi_a1


def line_search(f, myfprime, xk, pk, gfk=None, old_fval=None, old_old_fval=None, args=(),
                c1=1e-4, c2=0.9, amax=None, extra_condition=None, maxiter=10):
    """Strong Wolfe line search with scipy's `line_search` signature.

    Returns (alpha, fc, gc, new_fval, old_fval, new_slope): the step (None on failure), calls to
    f and to myfprime, f at the new point, f at xk, and the gradient at the new point (as scipy
    returns it, despite the name). extra_condition(alpha, x, f, g) -> bool, as in scipy.
    """
    check_callable(f, "f")
    check_callable(myfprime, "myfprime")
    xk, pk = as_point(xk, "xk"), as_point(pk, "pk")
    if xk.shape != pk.shape:
        raise ValueError(f"xk and pk must have the same shape, got {xk.shape} and {pk.shape}")
    calls = {"f": 0, "g": 0}
    last_grad = {"alpha": None, "g": None}

    def phi(alpha):
        calls["f"] += 1
        return float(f(xk + alpha * pk, *args))

    def gradient_at(alpha):
        if last_grad["alpha"] != alpha:
            calls["g"] += 1
            last_grad["alpha"], last_grad["g"] = alpha, np.asarray(myfprime(xk + alpha * pk, *args), float)
        return last_grad["g"]

    if gfk is None:
        gfk = gradient_at(0.0)
    if old_fval is None:
        old_fval = phi(0.0)
    condition = None
    if extra_condition is not None:
        def condition(alpha, phi_alpha):
            return extra_condition(alpha, xk + alpha * pk, phi_alpha, gradient_at(alpha))

    alpha, new_fval, _ = scalar_search_wolfe(
        phi, lambda alpha: float(gradient_at(alpha) @ pk), old_fval, float(np.asarray(gfk) @ pk),
        old_old_fval, c1, c2, amax, condition, maxiter)
    new_slope = None if alpha is None else gradient_at(alpha)
    return alpha, calls["f"], calls["g"], new_fval, old_fval, new_slope


def line_search_armijo(f, xk, pk, gfk, old_fval, args=(), c1=1e-4, alpha0=1):
    """Armijo backtracking with the signature of scipy's `line_search_armijo`.

    Returns (alpha, fc, new_fval): the step (None on failure), calls to f, f at the new point.
    """
    check_callable(f, "f")
    xk, pk = as_point(xk, "xk"), as_point(pk, "pk")
    calls = [0]

    def phi(alpha):
        calls[0] += 1
        return float(f(xk + alpha * pk, *args))

    alpha, new_fval = scalar_search_armijo(phi, old_fval, float(np.asarray(gfk) @ pk), c1, alpha0)
    return alpha, calls[0], new_fval


def wolfe_step(objective, x, direction, f, g, old_f=None, c1=1e-4, c2=0.9, amax=None,
               extra_condition=None, maxiter=10):
    """Strong Wolfe search on a ScalarObjective. Returns (alpha, x_new, f_new, g_new) or None.

    As scipy's `_line_search_wolfe12`: Moré-Thuente from `first_trial_step`, and, if it fails or
    extra_condition(alpha, x_new, f_new, g_new) -> bool vetoes its step, N&W's search (at most
    maxiter bracketing steps), which checks extra_condition at every Wolfe point it finds.
    The objective's cache means phi and phi' at the same trial cost one evaluation each.
    """
    def phi(alpha):
        return objective.value(x + alpha * direction)

    def derphi(alpha):
        return float(objective.grad(x + alpha * direction) @ direction)

    def accepted(alpha, phi_alpha):
        if extra_condition is None:
            return True
        x_new = x + alpha * direction
        return extra_condition(alpha, x_new, phi_alpha, objective.grad(x_new))

    slope = float(g @ direction)
    # subtle: scipy's step bounds for BFGS and CG, wide enough never to bind on a sane problem
    alpha, f_new, _ = more_thuente(phi, derphi, first_trial_step(f, old_f, slope), f, slope,
                                   c1, c2, amin=1e-100, amax=1e100 if amax is None else amax)
    if alpha is None or not accepted(alpha, f_new):
        alpha, f_new, _ = scalar_search_wolfe(phi, derphi, f, slope, old_f, c1, c2, amax,
                                              accepted, maxiter)
    if alpha is None:
        return None
    x_new = x + alpha * direction
    return alpha, x_new, f_new, objective.grad(x_new)
