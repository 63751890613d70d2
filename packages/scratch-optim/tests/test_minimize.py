"""minimize vs scipy.optimize.minimize on the standard problem set, plus bounds, finite
differences, the first-order methods against closed forms, options and errors."""

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_optim import OptimizeResult, hessian, minimize

# -- the standard problem set: (f, gradient, Hessian, x0) --

QUADRATIC_A = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
QUADRATIC_B = np.array([1.0, -2.0, 0.5])


def quadratic(x):
    return 0.5 * x @ QUADRATIC_A @ x - QUADRATIC_B @ x


def quadratic_grad(x):
    return QUADRATIC_A @ x - QUADRATIC_B


def quadratic_hess(x):
    return QUADRATIC_A.copy()


def beale(x):
    a, b = x
    return (1.5 - a + a * b) ** 2 + (2.25 - a + a * b**2) ** 2 + (2.625 - a + a * b**3) ** 2


def beale_grad(x):
    a, b = x
    t1, t2, t3 = 1.5 - a + a * b, 2.25 - a + a * b**2, 2.625 - a + a * b**3
    return np.array([2 * t1 * (b - 1) + 2 * t2 * (b**2 - 1) + 2 * t3 * (b**3 - 1),
                     2 * t1 * a + 4 * t2 * a * b + 6 * t3 * a * b**2])


def beale_hess(x):
    return hessian(beale, x, jac=beale_grad)


def booth(x):
    return (x[0] + 2 * x[1] - 7) ** 2 + (2 * x[0] + x[1] - 5) ** 2


def booth_grad(x):
    r1, r2 = x[0] + 2 * x[1] - 7, 2 * x[0] + x[1] - 5
    return np.array([2 * r1 + 4 * r2, 4 * r1 + 2 * r2])


def booth_hess(x):
    return np.array([[10.0, 8.0], [8.0, 10.0]])


def logistic_data(n=200, d=5, seed=0):
    rng = np.random.default_rng(seed)
    features = rng.normal(size=(n, d))
    labels = (features @ rng.normal(size=d) + 0.5 * rng.normal(size=n) > 0).astype(float)
    return features, labels


def logistic_loss_and_grad(w, features, labels, l2=1e-2):
    """Mean logistic loss with a small L2 term (so the minimizer is finite and unique)."""
    margins = features @ w  # (n,)
    loss = np.mean(np.logaddexp(0, margins) - labels * margins) + 0.5 * l2 * w @ w
    probabilities = 0.5 * (1 + np.tanh(0.5 * margins))  # the sigmoid, overflow-free
    return loss, features.T @ (probabilities - labels) / len(labels) + l2 * w


FEATURES, LABELS = logistic_data()


def logistic(w):
    return logistic_loss_and_grad(w, FEATURES, LABELS)[0]


def logistic_grad(w):
    return logistic_loss_and_grad(w, FEATURES, LABELS)[1]


def logistic_hess(w):
    p = 0.5 * (1 + np.tanh(0.5 * FEATURES @ w))
    return (FEATURES.T * (p * (1 - p))) @ FEATURES / len(LABELS) + 1e-2 * np.eye(w.size)


def rosen_x0(n):
    return np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(n)]) if n == 2 else np.full(n, 0.5)


PROBLEMS = {
    "rosen2": (scipy.optimize.rosen, scipy.optimize.rosen_der, scipy.optimize.rosen_hess, rosen_x0(2)),
    "rosen10": (scipy.optimize.rosen, scipy.optimize.rosen_der, scipy.optimize.rosen_hess, rosen_x0(10)),
    "rosen100": (scipy.optimize.rosen, scipy.optimize.rosen_der, scipy.optimize.rosen_hess, rosen_x0(100)),
    "quadratic": (quadratic, quadratic_grad, quadratic_hess, np.array([3.0, -1.0, 2.0])),
    "beale": (beale, beale_grad, beale_hess, np.array([1.0, 1.0])),
    "booth": (booth, booth_grad, booth_hess, np.array([0.0, 0.0])),
    "logistic": (logistic, logistic_grad, logistic_hess, np.zeros(5)),
}

# Tight tolerances on both sides, so both runs reach the minimizer to far better than the
# 1e-6 we demand (gtol 1e-8 on gradients of size ~1 -> x within ~1e-8 / lambda_min).
TIGHT = {"bfgs": {"gtol": 1e-8}, "cg": {"gtol": 1e-8}, "l-bfgs-b": {"gtol": 1e-8, "ftol": 1e-15},
         "newton": {"gtol": 1e-8}}
SCIPY_TIGHT = {"bfgs": {"gtol": 1e-8}, "cg": {"gtol": 1e-8}, "l-bfgs-b": {"gtol": 1e-8, "ftol": 1e-15},
               "newton": {"xtol": 1e-12}}
SCIPY_NAME = {"bfgs": "BFGS", "cg": "CG", "l-bfgs-b": "L-BFGS-B", "newton": "Newton-CG"}


@pytest.mark.parametrize("problem", list(PROBLEMS))
@pytest.mark.parametrize("method", ["bfgs", "cg", "l-bfgs-b", "newton"])
def test_same_minimizer_and_comparable_iterations_as_scipy(method, problem):
    fun, grad, hess, x0 = PROBLEMS[problem]
    uses_hess = method == "newton"
    ours = minimize(fun, x0, jac=grad, hess=hess if uses_hess else None, method=method,
                    options=TIGHT[method])
    theirs = scipy.optimize.minimize(fun, x0, jac=grad, hess=hess if uses_hess else None,
                                     method=SCIPY_NAME[method], options=SCIPY_TIGHT[method])
    np.testing.assert_allclose(ours.x, theirs.x, atol=1e-6, rtol=0)
    assert abs(ours.fun - theirs.fun) <= 1e-10 * max(1.0, abs(theirs.fun))
    assert ours.nit <= 2.0 * max(theirs.nit, 1)
    assert isinstance(ours, OptimizeResult) and ours.nfev >= ours.nit


@pytest.mark.parametrize("problem", list(PROBLEMS))
@pytest.mark.parametrize("method", ["bfgs", "cg"])
def test_bfgs_and_cg_follow_scipy_step_for_step(method, problem):
    """Same update, same Moré-Thuente-then-N&W line search, same first trial step: the same
    iterates. (CG's count is very sensitive to which Wolfe point the search returns; with N&W's
    zoom alone it needed 2.7x scipy's iterations on Rosenbrock 100-d.)"""
    fun, grad, _, x0 = PROBLEMS[problem]
    ours = minimize(fun, x0, jac=grad, method=method, options=TIGHT[method])
    theirs = scipy.optimize.minimize(fun, x0, jac=grad, method=SCIPY_NAME[method],
                                     options=SCIPY_TIGHT[method])
    assert (ours.nit, ours.nfev, ours.njev, ours.status) == (
        theirs.nit, theirs.nfev, theirs.njev, theirs.status)
    # identical arithmetic except BFGS's rank-2 update order: a few ulps drift over 160 steps
    np.testing.assert_allclose(ours.x, theirs.x, rtol=0, atol=1e-10)


@pytest.mark.parametrize("problem", ["rosen2", "beale", "booth", "quadratic"])
@pytest.mark.parametrize("adaptive", [False, True])
def test_nelder_mead_follows_scipy_step_for_step(problem, adaptive):
    fun, _, _, x0 = PROBLEMS[problem]
    ours = minimize(fun, x0, method="Nelder-Mead", options={"adaptive": adaptive})
    theirs = scipy.optimize.minimize(fun, x0, method="Nelder-Mead", options={"adaptive": adaptive})
    # identical arithmetic in the same order: equal up to a few ulps
    np.testing.assert_allclose(ours.x, theirs.x, rtol=1e-12, atol=1e-14)
    assert (ours.nit, ours.nfev, ours.status) == (theirs.nit, theirs.nfev, theirs.status)


def test_default_method_is_bfgs_and_names_are_case_insensitive():
    fun, grad, _, x0 = PROBLEMS["beale"]
    plain = minimize(fun, x0, jac=grad)
    shouting = minimize(fun, x0, jac=grad, method="bFgS")
    np.testing.assert_array_equal(plain.x, shouting.x)
    assert plain.hess_inv.shape == (2, 2)


@pytest.mark.parametrize("method", ["bfgs", "l-bfgs-b", "cg", "newton"])
def test_finite_difference_gradient_path_matches_scipy(method):
    fun, _, _, x0 = PROBLEMS["rosen2"]
    ours = minimize(fun, x0, method=method)
    theirs = scipy.optimize.minimize(fun, x0, method="BFGS")
    # forward differences limit the gradient to ~1e-8 accuracy, so x to ~1e-4
    np.testing.assert_allclose(ours.x, theirs.x, atol=1e-4)
    assert ours.nfev > ours.nit * 2  # the gradient evaluations were counted in nfev


def test_jac_true_means_fun_returns_value_and_gradient():
    fun, grad, _, x0 = PROBLEMS["rosen10"]
    separate = minimize(fun, x0, jac=grad, method="L-BFGS-B")
    combined = minimize(lambda x: (fun(x), grad(x)), x0, jac=True, method="L-BFGS-B")
    np.testing.assert_array_equal(separate.x, combined.x)
    assert combined.nfev == combined.njev


@pytest.mark.parametrize("bounds", [[(-0.5, 0.5), (-0.5, 0.5)], [(None, 0.9), (1.0, None)],
                                    [(1.2, 2.0), (None, None)]])
def test_lbfgsb_with_active_bounds_matches_scipy(bounds):
    fun, grad, _, x0 = PROBLEMS["rosen2"]
    x0 = np.clip(x0, [b[0] if b[0] is not None else -np.inf for b in bounds],
                 [b[1] if b[1] is not None else np.inf for b in bounds])
    ours = minimize(fun, x0, jac=grad, method="L-BFGS-B", bounds=bounds, options=TIGHT["l-bfgs-b"])
    theirs = scipy.optimize.minimize(fun, x0, jac=grad, method="L-BFGS-B", bounds=bounds,
                                     options=SCIPY_TIGHT["l-bfgs-b"])
    np.testing.assert_allclose(ours.x, theirs.x, atol=1e-6)
    assert ours.success


def test_lbfgsb_bounds_on_the_logistic_problem_and_scipy_bounds_object():
    fun, grad, _, x0 = PROBLEMS["logistic"]
    box = scipy.optimize.Bounds(-0.3, 0.3)
    ours = minimize(fun, x0, jac=grad, bounds=box, options=TIGHT["l-bfgs-b"])
    theirs = scipy.optimize.minimize(fun, x0, jac=grad, bounds=box, options=SCIPY_TIGHT["l-bfgs-b"])
    np.testing.assert_allclose(ours.x, theirs.x, atol=1e-6)
    assert np.any(np.abs(ours.x) == 0.3)  # some bound really is active


@settings(max_examples=20, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=3, max_size=3), st.floats(-1, 1), st.floats(0.1, 2))
def test_lbfgsb_bounded_quadratic_satisfies_kkt(x0, low, width):
    """Property: at the result, each coordinate is interior with zero gradient, or at a bound
    with the gradient pointing out of the box (the projected gradient vanishes)."""
    lower, upper = np.full(3, low), np.full(3, low + width)
    result = minimize(quadratic, x0, jac=quadratic_grad, method="L-BFGS-B",
                      bounds=list(zip(lower, upper)), options={"gtol": 1e-10, "ftol": 1e-15})
    g = quadratic_grad(result.x)
    assert np.all((result.x >= lower) & (result.x <= upper))
    projected = np.clip(result.x - g, lower, upper) - result.x
    assert np.max(np.abs(projected)) <= 1e-7


def test_gradient_descent_with_fixed_rate_equals_the_closed_form():
    """On f = x'Ax/2 - b'x: e_k = (I - lr A)^k e_0 with e = x - A^{-1} b."""
    x_star = np.linalg.solve(QUADRATIC_A, QUADRATIC_B)
    x0, lr, k = np.array([3.0, -1.0, 2.0]), 0.2, 25
    result = minimize(quadratic, x0, jac=quadratic_grad, method="gd",
                      options={"learning_rate": lr, "maxiter": k, "gtol": 0})
    expected = x_star + np.linalg.matrix_power(np.eye(3) - lr * QUADRATIC_A, k) @ (x0 - x_star)
    np.testing.assert_allclose(result.x, expected, rtol=1e-12, atol=1e-12)  # same recurrence
    assert result.nit == k and result.status == 1


@pytest.mark.parametrize("method", ["momentum", "nesterov"])
def test_momentum_iterates_equal_the_closed_form_linear_recurrence(method):
    """torch.optim.SGD's rules on the quadratic are linear in (e, b), e = x - x*, b the buffer:
    momentum  b' = mu b + A e,  e' = e - lr b'
    nesterov  b' = mu b + A e,  e' = e - lr (A e + mu b')
    so after k steps (e_k, b_k) = M^k (e_0, 0), with b_0 = g_0 as torch starts it."""
    x_star = np.linalg.solve(QUADRATIC_A, QUADRATIC_B)
    x0, lr, mu, k = np.array([3.0, -1.0, 2.0]), 0.05, 0.8, 30
    result = minimize(quadratic, x0, jac=quadratic_grad, method=method,
                      options={"learning_rate": lr, "momentum": mu, "maxiter": k, "gtol": 0})
    eye, a = np.eye(3), QUADRATIC_A
    if method == "momentum":
        transition = np.block([[eye - lr * a, -lr * mu * eye], [a, mu * eye]])
    else:
        transition = np.block([[eye - lr * (1 + mu) * a, -lr * mu * mu * eye], [a, mu * eye]])
    state = np.linalg.matrix_power(transition, k) @ np.concatenate([x0 - x_star, np.zeros(3)])
    np.testing.assert_allclose(result.x, x_star + state[:3], rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("method", ["gd", "momentum", "nesterov"])
def test_first_order_methods_converge_to_the_closed_form_minimizer(method):
    # gtol 1e-8 with lambda_min(A) ~ 1.7: x within ~1e-8 of the minimizer
    options = {"gtol": 1e-8} if method == "gd" else {"learning_rate": 0.1, "gtol": 1e-8}
    result = minimize(quadratic, np.zeros(3), jac=quadratic_grad, method=method, options=options)
    np.testing.assert_allclose(result.x, np.linalg.solve(QUADRATIC_A, QUADRATIC_B), atol=1e-7)
    assert result.success


def test_too_large_learning_rate_reports_divergence_instead_of_nan():
    with np.errstate(over="ignore", invalid="ignore"):  # the objective itself overflows
        result = minimize(quadratic, np.ones(3), jac=quadratic_grad, method="gd",
                          options={"learning_rate": 10.0, "maxiter": 100000})
    assert not result.success and result.status == 3 and "diverged" in result.message


def test_callback_sees_every_iterate():
    fun, grad, _, x0 = PROBLEMS["beale"]
    seen = []
    result = minimize(fun, x0, jac=grad, callback=seen.append)
    assert len(seen) == result.nit
    np.testing.assert_array_equal(seen[-1], result.x)


def test_maxiter_stops_with_status_1():
    fun, grad, _, x0 = PROBLEMS["rosen10"]
    result = minimize(fun, x0, jac=grad, method="BFGS", options={"maxiter": 3})
    assert (result.nit, result.status, result.success) == (3, 1, False)


def test_tol_sets_the_gradient_tolerance():
    fun, grad, _, x0 = PROBLEMS["rosen2"]
    loose = minimize(fun, x0, jac=grad, tol=1e-2)
    assert np.max(np.abs(loose.jac)) <= 1e-2 and loose.nit < minimize(fun, x0, jac=grad).nit


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"method": "Newton-CG"}, "unknown method 'Newton-CG'; valid: bfgs"),
    ({"method": "BFGS", "options": {"maxfun": 10}}, r"unknown option\(s\) \['maxfun'\]"),
    ({"method": "BFGS", "options": {"maxiter": 0}}, "maxiter must be a positive integer"),
    ({"method": "BFGS", "options": {"gtol": -1.0}}, "gtol must be finite and >= 0"),
    ({"method": "BFGS", "bounds": [(0, 1)] * 2}, "does not support bounds"),
    ({"method": "L-BFGS-B", "bounds": [(0, 1)]}, "bounds must be 2"),
    ({"method": "L-BFGS-B", "bounds": [(1, 0), (0, 1)]}, "lower bound must be <= its upper"),
    ({"method": "BFGS", "hess": lambda x: np.eye(2)}, "does not use hess"),
    ({"method": "gd", "options": {"learning_rate": -1.0}}, "learning_rate must be finite and > 0"),
])
def test_bad_arguments_raise_clear_errors(kwargs, match):
    fun, grad, _, x0 = PROBLEMS["booth"]
    with pytest.raises(ValueError, match=match):
        minimize(fun, x0, jac=grad, **kwargs)


def test_bad_start_or_objective_raises():
    with pytest.raises(ValueError, match="x0 contains NaN or inf"):
        minimize(quadratic, [np.nan, 0.0, 0.0])
    with pytest.raises(ValueError, match="x0 must be 1-D"):
        minimize(quadratic, np.zeros((3, 1)))
    with pytest.raises(ValueError, match=r"fun\(x0\) is not finite"):
        minimize(lambda x: np.inf, np.zeros(2))
    with pytest.raises(ValueError, match="fun must return a scalar"):
        minimize(lambda x: x, np.zeros(2))
    with pytest.raises(ValueError, match="fun must return a pair"):
        minimize(lambda x: 1.0, np.zeros(2), jac=True)
    with pytest.raises(TypeError, match="fun must be callable"):
        minimize(3.0, np.zeros(2))


def test_newton_stops_with_precision_loss_when_f_cannot_resolve_the_decrease():
    # mean logistic loss: at gtol = 1e-12 the gradient cannot be driven lower, because the
    # predicted decrease of f rounds away; Newton must stop (status 2, as scipy) instead of
    # accepting non-decreasing steps until maxiter
    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, 5))  # (n, d)
    y = (X @ rng.standard_normal(5) + rng.standard_normal(300) > 0).astype(float)  # (n,)
    l2 = 1.0 / len(y)  # scikit-learn's C = 1 at the mean-loss scale

    def fun(w):
        z = X @ w
        return np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * w @ w

    def jac(w):
        return X.T @ (1.0 / (1.0 + np.exp(-(X @ w))) - y) / len(y) + l2 * w

    def hess(w):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        return (X.T * (p * (1 - p))) @ X / len(y) + l2 * np.eye(5)

    result = minimize(fun, np.zeros(5), method="newton", jac=jac, hess=hess,
                      options={"gtol": 1e-30, "maxiter": 200})
    assert result.status == 2 and not result.success, result.message
    assert result.nit < 20
    assert np.max(np.abs(result.jac)) < 1e-9  # as close to stationary as f can tell
