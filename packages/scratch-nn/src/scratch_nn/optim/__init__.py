"""scratch_nn.optim: optimizers and learning-rate schedulers (as torch.optim).

The update formulas are scratch_optim.update_rules' (torch's, over NumPy arrays); this package
adds what torch.optim adds around them: parameters and param groups, zero_grad, closures,
state_dicts in torch's layout, and lr schedulers (scratch_optim.schedules' closed forms).
"""

from . import lr_scheduler
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["SGD", "Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop", "lr_scheduler"]
