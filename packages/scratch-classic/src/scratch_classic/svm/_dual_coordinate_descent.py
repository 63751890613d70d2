"""Dual coordinate descent for the linear SVM (Hsieh et al. 2008; liblinear's solve_l2r_l1l2_svc).

Primal, with the intercept as an extra constant feature in x (so it is regularized too):

    min_w 1/2 ||w||^2 + sum_i C_i loss(y_i w'x_i),   hinge: max(0, 1 - m),  squared hinge: max(0, 1 - m)^2

Dual:  min_a 1/2 a'Qa - 1'a,  Q = (y y') o (X X') + D,  0 <= a_i <= U_i,  with w = sum_i a_i y_i x_i,
hinge: U_i = C_i, D = 0;  squared hinge: U_i = inf, D_ii = 1 / (2 C_i).

One coordinate at a time, in a random order each epoch: the partial derivative
G = y_i w'x_i - 1 + D_ii a_i costs one dot product because w is kept; the coordinate minimum is
a_i <- clip(a_i - G / Q_ii, 0, U_i), and w moves by (new - old) y_i x_i. The projected gradient PG
(G, but 0 where a bound blocks the move) measures optimality: stop when max PG - min PG <= tol.

Shrinking (liblinear's): a coordinate at a bound whose G points out of the box by more than last
epoch's extreme PG is left out of the next epochs; on convergence of the shrunken problem every
coordinate comes back for a final check.
"""

import numpy as np


def dual_coordinate_descent(X, sign, sample_C, loss, tol, max_iter, rng):
    """(w (n_features,), n_iter) for X (n_samples, n_features) and labels sign (n_samples,) = +-1."""
    n_samples = X.shape[0]
    if loss == "hinge":
        upper_bound, diagonal_shift = sample_C, np.zeros(n_samples)
    else:
        upper_bound, diagonal_shift = np.full(n_samples, np.inf), 0.5 / sample_C
    curvature = np.einsum("ij,ij->i", X, X) + diagonal_shift  # (n_samples,) Q_ii
    w = np.zeros(X.shape[1])
    # subtle: Python floats in the per-coordinate loop; NumPy scalars cost several times more.
    rows, signs, bounds = list(X), sign.tolist(), upper_bound.tolist()
    shifts, curvatures = diagonal_shift.tolist(), curvature.tolist()
    alphas = [0.0] * n_samples  # the dual variables a
    active = np.arange(n_samples)
    previous_max, previous_min = np.inf, -np.inf  # last epoch's PG extremes, for shrinking
    n_iter = 0
    while n_iter < max_iter:
        largest, smallest = -np.inf, np.inf
        keep = []
        for i in rng.permutation(active).tolist():
            x_i, alpha_i, bound_i = rows[i], alphas[i], bounds[i]
            gradient = signs[i] * float(w @ x_i) - 1.0 + shifts[i] * alpha_i
            projected = 0.0
            if alpha_i == 0.0:
                if gradient > previous_max:
                    continue  # shrunk: stuck at 0 and pushed further out
                if gradient < 0.0:
                    projected = gradient
            elif alpha_i == bound_i:
                if gradient < previous_min:
                    continue  # shrunk: stuck at the upper bound
                if gradient > 0.0:
                    projected = gradient
            else:
                projected = gradient
            keep.append(i)
            largest, smallest = max(largest, projected), min(smallest, projected)
            if abs(projected) > 1e-12:
                new_alpha = min(max(alpha_i - gradient / curvatures[i], 0.0), bound_i)
                w += ((new_alpha - alpha_i) * signs[i]) * x_i
                alphas[i] = new_alpha
        n_iter += 1
        if largest - smallest <= tol:
            if len(keep) == n_samples:
                break
            active, previous_max, previous_min = np.arange(n_samples), np.inf, -np.inf
            continue
        active = np.asarray(keep, dtype=np.intp)
        previous_max = largest if largest > 0 else np.inf
        previous_min = smallest if smallest < 0 else -np.inf
    return w, n_iter
