"""Preprocessing, as sklearn.preprocessing: scalers, a row normalizer, polynomial features, encoders.

- `StandardScaler` (mean / std), `MinMaxScaler` (to a range), `RobustScaler` (median / IQR):
  per-feature affine maps with `inverse_transform`; NaN passes through as a missing value;
- `Normalizer`: each row to unit l1 / l2 / max norm;
- `PolynomialFeatures`: all monomials up to a degree (or only interactions);
- `OneHotEncoder`, `OrdinalEncoder`: categorical features (numbers, strings, objects) to
  0/1 columns or to indices, with `inverse_transform`; `LabelEncoder`: a target y to 0..k-1.
"""

from ._label_encoder import LabelEncoder
from ._min_max_scaler import MinMaxScaler
from ._normalizer import Normalizer
from ._one_hot_encoder import OneHotEncoder
from ._ordinal_encoder import OrdinalEncoder
from ._polynomial import PolynomialFeatures
from ._robust_scaler import RobustScaler
from ._standard_scaler import StandardScaler

__all__ = [
    "LabelEncoder",
    "MinMaxScaler",
    "Normalizer",
    "OneHotEncoder",
    "OrdinalEncoder",
    "PolynomialFeatures",
    "RobustScaler",
    "StandardScaler",
]
