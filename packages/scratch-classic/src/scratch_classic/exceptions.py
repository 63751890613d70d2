"""Exceptions, as in sklearn.exceptions."""


class NotFittedError(ValueError, AttributeError):
    """Raised when an estimator is used before `fit`.

    It subclasses both ValueError and AttributeError, as scikit-learn's does, so either
    `except` clause catches it (and `hasattr(estimator, "predict_proba")`-style probes behave).
    """


class ConvergenceWarning(UserWarning):
    """Warned when an iterative solver stops at max_iter before meeting its tolerance."""


class UndefinedMetricWarning(UserWarning):
    """Warned when a metric is ill-defined (e.g. precision with no predicted positives).

    The metric still returns a value (its `zero_division` fallback, or NaN), as scikit-learn's does.
    """


class FitFailedWarning(RuntimeWarning):
    """Warned when some (not all) fits of a cross-validation raised; those splits get error_score."""
