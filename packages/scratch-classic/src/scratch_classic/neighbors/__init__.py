"""Nearest neighbours (sklearn.neighbors): k-nearest-neighbour classification and regression.

The search is exact and brute force: vectorized distances by blocks of query rows, then
a cheap bound and an exact sort of the few candidates (see `_base`).
"""

from ._classification import KNeighborsClassifier
from ._regression import KNeighborsRegressor

__all__ = ["KNeighborsClassifier", "KNeighborsRegressor"]
