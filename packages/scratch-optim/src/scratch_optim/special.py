"""Special functions as in `scipy.special`: log-sum-exp, softmax, the logistic, erf and the normal CDF.

Every function is elementwise (or reduces along `axis`) over NumPy arrays and follows scipy's
name, signature and return convention. NaN in gives NaN out, as in scipy (these are ufuncs).

Stable forms used here:

    logsumexp(a) = m + log(sum(b * exp(a - m))),      m = max(a)   (no overflow)
    log_softmax(x) = x - logsumexp(x)
    expit(x) = 1 / (1 + exp(-x)) for x >= 0,  exp(x) / (1 + exp(x)) for x < 0
    log_expit(x) = -log1p(exp(-x)) for x >= 0,  x - log1p(exp(x)) for x < 0

The error function follows W. J. Cody, "Rational Chebyshev approximations for the error function",
Math. Comp. 23 (1969) 631-637 (the CALERF routine), accurate to about one ulp:

    |x| <= 0.46875:      erf(x) = x * P4(x^2) / Q4(x^2)
    0.46875 < x <= 4:    erfcx(x) = P8(x) / Q8(x)
    x > 4:               erfcx(x) = (1/sqrt(pi) - z * P5(z) / Q5(z)) / x,   z = 1 / x^2
    erfc(x) = exp(-x^2) * erfcx(x),  erf(x) = 1 - erfc(x)

exp(-x^2) is evaluated as exp(-r^2) * exp(-(x - r)(x + r)) with r = x rounded down to 1/16, so r^2
is exact and the rounding error of x^2 (relative 1e-16 times x^2 ~ 700) never reaches the result.

The normal CDF is ndtr(x) = erfc(-x / sqrt(2)) / 2 (its lower tail with the same exact-square
trick applied to x^2 / 2), and its log for very negative x is taken from
the scaled form, log_ndtr(x) = log(erfcx(t) / 2) - t^2 with t = -x / sqrt(2), so it never underflows.
"""

import numpy as np

_SQRT_HALF = 0.7071067811865475244008443621048490392848
_ONE_OVER_SQRT_PI = 0.5641895835477562869480794515607725858440
_ERF_ERFC_BREAK = 0.46875  # Cody's first breakpoint

# Cody's coefficients, highest index = highest power handled first (Horner), as in CALERF.
_A = (3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
      3.20937758913846947e03, 1.85777706184603153e-1)
_B = (2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
      2.84423683343917062e03)
_C = (5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
      2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
      2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8)
_D = (1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
      1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
      3.43936767414372164e03, 1.23033935480374942e03)
_P = (3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
      1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2)
_Q = (2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
      6.05183413124413191e-2, 2.33520497626869185e-3)


def _as_float(x):
    return np.asarray(x, dtype=np.float64)


def _rational(t, num, den):
    """Cody's Horner scheme: (num[-1] t^k + ... + num[k-1]) / (t^k + den[0] t^(k-1) + ... + den[k-1])
    where k = len(den); the final numerator coefficient is added after the loop (no leading t)."""
    k = len(den)
    top = num[-1] * t
    bottom = t
    for i in range(k - 1):
        top = (top + num[i]) * t
        bottom = (bottom + den[i]) * t
    return top + num[k - 1], bottom + den[k - 1]


def _erf_small(x):
    """erf(x) for |x| <= 0.46875: x * P(x^2) / Q(x^2)."""
    top, bottom = _rational(x * x, _A, _B)
    return x * top / bottom


def _erfcx_large(y):
    """erfcx(y) = exp(y^2) erfc(y) for y > 0.46875 (y >= 0)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        top, bottom = _rational(y, _C, _D)
        middle = top / bottom
        z = 1.0 / (y * y)
        top, bottom = _rational(z, _P, _Q)
        tail = (_ONE_OVER_SQRT_PI - z * top / bottom) / y
        # subtle: at y = inf the tail is 1/sqrt(pi)/inf = 0, the right limit.
        tail = np.where(np.isinf(y), 0.0, tail)
    return np.where(y <= 4.0, middle, tail)


def _exp_minus_square(y, factor=1.0):
    """exp(-factor * y^2) without the rounding error of y*y: y = r + (y - r), r a multiple of 1/16.

    factor is 1 or 1/2, so factor * r^2 is exact and only the small remainder term is rounded.
    """
    with np.errstate(invalid="ignore"):
        r = np.trunc(y * 16.0) / 16.0
        r = np.where(np.isinf(y), y, r)
        remainder = np.where(np.isinf(y), 0.0, (y - r) * (y + r))
    return np.exp(-factor * (r * r)) * np.exp(-factor * remainder)


def _erfc_nonnegative(y):
    """erfc(y) for y >= 0.46875 via the scaled form."""
    return _exp_minus_square(y) * _erfcx_large(y)


def erf(x):
    """The error function erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt, elementwise."""
    x = _as_float(x)
    y = np.abs(x)
    small = y <= _ERF_ERFC_BREAK
    large = np.sign(x) * (1.0 - _erfc_nonnegative(np.where(small, 1.0, y)))
    return np.where(small, _erf_small(np.where(small, x, 0.0)), large)[()]


def erfc(x):
    """The complementary error function erfc(x) = 1 - erf(x), accurate where erfc is tiny."""
    x = _as_float(x)
    y = np.abs(x)
    small = y <= _ERF_ERFC_BREAK
    tail = _erfc_nonnegative(np.where(small, 1.0, y))
    large = np.where(x < 0, 2.0 - tail, tail)
    return np.where(small, 1.0 - _erf_small(np.where(small, x, 0.0)), large)[()]


def erfcx(x):
    """The scaled complementary error function erfcx(x) = exp(x^2) * erfc(x)."""
    x = _as_float(x)
    y = np.abs(x)
    small = y <= _ERF_ERFC_BREAK
    x_small = np.where(small, x, 0.0)
    from_small = np.exp(x_small * x_small) * (1.0 - _erf_small(x_small))
    scaled = _erfcx_large(np.where(small, 1.0, y))
    with np.errstate(over="ignore", divide="ignore"):
        # subtle: erfcx(-y) = 2 exp(y^2) - erfcx(y); overflows to inf for y > 26.6, as in scipy.
        two_exp_square = 2.0 / _exp_minus_square(y)
    large = np.where(x < 0, two_exp_square - scaled, scaled)
    return np.where(small, from_small, large)[()]


def ndtr(x):
    """The standard normal CDF, Phi(x) = erfc(-x / sqrt(2)) / 2.

    subtle: in the lower tail Phi(x) = exp(-x^2 / 2) erfcx(t) / 2 with t = -x / sqrt(2); taking the
    exponential of x^2 / 2 from x itself (not from the rounded t) keeps full relative accuracy.
    """
    x = _as_float(x)
    t = -x * _SQRT_HALF
    lower_tail = t > _ERF_ERFC_BREAK
    t_tail = np.where(lower_tail, t, 1.0)
    tail = 0.5 * _exp_minus_square(np.where(lower_tail, x, 1.0), 0.5) * _erfcx_large(t_tail)
    return np.where(lower_tail, tail, 0.5 * erfc(np.where(lower_tail, 0.0, t)))[()]


def log_ndtr(x):
    """log Phi(x), finite down to x = -1e150 and accurate where Phi(x) is close to 1."""
    x = _as_float(x)
    t = -x * _SQRT_HALF
    with np.errstate(divide="ignore"):
        # x > -1: Phi is not small; log1p(-Phi(-x)) keeps the digits of values near 0.
        near_one = np.log1p(-ndtr(-x))
        # x <= -1: t >= 0.707 so erfcx(t) is Cody's scaled rational, never underflows.
        t_tail = np.where(x > -1.0, 1.0, t)
        tail = np.log(0.5 * _erfcx_large(t_tail)) - t_tail * t_tail
    return np.where(x > -1.0, near_one, tail)[()]


def expit(x):
    """The logistic sigmoid 1 / (1 + exp(-x)), without overflow for large |x|."""
    x = _as_float(x)
    exp_minus_abs = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + exp_minus_abs), exp_minus_abs / (1.0 + exp_minus_abs))[()]


def log_expit(x):
    """log(expit(x)) = -log(1 + exp(-x)), accurate for large |x| of either sign."""
    x = _as_float(x)
    return (np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x))))[()]


def xlogy(x, y):
    """x * log(y), defined as 0 where x == 0 (even for y == 0), as in scipy.special.xlogy."""
    x, y = np.broadcast_arrays(_as_float(x), _as_float(y))
    with np.errstate(divide="ignore", invalid="ignore"):
        product = x * np.log(y)
    # subtle: scipy keeps NaN when y is NaN even if x == 0.
    return np.where((x == 0) & ~np.isnan(y), 0.0, product)[()]


def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False):
    """log(sum(b * exp(a))) along `axis`, computed stably as scipy.special.logsumexp.

    With `b`, the sum may be negative: then return_sign=True returns (log|sum|, sign), and
    return_sign=False returns NaN, as scipy does. Entries with b == 0 do not contribute.
    """
    a = _as_float(a)
    if b is not None:
        a, b = np.broadcast_arrays(a, _as_float(b))
        # subtle: a term with b == 0 must not set the shift (its a may be +inf or huge).
        a = np.where(b == 0, -np.inf, a)
    if a.size == 0:
        shift = np.full(np.sum(a, axis=axis, keepdims=True).shape, -np.inf)
    else:
        shift = np.amax(a, axis=axis, keepdims=True)
    # subtle: an all -inf (or +inf) slice gives shift = +-inf; shift by 0 there so a - shift is
    # -inf (sum 0, log -inf) or nan-free inf.
    shift = np.where(np.isfinite(shift), shift, 0.0)
    terms = np.exp(a - shift)
    if b is not None:
        terms = b * terms
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.sum(terms, axis=axis, keepdims=True)
        if return_sign:
            sign = np.sign(total)
            total = np.abs(total)
        out = np.log(total) + shift
    if not keepdims:
        out = np.squeeze(out, axis=axis) if axis is not None else out.reshape(())
        if return_sign:
            sign = np.squeeze(sign, axis=axis) if axis is not None else sign.reshape(())
    if return_sign:
        return out[()], sign[()]
    return out[()]


def log_softmax(x, axis=None):
    """log(softmax(x)) = x - logsumexp(x) along `axis` (all entries when axis is None)."""
    x = _as_float(x)
    return x - logsumexp(x, axis=axis, keepdims=True)


def softmax(x, axis=None):
    """exp(x) / sum(exp(x)) along `axis`, shifted by the max so it never overflows."""
    x = _as_float(x)
    shifted = np.exp(x - np.amax(x, axis=axis, keepdims=True))
    return shifted / np.sum(shifted, axis=axis, keepdims=True)


# P. J. Acklam's rational approximation to the normal quantile (relative error < 1.2e-9), used as
# the starting point of Newton's method on log Phi below.
_ACKLAM_A = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
             1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
_ACKLAM_B = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
             6.680131188771972e01, -1.328068155288572e01, 1.0)
_ACKLAM_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
             -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
_ACKLAM_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
             3.754408661907416e00, 1.0)
_ACKLAM_CENTRAL = 0.02425  # below this p (or above 1 - p) use the tail form
_LOG_SQRT_2PI = 0.9189385332046727417803297364056176398614


def _horner(coefficients, t):
    value = np.zeros_like(t)
    for coefficient in coefficients:
        value = value * t + coefficient
    return value


def ndtri(y):
    """The normal quantile Phi^-1(y) for y in [0, 1] (-inf at 0, inf at 1, NaN outside).

    Acklam's approximation gives 9 digits; two Newton steps finish the job. In the tails Newton
    runs on log Phi(x) = log y, which keeps the step finite where Phi(x) and pdf(x) underflow:

        x <- x - (log Phi(x) - log y) * Phi(x) / pdf(x)

    In the centre it runs on Phi(x) - 1/2 = erf(x / sqrt(2)) / 2 = y - 1/2, whose residual keeps
    relative accuracy as x -> 0 (y - 1/2 is exact there):

        x <- x - (erf(x / sqrt(2)) / 2 - (y - 1/2)) / pdf(x)

    subtle: for y > 1/2 we solve for 1 - y and flip the sign, as scipy does.
    """
    y = _as_float(y)
    upper = y > 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(upper, 1.0 - y, y)  # (...) in [0, 1/2]
        valid = (p > 0) & (p <= 0.5)
        p_safe = np.where(valid, p, 0.25)
        tail = p_safe < _ACKLAM_CENTRAL
        q_tail = np.sqrt(-2.0 * np.log(p_safe))
        x_tail = _horner(_ACKLAM_C, q_tail) / _horner(_ACKLAM_D, q_tail)
        q = p_safe - 0.5
        r = q * q
        x_central = q * _horner(_ACKLAM_A, r) / _horner(_ACKLAM_B, r)
        log_p = np.log(p_safe)
        for _ in range(2):
            log_cdf = log_ndtr(x_tail)
            log_pdf = -0.5 * x_tail * x_tail - _LOG_SQRT_2PI
            x_tail = x_tail - (log_cdf - log_p) * np.exp(log_cdf - log_pdf)
            pdf = np.exp(-0.5 * x_central * x_central - _LOG_SQRT_2PI)
            x_central = x_central - (0.5 * erf(x_central * _SQRT_HALF) - q) / pdf
        x = np.where(tail, x_tail, x_central)
    x = np.where(upper, -x, x)
    x = np.where(y == 0, -np.inf, np.where(y == 1, np.inf, x))
    return np.where((y >= 0) & (y <= 1), x, np.nan)[()]
