"""scratch-classic: classic machine learning from scratch over NumPy (the scikit-learn counterpart).

Modules mirror scikit-learn's: `linear_model`, `svm`, `tree`, `ensemble`, `neighbors`,
`naive_bayes` (part 1), and `cluster`, `mixture`, `decomposition`, `preprocessing`, `pipeline`,
`model_selection`, `metrics` (part 2). Every estimator follows scikit-learn's protocol (see `base`).
"""

from .base import BaseEstimator, ClassifierMixin, RegressorMixin, TransformerMixin, clone
from .exceptions import NotFittedError

__all__ = ["BaseEstimator", "ClassifierMixin", "RegressorMixin", "TransformerMixin", "clone", "NotFittedError"]
