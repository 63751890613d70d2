"""Support vector machines (sklearn.svm): SVC and SVR over libsvm's dual, LinearSVC as liblinear.

- SVC: kernel classifier, one-vs-one; the dual by SMO (WSS3 working sets) or an interior-point QP.
- SVR: epsilon-insensitive kernel regression; the same dual solvers with 2n variables.
- LinearSVC: linear classifier, one-vs-rest; dual coordinate descent or primal subgradient.
"""

from ._linear_svc import LinearSVC
from ._svc import SVC
from ._svr import SVR

__all__ = ["SVC", "SVR", "LinearSVC"]
