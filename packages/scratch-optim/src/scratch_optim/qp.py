"""Convex quadratic programming in cvxopt's standard form, by a primal-dual interior-point method.

    minimize    1/2 x'Px + q'x
    subject to  Gx <= h   (m rows),   Ax = b   (p rows)

With slacks s = h - Gx >= 0, inequality duals z >= 0 and equality duals y, the optimum satisfies

    Px + q + A'y + G'z = 0,   Ax = b,   Gx + s = h,   s o z = 0,   s, z >= 0.

Each iteration takes a Mehrotra predictor-corrector step (Nocedal & Wright, 16.6; the
nonnegative-orthant case of cvxopt's coneqp):

  1. affine (predictor) direction: the Newton step for the residuals with target s o z = 0;
  2. the largest step alpha_aff keeping s, z >= 0 gives the centering weight
     sigma = (mu_aff / mu)^3, mu = s'z / m;
  3. corrector direction: target s o z = sigma mu e - ds_aff o dz_aff (second-order term);
  4. step 0.99 of the way to the boundary (at most 1).

Both directions reuse one factorization of the KKT matrix (see qp_kkt). The start point is
cvxopt's: solve the KKT system with W = I and shift s, z into the interior.

Stopping (cvxopt's tests and defaults, abstol = feastol = 1e-7, reltol = 1e-6):
'optimal' when the primal and dual residuals are below feastol (relative to max(1, ||b||),
max(1, ||h||), max(1, ||q||)) and the gap s'z is below abstol or relatively below reltol.
'primal infeasible' when the iterates carry a certificate (y, z >= 0) with A'y + G'z ~ 0 and
b'y + h'z < 0, returned scaled so that b'y + h'z = -1 (x and s are None); 'dual infeasible'
(unbounded below) when x is a direction with Px ~ 0, Ax ~ 0, Gx <= ~0 and q'x < 0, scaled so
that q'x = -1 (y and z are None). 'unknown' after maxiters iterations or a singular KKT matrix.
"""

import numpy as np
import scratch_linalg as sla

from ._arrays import as_matrix, as_vector
from .qp_kkt import KKTSolver

DEFAULT_OPTIONS = {"abstol": 1e-7, "reltol": 1e-6, "feastol": 1e-7, "maxiters": 100}
_STEP_FRACTION = 0.99


def _norm(v):
    return np.sqrt(v @ v)


def _max_step(v, dv):
    """The largest alpha >= 0 with v + alpha dv >= 0, for v > 0 componentwise (inf if dv >= 0).

    v_i + alpha dv_i >= 0 binds only where dv_i < 0, at alpha = -v_i / dv_i = -1 / (dv_i / v_i):
    the smallest such alpha belongs to the most negative ratio dv_i / v_i (v > 0, so no division
    by zero, and one vectorized pass instead of masking out the dv_i >= 0)."""
    most_negative = np.min(dv / v) if v.size else 0.0
    return -1.0 / most_negative if most_negative < 0 else np.inf


def _problem(P, q, G, h, A, b):
    q = as_vector(q, "q")
    n = q.shape[0]
    P = as_matrix(P, "P", rows=n, cols=n)
    # symmetric to 1e-12 relative to its largest entry (one pass; np.allclose costs several)
    if np.max(np.abs(P - P.T), initial=0.0) > 1e-12 * max(1.0, np.max(np.abs(P), initial=0.0)):
        raise ValueError("P must be symmetric")
    if (G is None) != (h is None) or (A is None) != (b is None):
        raise ValueError("give G and h together, and A and b together")
    G = np.zeros((0, n)) if G is None else as_matrix(G, "G", cols=n)
    h = np.zeros(0) if h is None else as_vector(h, "h", length=G.shape[0])
    A = np.zeros((0, n)) if A is None else as_matrix(A, "A", cols=n)
    b = np.zeros(0) if b is None else as_vector(b, "b", length=A.shape[0])
    if A.shape[0] > n:
        raise ValueError(f"A has more rows ({A.shape[0]}) than variables ({n}); rank(A) must be p")
    return P, q, G, h, A, b


def _options(options):
    merged = dict(DEFAULT_OPTIONS)
    unknown = set(options or {}) - set(DEFAULT_OPTIONS)
    if unknown:
        raise ValueError(f"unknown options {sorted(unknown)}; valid: {sorted(DEFAULT_OPTIONS)}")
    merged.update(options or {})
    return merged


def qp(P, q, G=None, h=None, A=None, b=None, solver=None, options=None):
    """Solve the QP above; returns a dict like cvxopt.solvers.qp (vectors as 1-D arrays).

    solver=None uses the interior-point method here; solver="cvxopt" hands the same problem to
    cvxopt (needs the `scratch-optim[cvxopt]` extra). options: abstol, reltol, feastol, maxiters.
    """
    if solver not in (None, "cvxopt"):
        raise ValueError(f"unknown solver {solver!r}; valid: None (ours), 'cvxopt'")
    P, q, G, h, A, b = _problem(P, q, G, h, A, b)
    options = _options(options)
    if solver == "cvxopt":
        from .qp_cvxopt import solve_with_cvxopt

        return solve_with_cvxopt(P, q, G, h, A, b, options)
    return _interior_point(P, q, G, h, A, b, options)


def _interior_point(P, q, G, h, A, b, options):
    m = G.shape[0]
    scale_x, scale_y, scale_z = max(1.0, _norm(q)), max(1.0, _norm(b)), max(1.0, _norm(h))
    feastol = options["feastol"]

    # Start: the KKT solution with W = I, then s = -z shifted into the interior (cvxopt's).
    try:
        kkt = KKTSolver(P, G, A, np.ones(m))
    except sla.LinAlgError:
        return _singular_result(m)
    x, y, z = kkt.solve(-q, b, h)
    s = -z.copy()
    if m:
        shift_s, shift_z = -np.min(s), -np.min(z)
        if shift_s >= -1e-8 * max(_norm(s), 1.0):
            s += 1.0 + shift_s
        if shift_z >= -1e-8 * max(_norm(z), 1.0):
            z += 1.0 + shift_z

    status, iteration = "unknown", 0
    for iteration in range(options["maxiters"] + 1):
        # each matrix-vector product once; the certificate test below reuses them
        P_x, A_x, G_x = P @ x, A @ x, G @ x  # (n,), (p,), (m,)
        constraint_forces = A.T @ y + G.T @ z  # (n,)
        residual_x = P_x + q + constraint_forces  # (n,) dual residual
        residual_y = A_x - b  # (p,)
        residual_z = G_x + s - h  # (m,)
        gap = s @ z
        primal_objective = 0.5 * x @ P_x + q @ x
        dual_objective = primal_objective + y @ residual_y + z @ residual_z - gap
        primal_infeasibility = max(_norm(residual_y) / scale_y, _norm(residual_z) / scale_z)
        dual_infeasibility = _norm(residual_x) / scale_x
        relative_gap = _relative_gap(gap, primal_objective, dual_objective)
        if (primal_infeasibility <= feastol and dual_infeasibility <= feastol
                and (gap <= options["abstol"]
                     or (relative_gap is not None and relative_gap <= options["reltol"]))):
            status = "optimal"
            break
        certificate = _infeasibility_certificate(q, h, b, x, y, z, P_x, A_x, G_x,
                                                 constraint_forces, scale_x, scale_y, scale_z,
                                                 feastol)
        if certificate is not None:
            certificate["iterations"] = iteration
            return certificate
        if iteration == options["maxiters"]:
            break

        try:
            kkt = KKTSolver(P, G, A, z / s)
        except sla.LinAlgError:
            return _singular_result(m, iteration)
        mu = gap / m if m else 0.0

        # Predictor: complementarity target s o z -> 0. From s o dz + z o ds = -s o z and
        # G dx + ds = -residual_z: G dx - (s/z) dz = -residual_z + s.
        dx, dy, dz = kkt.solve(-residual_x, -residual_y, -residual_z + s)
        ds = -residual_z - G @ dx
        alpha_affine = min(1.0, _max_step(s, ds), _max_step(z, dz))
        mu_affine = (s + alpha_affine * ds) @ (z + alpha_affine * dz) / m if m else 0.0
        sigma = (mu_affine / mu) ** 3 if mu > 0 else 0.0

        # Corrector: target s o z = sigma mu e - ds_aff o dz_aff, i.e. with
        # r_c = sigma mu - s o z - ds_aff o dz_aff:  G dx - (s/z) dz = -residual_z - r_c / z.
        complementarity = sigma * mu - s * z - ds * dz  # (m,)
        dx, dy, dz = kkt.solve(-residual_x, -residual_y, -residual_z - complementarity / z)
        ds = -residual_z - G @ dx
        alpha = min(1.0, _STEP_FRACTION * min(_max_step(s, ds), _max_step(z, dz)))
        x, y, z, s = x + alpha * dx, y + alpha * dy, z + alpha * dz, s + alpha * ds

    return {
        "status": status, "x": x, "s": s, "y": y, "z": z,
        "primal objective": primal_objective, "dual objective": dual_objective,
        "gap": gap, "relative gap": relative_gap,
        "primal infeasibility": primal_infeasibility, "dual infeasibility": dual_infeasibility,
        "primal slack": np.min(s) if m else 0.0, "dual slack": np.min(z) if m else 0.0,
        "iterations": iteration,
    }


def _relative_gap(gap, primal_objective, dual_objective):
    """cvxopt's: gap / -primal if primal < 0, gap / dual if dual > 0, else undefined (None)."""
    if primal_objective < 0:
        return gap / -primal_objective
    if dual_objective > 0:
        return gap / dual_objective
    return None


def _infeasibility_certificate(q, h, b, x, y, z, P_x, A_x, G_x, constraint_forces,
                               scale_x, scale_y, scale_z, feastol):
    """A result dict if the iterates prove infeasibility (see module docstring), else None.

    P_x, A_x, G_x and constraint_forces = A'y + G'z are the iteration's products, passed in so
    that no matrix-vector product is formed twice."""
    dual_value = h @ z + b @ y
    if dual_value < 0:
        residual = _norm(constraint_forces) / scale_x / -dual_value
        if residual <= feastol:
            return _certificate_result("primal infeasible", y=y / -dual_value, z=z / -dual_value)
    direction_value = q @ x
    if direction_value < 0:
        residual = max(_norm(P_x) / scale_x, _norm(A_x) / scale_y,
                       _norm(np.maximum(G_x, 0.0)) / scale_z) / -direction_value
        if residual <= feastol:
            return _certificate_result("dual infeasible", x=x / -direction_value,
                                       s=-G_x / -direction_value)
    return None


def _certificate_result(status, x=None, s=None, y=None, z=None):
    return {
        "status": status, "x": x, "s": s, "y": y, "z": z,
        "primal objective": None, "dual objective": None, "gap": None, "relative gap": None,
        "primal infeasibility": None, "dual infeasibility": None,
        "primal slack": None, "dual slack": None,
    }


def _singular_result(m, iteration=0):
    result = _certificate_result("unknown")
    result["iterations"] = iteration
    result["message"] = "Terminated (singular KKT matrix): [P; A; G] must have full column rank"
    return result
