"""Helpers shared by every estimator: input validation and estimator discovery."""

from .validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    check_X_y,
)

__all__ = [
    "check_array",
    "check_classification_targets",
    "check_is_fitted",
    "check_random_state",
    "check_sample_weight",
    "check_X_y",
]
