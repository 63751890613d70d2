"""gradient / jacobian / hessian vs analytic derivatives; approx_fprime and check_grad vs scipy."""

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_optim import approx_fprime, check_grad, gradient, hessian, jacobian


def f(x):
    return np.sin(x[0]) * x[1] ** 2 + np.exp(0.5 * x[2]) + x[0] * x[2]


def f_grad(x):
    return np.array([np.cos(x[0]) * x[1] ** 2 + x[2], 2 * np.sin(x[0]) * x[1],
                     0.5 * np.exp(0.5 * x[2]) + x[0]])


def f_hess(x):
    return np.array([[-np.sin(x[0]) * x[1] ** 2, 2 * np.cos(x[0]) * x[1], 1.0],
                     [2 * np.cos(x[0]) * x[1], 2 * np.sin(x[0]), 0.0],
                     [1.0, 0.0, 0.25 * np.exp(0.5 * x[2])]])


def vector_f(x):
    return np.array([x[0] * x[1], np.sin(x[1]) + x[2] ** 3])


def vector_f_jac(x):
    return np.array([[x[1], x[0], 0.0], [0.0, np.cos(x[1]), 3 * x[2] ** 2]])


points = st.lists(st.floats(-2, 2), min_size=3, max_size=3).map(np.array)


@settings(max_examples=30, deadline=None)
@given(points)
def test_central_gradient_matches_the_analytic_one(x):
    # central differences: error O(h^2) + O(eps / h) with h = eps^(1/3): ~1e-10 relative
    np.testing.assert_allclose(gradient(f, x), f_grad(x), rtol=1e-7, atol=1e-8)
    # forward differences: O(h) + O(eps / h) with h = eps^(1/2): ~1e-8
    np.testing.assert_allclose(gradient(f, x, method="2-point"), f_grad(x), rtol=1e-5, atol=1e-6)


@settings(max_examples=30, deadline=None)
@given(points)
def test_jacobian_matches_the_analytic_one(x):
    np.testing.assert_allclose(jacobian(vector_f, x), vector_f_jac(x), rtol=1e-7, atol=1e-8)


@settings(max_examples=20, deadline=None)
@given(points)
def test_hessian_matches_the_analytic_one_and_is_symmetric(x):
    from_values = hessian(f, x)  # second differences, h = eps^(1/4): ~1e-7 error
    from_gradient = hessian(f, x, jac=f_grad)
    np.testing.assert_allclose(from_values, f_hess(x), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(from_gradient, f_hess(x), rtol=1e-7, atol=1e-8)
    np.testing.assert_array_equal(from_values, from_values.T)


def test_approx_fprime_equals_scipy():
    x = np.array([0.3, -1.2, 0.7])
    # same forward differences with the same absolute step: equal up to rounding
    np.testing.assert_allclose(approx_fprime(x, f), scipy.optimize.approx_fprime(x, f),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(approx_fprime(x, vector_f, 1e-6),
                               scipy.optimize.approx_fprime(x, vector_f, 1e-6), rtol=1e-12)


@pytest.mark.parametrize("x", [[0.3, -1.2, 0.7], [2.0, 1.0, -3.0]])
def test_check_grad_equals_scipy(x):
    x = np.array(x)
    wrong_grad = lambda point: f_grad(point) + np.array([0.0, 1e-3, 0.0])
    for grad in (f_grad, wrong_grad):
        np.testing.assert_allclose(check_grad(f, grad, x), scipy.optimize.check_grad(f, grad, x),
                                   rtol=1e-9, atol=1e-15)
    assert check_grad(f, wrong_grad, x) > 5e-4
    assert check_grad(f, f_grad, x) < 1e-6


def test_check_grad_random_direction_equals_scipy_with_the_same_generator():
    x = np.array([0.3, -1.2, 0.7])
    ours = check_grad(f, f_grad, x, direction="random", seed=np.random.default_rng(5))
    theirs = scipy.optimize.check_grad(f, f_grad, x, direction="random",
                                       seed=np.random.default_rng(5))
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-15)
    assert check_grad(f, f_grad, x, direction="random", seed=7) == check_grad(
        f, f_grad, x, direction="random", seed=7)


def test_bad_input_raises():
    with pytest.raises(ValueError, match="unknown method 'five-point'; valid: 2-point, 3-point"):
        gradient(f, np.zeros(3), method="five-point")
    with pytest.raises(ValueError, match="x contains NaN or inf"):
        gradient(f, [0.0, np.nan, 1.0])
    with pytest.raises(ValueError, match="gradient needs a scalar function"):
        gradient(vector_f, np.zeros(3))
    with pytest.raises(ValueError, match=r"fun\(x\) is not finite"):
        jacobian(lambda x: np.array([np.inf]), np.zeros(2))
    with pytest.raises(ValueError, match="unknown direction 'diagonal'"):
        check_grad(f, f_grad, np.zeros(3), direction="diagonal")
    with pytest.raises(TypeError, match="fun must be callable"):
        hessian(None, np.zeros(2))
