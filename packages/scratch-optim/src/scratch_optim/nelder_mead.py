"""Nelder-Mead downhill simplex (derivative free), step for step as scipy's.

Keep n + 1 points sorted by f: x_0 best ... x_n worst; c the centroid of all but the worst.

    reflect   x_r = c + rho (c - x_n)                   accept if f_0 <= f_r < f_{n-1}
    expand    x_e = c + rho chi (c - x_n)               if f_r < f_0: keep the better of x_e, x_r
    contract  x_c = c + psi rho (c - x_n)   (outside)   if f_{n-1} <= f_r < f_n, accept if f_c <= f_r
              x_cc = c - psi (c - x_n)      (inside)    if f_r >= f_n, accept if f_cc < f_n
    shrink    x_i = x_0 + sigma (x_i - x_0)             if the contraction is rejected

Coefficients rho, chi, psi, sigma = 1, 2, 1/2, 1/2, or with adaptive=True the dimension-
dependent 1, 1 + 2/n, 3/4 - 1/(2n), 1 - 1/n (Gao & Han 2012). The initial simplex is scipy's:
x0 and x0 with coordinate k scaled by 1.05 (or set to 0.00025 where it is 0). Stops when the
simplex is within xatol of x_0 and its values within fatol of f_0 (both in the max norm).
"""

import numpy as np

from ._result import MESSAGES, STATUS, OptimizeResult

NONZERO_DELTA, ZERO_DELTA = 0.05, 0.00025


class _EvaluationLimit(Exception):
    pass


def initial_simplex_around(x0):
    """scipy's starting simplex.  # (n + 1, n)"""
    simplex = np.tile(x0, (x0.size + 1, 1))
    for k in range(x0.size):
        simplex[k + 1, k] = (1 + NONZERO_DELTA) * x0[k] if x0[k] != 0 else ZERO_DELTA
    return simplex


def minimize_neldermead(objective, x0, callback=None, *, maxiter=None, maxfev=None, xatol=1e-4,
                        fatol=1e-4, adaptive=False, initial_simplex=None):
    n = x0.size
    if adaptive:
        rho, chi, psi, sigma = 1.0, 1 + 2 / n, 0.75 - 1 / (2 * n), 1 - 1 / n
    else:
        rho, chi, psi, sigma = 1.0, 2.0, 0.5, 0.5
    if initial_simplex is None:
        simplex = initial_simplex_around(x0)
    else:
        simplex = np.array(initial_simplex, dtype=float)
        if simplex.shape != (n + 1, n) or not np.all(np.isfinite(simplex)):
            raise ValueError(f"initial_simplex must be a finite array of shape {(n + 1, n)}, "
                             f"got {simplex.shape}")
    if maxiter is None and maxfev is None:
        maxiter = maxfev = 200 * n
    maxiter = np.inf if maxiter is None else maxiter
    maxfev = np.inf if maxfev is None else maxfev

    def f(point):
        if objective.nfev >= maxfev:
            raise _EvaluationLimit
        return objective.value(point)

    values = np.full(n + 1, np.inf)  # (n + 1,)
    try:
        for k in range(n + 1):
            values[k] = f(simplex[k])
    except _EvaluationLimit:
        pass
    order = np.argsort(values)
    simplex, values = simplex[order], values[order]
    iterations = 1  # subtle: scipy counts from 1, and we report nit the same way
    while objective.nfev < maxfev and iterations < maxiter:
        try:
            if (np.max(np.abs(simplex[1:] - simplex[0])) <= xatol
                    and np.max(np.abs(values[0] - values[1:])) <= fatol):
                break
            centroid = simplex[:-1].sum(axis=0) / n  # (n,)
            worst = simplex[-1]
            reflected = (1 + rho) * centroid - rho * worst
            f_reflected = f(reflected)
            shrink = False
            if f_reflected < values[0]:
                expanded = (1 + rho * chi) * centroid - rho * chi * worst
                f_expanded = f(expanded)
                if f_expanded < f_reflected:
                    simplex[-1], values[-1] = expanded, f_expanded
                else:
                    simplex[-1], values[-1] = reflected, f_reflected
            elif f_reflected < values[-2]:
                simplex[-1], values[-1] = reflected, f_reflected
            elif f_reflected < values[-1]:
                contracted = (1 + psi * rho) * centroid - psi * rho * worst
                f_contracted = f(contracted)
                if f_contracted <= f_reflected:
                    simplex[-1], values[-1] = contracted, f_contracted
                else:
                    shrink = True
            else:
                contracted = (1 - psi) * centroid + psi * worst
                f_contracted = f(contracted)
                if f_contracted < values[-1]:
                    simplex[-1], values[-1] = contracted, f_contracted
                else:
                    shrink = True
            if shrink:
                for j in range(1, n + 1):
                    simplex[j] = simplex[0] + sigma * (simplex[j] - simplex[0])
                    values[j] = f(simplex[j])
            iterations += 1
        except _EvaluationLimit:
            break
        finally:
            order = np.argsort(values)
            simplex, values = simplex[order], values[order]
            if callback is not None:
                callback(np.copy(simplex[0]))
    if objective.nfev >= maxfev:
        outcome = "maxfev"
    elif iterations >= maxiter:
        outcome = "maxiter"
    else:
        outcome = "success"
    return OptimizeResult(
        x=simplex[0], fun=np.min(values), nit=iterations, nfev=objective.nfev,
        status=STATUS[outcome] if outcome != "maxiter" else 2, success=outcome == "success",
        message=MESSAGES[outcome], final_simplex=(simplex, values))
