"""Imputation, as sklearn.impute: fill in missing values, mark them, and clip outliers.

- `SimpleImputer`: per-column mean / median / most frequent / constant (numbers or categories);
- `MissingIndicator`: True/False columns saying where values were missing;
- `QuantileClipper` (ours; no scikit-learn twin): clip each feature to its training quantiles.
"""

from ._missing_indicator import MissingIndicator
from ._quantile_clipper import QuantileClipper
from ._simple_imputer import SimpleImputer

__all__ = ["MissingIndicator", "QuantileClipper", "SimpleImputer"]
