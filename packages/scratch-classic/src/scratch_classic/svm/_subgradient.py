"""Primal subgradient descent for the linear SVM: the simple baseline to dual coordinate descent.

    F(w) = 1/2 ||w||^2 + sum_i C_i loss(m_i),   m_i = y_i w'x_i  (the intercept is a constant feature)

A subgradient is  g = w - sum_i C_i y_i x_i * (1 if m_i < 1 else 0)           (hinge)
               or g = w - sum_i 2 C_i y_i x_i * max(0, 1 - m_i)               (squared hinge).
F is 1-strongly convex, so steps w <- w - g / t (Pegasos' rate, full batch) converge, as
O(log t / t) for the hinge. The squared hinge is smooth with gradient Lipschitz constant
L = 1 + 2 lambda_max(X' diag(C) X), and a step above 2 / L can diverge, so the step is
1 / max(t, L) for both losses. Each step is two matrix-vector products. The best iterate seen is
returned, since a subgradient step need not decrease F; it stops early when ||g|| <= tol.
"""

import numpy as np
import scratch_linalg as sla


def subgradient_descent(X, sign, sample_C, loss, tol, max_iter):
    """(w (n_features,), n_iter) for X (n_samples, n_features) and labels sign (n_samples,) = +-1."""
    signed_X = sign[:, None] * X  # (n_samples, n_features) y_i x_i
    weighted_gram = X.T @ (sample_C[:, None] * X)  # (n_features, n_features) X' diag(C) X
    lipschitz = 1.0 + 2.0 * sla.eigvalsh(weighted_gram)[-1]
    w = np.zeros(X.shape[1])
    best_w, best_objective = w, np.inf
    n_iter = 0
    for n_iter in range(1, max_iter + 1):
        slack = 1.0 - signed_X @ w  # (n_samples,) 1 - m_i
        violated = np.maximum(slack, 0.0)
        if loss == "hinge":
            objective = 0.5 * w @ w + sample_C @ violated
            weight = sample_C * (slack > 0)  # (n_samples,)
        else:
            objective = 0.5 * w @ w + sample_C @ violated**2
            weight = 2.0 * sample_C * violated
        if objective < best_objective:
            best_w, best_objective = w, objective
        subgradient = w - weight @ signed_X  # (n_features,)
        if np.sqrt(subgradient @ subgradient) <= tol:
            break
        w = w - subgradient / max(n_iter, lipschitz)
    return best_w, n_iter
