"""Metrics, as in sklearn.metrics: score predictions against the truth.

- classification (`_classification`, `_precision_recall`, `_classification_report`): accuracy,
  confusion matrix, log loss, precision / recall / F-beta with their averages, the text report;
- ranking (`_ranking`, `_roc_auc`): ROC and precision-recall curves, AUC, average precision;
- regression (`_regression`): mean squared / absolute error, R^2, for one or many outputs;
- clustering (`_silhouette`, `_adjusted_rand`): silhouette coefficient, adjusted Rand index;
- scorers (`_scorer`): the `scoring=` names model selection uses ("accuracy", "f1_macro",
  "roc_auc", "neg_mean_squared_error", ...), make_scorer, get_scorer, check_scoring.
"""

from ._adjusted_rand import adjusted_rand_score
from ._classification import accuracy_score, confusion_matrix, log_loss
from ._classification_report import classification_report
from ._precision_recall import (
    f1_score,
    fbeta_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)
from ._ranking import auc, average_precision_score, precision_recall_curve, roc_curve
from ._regression import mean_absolute_error, mean_squared_error, r2_score, root_mean_squared_error
from ._roc_auc import roc_auc_score
from ._scorer import check_scoring, get_scorer, get_scorer_names, make_scorer
from ._silhouette import silhouette_samples, silhouette_score
from ..exceptions import UndefinedMetricWarning

__all__ = [
    "UndefinedMetricWarning",
    "accuracy_score",
    "adjusted_rand_score",
    "auc",
    "average_precision_score",
    "check_scoring",
    "classification_report",
    "confusion_matrix",
    "f1_score",
    "fbeta_score",
    "get_scorer",
    "get_scorer_names",
    "log_loss",
    "make_scorer",
    "mean_absolute_error",
    "mean_squared_error",
    "precision_recall_curve",
    "precision_recall_fscore_support",
    "precision_score",
    "r2_score",
    "recall_score",
    "roc_auc_score",
    "roc_curve",
    "root_mean_squared_error",
    "silhouette_samples",
    "silhouette_score",
]
