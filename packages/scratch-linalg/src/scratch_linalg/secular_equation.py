"""The eigen-decomposition of D + rho z z^T (D diagonal, rho > 0): the secular equation.

With poles d_1 < ... < d_k (the diagonal of D) and every z_j != 0, the eigenvalues are the k
roots of

    f(lam) = 1 + rho * sum_j z_j^2 / (d_j - lam) = 0,

one in each gap (d_i, d_{i+1}) and the last in (d_k, d_k + rho ||z||^2): f rises from -inf to
+inf between neighbouring poles. All k roots are found AT ONCE, vectorized over the roots:

- each root is stored as (origin pole, offset tau), lam_i = d_origin + tau_i, with the origin the
  nearer end of its gap (decided by the sign of f at the gap's midpoint), so that
  d_j - lam_i = (d_j - d_origin) - tau_i has no cancellation even when lam_i hugs a pole;
- the step is the "middle way" of LAPACK's dlaed4: the part of f left of the root is modelled by
  one pole at d_i, the part right of it by one pole at d_{i+1} (matching value and derivative),
  and the model's root is the next iterate (quadratic convergence, 3-6 steps in practice);
- a bracket [lo, hi] with f(lo) < 0 < f(hi) is kept per root, and a step that leaves it becomes
  a bisection, so the iteration cannot escape its gap.

The eigenvectors u_i = (D - lam_i I)^-1 z are NOT computed from the given z: rounding in the
roots would make them lose orthogonality. Instead (Gu and Eisenstat) z is recomputed so that the
computed roots are the EXACT eigenvalues of D + rho zhat zhat^T (Lowner's formula),

    zhat_j^2 = prod_i (lam_i - d_j) / (rho * prod_{i != j} (d_i - d_j)),

and u_i = (D - lam_i I)^-1 zhat, normalized, which are orthogonal to working accuracy.

Cost: O(k^2) flops per iteration for the roots, O(k^2) for zhat and the vectors.
"""

import numpy as np

MAX_ITERATIONS = 100


def secular_roots(poles, z, rho):
    """Solve 1 + rho sum_j z_j^2 / (d_j - lam) = 0 for all k roots.

    poles: (k,) strictly increasing, z: (k,) with no zero entry, rho > 0.
    Returns (roots (k,) ascending, delta (k, k)) with delta[i, j] = poles[j] - roots[i] computed
    without cancellation (the form the eigenvector formulas need).
    """
    k = len(poles)
    dtype = poles.dtype
    rho = dtype.type(rho)
    eps = np.finfo(dtype).eps
    z_squared = z * z  # (k,)
    pole_gaps = poles[None, :] - poles[:, None]  # (k, k): [i, j] = d_j - d_i
    roots_index = np.arange(k)
    # left_part[i, j]: pole j lies left of root i's gap (j <= i); the last root has all poles left.
    left_part = roots_index[None, :] <= roots_index[:, None]  # (k, k)
    right_part = ~left_part

    # origin: the nearer end of each gap, from the sign of f at the gap's midpoint.
    half_gaps = (poles[1:] - poles[:-1]) / 2  # (k-1,)
    f_mid = 1 + rho * np.sum(z_squared / (pole_gaps[:-1] - half_gaps[:, None]), axis=1)  # (k-1,)
    origin_left = f_mid >= 0  # root in (d_i, mid]: measure it from d_i
    origin = np.where(origin_left, roots_index[:-1], roots_index[:-1] + 1)
    lower = np.where(origin_left, 0, -half_gaps)  # tau brackets relative to the origin
    upper = np.where(origin_left, half_gaps, 0)
    # the last root lies in (d_k, d_k + rho ||z||^2]: f >= 0 at the right end.
    origin = np.append(origin, k - 1)
    lower = np.append(lower, 0).astype(dtype)
    upper = np.append(upper, rho * np.sum(z_squared)).astype(dtype)
    # start at the gaps' midpoints (where f is known), the last root halfway into its bracket
    tau = np.append(np.where(origin_left, half_gaps, -half_gaps), upper[-1] / 2).astype(dtype)

    active = np.arange(k)
    for _ in range(MAX_ITERATIONS):
        t = tau[active]
        delta = pole_gaps[origin[active]]  # (a, k) gathered copy
        delta -= t[:, None]  # d_j - lam_i
        terms = z_squared / delta  # (a, k)
        slopes = terms / delta  # (a, k): derivative of each term in lam
        left, right = left_part[active], right_part[active]
        psi = rho * np.sum(terms, axis=1, where=left)  # (a,) <= 0
        phi = rho * np.sum(terms, axis=1, where=right)  # (a,) >= 0
        dpsi = rho * np.sum(slopes, axis=1, where=left)
        dphi = rho * np.sum(slopes, axis=1, where=right)
        f = 1 + psi + phi  # (a,)

        # the error in evaluating f bounds how small it can get (dlaed4's erretm)
        f_error = eps * (8 * (phi - psi) + 2 + np.abs(t) * (dpsi + dphi))
        lo = np.where(f < 0, t, lower[active])
        hi = np.where(f > 0, t, upper[active])
        lower[active], upper[active] = lo, hi
        done = (np.abs(f) <= f_error) | (hi - lo <= 4 * eps * np.maximum(np.abs(lo), np.abs(hi)))
        if done.all():
            break

        rows = np.arange(len(active))
        at = active
        delta_left = delta[rows, np.minimum(at, k - 1)]  # d_i - lam
        delta_right = delta[rows, np.minimum(at + 1, k - 1)]  # d_{i+1} - lam
        is_last = at == k - 1
        # middle way: c + s/(delta_left - eta) + S/(delta_right - eta) = 0, a quadratic in eta
        a = (delta_left + delta_right) * f - delta_left * delta_right * (dpsi + dphi)
        b = delta_left * delta_right * f
        c = f - delta_left * dpsi - delta_right * dphi
        with np.errstate(divide="ignore", invalid="ignore"):
            root_of_model = np.sqrt(np.abs(a * a - 4 * b * c))
            eta = 2 * b / (a + np.copysign(root_of_model, a))  # the smaller root: no cancellation
            # last root: no pole on its right, model c + s/(delta_left - eta) with one pole
            eta_last = delta_left + delta_left * delta_left * dpsi / (f - delta_left * dpsi)
            eta = np.where(is_last, eta_last, eta)
            step = t + eta
        inside = (step > lo) & (step < hi)  # False for NaN too
        step = np.where(inside, step, (lo + hi) / 2)
        tau[active] = np.where(done, t, step)
        active = active[~done]

    delta = pole_gaps[origin] - tau[:, None]  # (k, k)
    roots = poles[origin] + tau  # (k,)
    return roots, delta


def secular_eigenvectors(poles, z, rho, delta):
    """Orthonormal eigenvectors (k, k) (columns) of D + rho z z^T from the roots' `delta`.

    delta[i, j] = poles[j] - roots[i]. z is replaced by Lowner's zhat (signs kept from z).
    """
    pole_gaps = poles[None, :] - poles[:, None]  # (k, k): [i, j] = d_j - d_i
    np.fill_diagonal(pole_gaps, 1)
    # ratios[i, j] = (lam_i - d_j) / (d_i - d_j) for i != j, and (lam_j - d_j) on the diagonal
    ratios = delta / pole_gaps  # (k, k)
    np.fill_diagonal(ratios, -np.diagonal(delta))
    z_hat = np.copysign(np.sqrt(np.abs(np.prod(ratios, axis=0) / rho)), z)  # (k,)
    vectors = z_hat[None, :] / delta  # (k roots, k components)
    vectors /= np.sqrt(np.sum(vectors * vectors, axis=1, keepdims=True))
    return vectors.T  # (k, k): column i is the eigenvector of root i
