"""available_if: a method that exists only when a check on the instance passes (sklearn's).

Pipeline has `predict_proba` only if its last step has it, so `hasattr(pipe, "predict_proba")`
answers truthfully and code that probes for a method keeps working:

    class Pipeline:
        @available_if(_final_estimator_has("predict_proba"))
        def predict_proba(self, X): ...

The check runs on attribute access; False (or an AttributeError inside it) hides the method.
"""

import functools
from types import MethodType


class _AvailableIfDescriptor:
    def __init__(self, method, check):
        self.method = method
        self.check = check
        functools.update_wrapper(self, method)

    def __get__(self, instance, owner=None):
        if instance is None:
            return self.method  # on the class: the plain function (docs, introspection)
        if not self.check(instance):
            raise AttributeError(
                f"This {type(instance).__name__!r} has no attribute {self.method.__name__!r}"
            )
        return MethodType(self.method, instance)


def available_if(check):
    """Decorator: the method is an attribute of an instance only when check(instance) is true."""
    return lambda method: _AvailableIfDescriptor(method, check)
