"""The logistic regression objective over a flat parameter vector: value, gradient, Hessian.

Parameters are K rows of [coef | intercept], theta = [w_1, b_1, ..., w_K, b_K] (K = 1 for the
binary model), and with sample weights s_i normalized to sum 1 (S = sum_i s_i):

    binary (y in {0, 1}, z = X w + b):
        f = sum_i s_i/S (softplus(z_i) - y_i z_i) + l2/2 ||w||^2,   dz = expit(z) - y
    multinomial (Y one-hot (n, K), Z = X W' + b):
        f = -sum_i s_i/S log softmax(Z_i)[y_i] + l2/2 ||W||^2,       dZ = softmax(Z) - Y

and the gradient is X' (s/S * dz) (+ l2 w), sum(s/S * dz) for the intercept (never penalized).
With l2 = 1 / (C S) this has scikit-learn's minimizer, C sum_i s_i loss_i + 1/2 ||w||^2, at a
scale (a mean loss) where a gradient tolerance means the same for any n.

Hessian (Newton), with X~ = [X, 1] when there is an intercept:
    binary:       X~' diag(s/S p (1 - p)) X~ + l2 I_w
    multinomial:  block (k, l) = X~' diag(s/S P_k (delta_kl - P_l)) X~ + delta_kl l2 I_w

subtle: softmax is unchanged when the same vector is added to every class row, so the
multinomial loss is flat along those directions (the intercepts always; the coefficients too
when l2 = 0). The gradient has no component along them, so `hessian` adds a multiple of the
projector onto them: the Newton step is then the exact step in the identifiable subspace and the
iterates stay centred (sum_k b_k = 0), as L-BFGS and gradient descent from zero keep them.
"""

import numpy as np
from scratch_optim.special import expit, log_expit, log_softmax


class LogisticObjective:
    """f(theta), its gradient and Hessian for the data (X, y) (see the module docstring).

    X: (n, d); target: (n,) 0/1 floats for the binary model, (n,) class indices otherwise;
    sample_weight: (n,) >= 0 with a positive sum; n_rows: 1 (binary) or K (multinomial).
    """

    def __init__(self, X, target, sample_weight, l2_strength, fit_intercept, n_rows):
        self.X = X  # (n, d)
        self.target = target  # (n,)
        self.weights = sample_weight / sample_weight.sum()  # (n,) sums to 1
        self.l2_strength = l2_strength
        self.fit_intercept = fit_intercept
        self.n_rows = n_rows
        self.n_columns = X.shape[1] + int(fit_intercept)  # d (+ 1)
        if n_rows > 1:
            self.one_hot = np.zeros((X.shape[0], n_rows))  # (n, K)
            self.one_hot[np.arange(X.shape[0]), target] = 1.0

    @property
    def size(self):
        return self.n_rows * self.n_columns

    def unpack(self, theta):
        """theta (K (d + 1),) -> coef (K, d), intercept (K,) (zeros without an intercept)."""
        rows = theta.reshape(self.n_rows, self.n_columns)
        if self.fit_intercept:
            return rows[:, :-1], rows[:, -1]
        return rows, np.zeros(self.n_rows)

    def penalty_mask(self):
        """(K (d + 1),) 1 on coefficients, 0 on intercepts: which entries the penalty touches."""
        mask = np.ones((self.n_rows, self.n_columns))
        if self.fit_intercept:
            mask[:, -1] = 0.0
        return mask.ravel()

    def _scores(self, theta):
        coef, intercept = self.unpack(theta)
        if self.n_rows == 1:
            return self.X @ coef[0] + intercept[0]  # (n,)
        return self.X @ coef.T + intercept  # (n, K)

    def _pack_gradient(self, score_gradient, coef):
        """theta-gradient from dL/dscores (already weighted): (n,) or (n, K) -> (K (d + 1),)."""
        score_gradient = score_gradient.reshape(len(score_gradient), -1)  # (n, K)
        grad = np.empty((self.n_rows, self.n_columns))
        grad[:, : self.X.shape[1]] = score_gradient.T @ self.X + self.l2_strength * coef  # (K, d)
        if self.fit_intercept:
            grad[:, -1] = score_gradient.sum(axis=0)
        return grad.ravel()

    def value_and_grad(self, theta):
        coef, _ = self.unpack(theta)
        scores = self._scores(theta)
        penalty = 0.5 * self.l2_strength * np.sum(coef * coef)
        if self.n_rows == 1:
            # softplus(z) - y z = -log_expit(-z) - y z;  d/dz = expit(z) - y
            loss = self.weights @ (-log_expit(-scores) - self.target * scores)
            score_gradient = self.weights * (expit(scores) - self.target)  # (n,)
        else:
            log_proba = log_softmax(scores, axis=1)  # (n, K)
            loss = -self.weights @ log_proba[np.arange(len(scores)), self.target]
            score_gradient = self.weights[:, None] * (np.exp(log_proba) - self.one_hot)  # (n, K)
        return loss + penalty, self._pack_gradient(score_gradient, coef)

    def value(self, theta):
        return self.value_and_grad(theta)[0]

    def grad(self, theta):
        return self.value_and_grad(theta)[1]

    def hessian(self, theta):
        """(K (d + 1), K (d + 1)) Hessian, made definite along softmax's flat directions."""
        scores = self._scores(theta)
        design = self.X  # (n, d), or X~ = [X, 1] (n, d + 1) with an intercept
        if self.fit_intercept:
            design = np.hstack([self.X, np.ones((len(self.X), 1))])
        penalty = self.l2_strength * np.diag(self.penalty_mask())
        if self.n_rows == 1:
            proba = expit(scores)  # (n,)
            curvature = self.weights * proba * (1.0 - proba)  # (n,)
            return design.T @ (curvature[:, None] * design) + penalty
        proba = np.exp(log_softmax(scores, axis=1))  # (n, K)
        size, K = self.n_columns, self.n_rows
        hessian = np.empty((K * size, K * size))
        for k in range(K):
            for l in range(k, K):
                curvature = self.weights * proba[:, k] * ((k == l) - proba[:, l])  # (n,)
                block = design.T @ (curvature[:, None] * design)  # (d + 1, d + 1)
                hessian[k * size:(k + 1) * size, l * size:(l + 1) * size] = block
                hessian[l * size:(l + 1) * size, k * size:(k + 1) * size] = block.T
        flat = np.ones(size) if self.l2_strength == 0 else 1.0 - self.penalty_mask()[:size]
        scale = max(np.mean(np.diag(hessian)), np.finfo(float).tiny)
        # scale * (1 1' / K) kron diag(flat): the projector onto "same shift for every class"
        gauge = np.kron(np.full((K, K), scale / K), np.diag(flat))
        return hessian + penalty + gauge
