"""line_search (strong Wolfe), Moré-Thuente and line_search_armijo vs scipy's, and the Wolfe
property."""

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize._linesearch import line_search_armijo as scipy_line_search_armijo
from scipy.optimize._linesearch import scalar_search_wolfe1
from scratch_optim import line_search, line_search_armijo
from scratch_optim.line_search import first_trial_step
from scratch_optim.more_thuente import more_thuente

rosen, rosen_der = scipy.optimize.rosen, scipy.optimize.rosen_der


@pytest.mark.parametrize(("x", "direction"), [
    ([-1.2, 1.0], None), ([0.0, 0.0], None), ([2.0, 2.0], None), ([1.5, -0.5, 0.3], None),
])
def test_strong_wolfe_step_equals_scipy_line_search(x, direction):
    x = np.array(x)
    p = -rosen_der(x) if direction is None else np.array(direction)
    ours = line_search(rosen, rosen_der, x, p)
    theirs = scipy.optimize.line_search(rosen, rosen_der, x, p)
    # scipy.optimize.line_search is the same N&W 3.5/3.6 algorithm: identical trial sequence
    assert ours[0] == pytest.approx(theirs[0], rel=1e-12)
    assert ours[3] == pytest.approx(theirs[3], rel=1e-12)
    np.testing.assert_allclose(ours[5], theirs[5], rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-2, 2), min_size=4, max_size=4), st.floats(1e-4, 0.3),
       st.floats(0.5, 0.95))
def test_returned_step_satisfies_the_strong_wolfe_conditions(x, c1, c2):
    x = np.array(x)
    g = rosen_der(x)
    if g @ g < 1e-12:
        return
    # subtle: a unit-length direction; along the raw -g (|g| ~ 2000 at x = (0, 0, 2, 0)) the
    # first trial overshoots by ~1e4 and 10 zoom steps cannot recover (scipy fails there too)
    p = -g / np.sqrt(g @ g)
    alpha, _, _, new_f, old_f, new_g = line_search(rosen, rosen_der, x, p, c1=c1, c2=c2)
    assert alpha is not None
    assert new_f <= old_f + c1 * alpha * (g @ p) + 1e-12
    assert abs(new_g @ p) <= c2 * abs(g @ p) + 1e-12


def _counting_rosen_phi(x, p):
    """phi, phi' along p from x on Rosenbrock, and the list of trial steps they were asked at."""
    trials = []

    def phi(alpha):
        trials.append(alpha)
        return float(rosen(x + alpha * p))

    return phi, lambda alpha: float(rosen_der(x + alpha * p) @ p), trials


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-2, 2), min_size=4, max_size=4), st.floats(1e-4, 0.3),
       st.floats(0.35, 0.95), st.floats(0.0, 10.0))
def test_more_thuente_equals_scipy_scalar_search_wolfe1(x, c1, c2, last_decrease):
    """scipy's MINPACK dcsrch port, same arithmetic in the same order: the same trial steps,
    bit for bit, and the same answer (including failures)."""
    x = np.array(x)
    p = -rosen_der(x)
    if p @ p < 1e-12:
        return
    phi, derphi, our_trials = _counting_rosen_phi(x, p)
    phi0, derphi0 = phi(0.0), derphi(0.0)
    old_phi0 = phi0 + last_decrease  # the first trial repeats the last decrease (capped at 1)
    ours = more_thuente(phi, derphi, first_trial_step(phi0, old_phi0, derphi0), phi0, derphi0,
                        c1, c2, amin=1e-100, amax=1e100)
    scipy_phi, scipy_derphi, their_trials = _counting_rosen_phi(x, p)
    theirs = scalar_search_wolfe1(scipy_phi, scipy_derphi, scipy_phi(0.0), old_phi0,
                                  scipy_derphi(0.0), c1, c2, amax=1e100, amin=1e-100)
    assert our_trials == their_trials
    assert ours[0] == theirs[0]
    if ours[0] is not None:
        assert ours[1] == theirs[1]
        assert ours[1] <= phi0 + c1 * ours[0] * derphi0  # strong Wolfe, checked directly
        assert abs(ours[2]) <= c2 * abs(derphi0)


def test_more_thuente_refuses_an_ascent_direction_or_a_step_outside_its_bounds():
    phi, derphi, trials = _counting_rosen_phi(np.array([-1.2, 1.0]), rosen_der(np.array([-1.2, 1.0])))
    assert more_thuente(phi, derphi, 1.0, phi(0.0), derphi(0.0)) == (None, None, None)
    phi, derphi, trials = _counting_rosen_phi(np.array([-1.2, 1.0]), -rosen_der(np.array([-1.2, 1.0])))
    assert more_thuente(phi, derphi, 100.0, phi(0.0), derphi(0.0), amax=50.0) == (None,) * 3


def test_armijo_step_equals_scipy_when_no_safeguard_applies():
    """Same interpolation as scipy's; ours also clips each trial into [alpha / 10, alpha / 2],
    so compare the cases where scipy's accepted step already lies in that range (or is 1)."""
    compared = 0
    for x in ([-1.2, 1.0], [0.5, 0.5], [1.1, 1.3], [0.0, 0.0], [0.9, 0.7], [-0.5, 0.5]):
        x = np.array(x)
        g = rosen_der(x)
        p = -g / np.sqrt(g @ g)
        theirs = scipy_line_search_armijo(rosen, x, p, g, rosen(x))
        if theirs[0] == 1 or 0.1 <= theirs[0] <= 0.5:
            ours = line_search_armijo(rosen, x, p, g, rosen(x))
            assert ours[0] == pytest.approx(theirs[0], rel=1e-12) and ours[1] == theirs[1]
            compared += 1
    assert compared >= 2


def test_armijo_never_shrinks_below_a_tenth_of_the_previous_trial():
    """A huge phi(1) would put the parabola's minimizer near 0; the safeguard keeps >= 1/10."""
    trial_steps = []

    def steep(x):
        trial_steps.append((1.0 - x[0]) / 10.0)  # x = 1 - 10 alpha
        return x[0] ** 8

    alpha, _, _ = line_search_armijo(steep, np.array([1.0]), np.array([-10.0]), np.array([8.0]),
                                     1.0)
    assert alpha is not None and len(trial_steps) >= 2
    for previous, current in zip(trial_steps, trial_steps[1:]):
        assert 0.1 * previous - 1e-15 <= current <= 0.5 * previous + 1e-15


def test_bad_input_raises():
    with pytest.raises(ValueError, match="need 0 < c1 < c2 < 1"):
        line_search(rosen, rosen_der, np.zeros(2), np.ones(2), c1=0.5, c2=0.1)
    with pytest.raises(ValueError, match="xk and pk must have the same shape"):
        line_search(rosen, rosen_der, np.zeros(2), np.ones(3))
    with pytest.raises(ValueError, match="pk contains NaN or inf"):
        line_search_armijo(rosen, np.zeros(2), np.array([np.nan, 1.0]), np.ones(2), 1.0)
