"""Metrics, as in sklearn.metrics (what `score` needs now; the rest arrives with part 2)."""

from ._classification import accuracy_score
from ._regression import r2_score

__all__ = ["accuracy_score", "r2_score"]
