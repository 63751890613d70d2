"""The Moré-Thuente line search (MINPACK-2 dcsrch), the strong Wolfe search scipy tries first.

Find alpha with phi(alpha) = f(x + alpha p) satisfying the strong Wolfe conditions

    phi(alpha) <= phi(0) + c1 alpha phi'(0)        and        |phi'(alpha)| <= c2 |phi'(0)|.

Where N&W's zoom (line_search.py) keeps one bracket and bisects-or-interpolates inside it, Moré &
Thuente (ACM TOMS 20, 1994) keep an interval of uncertainty [best, other] whose `best` end has
the lowest value seen, and choose every trial by safeguarded cubic / quadratic / secant
interpolation on BOTH ends' values and slopes (`_safeguarded_step`, their four cases). Before a
bracket exists the trial extrapolates to between 1.1 and 4 times the distance from `best`.

Stage 1 works on the auxiliary psi(a) = phi(a) - phi(0) - c1 a phi'(0) (the Armijo excess), so
the interval homes in on points with sufficient decrease; once a trial has psi <= 0 and
phi' >= 0 it switches to phi itself (stage 2). On nice problems this returns steps much closer to
the exact minimizer along p than N&W's zoom does, which is what nonlinear CG needs.

Same arithmetic, in the same order, as scipy's `scalar_search_wolfe1`, so the two return the same
step. Failures (rounding, the interval shrinking below xtol, hitting amin / amax, maxiter) return
None so a caller can fall back to the other search.
"""

import numpy as np

EXTRAPOLATE_MIN = 1.1  # before bracketing, the next trial lies in best + [1.1, 4] (trial - best)
EXTRAPOLATE_MAX = 4.0
BISECT_IF_WIDTH_ABOVE = 0.66  # bisect when the interval shrank by less than this in two steps


def _theta(end, trial):
    """theta = 3 (f_end - f_trial) / (a_trial - a_end) + d_end + d_trial, the cubic's middle term
    (interpolating values and slopes at both points). Each is (alpha, value, slope)."""
    (a, fa, da), (b, fb, db) = end, trial
    return 3.0 * (fa - fb) / (b - a) + da + db


def _cubic_minimizer(base, toward, theta):
    """Minimizer of the cubic through base and toward (values and slopes), written from base:
    base + (gamma - d_base + theta) / (2 gamma - d_base + d_toward) (toward - base)."""
    (a, _, da), (b, _, db) = base, toward
    scale = max(abs(theta), abs(da), abs(db))  # subtle: scaled so the squares cannot overflow
    gamma = scale * np.sqrt((theta / scale) ** 2 - (da / scale) * (db / scale))
    if b < a:
        gamma = -gamma
    return a + ((gamma - da) + theta) / (((gamma - da) + gamma) + db) * (b - a)


def _safeguarded_step(best, other, trial, bracketed, step_min, step_max):
    """One update of the interval of uncertainty and the next trial (Moré-Thuente section 4).

    best, other, trial are (alpha, value, slope). The four cases:
      1. trial higher than best: a minimizer is bracketed; take the cubic step, or halfway
         towards the quadratic (values only) one when that is closer to best;
      2. slopes of opposite sign: bracketed; the cubic or secant step, whichever is farther;
      3. same sign, |slope| decreasing: extrapolate (cubic if it points the right way, else the
         secant), clipped to 66 % of the way to `other` once bracketed;
      4. same sign, |slope| not decreasing: cubic on trial and other if bracketed, else jump to
         step_min / step_max.
    Returns (best, other, next_alpha, bracketed).
    """
    stx, fx, dx = best
    sty, fy, dy = other
    stp, fp, dp = trial
    opposite_slopes = np.sign(dp) * np.sign(dx) < 0
    if fp > fx:  # case 1
        cubic = _cubic_minimizer(best, trial, _theta(best, trial))
        quadratic = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2.0) * (stp - stx)
        if abs(cubic - stx) <= abs(quadratic - stx):
            next_alpha = cubic
        else:
            next_alpha = cubic + (quadratic - cubic) / 2.0
        bracketed = True
    elif opposite_slopes:  # case 2
        cubic = _cubic_minimizer(trial, best, _theta(best, trial))
        secant = stp + (dp / (dp - dx)) * (stx - stp)
        next_alpha = cubic if abs(cubic - stp) > abs(secant - stp) else secant
        bracketed = True
    elif abs(dp) < abs(dx):  # case 3
        theta = _theta(best, trial)
        scale = max(abs(theta), abs(dx), abs(dp))
        # subtle: the cubic may not tend to infinity in the step's direction; then the radicand
        # can be negative and gamma is taken as 0
        gamma = scale * np.sqrt(max(0, (theta / scale) ** 2 - (dx / scale) * (dp / scale)))
        if stp > stx:
            gamma = -gamma
        ratio = ((gamma - dp) + theta) / ((gamma + (dx - dp)) + gamma)
        if ratio < 0 and gamma != 0:
            cubic = stp + ratio * (stx - stp)
        else:
            cubic = step_max if stp > stx else step_min
        secant = stp + (dp / (dp - dx)) * (stx - stp)
        if bracketed:
            next_alpha = cubic if abs(cubic - stp) < abs(secant - stp) else secant
            limit = stp + BISECT_IF_WIDTH_ABOVE * (sty - stp)
            next_alpha = min(limit, next_alpha) if stp > stx else max(limit, next_alpha)
        else:
            next_alpha = cubic if abs(cubic - stp) > abs(secant - stp) else secant
            next_alpha = np.clip(next_alpha, step_min, step_max)
    elif bracketed:  # case 4
        next_alpha = _cubic_minimizer(trial, other, _theta(other, trial))
    else:
        next_alpha = step_max if stp > stx else step_min

    if fp > fx:
        other = trial
    else:
        if opposite_slopes:
            other = best
        best = trial
    return best, other, next_alpha, bracketed


def more_thuente(phi, derphi, alpha, phi0, derphi0, c1=1e-4, c2=0.9, amin=1e-8, amax=50.0,
                 xtol=1e-14, maxiter=100):
    """Strong Wolfe step from the first trial alpha. Returns (alpha, phi, phi') or (None,) * 3.

    phi0, derphi0: phi(0) and phi'(0) < 0. amin / amax bound the step; xtol is the relative
    width of the interval of uncertainty below which it gives up. At most maxiter - 1 trials.
    """
    failure = None, None, None
    if not amin <= alpha <= amax or derphi0 >= 0:
        return failure
    sufficient_slope = c1 * derphi0  # the Armijo line's slope
    best = other = (0.0, phi0, derphi0)  # (alpha, phi, phi') at the interval's ends
    bracketed, stage = False, 1
    width, previous_width = amax - amin, (amax - amin) / 0.5
    step_min, step_max = 0.0, alpha + EXTRAPOLATE_MAX * alpha  # where the next trial may go
    for _ in range(maxiter - 1):
        value, slope = phi(alpha), derphi(alpha)
        armijo_bound = phi0 + alpha * sufficient_slope
        if value <= armijo_bound and abs(slope) <= c2 * -derphi0:
            return alpha, value, slope
        if stage == 1 and value <= armijo_bound and slope >= 0:
            stage = 2
        if ((bracketed and (alpha <= step_min or alpha >= step_max))  # rounding errors
                or (bracketed and step_max - step_min <= xtol * step_max)  # interval too small
                or (alpha == amax and value <= armijo_bound and slope <= sufficient_slope)
                or (alpha == amin and (value > armijo_bound or slope >= sufficient_slope))):
            return failure
        # subtle: in stage 1, once a trial is lower than best but still above the Armijo line,
        # interpolate psi (phi minus the Armijo line) instead of phi; shift = 0 leaves phi as is
        shift = sufficient_slope if stage == 1 and best[1] >= value > armijo_bound else 0.0

        def shifted(point):
            return point[0], point[1] - point[0] * shift, point[2] - shift

        def unshifted(point):
            return point[0], point[1] + point[0] * shift, point[2] + shift

        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            best, other, alpha, bracketed = _safeguarded_step(
                shifted(best), shifted(other), shifted((alpha, value, slope)), bracketed,
                step_min, step_max)
        best, other = unshifted(best), unshifted(other)
        if bracketed:
            if abs(other[0] - best[0]) >= BISECT_IF_WIDTH_ABOVE * previous_width:
                alpha = best[0] + 0.5 * (other[0] - best[0])
            previous_width, width = width, abs(other[0] - best[0])
            step_min, step_max = min(best[0], other[0]), max(best[0], other[0])
        else:
            step_min = alpha + EXTRAPOLATE_MIN * (alpha - best[0])
            step_max = alpha + EXTRAPOLATE_MAX * (alpha - best[0])
        alpha = float(np.clip(alpha, amin, amax))
        if bracketed and (alpha <= step_min or alpha >= step_max
                          or step_max - step_min <= xtol * step_max):
            alpha = best[0]  # subtle: no room left; let the next tests report the failure
        if not np.isfinite(alpha):
            return failure
    return failure
