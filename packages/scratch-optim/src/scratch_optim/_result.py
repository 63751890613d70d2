"""Result containers shaped like scipy's: `OptimizeResult` (minimize, root) and `RootResults`,
and the end-of-iteration bookkeeping the gradient methods share.

`OptimizeResult` is a dict whose keys are also attributes, exactly as in scipy, so code written
against scipy (`res.x`, `res["fun"]`, `res.keys()`) works unchanged:

    >>> r = OptimizeResult(x=[1.0], fun=0.0, success=True)
    >>> r.x, r["fun"]
    ([1.0], 0.0)
"""

import numpy as np


class OptimizeResult(dict):
    """The outcome of `minimize` or `root`.

    Fields (where meaningful for the method): x, fun, jac, hess, hess_inv, nit, nfev, njev, nhev,
    success, status, message, and method-specific extras (final_simplex for Nelder-Mead).
    """

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as missing:
            raise AttributeError(name) from missing

    __setattr__ = dict.__setitem__
    __delattr__ = dict.__delitem__

    def __repr__(self):
        if not self:
            return f"{type(self).__name__}()"
        width = max(map(len, self.keys())) + 1
        return "\n".join(f"{key.rjust(width)}: {value!r}" for key, value in self.items())

    def __dir__(self):
        return list(self.keys())


class RootResults:
    """The outcome of `root_scalar`, with scipy's fields.

    root: the estimate; iterations: iterations done; function_calls: calls to f (and fprime);
    converged: whether the tolerance was met; flag: 'converged' or why not; method: the method.
    """

    def __init__(self, root, iterations, function_calls, flag, method):
        self.root = root
        self.iterations = iterations
        self.function_calls = function_calls
        self.converged = flag == "converged"
        self.flag = flag
        self.method = method

    def __repr__(self):
        fields = ("converged", "flag", "function_calls", "iterations", "root", "method")
        return "\n".join(f"{name.rjust(15)}: {getattr(self, name)!r}" for name in fields)


# scipy's wording, so messages read the same whichever library produced them
MESSAGES = {
    "success": "Optimization terminated successfully.",
    "maxfev": "Maximum number of function evaluations has been exceeded.",
    "maxiter": "Maximum number of iterations has been exceeded.",
    "pr_loss": "Desired error not necessarily achieved due to precision loss.",
    "nan": "NaN result encountered.",
}
STATUS = {"success": 0, "maxfev": 1, "maxiter": 1, "pr_loss": 2, "nan": 3}


def gradient_method_result(objective, x, f, g, nit, outcome, message=None, **extra):
    """The OptimizeResult every gradient-based method returns; outcome is a MESSAGES key."""
    status = STATUS[outcome]
    return OptimizeResult(
        x=x, fun=f, jac=g, nit=nit, nfev=objective.nfev, njev=objective.njev,
        status=status, success=status == 0, message=message or MESSAGES[outcome], **extra)


def finish_iteration(x, f, callback):
    """After an accepted step: hand callback a copy of x; True if f is not finite (then the
    method stops with outcome 'nan' rather than iterate on NaN / inf)."""
    if callback is not None:
        callback(np.copy(x))
    return not np.isfinite(f)
