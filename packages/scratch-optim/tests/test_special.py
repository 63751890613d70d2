"""scratch_optim.special against scipy.special on the same inputs."""

import numpy as np
import pytest
import scipy.special as scipy_special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scratch_optim import special

LINE = np.concatenate([np.linspace(-40, 40, 80001), np.geomspace(1e-300, 1, 300),
                       -np.geomspace(1e-300, 1, 300), [0.0]])


def assert_relative(ours, theirs, rtol):
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert np.array_equal(np.isinf(ours), np.isinf(theirs))
    finite = np.isfinite(theirs) & (np.abs(theirs) > 1e-300)  # skip subnormals
    error = np.abs(ours[finite] - theirs[finite]) / np.abs(theirs[finite])
    assert np.all(error <= rtol[finite] if np.ndim(rtol) else error <= rtol), error.max()


def test_erf_matches_scipy_to_a_few_ulp_over_the_line():
    # 1e-15: Cody's approximation is good to ~1 ulp and scipy's to ~2; we measured 4.6e-16.
    assert_relative(special.erf(LINE), scipy_special.erf(LINE), 1e-15)


@pytest.mark.parametrize("name", ["erfc", "erfcx", "ndtr", "log_ndtr"])
def test_tail_functions_match_scipy(name):
    # 1e-13 up to |x| = 3, then 1e-15 * x^2: in the tails scipy rounds x^2 inside exp(-x^2) and
    # so carries a relative error ~ eps * x^2 (up to 2.4e-13 at x = -22); ours splits x^2 exactly
    # (checked against mpmath while writing it: < 3e-16).
    rtol = np.maximum(1e-13, 1e-15 * LINE**2)
    with np.errstate(over="ignore"):
        assert_relative(getattr(special, name)(LINE), getattr(scipy_special, name)(LINE), rtol)


def test_log_ndtr_far_left_tail_stays_finite_and_matches_scipy():
    x = -np.geomspace(1, 1e150, 200)
    # 1e-14: log Phi ~ -x^2/2 is huge here and both compute it to a few ulp.
    assert_relative(special.log_ndtr(x), scipy_special.log_ndtr(x), 1e-14)


def test_ndtri_matches_scipy_including_deep_tails():
    p = np.concatenate([np.linspace(0, 1, 20001), np.geomspace(1e-320, 0.5, 2000),
                        0.5 + np.geomspace(1e-17, 0.49, 200)])
    # 1e-14: two Newton steps from Acklam's 1e-9 start; measured 8.5e-16.
    assert_relative(special.ndtri(p), scipy_special.ndtri(p), 1e-14)
    assert np.all(np.isnan(special.ndtri([-0.1, 1.1, np.nan])))


def test_special_values_and_nan_propagation():
    values = np.array([np.nan, np.inf, -np.inf])
    for name in ["erf", "erfc", "erfcx", "ndtr", "log_ndtr", "expit", "log_expit"]:
        with np.errstate(over="ignore"):
            np.testing.assert_array_equal(getattr(special, name)(values),
                                          getattr(scipy_special, name)(values))


@pytest.mark.parametrize("name", ["expit", "log_expit"])
def test_logistic_functions_match_scipy(name, rng):
    x = np.concatenate([rng.normal(scale=30, size=1000), [-800, -40, 0, 40, 800]])
    # 1e-15: closed forms with one exp and log1p each.
    assert_relative(getattr(special, name)(x), getattr(scipy_special, name)(x), 1e-15)


def test_xlogy_matches_scipy_including_zero_times_log_zero():
    x = np.array([0.0, 0.0, 2.0, 3.0, 0.0, 1.0])
    y = np.array([0.0, 5.0, 0.5, 0.0, np.nan, np.inf])
    with np.errstate(divide="ignore"):
        np.testing.assert_array_equal(special.xlogy(x, y), scipy_special.xlogy(x, y))


@pytest.mark.parametrize("axis", [None, 0, 1, -1])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_matches_scipy(rng, axis, keepdims):
    a = rng.normal(scale=50, size=(4, 7))
    b = rng.normal(size=(4, 7))
    # 1e-13: a shifted sum of exponentials; only summation order differs from scipy.
    np.testing.assert_allclose(special.logsumexp(a, axis=axis, keepdims=keepdims),
                               scipy_special.logsumexp(a, axis=axis, keepdims=keepdims), rtol=1e-13)
    ours = special.logsumexp(a, axis=axis, b=b, keepdims=keepdims, return_sign=True)
    theirs = scipy_special.logsumexp(a, axis=axis, b=b, keepdims=keepdims, return_sign=True)
    np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-12)
    np.testing.assert_array_equal(ours[1], theirs[1])


def test_logsumexp_edge_cases_match_scipy():
    cases = [np.array([-np.inf, -np.inf]), np.array([np.inf, 1.0]), np.array([1e308, 1e308])]
    for a in cases:
        np.testing.assert_array_equal(special.logsumexp(a), scipy_special.logsumexp(a))
    # b == 0 entries do not count, even with huge a
    assert special.logsumexp([1000.0, 0.0], b=[0.0, 1.0]) == 0.0
    with np.errstate(invalid="ignore"):
        assert np.isnan(special.logsumexp([0.0, 1.0], b=[1.0, -1.0]))


@pytest.mark.parametrize("axis", [None, 0, 1])
def test_softmax_and_log_softmax_match_scipy(rng, axis):
    x = rng.normal(scale=100, size=(5, 6))
    # 1e-13 relative (softmax) and 1e-12 absolute (log_softmax, values ~ -500 minus shifts).
    np.testing.assert_allclose(special.softmax(x, axis=axis), scipy_special.softmax(x, axis=axis),
                               rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(special.log_softmax(x, axis=axis),
                               scipy_special.log_softmax(x, axis=axis), rtol=1e-13, atol=1e-12)


floats = st.floats(-30, 30, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=floats))
def test_erf_is_odd_and_erf_plus_erfc_is_one(x):
    np.testing.assert_array_equal(special.erf(-x), -special.erf(x))
    np.testing.assert_allclose(special.erf(x) + special.erfc(x), 1.0, rtol=0, atol=4e-16)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=floats))
def test_softmax_sums_to_one_and_is_shift_invariant(x):
    np.testing.assert_allclose(np.sum(special.softmax(x)), 1.0, rtol=1e-14)
    np.testing.assert_allclose(special.softmax(x + 100.0), special.softmax(x), rtol=1e-12, atol=1e-300)


@settings(max_examples=60, deadline=None)
@given(st.floats(1e-300, 1 - 1e-16))
def test_ndtri_inverts_ndtr(p):
    x = special.ndtri(p)
    # Phi's relative condition number is ~ x^2 in the tail: one ulp in x moves Phi by ~ eps x^2.
    np.testing.assert_allclose(special.ndtr(x), p, rtol=4e-16 * (4 + x * x))
