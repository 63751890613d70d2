"""Per-sample losses L(y, p) and their derivatives dL/dp for stochastic gradient descent.

p is the model's raw prediction x w + b (a float). Classification losses take y in {-1, +1} and
depend on the margin z = y p; regression losses on the residual r = p - y. Each returns the pair
(L, dL/dp). Definitions are scikit-learn's (sklearn/linear_model/_sgd_fast.pyx):

    hinge(t)            max(0, t - z)              dL/dp = -y if z <= t else 0   (perceptron: t=0)
    squared_hinge(t)    max(0, t - z)^2            dL/dp = -2 y max(0, t - z)
    log_loss            log(1 + exp(-z))           dL/dp = -y expit(-z)
    modified_huber      (1 - z)^2 for -1 <= z < 1, -4 z below, 0 above
    squared_error       r^2 / 2                    dL/dp = r
    huber(eps)          r^2 / 2 for |r| <= eps, eps (|r| - eps / 2) beyond
                                                   dL/dp = clip(r, -eps, eps)
    epsilon_insensitive          max(0, |r| - eps)     dL/dp = sign(r) [|r| > eps]
    squared_epsilon_insensitive  max(0, |r| - eps)^2   dL/dp = 2 sign(r) max(0, |r| - eps)
"""

import math

# subtle: plain Python floats and `math`, not numpy: the SGD loop calls these once per sample and
# class, and a numpy ufunc on a scalar costs ~1 us against ~50 ns here.


class Hinge:
    def __init__(self, threshold=1.0):
        self.threshold = threshold

    def loss_and_gradient(self, y, p):
        shortfall = self.threshold - y * p  # > 0 inside the margin
        if shortfall >= 0.0:
            return shortfall, -y
        return 0.0, 0.0


class SquaredHinge(Hinge):
    def loss_and_gradient(self, y, p):
        shortfall = self.threshold - y * p
        if shortfall > 0.0:
            return shortfall * shortfall, -2.0 * y * shortfall
        return 0.0, 0.0


class LogLoss:
    def loss_and_gradient(self, y, p):
        margin = y * p
        # stable log(1 + exp(-z)) and expit(-z): exp of a non-positive number only
        if margin >= 0.0:
            exp_minus = math.exp(-margin)
            return math.log1p(exp_minus), -y * exp_minus / (1.0 + exp_minus)
        exp_plus = math.exp(margin)
        return -margin + math.log1p(exp_plus), -y / (1.0 + exp_plus)


class ModifiedHuber:
    def loss_and_gradient(self, y, p):
        margin = y * p
        if margin >= 1.0:
            return 0.0, 0.0
        if margin >= -1.0:
            shortfall = 1.0 - margin
            return shortfall * shortfall, -2.0 * y * shortfall
        return -4.0 * margin, -4.0 * y


class SquaredError:
    def loss_and_gradient(self, y, p):
        residual = p - y
        return 0.5 * residual * residual, residual


class Huber:
    def __init__(self, epsilon):
        self.epsilon = epsilon

    def loss_and_gradient(self, y, p):
        residual = p - y
        eps = self.epsilon
        if abs(residual) <= eps:
            return 0.5 * residual * residual, residual
        return eps * (abs(residual) - 0.5 * eps), math.copysign(eps, residual)


class EpsilonInsensitive:
    def __init__(self, epsilon):
        self.epsilon = epsilon

    def loss_and_gradient(self, y, p):
        residual = p - y
        excess = abs(residual) - self.epsilon
        if excess > 0.0:
            return excess, math.copysign(1.0, residual)
        return 0.0, 0.0


class SquaredEpsilonInsensitive(EpsilonInsensitive):
    def loss_and_gradient(self, y, p):
        residual = p - y
        excess = abs(residual) - self.epsilon
        if excess > 0.0:
            return excess * excess, math.copysign(2.0 * excess, residual)
        return 0.0, 0.0


def make_loss(name, epsilon):
    """The loss object for a scikit-learn loss name (epsilon for the regression ones)."""
    makers = {
        "hinge": lambda: Hinge(1.0),
        "perceptron": lambda: Hinge(0.0),
        "squared_hinge": lambda: SquaredHinge(1.0),
        "log_loss": LogLoss,
        "modified_huber": ModifiedHuber,
        "squared_error": SquaredError,
        "huber": lambda: Huber(epsilon),
        "epsilon_insensitive": lambda: EpsilonInsensitive(epsilon),
        "squared_epsilon_insensitive": lambda: SquaredEpsilonInsensitive(epsilon),
    }
    return makers[name]()


CLASSIFICATION_LOSSES = ("hinge", "log_loss", "modified_huber", "squared_hinge", "perceptron",
                         "squared_error", "huber", "epsilon_insensitive",
                         "squared_epsilon_insensitive")
REGRESSION_LOSSES = ("squared_error", "huber", "epsilon_insensitive", "squared_epsilon_insensitive")
