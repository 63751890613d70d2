"""scratch_optim.qp against cvxopt.solvers.qp on the same problems."""

import builtins

import cvxopt
import cvxopt.solvers
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_linalg.triangular_solver import BLOCK_ORDER
from scratch_optim.qp import qp
from scratch_optim.qp_kkt import KKTSolver


def cvxopt_result(P, q, G=None, h=None, A=None, b=None):
    as_matrix = lambda a: None if a is None else cvxopt.matrix(np.asarray(a, dtype=float))
    return cvxopt.solvers.qp(*map(as_matrix, [P, q, G, h, A, b]), options={"show_progress": False})


def cvxopt_qp(P, q, G=None, h=None, A=None, b=None):
    result = cvxopt_result(P, q, G, h, A, b)
    return result["status"], np.array(result["x"]).ravel(), result["primal objective"]


def random_feasible_qp(rng, n, m, p):
    """A strictly convex QP with a known strictly feasible point x0 (so it is feasible)."""
    factor = rng.normal(size=(n, n))
    P = factor @ factor.T / n + 1e-3 * np.eye(n)
    q = rng.normal(size=n)
    G = rng.normal(size=(m, n))
    x0 = rng.normal(size=n)
    h = G @ x0 + rng.random(m)
    A = rng.normal(size=(p, n)) if p else None
    b = A @ x0 if p else None
    return P, q, G, h, A, b


def assert_matches_cvxopt(problem, ours):
    theirs = cvxopt_result(*problem)
    assert ours["status"] == theirs["status"] == "optimal"
    # The tolerances: objective to 1e-6 (relative, both stop at relgap 1e-6), x to 1e-5.
    np.testing.assert_allclose(ours["primal objective"], theirs["primal objective"],
                               rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(ours["x"], np.array(theirs["x"]).ravel(), atol=1e-5)
    # Same algorithm as coneqp (start point, Mehrotra steps, stopping tests): the same number of
    # iterations, give or take one where rounding moves a stopping test across its threshold.
    assert abs(ours["iterations"] - theirs["iterations"]) <= 1


@pytest.mark.parametrize("n, m, p", [(5, 10, 0), (20, 40, 0), (20, 40, 4), (40, 15, 10)])
def test_random_feasible_qps_match_cvxopt(rng, n, m, p):
    problem = random_feasible_qp(rng, n, m, p)
    result = qp(*problem)
    assert_matches_cvxopt(problem, result)
    # The returned point is primal and dual feasible and complementary (to the tolerances).
    P, q, G, h, A, _b = problem
    assert np.all(G @ result["x"] <= h + 1e-6) and np.all(result["z"] >= 0)
    np.testing.assert_allclose(P @ result["x"] + q + G.T @ result["z"]
                               + (A.T @ result["y"] if p else 0), 0, atol=1e-6)


@pytest.mark.parametrize("p", [0, 3])
@pytest.mark.parametrize("n", [12, BLOCK_ORDER + 1, 150])
def test_kkt_directions_solve_the_full_kkt_system(rng, n, p):
    # Against numpy's dense solve of the whole (n + p + m) KKT matrix, with the z / s spread
    # over six orders of magnitude as near an optimum.
    m = 2 * n
    P, _q, G, _h, A, _b = random_feasible_qp(rng, n, m, p)
    A = np.zeros((0, n)) if A is None else A
    w_inverse_squared = rng.uniform(1e-3, 1e3, m)
    bx, by, bz = rng.normal(size=n), rng.normal(size=p), rng.normal(size=m)
    kkt = np.block([[P, A.T, G.T],
                    [A, np.zeros((p, p)), np.zeros((p, m))],
                    [G, np.zeros((m, p)), -np.diag(1 / w_inverse_squared)]])
    expected = np.linalg.solve(kkt, np.concatenate([bx, by, bz]))
    direction = np.concatenate(KKTSolver(P, G, A, w_inverse_squared).solve(bx, by, bz))
    np.testing.assert_allclose(direction, expected, rtol=0, atol=1e-9 * np.abs(expected).max())


def test_equality_only_and_unconstrained_qps(rng):
    P, q, _, _, A, b = random_feasible_qp(rng, 8, 1, 3)
    result = qp(P, q, A=A, b=b)
    assert result["status"] == "optimal"
    # Exact KKT solution: [P A'; A 0] [x; y] = [-q; b], to 1e-10.
    kkt = np.block([[P, A.T], [A, np.zeros((3, 3))]])
    np.testing.assert_allclose(result["x"], np.linalg.solve(kkt, np.concatenate([-q, b]))[:8],
                               atol=1e-10)
    np.testing.assert_allclose(qp(P, q)["x"], np.linalg.solve(P, -q), atol=1e-10)


def test_svm_dual_matches_cvxopt(rng):
    # Soft-margin SVM dual on random 2-class data (linear kernel):
    #   minimize 1/2 a' (yy' o K) a - 1'a  s.t. 0 <= a <= C, y'a = 0
    n, C = 40, 1.0
    X = np.vstack([rng.normal(loc=1.0, size=(n // 2, 2)), rng.normal(loc=-1.0, size=(n // 2, 2))])
    labels = np.concatenate([np.ones(n // 2), -np.ones(n // 2)])
    P = np.outer(labels, labels) * (X @ X.T)
    q = -np.ones(n)
    G = np.vstack([-np.eye(n), np.eye(n)])
    h = np.concatenate([np.zeros(n), C * np.ones(n)])
    A, b = labels[None, :], np.zeros(1)
    problem = (P, q, G, h, A, b)
    assert_matches_cvxopt(problem, qp(*problem))


def test_primal_infeasible_qp_is_reported_with_a_certificate():
    # x <= -1 and x >= 1
    G, h = np.array([[1.0], [-1.0]]), np.array([-1.0, -1.0])
    result = qp(np.eye(1), np.zeros(1), G, h)
    assert result["status"] == "primal infeasible" and result["x"] is None
    # Farkas certificate: z >= 0, G'z = 0, h'z = -1
    z = result["z"]
    assert np.all(z >= 0) and abs(G.T @ z).max() < 1e-7 and np.isclose(h @ z, -1.0)


def test_infeasible_equality_and_inequality_combination():
    result = qp(np.eye(2), np.zeros(2), np.array([[1.0, 1.0]]), np.array([1.0]),
                np.array([[1.0, 1.0]]), np.array([2.0]))
    assert result["status"] == "primal infeasible"
    assert np.isclose(np.array([1.0]) @ result["z"] + np.array([2.0]) @ result["y"], -1.0)


def test_unbounded_qp_is_reported_as_dual_infeasible():
    # minimize -x1 over x >= 0, x2 <= 1: unbounded below along x1
    P, q = np.zeros((2, 2)), np.array([-1.0, 0.0])
    G, h = np.array([[-1.0, 0.0], [0.0, -1.0], [0.0, 1.0]]), np.array([0.0, 0.0, 1.0])
    result = qp(P, q, G, h)
    assert result["status"] == "dual infeasible" and result["z"] is None
    x = result["x"]  # a direction of unbounded descent: q'x = -1, Gx <= 0
    assert np.isclose(q @ x, -1.0) and np.all(G @ x <= 1e-7)


def test_iteration_cap_and_singular_kkt_give_unknown(rng):
    problem = random_feasible_qp(rng, 10, 20, 0)
    assert qp(*problem, options={"maxiters": 2})["status"] == "unknown"
    # P = 0 and no constraints on x2: [P; A; G] is rank deficient
    singular = qp(np.zeros((2, 2)), np.ones(2), np.array([[-1.0, 0.0]]), np.zeros(1))
    assert singular["status"] == "unknown" and "singular KKT" in singular["message"]


def test_cvxopt_adapter_gives_cvxopt_result(rng):
    problem = random_feasible_qp(rng, 6, 12, 2)
    result = qp(*problem, solver="cvxopt")
    _, x, objective = cvxopt_qp(*problem)
    np.testing.assert_array_equal(result["x"], x)
    assert result["primal objective"] == objective


def test_cvxopt_adapter_names_the_extra_when_cvxopt_is_missing(monkeypatch, rng):
    real_import = builtins.__import__

    def import_without_cvxopt(name, *args, **kwargs):
        if name.startswith("cvxopt"):
            raise ImportError("No module named 'cvxopt'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", import_without_cvxopt)
    with pytest.raises(ImportError, match=r"scratch-optim\[cvxopt\]"):
        qp(*random_feasible_qp(rng, 3, 4, 0), solver="cvxopt")


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 8), st.integers(0, 12), st.integers(0, 2**31 - 1))
def test_optimum_is_feasible_and_no_worse_than_a_known_feasible_point(n, m, seed):
    rng = np.random.default_rng(seed)
    factor = rng.normal(size=(n, n))
    P, q = factor @ factor.T + 1e-3 * np.eye(n), rng.normal(size=n)
    G, feasible_point = rng.normal(size=(m, n)), rng.normal(size=n)
    h = G @ feasible_point + rng.random(m)
    result = qp(P, q, G, h) if m else qp(P, q)
    assert result["status"] == "optimal"
    objective = lambda x: 0.5 * x @ P @ x + q @ x
    # feastol 1e-7 relative to max(1, ||h||); the objective within the 1e-7 absolute gap.
    assert np.all(G @ result["x"] <= h + 1e-6 * max(1.0, np.abs(h).max(initial=0)))
    assert objective(result["x"]) <= objective(feasible_point) + 1e-6


def test_bad_input_raises_clear_errors(rng):
    P, q, G, h, _A, _b = random_feasible_qp(rng, 4, 6, 2)
    with pytest.raises(ValueError, match="P must have 4 rows"):
        qp(P[:3], q)
    with pytest.raises(ValueError, match="P must be symmetric"):
        qp(P + np.triu(np.ones((4, 4)), 1), q)
    with pytest.raises(ValueError, match="h must have length 6"):
        qp(P, q, G, h[:5])
    with pytest.raises(ValueError, match="G and h together"):
        qp(P, q, G)
    with pytest.raises(ValueError, match="q contains NaN"):
        qp(P, np.full(4, np.nan))
    with pytest.raises(ValueError, match="unknown solver 'mosek'"):
        qp(P, q, solver="mosek")
    with pytest.raises(ValueError, match="unknown options \\['tol'\\]"):
        qp(P, q, options={"tol": 1e-3})
