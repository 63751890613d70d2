"""Grad mode: whether new operations are recorded for backward (`no_grad`, `enable_grad`).

Every op asks `grad_mode.is_enabled()`-equivalent state before building a graph node; inside
`no_grad()` results never require grad, which saves the memory of the saved arrays and the time of
the closures (evaluation, optimizer updates, target networks).

    with no_grad():                 @no_grad()          @no_grad
        y = model(x)                def evaluate(): ... def evaluate(): ...

The flag is per thread, as in torch: a `no_grad` block in one thread does not affect another.
"""

import functools
import threading


class _GradMode(threading.local):
    enabled = True  # the class attribute is each thread's starting value


_mode = _GradMode()


def is_grad_enabled():
    """True when operations are being recorded for backward."""
    return _mode.enabled


class _GradModeContext:
    """A context manager that sets grad mode on entry and restores it on exit; also a decorator.

    Usable as `with ctx():`, `@ctx()` and bare `@ctx`; each decorated call gets its own context,
    so recursion and threads never share the saved previous state.
    """

    _target = True

    def __new__(cls, function=None):
        self = super().__new__(cls)
        if function is not None:  # bare `@no_grad` passes the function straight in
            if not callable(function):
                raise TypeError(f"{cls.__name__}() takes no arguments, got {function!r}")
            return self(function)
        return self

    def __init__(self, function=None):
        self._previous = None

    def __enter__(self):
        self._previous = _mode.enabled
        _mode.enabled = self._target

    def __exit__(self, *exc_info):
        _mode.enabled = self._previous
        return False

    def __call__(self, function):
        context_type = type(self)

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with context_type():
                return function(*args, **kwargs)

        return wrapper


class no_grad(_GradModeContext):  # noqa: N801 - torch's name
    """Disable graph recording: results of ops inside never require grad."""

    _target = False


class enable_grad(_GradModeContext):  # noqa: N801 - torch's name
    """Re-enable graph recording (inside a `no_grad` block, for example)."""

    _target = True


class set_grad_enabled:  # noqa: N801 - torch's name
    """Set grad mode to `mode` now (like a function call) and restore the old mode when used in `with`."""

    def __init__(self, mode):
        if not isinstance(mode, bool):
            raise TypeError(f"set_grad_enabled needs a bool, got {mode!r}")
        self._previous = _mode.enabled
        _mode.enabled = mode

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        _mode.enabled = self._previous
        return False
