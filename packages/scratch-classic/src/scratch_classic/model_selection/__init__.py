"""Model selection, as in sklearn.model_selection: split data, cross-validate, search hyper-parameters.

- splitters (`_kfold`, `_shuffle_split`, `_train_test_split`, `_check_cv`): KFold, StratifiedKFold,
  ShuffleSplit, StratifiedShuffleSplit, train_test_split, check_cv;
- evaluation (`_fit_and_score`, `_validation`, `_curves`): cross_validate, cross_val_score,
  learning_curve, validation_curve;
- search (`_param_grid`, `_search`, `_search_results`): ParameterGrid, ParameterSampler,
  GridSearchCV, RandomizedSearchCV.
All the fitting runs through joblib.Parallel(n_jobs=...), so joblib's backends apply unchanged.
"""

from ._check_cv import check_cv
from ._curves import learning_curve, validation_curve
from ..exceptions import FitFailedWarning
from ._kfold import KFold, StratifiedKFold
from ._param_grid import ParameterGrid, ParameterSampler
from ._search import GridSearchCV, RandomizedSearchCV
from ._shuffle_split import ShuffleSplit, StratifiedShuffleSplit
from ._train_test_split import train_test_split
from ._validation import cross_val_score, cross_validate

__all__ = [
    "FitFailedWarning",
    "GridSearchCV",
    "KFold",
    "ParameterGrid",
    "ParameterSampler",
    "RandomizedSearchCV",
    "ShuffleSplit",
    "StratifiedKFold",
    "StratifiedShuffleSplit",
    "check_cv",
    "cross_val_score",
    "cross_validate",
    "learning_curve",
    "train_test_split",
    "validation_curve",
]
