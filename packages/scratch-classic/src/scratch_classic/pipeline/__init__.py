"""Pipelines, as sklearn.pipeline: `Pipeline` (steps chained into one estimator), `make_pipeline`;
`ColumnTransformer` and `make_column_transformer` (from `compose`) are re-exported here too."""

from ..compose import ColumnTransformer, make_column_transformer
from ._pipeline import Pipeline, make_pipeline

__all__ = ["ColumnTransformer", "Pipeline", "make_column_transformer", "make_pipeline"]
