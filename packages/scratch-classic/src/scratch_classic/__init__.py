"""scratch-classic: classic machine learning from scratch over NumPy (the scikit-learn counterpart).

Modules mirror scikit-learn's: `linear_model`, `svm`, `tree`, `ensemble`, `neighbors`,
`naive_bayes`, `cluster`, `mixture`, `decomposition`, `preprocessing`, `impute`, `pipeline`,
`compose`, `model_selection` and `metrics`. Every estimator follows scikit-learn's protocol (see `base`).
"""

from .base import (BaseEstimator, ClassifierMixin, ClusterMixin, RegressorMixin, TransformerMixin, clone,
                   is_classifier, is_clusterer, is_regressor)
from .exceptions import NotFittedError

__all__ = ["BaseEstimator", "ClassifierMixin", "ClusterMixin", "RegressorMixin", "TransformerMixin",
           "clone", "is_classifier", "is_clusterer", "is_regressor", "NotFittedError"]
