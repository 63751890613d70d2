"""Checks for the matrix and vector data of a problem (lasso, QP): float, finite, right shape.
Each raises a ValueError naming the argument and what is wrong with it."""

import numpy as np


def as_matrix(a, name, rows=None, cols=None):
    """`a` as a finite 2-D float array, optionally with a required number of rows / columns."""
    matrix = np.asarray(a, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError(f"{name} must be a 2-D matrix, got shape {matrix.shape}")
    if rows is not None and matrix.shape[0] != rows:
        raise ValueError(f"{name} must have {rows} rows, got shape {matrix.shape}")
    if cols is not None and matrix.shape[1] != cols:
        raise ValueError(f"{name} must have {cols} columns, got shape {matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise ValueError(f"{name} contains NaN or inf")
    return matrix


def as_vector(v, name, length=None):
    """`v` as a finite 1-D float array (an (n, 1) column is accepted and flattened)."""
    vector = np.asarray(v, dtype=np.float64)
    if vector.ndim == 2 and vector.shape[1] == 1:
        vector = vector[:, 0]
    if vector.ndim != 1:
        raise ValueError(f"{name} must be a 1-D vector, got shape {vector.shape}")
    if length is not None and vector.shape[0] != length:
        raise ValueError(f"{name} must have length {length}, got {vector.shape[0]}")
    if not np.all(np.isfinite(vector)):
        raise ValueError(f"{name} contains NaN or inf")
    return vector
