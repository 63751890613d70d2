"""The one dual problem behind SVC and SVR (libsvm's form), its solvers, and the offset rho.

    minimize    f(a) = 1/2 a'Qa + p'a
    subject to  y'a = 0,   0 <= a_t <= C_t,     Q_st = y_s y_t K(x_idx(s), x_idx(t)),  y_t = +-1

- C-SVC (binary): one variable per sample, y = the +-1 labels, p = -1.
- epsilon-SVR: two variables per sample (a+ then a-), idx = [0..n-1, 0..n-1], y = [+1.., -1..],
  p = [epsilon - z, epsilon + z]; the regression coefficients are a+ - a-.

At the optimum the KKT conditions give the offset rho of the decision  sum_t y_t a_t K(x_t, x) - rho:
with G = Qa + p, every free a_t (0 < a_t < C_t) has y_t G_t = rho, so rho is their mean;
without free variables, rho is the middle of the interval the bounded ones leave (libsvm's rule).

solve_dual dispatches to SMO (the default, see _smo) or to a dense interior-point QP
(scratch_optim.qp, ours or cvxopt's): with n variables, G = [-I; I], h = [0; C], A = y', b = 0.
"""

from dataclasses import dataclass

import numpy as np
import scratch_optim as so

from ._smo import smo

SOLVERS = ("smo", "qp", "cvxopt")
# An interior-point solution never sits exactly on a bound: an a_t within this fraction of C_t of
# 0 or C_t is read as on the bound. The QP is solved to a 1e-10 duality gap, so a variable off the
# optimal face is ~1e-12; one of ~1e-7 is a degenerate point (on the margin with a zero weight in
# SMO's solution, slightly positive at the interior-point method's centre of the optimal face).
_BOUND_SNAP = 1e-6


@dataclass
class DualProblem:
    kernel_columns: object  # KernelColumns over the n training samples
    sign: np.ndarray  # (n_var,) y, +-1.0
    linear_term: np.ndarray  # (n_var,) p
    upper_bound: np.ndarray  # (n_var,) C
    sample_index: np.ndarray | None = None  # (n_var,) idx; None: variable t is sample t


def solve_dual(problem, solver, tol, max_iter):
    """(alpha (n_var,), rho, n_iter, converged)."""
    if solver == "smo":
        alpha, gradient, n_iter, converged = smo(problem, tol, max_iter)
    else:
        alpha, gradient, n_iter, converged = _interior_point(problem, solver)
    return alpha, offset_rho(alpha, gradient, problem.sign, problem.upper_bound), n_iter, converged


def offset_rho(alpha, gradient, sign, upper_bound):
    """rho from the KKT conditions (libsvm's calculate_rho); alpha's bounds must be exact."""
    signed_gradient = sign * gradient  # (n_var,) y_t G_t
    at_upper, at_lower = alpha >= upper_bound, alpha <= 0
    free = ~(at_upper | at_lower)
    if free.any():
        return float(signed_gradient[free].mean())
    # y_t G_t <= rho for (upper, y=+1) and (lower, y=-1); >= rho for the other two cases.
    positive = sign > 0
    bounds_above = (at_upper & ~positive) | (at_lower & positive)
    bounds_below = (at_upper & positive) | (at_lower & ~positive)
    upper = signed_gradient[bounds_above].min() if bounds_above.any() else np.inf
    lower = signed_gradient[bounds_below].max() if bounds_below.any() else -np.inf
    return float((upper + lower) / 2)


def _interior_point(problem, solver):
    sign, upper_bound = problem.sign, problem.upper_bound
    kernel = problem.kernel_columns.full()  # (n, n)
    if problem.sample_index is not None:
        kernel = kernel[np.ix_(problem.sample_index, problem.sample_index)]  # (n_var, n_var)
    quadratic = sign[:, None] * kernel * sign[None, :]  # (n_var, n_var) Q
    n_var = sign.size
    identity = np.eye(n_var)
    result = so.qp(
        quadratic,
        problem.linear_term,
        G=np.vstack([-identity, identity]),
        h=np.concatenate([np.zeros(n_var), upper_bound]),
        A=sign[None, :],
        b=np.zeros(1),
        solver=None if solver == "qp" else "cvxopt",
        options={"abstol": 1e-10, "reltol": 1e-10, "feastol": 1e-10, "maxiters": 200},
    )
    if result["x"] is None:
        raise RuntimeError(
            f"the dual QP solver ({solver!r}) failed with status {result['status']!r}; try solver='smo'."
        )
    alpha = np.clip(result["x"], 0.0, upper_bound)  # (n_var,)
    alpha[alpha <= _BOUND_SNAP * upper_bound] = 0.0
    near_upper = alpha >= (1 - _BOUND_SNAP) * upper_bound
    alpha[near_upper] = upper_bound[near_upper]
    gradient = quadratic @ alpha + problem.linear_term  # (n_var,)
    return alpha, gradient, int(result["iterations"]), result["status"] == "optimal"
