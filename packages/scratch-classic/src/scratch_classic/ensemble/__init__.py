"""Ensembles of trees (sklearn.ensemble): random forests, gradient boosting and AdaBoost (SAMME).

Every ensemble grows `scratch_classic.tree` trees: forests average deep trees grown on bootstrap
samples (`_forest`), gradient boosting adds shallow trees fitted to the loss gradient
(`_gradient_boosting`), AdaBoost reweights samples after each weak tree (`_weight_boosting`).
"""

from ._forest import RandomForestClassifier, RandomForestRegressor
from ._gradient_boosting import GradientBoostingClassifier, GradientBoostingRegressor
from ._weight_boosting import AdaBoostClassifier

__all__ = [
    "AdaBoostClassifier",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
    "RandomForestClassifier",
    "RandomForestRegressor",
]
