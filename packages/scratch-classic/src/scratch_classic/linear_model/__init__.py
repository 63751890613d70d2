"""Linear models, as sklearn.linear_model: least squares, ridge, lasso / elastic net, logistic, SGD.

- `LinearRegression`: ordinary least squares (Cholesky normal equations, SVD when ill conditioned);
- `Ridge`, `RidgeClassifier`: L2-penalized least squares in closed form (primal, dual or SVD);
- `Lasso`, `ElasticNet`: L1 (+ L2) penalized least squares by coordinate descent on the Gram matrix;
- `LogisticRegression`: binary / multinomial log-loss, by L-BFGS, Newton or (proximal) gradient;
- `SGDClassifier`, `SGDRegressor`: linear models fitted one sample at a time by plain SGD.
"""

from ._coordinate_descent import ElasticNet, Lasso
from ._linear_regression import LinearRegression
from ._logistic import LogisticRegression
from ._ridge import Ridge, RidgeClassifier
from ._stochastic_gradient import SGDClassifier, SGDRegressor

__all__ = [
    "ElasticNet",
    "Lasso",
    "LinearRegression",
    "LogisticRegression",
    "Ridge",
    "RidgeClassifier",
    "SGDClassifier",
    "SGDRegressor",
]
