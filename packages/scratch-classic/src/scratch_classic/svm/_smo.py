"""Sequential minimal optimization for libsvm's dual (see _dual_problem), as libsvm's Solver does.

Each step moves two variables (i, j) along the equality constraint y'a = 0, the only direction
that keeps it. With G = Qa + p kept up to date, the KKT conditions say a is optimal iff

    m(a) = max_{t in I_up} -y_t G_t  <=  M(a) = min_{t in I_low} -y_t G_t,
    I_up  = {t : y_t = +1, a_t < C_t  or  y_t = -1, a_t > 0}   (a_t can move up along y_t),
    I_low = {t : y_t = +1, a_t > 0    or  y_t = -1, a_t < C_t},

so SMO stops when m(a) - M(a) < tol. Working-set selection WSS3 (Fan, Chen & Lin 2005):
i = argmax_{I_up} -y_t G_t (the most violating), then the j in I_low that decreases f the most
for this i by the second-order model,

    b_t = m(a) + y_t G_t > 0,   c_t = K_ii + K_tt - 2 K_it,   j = argmin_t -b_t^2 / c_t,

(c_t <= 0, a non-PSD kernel, is replaced by tau = 1e-12). The pair is minimized exactly, clipped to
the box, and G is updated with two kernel columns: G += Q_:i da_i + Q_:j da_j. Ties pick the last
index, as libsvm's `>=` scans do, so the path follows libsvm's (without its shrinking).
"""

import numpy as np

_TAU = 1e-12  # libsvm's TAU: curvature used when c_t <= 0


def _last_argmax(values):
    # subtle: libsvm scans with >= so the LAST of equal candidates wins; np.argmax takes the first.
    return values.size - 1 - int(np.argmax(values[::-1]))


def smo(problem, tol, max_iter):
    """(alpha (n_var,), gradient (n_var,), n_iter, converged); max_iter < 0 means no limit."""
    sign, upper_bound = problem.sign, problem.upper_bound  # (n_var,), (n_var,)
    sample_index, columns = problem.sample_index, problem.kernel_columns
    diagonal = (
        columns.diagonal if sample_index is None else columns.diagonal[sample_index]
    )  # (n_var,)
    alpha = np.zeros(sign.size)  # (n_var,)
    gradient = problem.linear_term.astype(np.float64, copy=True)  # (n_var,) G = Qa + p at a = 0
    minus_sign = -sign
    positive = sign > 0
    can_go_up = np.where(positive, upper_bound > 0, False)  # (n_var,) membership of I_up
    can_go_down = np.where(positive, False, upper_bound > 0)  # (n_var,) membership of I_low

    def kernel_column(t):  # (n_var,) K(x_idx(s), x_idx(t)) over the variables s
        column = columns.column(t if sample_index is None else sample_index[t])
        return column if sample_index is None else column[sample_index]

    n_iter, converged = 0, False
    while max_iter < 0 or n_iter < max_iter:
        violation = minus_sign * gradient  # (n_var,) -y_t G_t
        up_scores = np.where(can_go_up, violation, -np.inf)
        i = _last_argmax(up_scores)
        largest_up = up_scores[i]  # m(a)
        smallest_down = np.min(violation, where=can_go_down, initial=np.inf)  # M(a)
        if largest_up - smallest_down < tol:
            converged = True
            break
        column_i = kernel_column(i)  # (n_var,)
        gain = largest_up - violation  # (n_var,) b_t
        curvature = diagonal[i] + diagonal - 2.0 * column_i  # (n_var,) c_t
        curvature[curvature <= 0] = _TAU
        decrease = np.where(can_go_down & (gain > 0), -gain * gain / curvature, np.inf)
        j = _last_argmax(-decrease)
        if decrease[j] == np.inf:  # no j pairs with i: optimal within rounding
            converged = True
            break
        column_j = kernel_column(j)
        n_iter += 1

        old_i, old_j = alpha[i], alpha[j]
        alpha[i], alpha[j] = _minimize_pair(
            old_i,
            old_j,
            sign[i],
            sign[j],
            gradient[i],
            gradient[j],
            upper_bound[i],
            upper_bound[j],
            diagonal[i] + diagonal[j],
            sign[i] * sign[j] * column_i[j],
        )
        # G_s += Q_si da_i + Q_sj da_j with Q_st = y_s y_t K_st
        step_i, step_j = sign[i] * (alpha[i] - old_i), sign[j] * (alpha[j] - old_j)
        gradient += sign * (column_i * step_i + column_j * step_j)
        for t in (i, j):
            below, above = alpha[t] < upper_bound[t], alpha[t] > 0
            can_go_up[t], can_go_down[t] = (below, above) if positive[t] else (above, below)
    return alpha, gradient, n_iter, converged


def _minimize_pair(
    alpha_i, alpha_j, y_i, y_j, gradient_i, gradient_j, upper_i, upper_j, diagonal_sum, q_ij
):
    """The exact minimizer of f over (a_i, a_j) on y_i a_i + y_j a_j = const, clipped to the box.

    Along the line, f is a parabola with curvature Q_ii + Q_jj -+ 2 Q_ij (tau if not positive);
    the clipping cases are libsvm's, which keep the sum (or difference) exactly.
    """
    if y_i != y_j:  # a_i - a_j is constant
        curvature = diagonal_sum + 2.0 * q_ij
        delta = (-gradient_i - gradient_j) / (curvature if curvature > 0 else _TAU)
        difference = alpha_i - alpha_j
        alpha_i, alpha_j = alpha_i + delta, alpha_j + delta
        if difference > 0:
            if alpha_j < 0:
                alpha_j, alpha_i = 0.0, difference
        elif alpha_i < 0:
            alpha_i, alpha_j = 0.0, -difference
        if difference > upper_i - upper_j:
            if alpha_i > upper_i:
                alpha_i, alpha_j = upper_i, upper_i - difference
        elif alpha_j > upper_j:
            alpha_j, alpha_i = upper_j, upper_j + difference
    else:  # a_i + a_j is constant
        curvature = diagonal_sum - 2.0 * q_ij
        delta = (gradient_i - gradient_j) / (curvature if curvature > 0 else _TAU)
        total = alpha_i + alpha_j
        alpha_i, alpha_j = alpha_i - delta, alpha_j + delta
        if total > upper_i:
            if alpha_i > upper_i:
                alpha_i, alpha_j = upper_i, total - upper_i
        elif alpha_j < 0:
            alpha_j, alpha_i = 0.0, total
        if total > upper_j:
            if alpha_j > upper_j:
                alpha_j, alpha_i = upper_j, total - upper_j
        elif alpha_i < 0:
            alpha_i, alpha_j = 0.0, total
    return alpha_i, alpha_j
