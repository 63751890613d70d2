"""The one exception type of scratch-linalg.

`LinAlgError` subclasses numpy's, which itself subclasses `ValueError`, so code written for
numpy (`except np.linalg.LinAlgError`) keeps working when it swaps in scratch-linalg, and code
that catches `ValueError` catches both.
"""

import numpy as np


class LinAlgError(np.linalg.LinAlgError):
    """Raised for singular or non-positive-definite matrices, non-convergence, or bad shapes."""
