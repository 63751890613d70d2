"""root_scalar vs scipy.optimize.root_scalar: same root, iterations, calls and flag."""

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_optim import root_scalar

CASES = [  # f, f', bracket, x0
    (lambda x: x**3 - 2 * x - 5, lambda x: 3 * x**2 - 2, [2.0, 3.0], 2.5),
    (lambda x: np.cos(x) - x, lambda x: -np.sin(x) - 1, [0.0, 1.0], 0.5),
    (lambda x: np.exp(x) - 10, np.exp, [0.0, 5.0], 1.0),
    (lambda x: x**2 - 4, lambda x: 2 * x, [-1.0, 5.0], 3.0),
    (lambda x: np.arctan(x - 0.3), lambda x: 1 / (1 + (x - 0.3) ** 2), [-4.0, 10.0], 0.5),
]
METHOD_ARGUMENTS = {
    "bisect": lambda case: {"bracket": case[2]},
    "brentq": lambda case: {"bracket": case[2]},
    "newton": lambda case: {"x0": case[3], "fprime": case[1]},
    "newton-fd": lambda case: {"x0": case[3]},
    "secant": lambda case: {"x0": case[3]},
    "secant-x1": lambda case: {"x0": case[3], "x1": case[3] + 0.5},
}


@pytest.mark.parametrize("case", range(len(CASES)))
@pytest.mark.parametrize("variant", list(METHOD_ARGUMENTS))
def test_matches_scipy_exactly(variant, case):
    arguments = METHOD_ARGUMENTS[variant](CASES[case])
    method = variant.split("-")[0]
    ours = root_scalar(CASES[case][0], method=method, **arguments)
    theirs = scipy.optimize.root_scalar(CASES[case][0], method=method, **arguments)
    # a step-for-step port: the same floating-point operations, so equal to the last bit
    assert ours.root == theirs.root
    assert (ours.iterations, ours.function_calls, ours.flag, ours.converged) == (
        theirs.iterations, theirs.function_calls, theirs.flag, theirs.converged)


def test_method_is_chosen_like_scipy_and_fprime_true_counts_one_call_per_point():
    f, fprime = CASES[0][0], CASES[0][1]
    assert root_scalar(f, bracket=[2, 3]).method == "brentq"
    assert root_scalar(f, x0=2.5, fprime=fprime).method == "newton"
    assert root_scalar(f, x0=2.5, x1=3.0).method == "secant"
    ours = root_scalar(lambda x: (f(x), fprime(x)), x0=2.5, fprime=True)
    theirs = scipy.optimize.root_scalar(lambda x: (f(x), fprime(x)), x0=2.5, fprime=True)
    assert (ours.root, ours.function_calls) == (theirs.root, theirs.function_calls)


@settings(max_examples=40, deadline=None)
@given(st.floats(-5, 5), st.floats(0.1, 3))
def test_bracketing_methods_find_a_root_within_xtol(shift, scale):
    f = lambda x: np.tanh(scale * (x - shift))
    for method in ("bisect", "brentq"):
        result = root_scalar(f, method=method, bracket=[-10, 10], xtol=1e-10)
        assert result.converged and abs(result.root - shift) <= 1e-9


def test_non_convergence_is_reported_not_raised():
    result = root_scalar(lambda x: x**2 + 1, x0=0.5, fprime=lambda x: 2 * x, maxiter=5)
    assert not result.converged and result.flag == "convergence error"


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"method": "bisect", "bracket": [3, 4]}, "f\\(a\\) and f\\(b\\) must have different signs"),
    ({"method": "brentq"}, "a bracket \\[a, b\\] is needed"),
    ({"method": "ridder", "bracket": [2, 3]}, "unknown method 'ridder'; valid: bisect, brentq"),
    ({}, "cannot choose a method"),
    ({"method": "newton"}, "a finite x0 is needed"),
    ({"method": "bisect", "bracket": [2, 3], "rtol": 1e-20}, "rtol too small"),
    ({"method": "brentq", "bracket": [2, 3], "xtol": 0}, "xtol must be > 0"),
    ({"method": "secant", "x0": 1.0, "x1": 1.0}, "x1 and x0 must be different"),
    ({"method": "brentq", "bracket": [2, 3], "maxiter": 0}, "maxiter must be a positive integer"),
])
def test_bad_input_raises(kwargs, match):
    with pytest.raises(ValueError, match=match):
        root_scalar(CASES[0][0], **kwargs)
