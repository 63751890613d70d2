"""Linear models, as sklearn.linear_model: least squares, ridge, lasso / elastic net, and more.

- `LinearRegression`: ordinary least squares (Cholesky normal equations, SVD when ill conditioned);
- `Ridge`, `RidgeClassifier`: L2-penalized least squares in closed form (primal, dual or SVD);
- `Lasso`, `ElasticNet`: L1 (+ L2) penalized least squares by coordinate descent on the Gram matrix.
"""

from ._coordinate_descent import ElasticNet, Lasso
from ._linear_regression import LinearRegression
from ._ridge import Ridge, RidgeClassifier

__all__ = ["ElasticNet", "Lasso", "LinearRegression", "Ridge", "RidgeClassifier"]
