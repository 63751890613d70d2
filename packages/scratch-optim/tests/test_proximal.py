"""Proximal methods: the lasso optimum checked by its KKT conditions and against
scipy.optimize.minimize on a smooth (bound-constrained) reformulation."""

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scratch_optim import proximal


def lasso_problem(rng, m=40, n=15):
    A = rng.normal(size=(m, n))
    x_true = np.where(rng.random(n) < 0.4, rng.normal(scale=3, size=n), 0.0)
    b = A @ x_true + 0.1 * rng.normal(size=m)
    lam = 0.2 * np.max(np.abs(A.T @ b))  # a fifth of the value that zeroes every coordinate
    return A, b, lam


def assert_lasso_kkt(A, b, lam, x, tol):
    """0 in A'(Ax - b) + lam d||x||_1: equality on the support, |.| <= lam off it."""
    correlation = A.T @ (b - A @ x)  # (n,)
    support = np.abs(x) > 1e-9
    assert support.any() and (~support).any()  # the test problem exercises both conditions
    np.testing.assert_allclose(correlation[support], lam * np.sign(x[support]), atol=tol * lam)
    assert np.all(np.abs(correlation[~support]) <= lam * (1 + tol))


def scipy_lasso(A, b, lam):
    """x = u - v with u, v >= 0 makes the lasso smooth: L-BFGS-B with bounds solves it."""
    n = A.shape[1]

    def objective(uv):
        residual = A @ (uv[:n] - uv[n:]) - b
        grad_x = A.T @ residual
        return 0.5 * residual @ residual + lam * uv.sum(), np.concatenate([grad_x + lam, lam - grad_x])

    result = scipy.optimize.minimize(objective, np.zeros(2 * n), jac=True, method="L-BFGS-B",
                                     bounds=[(0, None)] * (2 * n),
                                     options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10_000})
    return result.x[:n] - result.x[n:], result.fun


@pytest.mark.parametrize("solver", [proximal.lasso_ista, proximal.lasso_fista,
                                    proximal.lasso_coordinate_descent])
def test_lasso_solvers_meet_kkt_and_match_scipy(rng, solver):
    A, b, lam = lasso_problem(rng)
    result = solver(A, b, lam)
    assert result.success
    # 1e-6 relative on the KKT residual: the solvers stop at a 1e-10 step.
    assert_lasso_kkt(A, b, lam, result.x, tol=1e-6)
    x_scipy, fun_scipy = scipy_lasso(A, b, lam)
    # L-BFGS-B stops near 1e-8 in x on this problem; the objective agrees to 1e-9 relative.
    np.testing.assert_allclose(result.x, x_scipy, atol=1e-5)
    assert result.fun <= fun_scipy * (1 + 1e-9)
    np.testing.assert_allclose(result.fun, 0.5 * np.sum((A @ result.x - b) ** 2)
                               + lam * np.abs(result.x).sum(), rtol=1e-14)


@pytest.mark.parametrize("solver", [proximal.ista, proximal.fista])
@pytest.mark.parametrize("with_step", [True, False])
def test_general_smooth_plus_l1_matches_lasso_solution(rng, solver, with_step):
    A, b, lam = lasso_problem(rng)
    fun = lambda x: 0.5 * np.sum((A @ x - b) ** 2)
    grad = lambda x: A.T @ (A @ x - b)
    step = 1.0 / proximal.largest_singular_value_squared(A) if with_step else None
    result = solver(grad, np.zeros(A.shape[1]), lam, step_size=step, fun=fun)
    assert result.success
    reference = proximal.lasso_coordinate_descent(A, b, lam)
    # Both stop at a 1e-10 step on a well-conditioned problem: 1e-6 in x.
    np.testing.assert_allclose(result.x, reference.x, atol=1e-6)


def test_general_logistic_loss_plus_l1_matches_scipy(rng):
    # A smooth f that is not a least-squares: L1-regularized logistic regression.
    X = rng.normal(size=(60, 6))
    y = (X @ np.array([2.0, -1.0, 0, 0, 0.5, 0]) + 0.3 * rng.normal(size=60) > 0).astype(float)
    lam = 2.0

    def fun(w):
        z = X @ w
        return np.sum(np.logaddexp(0, z) - y * z)

    def grad(w):
        return X.T @ (1 / (1 + np.exp(-(X @ w))) - y)

    result = proximal.fista(grad, np.zeros(6), lam, fun=fun)

    def split(uv):
        w = uv[:6] - uv[6:]
        g = grad(w)
        return fun(w) + lam * uv.sum(), np.concatenate([g + lam, lam - g])

    reference = scipy.optimize.minimize(split, np.zeros(12), jac=True, method="L-BFGS-B",
                                        bounds=[(0, None)] * 12,
                                        options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10_000})
    # The objective to 1e-9 relative (both near their optimum); x to 1e-5.
    np.testing.assert_allclose(result.fun, reference.fun, rtol=1e-9)
    np.testing.assert_allclose(result.x, reference.x[:6] - reference.x[6:], atol=1e-5)


def test_iteration_cap_is_reported_not_looped_on(rng):
    A, b, lam = lasso_problem(rng)
    result = proximal.lasso_ista(A, b, lam, max_iter=3)
    assert not result.success and result.nit == 3 and "Maximum" in result.message


def test_large_lambda_gives_zero_and_zero_columns_are_ignored(rng):
    A, b, _ = lasso_problem(rng)
    lam_max = np.max(np.abs(A.T @ b))
    for solver in [proximal.lasso_ista, proximal.lasso_fista, proximal.lasso_coordinate_descent]:
        np.testing.assert_array_equal(solver(A, b, 1.001 * lam_max).x, 0.0)
    A[:, 3] = 0.0
    assert proximal.lasso_coordinate_descent(A, b, 0.1 * lam_max).x[3] == 0.0


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.integers(1, 30), elements=st.floats(-1e6, 1e6)),
       st.floats(0, 1e3))
def test_soft_threshold_is_the_l1_prox(v, k):
    # prox property: x = S(v, k) minimizes 1/2 (x - v)^2 + k |x| coordinate-wise, so the
    # subgradient condition v - x in k * d|x| holds.
    x = proximal.soft_threshold(v, k)
    assert np.all(np.abs(x) <= np.abs(v))
    nonzero = x != 0
    np.testing.assert_allclose((v - x)[nonzero], k * np.sign(x[nonzero]), rtol=1e-12, atol=1e-9)
    assert np.all(np.abs(v[~nonzero]) <= k)


def test_bad_input_raises_clear_errors(rng):
    A, b, lam = lasso_problem(rng)
    with pytest.raises(ValueError, match="b must have length 40"):
        proximal.lasso_fista(A, b[:-1], lam)
    with pytest.raises(ValueError, match="lam must be finite and >= 0"):
        proximal.lasso_coordinate_descent(A, b, -1.0)
    A[0, 0] = np.nan
    with pytest.raises(ValueError, match="A contains NaN"):
        proximal.lasso_ista(A, b, lam)
    with pytest.raises(ValueError, match="step_size .* or fun"):
        proximal.ista(lambda x: x, np.zeros(3), 1.0)
    with pytest.raises(ValueError, match="threshold must be >= 0"):
        proximal.soft_threshold([1.0], -1.0)


# -- per-coordinate weights: minimize f(x) + sum_i lam_i |x_i| --


def scipy_weighted_lasso(A, b, lam):
    """x = u - v with u, v >= 0: 1/2 ||A x - b||^2 + lam'(u + v) is smooth; L-BFGS-B solves it.

    A coordinate with lam_i = 0 is penalized by nothing, so u_i - v_i is free there.
    """
    n = A.shape[1]

    def objective(uv):
        residual = A @ (uv[:n] - uv[n:]) - b
        grad_x = A.T @ residual
        value = 0.5 * residual @ residual + lam @ (uv[:n] + uv[n:])
        return value, np.concatenate([grad_x + lam, lam - grad_x])

    result = scipy.optimize.minimize(objective, np.zeros(2 * n), jac=True, method="L-BFGS-B",
                                     bounds=[(0, None)] * (2 * n),
                                     options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10_000})
    return result.x[:n] - result.x[n:], result.fun


@pytest.mark.parametrize("solver", [proximal.ista, proximal.fista])
@pytest.mark.parametrize("with_step", [True, False])
def test_per_coordinate_lam_matches_scipy(rng, solver, with_step):
    A, b, lam = lasso_problem(rng)
    weights = lam * rng.uniform(0.2, 2.0, A.shape[1])  # (n,) a different weight per coordinate
    weights[[0, 5]] = 0.0  # two unpenalized coordinates
    fun = lambda x: 0.5 * np.sum((A @ x - b) ** 2)
    grad = lambda x: A.T @ (A @ x - b)
    step = 1.0 / proximal.largest_singular_value_squared(A) if with_step else None
    result = solver(grad, np.zeros(A.shape[1]), weights, step_size=step, fun=fun)
    assert result.success
    x_scipy, fun_scipy = scipy_weighted_lasso(A, b, weights)
    assert np.any(x_scipy == 0) and np.any(x_scipy[weights > 0] != 0)  # both cases are exercised
    # As for the scalar lasso above: L-BFGS-B stops near 1e-8 in x, so x to 1e-5, and our
    # objective is no worse than scipy's to 1e-9 relative.
    np.testing.assert_allclose(result.x, x_scipy, atol=1e-5)
    assert result.fun <= fun_scipy * (1 + 1e-9)
    np.testing.assert_allclose(result.fun, fun(result.x) + weights @ np.abs(result.x), rtol=1e-14)
    # KKT per coordinate: A_i'(b - A x) = lam_i sign(x_i) on the support, |.| <= lam_i off it
    correlation = A.T @ (b - A @ result.x)  # (n,)
    support = result.x != 0
    np.testing.assert_allclose(correlation[support], (weights * np.sign(result.x))[support],
                               atol=1e-6 * lam)
    assert np.all(np.abs(correlation[~support]) <= weights[~support] * (1 + 1e-6))


@pytest.mark.parametrize("solver", [proximal.ista, proximal.fista])
def test_zero_weight_leaves_its_coordinate_free(rng, solver):
    # every other coordinate is penalized past lam_max, so it stays 0 and coordinate 3 alone
    # fits b: x_3 = A_3'b / ||A_3||^2, the one-column least squares (numpy's lstsq as oracle)
    A, b, _ = lasso_problem(rng)
    weights = np.full(A.shape[1], 10 * np.max(np.abs(A.T @ b)))
    weights[3] = 0.0
    result = solver(lambda x: A.T @ (A @ x - b), np.zeros(A.shape[1]), weights,
                    fun=lambda x: 0.5 * np.sum((A @ x - b) ** 2))
    expected = np.zeros(A.shape[1])
    expected[3] = np.linalg.lstsq(A[:, [3]], b, rcond=None)[0][0]
    # the solvers stop at a 1e-10 relative step: 1e-8 relative in x
    np.testing.assert_allclose(result.x, expected, rtol=1e-8, atol=1e-12)


def test_scalar_lam_and_constant_weights_agree(rng):
    A, b, lam = lasso_problem(rng)
    grad = lambda x: A.T @ (A @ x - b)
    step = 1.0 / proximal.largest_singular_value_squared(A)
    scalar = proximal.fista(grad, np.zeros(A.shape[1]), lam, step_size=step)
    vector = proximal.fista(grad, np.zeros(A.shape[1]), np.full(A.shape[1], lam), step_size=step)
    # the same arithmetic on every coordinate: identical iterates
    np.testing.assert_array_equal(vector.x, scalar.x)
    assert vector.nit == scalar.nit


@pytest.mark.parametrize(
    ("lam", "message"),
    [
        (np.ones(4), r"lam must be a scalar or have the shape of x0 \(3,\), got \(4,\)"),
        (np.ones((3, 1)), r"shape of x0 \(3,\), got \(3, 1\)"),
        ([1.0, -0.5, 1.0], r"lam must be finite and >= 0, got -0.5 at index 1"),
        ([1.0, 1.0, np.nan], r"lam must be finite and >= 0, got nan at index 2"),
        ([np.inf, 1.0, 1.0], r"lam must be finite and >= 0, got inf at index 0"),
        (-1.0, r"lam must be finite and >= 0, got -1.0"),
        (np.nan, r"lam must be finite and >= 0"),
        ("strong", r"lam must be a real number or an array of them"),
    ],
)
@pytest.mark.parametrize("solver", [proximal.ista, proximal.fista])
def test_bad_lam_raises_naming_the_problem(solver, lam, message):
    with pytest.raises(ValueError, match=message):
        solver(lambda x: x, np.zeros(3), lam, step_size=0.5)
