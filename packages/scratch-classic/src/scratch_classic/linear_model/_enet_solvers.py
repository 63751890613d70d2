"""Solvers for the elastic net in its Gram form, with scikit-learn's duality-gap stopping rule.

With Q = X^T X, q = X^T y (X, y centered and weight-scaled), the problem is (scikit-learn's
objective times n_samples, l1 = n alpha l1_ratio, l2 = n alpha (1 - l1_ratio))

    P(w) = 1/2 ||y - X w||^2 + l1 ||w||_1 + l2/2 ||w||^2
         = 1/2 w^T Q w - q^T w + 1/2 y^T y + l1 ||w||_1 + l2/2 ||w||^2

Coordinate descent minimizes P exactly in one coordinate at a time, keeping Qw = Q w current:

    t = q_j - (Qw)_j + Q_jj w_j           (= x_j^T (residual without feature j))
    w_j <- sign(t) max(|t| - l1, 0) / (Q_jj + l2)
    Qw <- Qw + (w_j_new - w_j_old) Q_j    (only when w_j moved: O(d), not O(n))

so a sweep costs O(d^2) whatever n is. After a sweep whose largest move is small relative to
max |w_j| (<= tol), the duality gap is checked; the solver stops when gap <= tol * y^T y.
With the residual r = y - X w and  X^T r - l2 w = q - Qw - l2 w, the dual point r scaled by
s = min(1, l1 / ||X^T r - l2 w||_inf) gives (scikit-learn's formulation A)

    gap = P(w) - D(s r),   D(s r) = -s^2/2 (||r||^2 + l2 ||w||^2) + s r^T y

(l1 = 0: the ridge gap ||r||^2 + l2/2 ||w||^2 - r^T y + ||X^T r||^2 / (2 l2); l1 = l2 = 0:
the gradient ||X^T r||^2). ||r||^2 = y^T y - 2 q^T w + w^T Q w needs no pass over the data.

The proximal-gradient variant ("gd") runs scratch_optim's FISTA on the same P, smooth part
1/2 w^T (Q + l2 I) w - q^T w with Lipschitz constant lambda_max(Q) + l2, in chunks of
iterations (FISTA restarted from the last point), checking the same gap between chunks.
"""

import math

import numpy as np
import scratch_linalg as sla
import scratch_optim as so

FISTA_CHUNK = 50  # FISTA iterations between two duality-gap checks (and momentum restarts)


def duality_gap(w, gram_w, Xy, y_norm2, l1, l2):
    """scikit-learn's elastic-net duality gap (see the module docstring), from Q w and q."""
    q_dot_w = Xy @ w
    residual_norm2 = y_norm2 + w @ gram_w - 2.0 * q_dot_w  # ||y - X w||^2
    residual_dot_y = y_norm2 - q_dot_w  # (y - X w)^T y
    correlation = Xy - gram_w  # (d,) X^T r
    if l1 == 0:
        if l2 == 0:  # least squares: no dual; the first-order condition X^T r = 0
            return correlation @ correlation
        ridge_primal_minus_dual = residual_norm2 + 0.5 * l2 * (w @ w) - residual_dot_y
        return ridge_primal_minus_dual + correlation @ correlation / (2 * l2)
    correlation -= l2 * w  # (d,) X^T r - l2 w
    penalty2 = residual_norm2 + l2 * (w @ w)
    primal = 0.5 * penalty2 + l1 * np.abs(w).sum()
    dual_norm = np.max(np.abs(correlation))
    scale = l1 / dual_norm if dual_norm > l1 else 1.0
    dual = -0.5 * scale * scale * penalty2 + scale * residual_dot_y
    return primal - dual


def enet_coordinate_descent_gram(gram, Xy, y_norm2, l1, l2, max_iter, tol, rng=None):
    """Coordinate descent on the Gram form -> (w (d,), gap, tol * y^T y, sweeps, converged).

    gram: Q (d, d); Xy: q (d,); rng: None for cyclic order, else a Generator drawing d random
    coordinates (with replacement) per sweep, as scikit-learn's selection="random".
    """
    n_features = gram.shape[0]
    w = np.zeros(n_features)  # (d,)
    gram_w = np.zeros(n_features)  # (d,) Q w, kept current
    gap_tol = tol * y_norm2
    gap = duality_gap(w, gram_w, Xy, y_norm2, l1, l2)
    if 0 <= gap <= gap_tol:  # w = 0 is already optimal (e.g. alpha >= alpha_max)
        return w, gap, gap_tol, 0, True
    # subtle: Python floats and row views are prepared once; the sweep is scalar math plus
    # one O(d) update of Qw for each coordinate that actually moves.
    diagonal = gram.diagonal().tolist()
    q = Xy.tolist()
    rows = list(gram)  # rows[j] is Q_j, a view
    coordinates = [j for j in range(n_features) if diagonal[j] != 0.0]  # zero columns stay 0
    coef = [0.0] * n_features  # w as Python floats
    sweeps = 0
    for sweep in range(1, max_iter + 1):
        sweeps = sweep
        largest_move = largest_coef = 0.0
        if rng is None:
            order = coordinates
        else:
            order = [coordinates[i] for i in rng.integers(len(coordinates), size=len(coordinates))]
        for j in order:
            old = coef[j]
            q_jj = diagonal[j]
            t = q[j] - gram_w.item(j) + q_jj * old
            new = math.copysign(max(abs(t) - l1, 0.0), t) / (q_jj + l2)
            if new != old:
                gram_w += (new - old) * rows[j]
                coef[j] = new
                largest_move = max(largest_move, abs(new - old))
            largest_coef = max(largest_coef, abs(new))
        if largest_coef == 0.0 or largest_move <= tol * largest_coef or sweep == max_iter:
            w = np.array(coef)
            gap = duality_gap(w, gram_w, Xy, y_norm2, l1, l2)
            if gap <= gap_tol:
                return w, gap, gap_tol, sweeps, True
    return np.array(coef), gap, gap_tol, sweeps, False


def enet_proximal_gradient_gram(gram, Xy, y_norm2, l1, l2, max_iter, tol):
    """FISTA on the Gram form -> (w, gap, tol * y^T y, iterations, converged)."""
    n_features = gram.shape[0]
    w = np.zeros(n_features)  # (d,)
    gap_tol = tol * y_norm2
    gap = duality_gap(w, np.zeros(n_features), Xy, y_norm2, l1, l2)
    lipschitz = sla.eigvalsh(gram)[-1] + l2
    if lipschitz <= 0 or 0 <= gap <= gap_tol:  # X == 0, or w = 0 already optimal
        return w, gap, gap_tol, 0, True

    def gradient(v):
        return gram @ v + l2 * v - Xy  # (d,)

    iterations = 0
    while iterations < max_iter:
        chunk = min(FISTA_CHUNK, max_iter - iterations)
        # subtle: tol=0 turns off FISTA's own step test; the duality gap decides instead.
        result = so.fista(gradient, w, l1, step_size=1.0 / lipschitz, max_iter=chunk, tol=0.0)
        w, iterations = result.x, iterations + result.nit
        gap = duality_gap(w, gram @ w, Xy, y_norm2, l1, l2)
        if gap <= gap_tol:
            return w, gap, gap_tol, iterations, True
    return w, gap, gap_tol, iterations, False
