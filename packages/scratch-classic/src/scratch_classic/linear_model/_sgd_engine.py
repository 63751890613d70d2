"""Plain stochastic gradient descent over samples, K one-vs-all problems at once.

For each epoch the samples are visited in a fresh random order (shuffle) and each one updates
every class k (scikit-learn's _plain_sgd, run for all K binary problems together):

    p_k   = x w_k + b_k                      eta = eta0                     ("constant")
    w_k  <- (1 - eta alpha (1 - l1_ratio)) w_k     = 1 / (alpha (t0 + t - 1))  ("optimal")
    w_k  <- w_k - eta s dL/dp(y_k, p_k) x          = eta0 / t^power_t          ("invscaling")
    b_k  <- b_k - eta s dL/dp(y_k, p_k)          "adaptive": eta0, divided by 5 on a plateau

with s the sample's weight and t the number of samples seen. L1 (penalty "l1"/"elasticnet") is
Tsuruoka et al.'s cumulative truncated gradient: each weight is pulled toward 0 by the total L1
step u accumulated so far minus what it already received, q, never across 0.

Averaging (average = a > 0, ASGD): the returned weights are the mean of the iterates w_t over
samples t >= a, each taken after that sample's L1 step, kept as a running mean.

Stopping, per class: the epoch's mean objective (loss + penalty, summed as samples are seen)
must fall by at least tol below the best so far; after n_iter_no_change epochs without that,
the class stops (is frozen) and the run ends when all have.

Lean loop: per sample, one product V x for all classes and one rank-1 update V += c x' are the
only O(K d) numpy work (plus the L1 / averaging steps when asked); everything per class is
Python float math. The L2 shrink multiplies a per-class scale (w_k = scale_k v_k) instead of
all d weights, and ||v_k||^2 is kept up to date from v_k.x (already needed for p), so the
objective costs O(1) per class. With L1 the scales are folded back into v after every sample
(its truncation touches all weights anyway). Frozen classes get eta = 0, which leaves them
untouched.
"""

import math
from dataclasses import dataclass

import numpy as np

MAX_GRADIENT = 1e12  # |dL/dp| is clipped here, as scikit-learn does, against overflow
SCALE_FLOOR = 1e-9  # fold the scale into v when it gets this small


@dataclass
class SGDSettings:
    penalty: str | None
    alpha: float
    l1_ratio: float
    fit_intercept: bool
    max_iter: int
    tol: float | None
    shuffle: bool
    learning_rate: str
    eta0: float
    power_t: float
    n_iter_no_change: int
    average: int  # 0: off; a: average the iterates from sample a on


@dataclass
class SGDResult:
    coef: np.ndarray  # (K, d)
    intercept: np.ndarray  # (K,)
    n_iter: int
    samples_seen: int


def optimal_schedule_offset(loss, alpha):
    """t0 of the "optimal" schedule: the first step is typw / max(1, dL/dp(1, -typw)), typw =
    alpha^(-1/4), Bottou's heuristic for the typical weight size (scikit-learn's choice)."""
    typical_weight = math.sqrt(1.0 / math.sqrt(alpha))
    _, gradient = loss.loss_and_gradient(1.0, -typical_weight)
    first_eta = typical_weight / max(1.0, gradient)
    return 1.0 / (first_eta * alpha)


def plain_sgd(X, targets, sample_weights, loss, settings, rng):
    """Run SGD; X (n, d), targets (n, K), sample_weights (n, K) (class weight times sample weight).

    Returns an SGDResult with the (averaged, when asked) weights.
    """
    n_samples, n_features = X.shape
    n_classes = targets.shape[1]
    classes = range(n_classes)
    s = settings
    l1_ratio = {"l2": 0.0, "l1": 1.0}.get(s.penalty, s.l1_ratio)
    has_penalty = s.penalty is not None and s.alpha > 0
    l2_shrink = s.alpha * (1.0 - l1_ratio) if has_penalty else 0.0  # eta times this per sample
    l1_step = s.alpha * l1_ratio if has_penalty else 0.0
    tol = -math.inf if s.tol is None else s.tol
    t0 = optimal_schedule_offset(loss, s.alpha) if s.learning_rate == "optimal" else 0.0
    intercept_decay = 1.0 if s.fit_intercept else 0.0

    # numpy for the O(d) work, Python lists of floats for the O(1)-per-class bookkeeping
    directions = np.zeros((n_classes, n_features))  # (K, d) v: w_k = scale_k v_k
    scale = [1.0] * n_classes
    squared_norms = [0.0] * n_classes  # ||v_k||^2
    intercept = [0.0] * n_classes
    l1_total = np.zeros(n_classes)  # (K,) u: total L1 step so far
    l1_received = np.zeros((n_classes, n_features))  # (K, d) q: L1 shrink each weight received
    average_coef = np.zeros((n_classes, n_features))  # (K, d)
    average_intercept = np.zeros(n_classes)  # (K,)
    sample_squared_norms = np.einsum("ij,ij->i", X, X)  # (n,)
    change = np.zeros(n_classes)  # (K,) per-sample change of v along x (reused buffer)

    rate = [1.0] * n_classes  # eta factor per class: 0 once frozen, / 5 per adaptive plateau
    best_objective = [math.inf] * n_classes
    stalled_epochs = [0] * n_classes
    epochs_run = [0] * n_classes
    t = 1  # samples seen + 1
    eta = s.eta0

    for epoch in range(s.max_iter):
        order = rng.permutation(n_samples) if s.shuffle else np.arange(n_samples)
        objective_sum = [0.0] * n_classes
        rate_array = np.array(rate)  # (K,) rates change only between epochs
        active = (rate_array > 0).astype(np.float64)  # (K,) 1 for the classes still learning
        active_column = active[:, None]  # (K, 1)
        for x, y_row, weight_row, x_squared_norm in zip(
                X[order], targets[order].tolist(), sample_weights[order].tolist(),
                sample_squared_norms[order].tolist()):
            v_dot_x = (directions @ x).tolist()  # K floats
            if s.learning_rate == "optimal":
                eta = 1.0 / (s.alpha * (t0 + t - 1))
            elif s.learning_rate == "invscaling":
                eta = s.eta0 / t**s.power_t
            changed = False
            for k in classes:
                w_scale = scale[k]
                loss_value, gradient = loss.loss_and_gradient(y_row[k],
                                                              v_dot_x[k] * w_scale + intercept[k])
                # the penalty at the current w, summed per sample as scikit-learn does
                l2_term = 0.5 * l2_shrink * w_scale * w_scale * squared_norms[k]
                objective_sum[k] += loss_value + l2_term
                step = eta * rate[k]
                gradient = min(max(gradient, -MAX_GRADIENT), MAX_GRADIENT)
                update = -step * weight_row[k] * gradient
                if l2_shrink:
                    w_scale *= max(0.0, 1.0 - step * l2_shrink)
                    if w_scale < SCALE_FLOOR:  # fold the scale into v (0 if it hit 0)
                        directions[k] *= w_scale
                        squared_norms[k] *= w_scale * w_scale
                        v_dot_x[k] *= w_scale
                        w_scale = 1.0
                    scale[k] = w_scale
                if update != 0.0:
                    coefficient = update / w_scale
                    change[k] = coefficient
                    squared_norms[k] += coefficient * (2.0 * v_dot_x[k]
                                                       + coefficient * x_squared_norm)
                    intercept[k] += update * intercept_decay
                    changed = True
                else:
                    change[k] = 0.0
            if changed:
                directions += np.multiply.outer(change, x)
            if l1_step:
                # fold the scales into v: the L1 step touches every weight anyway, so w = v now
                directions *= np.array(scale)[:, None]
                scale = [1.0] * n_classes
                l1_total += (l1_step * eta) * rate_array
                l1_norms = apply_l1_truncation(directions, l1_total, l1_received)  # (K,)
                for k, l1_norm in zip(classes, l1_norms.tolist()):
                    objective_sum[k] += l1_step * l1_norm
                squared_norms = np.einsum("ij,ij->i", directions, directions).tolist()
            if s.average and t >= s.average:
                # running mean of the iterates (after the L1 step) since sample `average`
                count = t - s.average + 1
                current_coef = directions * np.array(scale)[:, None]  # (K, d)
                average_coef += (current_coef - average_coef) * (active_column / count)
                average_intercept += (np.array(intercept) - average_intercept) * (active / count)
            t += 1

        # subtle: also a non-finite objective: weights can stay finite (the gradient is clipped)
        # while x w overflows, and the run would then never meet tol (scikit-learn's check
        # looks at the weights only)
        if not (np.all(np.isfinite(intercept)) and np.all(np.isfinite(directions))
                and math.isfinite(sum(objective_sum))):
            raise ValueError(f"Floating-point under-/overflow occurred at epoch #{epoch + 1}. "
                             "Scaling input data with StandardScaler or MinMaxScaler might help.")
        squared_norms = np.einsum("ij,ij->i", directions, directions).tolist()  # drop the drift
        for k in classes:
            if rate[k] == 0.0:
                continue
            epochs_run[k] = epoch + 1
            mean_objective = objective_sum[k] / n_samples
            improved = mean_objective <= best_objective[k] - tol
            stalled_epochs[k] = 0 if improved else stalled_epochs[k] + 1
            best_objective[k] = min(best_objective[k], mean_objective)
            if stalled_epochs[k] >= s.n_iter_no_change:
                # subtle: "adaptive" shrinks eta on a plateau while it is above 1e-6, then stops
                if s.learning_rate == "adaptive" and eta * rate[k] > 1e-6:
                    rate[k] /= 5.0
                    stalled_epochs[k] = 0
                else:
                    rate[k] = 0.0
        if not any(rate):
            break

    n_iter = max(epochs_run)
    samples_seen = t - 1
    if s.average and s.average <= samples_seen:
        return SGDResult(average_coef, average_intercept, n_iter, samples_seen)
    return SGDResult(directions * np.array(scale)[:, None], np.array(intercept), n_iter,
                     samples_seen)


def apply_l1_truncation(weights, l1_total, l1_received):
    """Cumulative L1 penalty (Tsuruoka, Tsujii & Ananiadou 2009), in place on weights (K, d).

    u (K,) is the total L1 step so far, q (K, d) what each weight has received (signed):

        w > 0:  w <- max(0, w - (u + q));   w < 0:  w <- min(0, w + (u - q));   q += w_new - w

    i.e. w <- sign(w) max(0, |w| - u - sign(w) q), which leaves w = 0 at 0. Returns ||w_k||_1
    (K,) before the truncation (the L1 term of the stopping objective).
    """
    signs = np.sign(weights)  # (K, d)
    magnitudes = np.abs(weights)  # (K, d)
    l1_norms = magnitudes.sum(axis=1)  # (K,)
    magnitudes -= l1_total[:, None]
    magnitudes -= signs * l1_received
    np.maximum(magnitudes, 0.0, out=magnitudes)
    magnitudes *= signs  # the truncated weights
    l1_received += magnitudes
    l1_received -= weights
    weights[:] = magnitudes
    return l1_norms
