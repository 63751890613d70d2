"""`ScalarObjective`: f, its gradient and Hessian behind one cache, with call counters.

Every minimize method talks to the objective only through `value(x)`, `grad(x)`,
`value_and_grad(x)` and `hess(x)`, so the three ways of supplying a gradient are handled here,
once:
    jac callable   -> grad(x) = jac(x, *args)
    jac=True       -> fun returns (f, g); one call fills both caches
    jac=None       -> forward differences of f (scipy's '2-point' rule), n extra calls to f
The cache holds the last point, so a line search that asks for f and then g at the same point
costs one evaluation of each. nfev counts every call to fun (finite differences included),
njev calls to jac, nhev calls to hess, as scipy counts them.
"""

import numpy as np

from ._validate import check_callable
from .differentiate import difference_quotients, hessian, relative_steps


class ScalarObjective:
    def __init__(self, fun, args=(), jac=None, hess=None):
        check_callable(fun, "fun")
        if not (jac is None or jac is True or callable(jac)):
            raise ValueError(f"jac must be a callable, True or None, got {jac!r}")
        if hess is not None:
            check_callable(hess, "hess")
        self._fun, self._args, self._jac, self._hess = fun, tuple(args), jac, hess
        self.nfev = self.njev = self.nhev = 0
        self._x = self._f = self._g = None

    def _at(self, x):
        """Point the cache at x (clearing it if x moved)."""
        if self._x is None or not np.array_equal(x, self._x):
            self._x, self._f, self._g = x.copy(), None, None

    def _call_fun(self, x):
        self.nfev += 1
        out = self._fun(x, *self._args)
        if self._jac is True:
            if not (isinstance(out, tuple | list) and len(out) == 2):
                raise ValueError("with jac=True, fun must return a pair (f, gradient)")
            value, grad = out
            self._g = np.asarray(grad, dtype=float).reshape(x.shape)
            self.njev += 1
            out = value
        value = np.asarray(out, dtype=float)
        if value.size != 1:
            raise ValueError(f"fun must return a scalar, got shape {value.shape}")
        return float(value.reshape(()))

    def value(self, x):
        self._at(x)
        if self._f is None:
            self._f = self._call_fun(x)
        return self._f

    def grad(self, x):
        self._at(x)
        if self._g is None:
            if self._jac is True:
                self._f = self._call_fun(x)
            elif self._jac is None:
                f0 = self.value(x)
                counted = lambda point: self._call_fun(point)
                self._g = difference_quotients(counted, x, relative_steps(x, "2-point"), "2-point", f0)
            else:
                self.njev += 1
                self._g = np.asarray(self._jac(x, *self._args), dtype=float).reshape(x.shape)
        return self._g

    def value_and_grad(self, x):
        g = self.grad(x)
        return self.value(x), g

    def hess(self, x):
        """The Hessian (n, n): hess(x) if given, else finite differences of grad (or of f)."""
        if self._hess is not None:
            self.nhev += 1
            return np.asarray(self._hess(x, *self._args), dtype=float)
        if self._jac is None:
            counted = lambda point: self._call_fun(point)
            return hessian(counted, x)
        counted_grad = lambda point: self._fresh_grad(point)
        return hessian(lambda point: self.value(point), x, jac=counted_grad)

    def _fresh_grad(self, x):
        """grad at a point off the iterate path, without disturbing the cache."""
        saved = self._x, self._f, self._g
        self._x = None
        g = self.grad(x).copy()
        self._x, self._f, self._g = saved
        return g
