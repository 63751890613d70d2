"""scratch_nn.nn: building blocks of neural networks (as torch.nn).

For now: `Parameter` and the `functional` namespace; Modules, layers and losses build on them.
"""

from . import functional
from .parameter import Parameter

__all__ = ["Parameter", "functional"]
