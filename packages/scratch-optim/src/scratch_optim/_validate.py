"""Input checks shared by every routine: points, callables, options. Each raises a ValueError
(or TypeError for a non-callable) that names the argument and the problem."""

import numpy as np


def as_point(x, name="x0"):
    """A copy of `x` as a 1-D float array of finite numbers; a scalar becomes shape (1,)."""
    try:
        point = np.array(x, dtype=float).reshape(-1) if np.ndim(x) == 0 else np.array(x, dtype=float)
    except (TypeError, ValueError) as bad:
        raise ValueError(f"{name} must be an array of real numbers: {bad}") from bad
    if point.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {point.shape}")
    if point.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(point)):
        raise ValueError(f"{name} contains NaN or inf")
    return point


def check_callable(function, name):
    if not callable(function):
        raise TypeError(f"{name} must be callable, got {type(function).__name__}")


def check_finite_value(value, what):
    """Raise if the objective produced NaN/inf where a finite value is required (the start)."""
    if not np.all(np.isfinite(value)):
        raise ValueError(f"{what} is not finite (NaN or inf); check the function and the start point")


def check_choice(value, valid, name):
    """Case-insensitive membership; returns the canonical lower-case spelling."""
    if not isinstance(value, str) or value.lower() not in valid:
        raise ValueError(f"unknown {name} {value!r}; valid: {', '.join(sorted(valid))}")
    return value.lower()


def check_positive(value, name, allow_zero=False):
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be finite and {bound}, got {value!r}")
