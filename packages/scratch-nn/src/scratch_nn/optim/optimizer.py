"""Optimizer: the base class of scratch_nn.optim (as torch.optim.Optimizer).

    optimizer = Adam(model.parameters(), lr=1e-3)
    optimizer = SGD([{"params": model.body.parameters()},                 # param groups: each
                     {"params": model.head.parameters(), "lr": 1e-2}],    # may override any
                    lr=1e-3, momentum=0.9)                                # default
    for x, y in batches:
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()

The math is not here. Each optimizer names a rule of scratch_optim.update_rules (torch's formulas
over lists of NumPy arrays); `step` builds that rule from each group's hyperparameters (so a
scheduler's or a user's change of group["lr"] takes effect at once), points it at the
per-parameter state and updates every `param.data` in place from `param.grad.data`. Parameters
without a gradient are skipped. float32 parameters stay float32: the rules update in place.

State: `optimizer.state[param]` is a dict of NumPy arrays (momentum buffers, moment estimates,
the step count). `state_dict()` uses torch's layout, parameters numbered in group order:

    {"state": {0: {"step": Tensor, "exp_avg": Tensor, ...}, 1: {...}},
     "param_groups": [{"lr": 0.001, ..., "params": [0, 1]}, ...]}

so a torch optimizer's state_dict loads here (values may be anything NumPy can read, torch
tensors included) and ours loads there once its Tensors are converted. torch's kernel switches
in a loaded group (foreach, fused, capturable, differentiable) are kept but mean nothing here.
"""

from collections import defaultdict

import numpy as np

from .._dtypes import get_default_dtype, is_floating
from ..grad_mode import enable_grad
from ..tensor import Tensor


class Optimizer:
    """Holds param_groups (dicts: "params" plus hyperparameters) and per-parameter state.

    Subclasses pass their `defaults` and implement `_update_rule(group)`, which returns a
    scratch_optim update rule configured from the group's hyperparameters (and thereby checks them).
    """

    def __init__(self, params, defaults):
        self.defaults = dict(defaults)
        self.state = defaultdict(dict)  # Parameter -> {name: np.ndarray}
        self.param_groups = []
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of Tensors or "
                            "dicts, but got a Tensor; wrap it in a list")
        if isinstance(params, (set, frozenset)):
            raise TypeError("optimizer parameters need to be organized in ordered collections (a set's "
                            "order changes between runs); use a list")
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    # ------------------------------------------------------------------ param groups
    def add_param_group(self, param_group):
        """Add a group {"params": iterable of Parameters, hyperparameter: value, ...}; missing
        hyperparameters take the optimizer's defaults. Extra keys are kept, as torch keeps them."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group).__name__}")
        if "params" not in param_group:
            raise ValueError("param_group must have a 'params' entry")
        group = dict(param_group)
        params = group["params"]
        if isinstance(params, (set, frozenset)):
            raise TypeError("optimizer parameters need to be organized in ordered collections; use a list")
        group["params"] = [params] if isinstance(params, Tensor) else list(params)
        for param in group["params"]:
            if not isinstance(param, Tensor):
                raise TypeError(f"optimizer can only optimize Tensors, but one of the params is "
                                f"{type(param).__name__}")
            if not is_floating(param.dtype):
                raise TypeError(f"optimizer can only optimize floating point Tensors, got dtype {param.dtype}")
            if not param.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        ids = [id(param) for param in group["params"]]
        if len(set(ids)) != len(ids):
            raise ValueError("optimizer contains a parameter group with duplicate parameters")
        taken = {id(param) for existing in self.param_groups for param in existing["params"]}
        if taken.intersection(ids):
            raise ValueError("some parameters appear in more than one parameter group")
        for name, default in self.defaults.items():
            group.setdefault(name, default)
        self._make_rule(group, len(self.param_groups))  # rejects bad hyperparameters now
        self.param_groups.append(group)

    def _make_rule(self, group, group_index):
        try:
            return self._update_rule(group)
        except (TypeError, ValueError) as error:
            raise type(error)(f"{type(self).__name__}, param_groups[{group_index}]: {error}") from None

    def _update_rule(self, group):
        raise NotImplementedError

    # ------------------------------------------------------------------ the update
    def zero_grad(self, set_to_none=True):
        """Reset every parameter's gradient: to None (the default, as torch) or to zeros."""
        for group in self.param_groups:
            for param in group["params"]:
                if param.grad is None:
                    continue
                if set_to_none:
                    param.grad = None
                else:
                    param.grad.grad_fn = None
                    param.grad.data = np.zeros_like(param.grad.data)

    def step(self, closure=None):
        """Update every parameter that has a gradient; returns closure() if given (it must
        recompute the loss and call backward, as torch's LBFGS-style closures do)."""
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        for group_index, group in enumerate(self.param_groups):
            rule = self._make_rule(group, group_index)
            negate = bool(group.get("maximize", False))
            for param_index, param in enumerate(group["params"]):
                if param.grad is None:
                    continue
                grad = -param.grad.data if negate else param.grad.data  # maximize: ascend
                # subtle: the rule keys state by list position; one parameter per call keeps the
                # state ours (keyed by the Parameter) and lets an error name the parameter.
                rule.state = {0: self.state[param]}
                try:
                    rule.step([param.data], [grad])
                except ValueError as error:
                    raise ValueError(f"{type(self).__name__}.step: param_groups[{group_index}]['params']"
                                     f"[{param_index}] of shape {param.shape}: {error}") from None
        return loss

    # ------------------------------------------------------------------ checkpoints
    def state_dict(self):
        """torch's layout: {"state": {index: {name: Tensor}}, "param_groups": [...]} (copies)."""
        index_of = {}
        packed_groups = []
        for group in self.param_groups:
            packed = {key: value for key, value in group.items() if key != "params"}
            packed["params"] = [index_of.setdefault(id(param), len(index_of)) for param in group["params"]]
            packed_groups.append(packed)
        packed_state = {}
        for param, per_param in self.state.items():
            if per_param and id(param) in index_of:
                packed_state[index_of[id(param)]] = {name: _export(name, value) for name, value in per_param.items()}
        return {"state": dict(sorted(packed_state.items())), "param_groups": packed_groups}

    def load_state_dict(self, state_dict):
        """Restore what state_dict() returned (ours or torch's): same number of groups and of
        parameters per group; state values are copied and cast to their parameter's dtype."""
        if not hasattr(state_dict, "keys") or set(state_dict.keys()) != {"state", "param_groups"}:
            raise ValueError("an optimizer state_dict must be a dict with exactly the keys 'state' and 'param_groups'")
        saved_groups = state_dict["param_groups"]
        if len(saved_groups) != len(self.param_groups):
            raise ValueError(f"loaded state dict has {len(saved_groups)} parameter groups, this optimizer "
                             f"has {len(self.param_groups)}")
        by_index = {}
        for group_index, (saved, group) in enumerate(zip(saved_groups, self.param_groups)):
            if len(saved["params"]) != len(group["params"]):
                raise ValueError(f"loaded param_groups[{group_index}] has {len(saved['params'])} parameters, "
                                 f"this optimizer's has {len(group['params'])}")
            by_index.update(zip((int(index) for index in saved["params"]), group["params"]))
        new_state = defaultdict(dict)
        for index, per_param in state_dict["state"].items():
            if int(index) not in by_index:
                raise ValueError(f"loaded state refers to parameter {index}, which no param_group lists")
            param = by_index[int(index)]
            new_state[param] = {name: _import(name, value, param) for name, value in per_param.items()
                                if value is not None}
        new_groups = []
        for group_index, (saved, group) in enumerate(zip(saved_groups, self.param_groups)):
            restored = {key: value for key, value in saved.items() if key != "params"}
            restored["params"] = group["params"]
            for name, default in self.defaults.items():
                restored.setdefault(name, default)
            if "betas" in restored:
                restored["betas"] = tuple(restored["betas"])
            self._make_rule(restored, group_index)
            new_groups.append(restored)
        self.state, self.param_groups = new_state, new_groups

    def __repr__(self):
        lines = [f"{type(self).__name__} ("]
        for index, group in enumerate(self.param_groups):
            lines.append(f"Parameter Group {index}")
            lines += [f"    {key}: {group[key]}" for key in sorted(group) if key != "params"]
        return "\n".join(lines) + "\n)"


def _export(name, value):
    """A state entry as a Tensor copy; the step count as a 0-d float tensor, as torch keeps it."""
    if name == "step":
        return Tensor(np.array(float(value), dtype=get_default_dtype()))
    return Tensor(np.array(value, copy=True))


def _import(name, value, param):
    """A loaded state entry as our rules hold it: the step count as a float64 0-d array, buffers
    as arrays of the parameter's dtype and shape."""
    array = value.data if isinstance(value, Tensor) else np.asarray(value)
    if name == "step":
        return np.array(float(array), dtype=np.float64)
    if array.shape != param.shape:
        raise ValueError(f"loaded state '{name}' has shape {array.shape} but its parameter has shape {param.shape}")
    return np.array(array, dtype=param.dtype, copy=True)
