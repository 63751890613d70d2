"""Loss functions of tensors (torch.nn.functional names and signatures).

Each is one fused op with its own backward (see ops/regression_loss.py, classification_loss.py,
binary_loss.py for the formulas). reduction is 'none', 'mean' (the default) or 'sum'; torch's
deprecated size_average/reduce arguments are not accepted.
"""

from ...ops.binary_loss import binary_cross_entropy, binary_cross_entropy_with_logits
from ...ops.classification_loss import cross_entropy, nll_loss
from ...ops.regression_loss import huber_loss, l1_loss, mse_loss

__all__ = ["binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy", "huber_loss",
           "l1_loss", "mse_loss", "nll_loss"]
