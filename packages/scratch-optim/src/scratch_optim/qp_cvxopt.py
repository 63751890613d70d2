"""The optional adapter behind qp(..., solver="cvxopt"): the same problem handed to cvxopt.

cvxopt is imported lazily, only here, and only when asked for; it is the `cvxopt` extra of
scratch-optim. The result comes back with 1-D NumPy arrays like our solver's.
"""

import numpy as np


def solve_with_cvxopt(P, q, G, h, A, b, options):
    try:
        import cvxopt
        import cvxopt.solvers
    except ImportError as missing:
        raise ImportError(
            'qp(solver="cvxopt") needs cvxopt: pip install "scratch-optim[cvxopt]"'
        ) from missing
    matrix = lambda a: cvxopt.matrix(np.asarray(a, dtype=np.float64))
    arguments = [matrix(P), matrix(q.reshape(-1, 1))]
    arguments += [matrix(G), matrix(h.reshape(-1, 1))] if G.shape[0] else [None, None]
    arguments += [matrix(A), matrix(b.reshape(-1, 1))] if A.shape[0] else [None, None]
    cvxopt_options = {"show_progress": False, **options}
    result = dict(cvxopt.solvers.qp(*arguments, options=cvxopt_options))
    for key in ("x", "s", "y", "z"):
        if result.get(key) is not None:
            result[key] = np.array(result[key]).reshape(-1)
    return result
