"""line_search (strong Wolfe) and line_search_armijo vs scipy's, and the Wolfe property."""

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize._linesearch import line_search_armijo as scipy_line_search_armijo
from scratch_optim import line_search, line_search_armijo

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
    p = -g
    alpha, _, _, new_f, old_f, new_g = line_search(rosen, rosen_der, x, p, c1=c1, c2=c2)
    assert alpha is not None
    assert new_f <= old_f + c1 * alpha * (g @ p) + 1e-12
    assert abs(new_g @ p) <= c2 * abs(g @ p) + 1e-12


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
