"""Learning-rate schedulers (as torch.optim.lr_scheduler): each sets every param group's "lr".

    scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
    for epoch in range(100):
        train_one_epoch(model, optimizer)     # optimizer.step() inside
        scheduler.step()                      # then the lr for the next epoch

A scheduler counts epochs in `last_epoch` (0 right after construction, which already sets the
epoch-0 lr) and sets lr_t = schedule(base_lr, t), base_lr being each group's "initial_lr" (its lr
when the first scheduler was attached). The schedules are scratch_optim.schedules' closed forms:

    StepLR             base_lr gamma^floor(t / step_size)
    MultiStepLR        base_lr gamma^(number of milestones <= t)
    ExponentialLR      base_lr gamma^t
    CosineAnnealingLR  eta_min + (base_lr - eta_min) (1 + cos(pi t / T_max)) / 2
    LinearLR           base_lr (start + (end - start) min(t, total_iters) / total_iters)
    LambdaLR           base_lr lr_lambda(t)
    SequentialLR       one scheduler after another, each restarted at t = 0 at its milestone

subtle: torch computes most of these recursively (lr_t from the group's current lr), which equals
the closed form up to rounding as long as nothing else changes the lr; ours always uses the
closed form, so two schedulers stepping the same optimizer do not compound (torch's would).
"""

from bisect import bisect_right
from types import FunctionType

from scratch_optim import schedules

from .optimizer import Optimizer

# torch's bookkeeping flags in its schedulers' state_dicts; meaningless here, ignored on load.
_TORCH_FLAGS = ("_get_lr_called_within_step", "_is_initial")


class LRScheduler:
    """Base class: base_lrs, last_epoch, step(), get_last_lr(), state_dict().

    A subclass stores its hyperparameters and implements `_closed_form(base_lr, epoch)`.
    """

    def __init__(self, optimizer, last_epoch=-1):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{type(optimizer).__name__} is not an Optimizer")
        if isinstance(last_epoch, bool) or not isinstance(last_epoch, int) or last_epoch < -1:
            raise ValueError(f"last_epoch must be an int >= -1, got {last_epoch!r}")
        self.optimizer = optimizer
        for index, group in enumerate(optimizer.param_groups):
            if last_epoch == -1:
                group.setdefault("initial_lr", group["lr"])
            elif "initial_lr" not in group:
                raise ValueError(f"param_groups[{index}] has no 'initial_lr': resuming with last_epoch="
                                 f"{last_epoch} needs the optimizer's state_dict loaded first")
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        self.last_epoch = last_epoch
        self._step_count = 0
        self.step()  # the lr of epoch last_epoch + 1 (0 for a fresh scheduler)

    def _closed_form(self, base_lr, epoch):
        raise NotImplementedError

    def get_lr(self):
        """The learning rates of epoch `last_epoch`, one per param group."""
        return [self._closed_form(base_lr, self.last_epoch) for base_lr in self.base_lrs]

    def step(self):
        """Advance one epoch and set each group's lr."""
        self._step_count += 1
        self._set_epoch(self.last_epoch + 1)

    def _set_epoch(self, epoch):
        self.last_epoch = epoch
        for group, lr in zip(self.optimizer.param_groups, self.get_lr(), strict=True):
            group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]

    def get_last_lr(self):
        """The learning rates the last step() set, one per param group."""
        return list(self._last_lr)

    def state_dict(self):
        """Every attribute but the optimizer (torch's layout: base_lrs, last_epoch, ...)."""
        return {key: value for key, value in self.__dict__.items() if key != "optimizer"}

    def load_state_dict(self, state_dict):
        """Restore state_dict() (ours or torch's); unknown keys are an error."""
        known = set(self.state_dict())
        unknown = [key for key in state_dict if key not in known and key not in _TORCH_FLAGS]
        if unknown:
            raise ValueError(f"{type(self).__name__}.load_state_dict: unknown keys {unknown}; "
                             f"expected {sorted(known)}")
        self.__dict__.update({key: value for key, value in state_dict.items() if key in known})


class StepLR(LRScheduler):
    """Multiply the lr by gamma every step_size epochs."""

    def __init__(self, optimizer, step_size, gamma=0.1, last_epoch=-1):
        self.step_size, self.gamma = step_size, gamma
        super().__init__(optimizer, last_epoch)

    def _closed_form(self, base_lr, epoch):
        return schedules.step_lr(base_lr, epoch, self.step_size, self.gamma)


class MultiStepLR(LRScheduler):
    """Multiply the lr by gamma at each milestone epoch (a repeated milestone counts twice)."""

    def __init__(self, optimizer, milestones, gamma=0.1, last_epoch=-1):
        self.milestones = sorted(milestones)
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def _closed_form(self, base_lr, epoch):
        return schedules.multistep_lr(base_lr, epoch, self.milestones, self.gamma)

    def load_state_dict(self, state_dict):
        state_dict = dict(state_dict)
        if "milestones" in state_dict:  # torch keeps a Counter {milestone: multiplicity}
            milestones = state_dict["milestones"]
            state_dict["milestones"] = sorted(milestones.elements() if hasattr(milestones, "elements")
                                              else milestones)
        super().load_state_dict(state_dict)


class ExponentialLR(LRScheduler):
    """Multiply the lr by gamma every epoch."""

    def __init__(self, optimizer, gamma, last_epoch=-1):
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def _closed_form(self, base_lr, epoch):
        return schedules.exponential_lr(base_lr, epoch, self.gamma)


class CosineAnnealingLR(LRScheduler):
    """Half a cosine from base_lr down to eta_min over T_max epochs (rising again after)."""

    def __init__(self, optimizer, T_max, eta_min=0.0, last_epoch=-1):
        self.T_max, self.eta_min = T_max, eta_min
        super().__init__(optimizer, last_epoch)

    def _closed_form(self, base_lr, epoch):
        return schedules.cosine_annealing_lr(base_lr, epoch, self.T_max, self.eta_min)


class LinearLR(LRScheduler):
    """Scale the lr linearly from start_factor to end_factor over total_iters epochs (warmup)."""

    def __init__(self, optimizer, start_factor=1.0 / 3, end_factor=1.0, total_iters=5, last_epoch=-1):
        self.start_factor, self.end_factor, self.total_iters = start_factor, end_factor, total_iters
        super().__init__(optimizer, last_epoch)

    def _closed_form(self, base_lr, epoch):
        return schedules.linear_lr(base_lr, epoch, self.start_factor, self.end_factor, self.total_iters)


class LambdaLR(LRScheduler):
    """lr = base_lr * lr_lambda(epoch); one function, or a list with one per param group."""

    def __init__(self, optimizer, lr_lambda, last_epoch=-1):
        groups = optimizer.param_groups if isinstance(optimizer, Optimizer) else []
        if isinstance(lr_lambda, (list, tuple)):
            if len(lr_lambda) != len(groups):
                raise ValueError(f"Expected {len(groups)} lr_lambdas, but got {len(lr_lambda)}")
            self.lr_lambdas = list(lr_lambda)
        else:
            self.lr_lambdas = [lr_lambda] * len(groups)
        for function in self.lr_lambdas:
            if not callable(function):
                raise TypeError(f"lr_lambda must be callable, got {type(function).__name__}")
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        return [base_lr * function(self.last_epoch) for function, base_lr in zip(self.lr_lambdas, self.base_lrs)]

    def state_dict(self):
        """As torch: the functions themselves are not saved (only callable objects' attributes)."""
        state = {key: value for key, value in self.__dict__.items() if key not in ("optimizer", "lr_lambdas")}
        state["lr_lambdas"] = [None if isinstance(function, FunctionType) else dict(vars(function))
                               for function in self.lr_lambdas]
        return state

    def load_state_dict(self, state_dict):
        state_dict = dict(state_dict)
        saved_lambdas = state_dict.pop("lr_lambdas", [None] * len(self.lr_lambdas))
        super().load_state_dict(state_dict)
        for function, attributes in zip(self.lr_lambdas, saved_lambdas):
            if attributes is not None:
                vars(function).update(attributes)


class SequentialLR(LRScheduler):
    """Run schedulers[0] until milestones[0], then schedulers[1] from its epoch 0, and so on."""

    def __init__(self, optimizer, schedulers, milestones, last_epoch=-1):
        if not schedulers:
            raise ValueError("SequentialLR expects at least one scheduler, but got no scheduler")
        for index, scheduler in enumerate(schedulers):
            if not isinstance(scheduler, LRScheduler) or isinstance(scheduler, SequentialLR):
                raise TypeError(f"SequentialLR: schedulers[{index}] must be an LRScheduler, "
                                f"got {type(scheduler).__name__}")
            if scheduler.optimizer is not optimizer:
                raise ValueError(f"SequentialLR expects all schedulers to belong to the same optimizer, but "
                                 f"schedulers[{index}] ({type(scheduler).__name__}) has another one")
        if len(milestones) != len(schedulers) - 1:
            raise ValueError(f"SequentialLR expects one milestone fewer than schedulers, got "
                             f"{len(schedulers)} schedulers and {len(milestones)} milestones")
        if list(milestones) != sorted(milestones):
            raise ValueError(f"SequentialLR: milestones must be increasing, got {list(milestones)}")
        self.optimizer = optimizer
        self._schedulers = list(schedulers)
        self._milestones = list(milestones)
        self.last_epoch = last_epoch + 1
        for group in optimizer.param_groups:  # undo what constructing the schedulers did
            group["lr"] = group["initial_lr"]
        for scheduler in self._schedulers:
            scheduler.last_epoch -= 1
        first = self._schedulers[bisect_right(self._milestones, 0)]
        first._step_count = 0
        first.step()  # only the scheduler of epoch 0 sets its lr now
        self._last_lr = first.get_last_lr()

    def step(self):
        self.last_epoch += 1
        index = bisect_right(self._milestones, self.last_epoch)
        scheduler = self._schedulers[index]
        if index > 0 and self._milestones[index - 1] == self.last_epoch:
            scheduler._set_epoch(0)  # a new phase starts from its own epoch 0
        else:
            scheduler.step()
        self._last_lr = scheduler.get_last_lr()

    def state_dict(self):
        state = {key: value for key, value in self.__dict__.items() if key not in ("optimizer", "_schedulers")}
        state["_schedulers"] = [scheduler.state_dict() for scheduler in self._schedulers]
        return state

    def load_state_dict(self, state_dict):
        state_dict = dict(state_dict)
        saved_schedulers = state_dict.pop("_schedulers")
        if len(saved_schedulers) != len(self._schedulers):
            raise ValueError(f"SequentialLR.load_state_dict: {len(saved_schedulers)} saved schedulers, "
                             f"this one has {len(self._schedulers)}")
        known = {"last_epoch", "_milestones", "_last_lr"}
        unknown = [key for key in state_dict if key not in known and key not in _TORCH_FLAGS]
        if unknown:
            raise ValueError(f"SequentialLR.load_state_dict: unknown keys {unknown}")
        self.__dict__.update({key: value for key, value in state_dict.items() if key in known})
        for scheduler, saved in zip(self._schedulers, saved_schedulers):
            scheduler.load_state_dict(saved)
