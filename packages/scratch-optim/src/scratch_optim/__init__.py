"""scratch-optim: optimization and numerical routines from scratch over NumPy.

The counterpart of the essentials of scipy.optimize (minimize, root_scalar, root), scipy.special,
scipy.stats (norm, multivariate_normal), a cvxopt-style QP, proximal methods for L1 problems,
and the stochastic update rules (SGD, Adam, ...) that scratch-nn's optimizers wrap.
Linear algebra comes from scratch-linalg.
"""

from types import ModuleType as _ModuleType

# -- minimize, line searches, root finding, numerical differentiation --
from ._random import check_random_state
from ._result import OptimizeResult, RootResults
from .differentiate import approx_fprime, check_grad, gradient, hessian, jacobian
from .line_search import line_search, line_search_armijo
from .minimize import minimize
from .root import root
from .root_scalar import root_scalar
# -- special functions, stats, QP, proximal methods, update rules, schedules --
from . import special, stats
from .proximal import (fista, ista, lasso_coordinate_descent, lasso_fista, lasso_ista,
                       soft_threshold)
from .qp import qp
from .schedules import (ScheduledLR, cosine_annealing_lr, exponential_lr, linear_lr, multistep_lr,
                        noam_lr, step_lr)
from .update_rules import SGD, Adagrad, Adam, AdamW, RMSprop, UpdateRule

__all__ = [
    name
    for name, value in globals().items()
    if not name.startswith("_") and not isinstance(value, _ModuleType)
]
