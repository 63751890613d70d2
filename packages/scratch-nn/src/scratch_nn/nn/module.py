"""Module: the base class of every layer and model (as torch.nn.Module).

    class MLP(Module):
        def __init__(self):
            super().__init__()                  # must come first: it creates the registries
            self.hidden = Linear(4, 8)          # a Module attribute registers as a submodule
            self.scale = Parameter(ones(8))     # a Parameter attribute registers as a parameter
            self.register_buffer("steps", zeros(()))   # state that is saved but not learned
        def forward(self, x):
            return self.hidden(x) * self.scale

    model = MLP()
    model(x)                                    # __call__ runs forward
    [name for name, _ in model.named_parameters()]   # ['scale', 'hidden.weight', 'hidden.bias']

Registration happens in `__setattr__`, in assignment order, into three ordered dicts: _parameters,
_buffers and _modules. Every walk (named_parameters, state_dict, ...) visits a module's own
entries first, then each child in order with the child's name and a dot as prefix: torch's dotted
names, so a state_dict's keys are the same as those of the equivalent torch module.

state_dict() holds the parameters and the persistent buffers, as detached copies (a snapshot that
later training does not change); load_state_dict copies values into the existing arrays in place,
so optimizers holding the parameters keep working.
"""

from collections import OrderedDict, namedtuple

import numpy as np

from .._dtypes import is_floating
from ..grad_mode import no_grad
from ..tensor import Tensor
from .parameter import Parameter

IncompatibleKeys = namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])


class StateDictError(RuntimeError, ValueError):
    """load_state_dict found missing/unexpected keys or shape mismatches: a RuntimeError as torch
    raises, and a ValueError as bad input."""


def _add_indent(text, spaces):
    """Indent every line of `text` but the first (torch's _addindent, for nested reprs)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    return lines[0] + "\n" + "\n".join(" " * spaces + line for line in lines[1:])


def _check_name(name, kind):
    if not isinstance(name, str):
        raise TypeError(f"{kind} name should be a string, got {type(name).__name__}")
    if name == "" or "." in name:
        raise KeyError(f'{kind} name can\'t be empty or contain ".", got {name!r}')


class Module:
    """Base class: holds parameters, buffers and submodules, and walks them with dotted names."""

    training: bool

    def __init__(self):
        # subtle: object.__setattr__, since our __setattr__ needs these dicts to exist already
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent_buffers_set", set())
        object.__setattr__(self, "_modules", OrderedDict())

    def forward(self, *args, **kwargs):
        raise NotImplementedError(f'Module [{type(self).__name__}] is missing the required "forward" function')

    def __call__(self, *args, **kwargs):
        return self.forward(*args, **kwargs)

    # ------------------------------------------------------------------ registration
    def _registries(self):
        try:
            return self.__dict__["_parameters"], self.__dict__["_buffers"], self.__dict__["_modules"]
        except KeyError:
            raise AttributeError(f"cannot assign to {type(self).__name__} before Module.__init__() "
                                 f"call; call super().__init__() first") from None

    def __setattr__(self, name, value):
        if isinstance(value, Parameter):
            self._registries()
            self._forget(name)
            self.register_parameter(name, value)
        elif isinstance(value, Module):
            self._registries()
            self._forget(name)
            self._modules[name] = value
        elif "_parameters" in self.__dict__ and name in self._parameters:
            if value is not None:  # subtle: torch lets you set a parameter slot to None, nothing else
                raise TypeError(f"cannot assign '{type(value).__name__}' as parameter '{name}' "
                                f"(a Parameter or None expected)")
            self._parameters[name] = None
        elif "_modules" in self.__dict__ and name in self._modules:
            if value is not None:
                raise TypeError(f"cannot assign '{type(value).__name__}' as child module '{name}' "
                                f"(a Module or None expected)")
            self._modules[name] = None
        elif "_buffers" in self.__dict__ and name in self._buffers:
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(f"cannot assign '{type(value).__name__}' as buffer '{name}' "
                                f"(a Tensor or None expected)")
            self._buffers[name] = value
        else:
            object.__setattr__(self, name, value)

    def _forget(self, name):
        """Remove `name` from every registry and the instance dict (before registering it anew)."""
        self.__dict__.pop(name, None)
        for registry in (self._parameters, self._buffers, self._modules):
            registry.pop(name, None)
        self._non_persistent_buffers_set.discard(name)

    def __getattr__(self, name):  # only called when normal lookup fails
        registries = self.__dict__
        for registry in ("_parameters", "_buffers", "_modules"):
            if registry in registries and name in registries[registry]:
                return registries[registry][name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name):
        for registry in (self._parameters, self._buffers, self._modules):
            if name in registry:
                del registry[name]
                self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._parameters) | set(self._buffers) | set(self._modules))

    def register_parameter(self, name, param):
        """Add a Parameter (or None: a declared but absent parameter, like a bias=False slot)."""
        self._registries()
        _check_name(name, "parameter")
        if hasattr(self, name) and name not in self._parameters:
            raise KeyError(f"attribute '{name}' already exists")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(f"cannot assign '{type(param).__name__}' object to parameter '{name}' "
                            f"(scratch_nn.nn.Parameter or None required)")
        self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        """Add a buffer: state that is not learned (running statistics). `persistent=False` keeps
        it out of the state_dict."""
        self._registries()
        _check_name(name, "buffer")
        if hasattr(self, name) and name not in self._buffers:
            raise KeyError(f"attribute '{name}' already exists")
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(f"cannot assign '{type(tensor).__name__}' object to buffer '{name}' "
                            f"(scratch_nn.Tensor or None required)")
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name, module):
        """Add a child module (or None) under `name`."""
        self._registries()
        _check_name(name, "module")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{type(module).__name__} is not a Module subclass")
        self._modules[name] = module

    register_module = add_module

    def get_submodule(self, target):
        """The submodule at dotted path `target` ("" is self)."""
        module = self
        for part in target.split(".") if target else []:
            if part not in module._modules or module._modules[part] is None:
                raise AttributeError(f"{module._get_name()} has no submodule `{part}` (path {target!r})")
            module = module._modules[part]
        return module

    def get_parameter(self, target):
        """The parameter at dotted path `target`, e.g. "0.weight"."""
        module_path, _, name = target.rpartition(".")
        module = self.get_submodule(module_path)
        if name not in module._parameters:
            raise AttributeError(f"{module._get_name()} has no parameter `{name}` (path {target!r})")
        return module._parameters[name]

    # ------------------------------------------------------------------ walking the tree
    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        """(dotted name, module) for self and every descendant, depth first, each module once."""
        if memo is None:
            memo = set()
        if remove_duplicate:
            if id(self) in memo:
                return
            memo.add(id(self))
        yield prefix, self
        for name, module in self._modules.items():
            if module is None:
                continue
            yield from module.named_modules(memo, prefix + ("." if prefix else "") + name, remove_duplicate)

    def modules(self):
        for _, module in self.named_modules():
            yield module

    def named_children(self):
        """(name, child) for the direct children, each child once."""
        seen = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                yield name, module

    def children(self):
        for _, module in self.named_children():
            yield module

    def _named_members(self, members_of, prefix, recurse, remove_duplicate):
        """(dotted name, tensor) from each module's registry `members_of(module)`; shared tensors once."""
        seen = set()
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse else [(prefix, self)]
        for module_prefix, module in modules:
            for name, value in members_of(module):
                if value is None:
                    continue
                if remove_duplicate:
                    if id(value) in seen:
                        continue
                    seen.add(id(value))
                yield module_prefix + ("." if module_prefix else "") + name, value

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        """(dotted name, Parameter): own parameters first, then each child's, in registration order."""
        yield from self._named_members(lambda m: m._parameters.items(), prefix, recurse, remove_duplicate)

    def parameters(self, recurse=True):
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        yield from self._named_members(lambda m: m._buffers.items(), prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    # ------------------------------------------------------------------ state dict
    def _save_to_state_dict(self, destination, prefix, keep_vars):
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else Tensor(param.data.copy())
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = buffer if keep_vars else Tensor(buffer.data.copy())

    def state_dict(self, *, destination=None, prefix="", keep_vars=False):
        """Ordered {dotted name: Tensor} of parameters and persistent buffers, module by module
        (own parameters, own buffers, then children), as torch orders them. Values are detached
        copies unless keep_vars=True (then the Parameters and buffers themselves)."""
        if destination is None:
            destination = OrderedDict()
        self._save_to_state_dict(destination, prefix, keep_vars)
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + ".", keep_vars=keep_vars)
        return destination

    def _expected_state(self):
        """{dotted name: the Tensor that receives it} for every entry state_dict() would hold."""
        return self.state_dict(keep_vars=True)

    def load_state_dict(self, state_dict, strict=True, assign=False):
        """Copy values from `state_dict` into this module's parameters and persistent buffers.

        Values may be our Tensors, numpy arrays, or anything numpy can read (a torch tensor, for
        instance). Shape mismatches are always an error; with strict=True (the default) missing
        and unexpected keys are too, and one StateDictError lists every problem at once.
        Returns (missing_keys, unexpected_keys). assign=True replaces the arrays instead of
        copying into them (the new values keep their own dtype).
        """
        if not hasattr(state_dict, "items"):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict).__name__}.")
        expected = self._expected_state()
        missing = [key for key in expected if key not in state_dict]
        unexpected = [key for key in state_dict if key not in expected]
        errors, updates = [], []
        for key, target in expected.items():
            if key not in state_dict:
                continue
            value = state_dict[key]
            array = value.data if isinstance(value, Tensor) else np.asarray(value)
            if array.shape != target.shape:
                errors.append(f"size mismatch for {key}: copying a param with shape {array.shape} from "
                              f"checkpoint, the shape in current model is {target.shape}.")
                continue
            updates.append((target, array))
        if strict:
            if unexpected:
                errors.insert(0, "Unexpected key(s) in state_dict: " + ", ".join(f'"{k}"' for k in unexpected) + ". ")
            if missing:
                errors.insert(0, "Missing key(s) in state_dict: " + ", ".join(f'"{k}"' for k in missing) + ". ")
        if errors:
            raise StateDictError(f"Error(s) in loading state_dict for {self._get_name()}:\n\t" + "\n\t".join(errors))
        with no_grad():
            for target, array in updates:
                if assign:
                    target.data = np.array(array, copy=True)
                else:
                    np.copyto(target.data, array, casting="unsafe")
        return IncompatibleKeys(missing, unexpected)

    # ------------------------------------------------------------------ modes and bulk updates
    def train(self, mode=True):
        """Set training mode (dropout active, batch norm uses batch statistics) here and below."""
        if not isinstance(mode, bool):
            raise ValueError(f"training mode is expected to be boolean, got {mode!r}")
        for module in self.modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self):
        """Evaluation mode: train(False)."""
        return self.train(False)

    def apply(self, fn):
        """Call fn(module) on every child (recursively, children first) and then on self; returns self."""
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    def zero_grad(self, set_to_none=True):
        """Reset the gradients of all parameters: to None (default) or to zeros."""
        for param in self.parameters():
            if param.grad is None:
                continue
            if set_to_none:
                param.grad = None
            else:
                param.grad.grad_fn = None
                param.grad.data = np.zeros_like(param.grad.data)

    def requires_grad_(self, requires_grad=True):
        """Turn gradient tracking of every parameter on or off (freezing); returns self."""
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def _apply_to_arrays(self, convert):
        """Replace every parameter's and buffer's array by convert(array), keeping the objects."""
        for module in self.modules():
            for tensor in list(module._parameters.values()) + list(module._buffers.values()):
                if tensor is not None:
                    tensor.data = convert(tensor.data)
                    if tensor.grad is not None:
                        tensor.grad.data = convert(tensor.grad.data)
        return self

    def to(self, dtype=None, device=None):
        """Cast floating parameters and buffers to `dtype` in place; only device "cpu" exists."""
        if isinstance(dtype, str) and dtype.split(":")[0] in ("cpu", "cuda", "mps"):
            dtype, device = None, dtype
        if device is not None and str(device) != "cpu":
            raise ValueError(f"scratch_nn runs on the CPU only; got device {device!r}")
        if dtype is None:
            return self
        dtype = np.dtype(dtype)
        if not is_floating(dtype):
            raise TypeError(f"nn.Module.to only accepts floating point dtypes, but got desired dtype={dtype}")
        return self._apply_to_arrays(lambda a: a.astype(dtype, copy=False) if is_floating(a.dtype) else a)

    def float(self):
        return self.to(np.float32)

    def double(self):
        return self.to(np.float64)

    def cpu(self):
        return self

    # ------------------------------------------------------------------ printing
    def _get_name(self):
        return type(self).__name__

    def extra_repr(self):
        """The text inside this module's parentheses (layers override it: "in_features=4, ...")."""
        return ""

    def __repr__(self):
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = [f"({name}): " + _add_indent(repr(module), 2) for name, module in self._modules.items()]
        lines = extra_lines + child_lines
        body = ""
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                body = extra_lines[0]
            else:
                body = "\n  " + "\n  ".join(lines) + "\n"
        return f"{self._get_name()}({body})"


# subtle: the containers subclass Module, so they are imported once Module exists.
from .containers import ModuleDict, ModuleList, Sequential  # noqa: E402

__all__ = ["IncompatibleKeys", "Module", "ModuleDict", "ModuleList", "Sequential", "StateDictError"]
