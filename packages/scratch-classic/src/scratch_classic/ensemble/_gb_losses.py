"""The losses gradient boosting descends, each in the form the boosting loop needs.

For raw predictions F (n_samples, K) (K = 1, or the number of classes for multiclass):

    init_raw(y, w)            the best constant F before any tree (scikit-learn's `init`)
    negative_gradient(y, F)   the pseudo-residuals each stage's trees are fitted to
    leaf_values(...)          the value of each leaf, one Newton step on the leaf's samples
    __call__(y, F, w)         the loss reported in train_score_ (scikit-learn's scaling)

    squared_error:  L = (y - F)^2;  init mean(y);  residual y - F;  leaf = mean residual (the tree's own)
    binomial:       p = expit(F);  init logit(mean y);  residual y - p;
                    leaf = sum w r / sum w p (1 - p)                       (Friedman's Newton step)
    multinomial:    p = softmax(F);  init log(prior_k) - mean_k log(prior_k);  residual 1[y = k] - p_k;
                    leaf = (K - 1) / K * sum w r / sum w p (1 - p)
"""

import numpy as np
from scratch_optim.special import expit, logsumexp, softmax

_EPS = np.finfo(np.float64).eps


def _leaf_newton_step(tree_values, leaves, weights, residual, hessian, scale=1.0):
    """scale * mean_w(residual) / mean_w(hessian) per leaf: (n_nodes,); 0 where the hessian ~ 0.

    Internal nodes (no sample ends there) keep the tree's own value, as in scikit-learn.
    """
    n_nodes = len(tree_values)
    total_weight = np.bincount(leaves, weights=weights, minlength=n_nodes)  # (n_nodes,)
    with np.errstate(divide="ignore", invalid="ignore"):
        numerator = np.bincount(leaves, weights=weights * residual, minlength=n_nodes) / total_weight * scale
        denominator = np.bincount(leaves, weights=weights * hessian, minlength=n_nodes) / total_weight
        # subtle: a pure leaf (p = 0 or 1) has hessian 0: no Newton step, value 0 (as scikit-learn)
        step = np.where(np.abs(denominator) < 1e-150, 0.0, numerator / denominator)
    is_leaf = np.bincount(leaves, minlength=n_nodes) > 0
    return np.where(is_leaf, step, tree_values)


class SquaredErrorLoss:
    n_raw = 1  # raw prediction columns

    def __init__(self, n_classes=None):
        pass

    def init_raw(self, y, weights):
        return np.array([np.average(y, weights=weights)])

    def negative_gradient(self, y, raw):
        return (y - raw[:, 0])[:, None]  # (n_samples, 1)

    def leaf_values(self, tree_values, leaves, weights, y, residual, k):
        return tree_values  # the tree's leaf means are already the exact line search

    def __call__(self, y, raw, weights):
        return np.average((y - raw[:, 0]) ** 2, weights=weights)


class BinomialLoss:
    """Log-loss of two classes coded y in {0, 1}; F is the log-odds of class 1."""

    n_raw = 1

    def __init__(self, n_classes=2):
        pass

    def init_raw(self, y, weights):
        positive = np.clip(np.average(y == 1, weights=weights), _EPS, 1 - _EPS)
        return np.array([np.log(positive / (1 - positive))])

    def negative_gradient(self, y, raw):
        return (y - expit(raw[:, 0]))[:, None]

    def leaf_values(self, tree_values, leaves, weights, y, residual, k):
        probability = y - residual  # (n_samples,) p = y - (y - p)
        return _leaf_newton_step(tree_values, leaves, weights, residual, probability * (1 - probability))

    def raw_to_proba(self, raw):
        positive = expit(raw[:, 0])
        return np.column_stack([1 - positive, positive])

    def __call__(self, y, raw, weights):
        # 2 x half binomial deviance, the scaling scikit-learn keeps for train_score_
        return 2 * np.average(np.logaddexp(0, raw[:, 0]) - y * raw[:, 0], weights=weights)


class MultinomialLoss:
    """Log-loss of K classes coded y in {0..K-1}; F[:, k] are symmetric logits, p = softmax(F)."""

    def __init__(self, n_classes):
        self.n_raw = n_classes

    def init_raw(self, y, weights):
        priors = np.clip(np.bincount(y, weights=weights, minlength=self.n_raw) / weights.sum(), _EPS, 1 - _EPS)
        log_priors = np.log(priors)
        return log_priors - log_priors.mean()

    def negative_gradient(self, y, raw):
        one_hot = (y[:, None] == np.arange(self.n_raw)).astype(np.float64)  # (n_samples, K)
        return one_hot - softmax(raw, axis=1)

    def leaf_values(self, tree_values, leaves, weights, y, residual, k):
        probability = (y == k) - residual
        scale = (self.n_raw - 1) / self.n_raw
        return _leaf_newton_step(tree_values, leaves, weights, residual, probability * (1 - probability), scale)

    def raw_to_proba(self, raw):
        return softmax(raw, axis=1)

    def __call__(self, y, raw, weights):
        return np.average(logsumexp(raw, axis=1) - raw[np.arange(len(y)), y], weights=weights)
