"""scratch-optim: optimization and numerical routines from scratch over NumPy.

The counterpart of the essentials of scipy.optimize (minimize, root_scalar, root), scipy.special,
scipy.stats (norm, multivariate_normal), a cvxopt-style QP, proximal methods for L1 problems,
and the stochastic update rules (SGD, Adam, ...) that scratch-nn's optimizers wrap.
Linear algebra comes from scratch-linalg.
"""

from types import ModuleType as _ModuleType

# -- minimize, line searches, root finding, numerical differentiation --
# -- special functions, stats, QP, proximal methods, update rules, schedules --

__all__ = [
    name
    for name, value in globals().items()
    if not name.startswith("_") and not isinstance(value, _ModuleType)
]
