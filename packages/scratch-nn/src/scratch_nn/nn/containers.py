"""Containers: Sequential (a pipeline), ModuleList and ModuleDict (registered collections).

    net = Sequential(Linear(4, 8), ReLU(), Linear(8, 2))   # children named "0", "1", "2"
    net(x) == net[2](net[1](net[0](x)))
    blocks = ModuleList([Linear(8, 8) for _ in range(3)])  # parameters "0.weight", "1.weight", ...
    heads = ModuleDict({"cls": Linear(8, 2)})               # parameters "cls.weight", ...

A plain Python list of layers would hide them from parameters() and state_dict(); these hold
their members in `_modules`, so the names are torch's ("0.weight", "blocks.1.bias").
"""

import operator
from collections import OrderedDict

from .module import Module, _add_indent


def _index(index, length, kind):
    """A non-negative position for an int index in [-length, length)."""
    index = operator.index(index)
    if not -length <= index < length:
        raise IndexError(f"index {index} is out of range for a {kind} of length {length}")
    return index % length


class _IndexedModules(Module):
    """Shared behaviour of Sequential and ModuleList: children keyed "0", "1", ... in order."""

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def __getitem__(self, index):
        if isinstance(index, slice):
            return type(self)._from_modules(list(self._modules.values())[index])
        return list(self._modules.values())[_index(index, len(self), self._get_name())]

    def __setitem__(self, index, module):
        position = _index(index, len(self), self._get_name())
        self.add_module(str(position), module)

    def __delitem__(self, index):
        modules = list(self._modules.values())
        if isinstance(index, slice):
            del modules[index]
        else:
            del modules[_index(index, len(self), self._get_name())]
        self._renumber(modules)

    def _renumber(self, modules):
        """Re-register `modules` as "0", "1", ... (after a deletion or insertion)."""
        self._modules.clear()
        for position, module in enumerate(modules):
            self.add_module(str(position), module)

    def append(self, module):
        """Add `module` at the end; returns self."""
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules):
        for module in modules:
            self.append(module)
        return self

    def insert(self, index, module):
        """Insert `module` before position `index`."""
        modules = list(self._modules.values())
        modules.insert(index, module)
        self._renumber(modules)

    def __dir__(self):
        return [name for name in super().__dir__() if not name.isdigit()]


class Sequential(_IndexedModules):
    """Runs its modules in order, each on the previous one's output.

    Sequential(m0, m1, ...) names them "0", "1", ...; Sequential(OrderedDict(name=m)) keeps names.
    """

    def __init__(self, *modules):
        super().__init__()
        if len(modules) == 1 and isinstance(modules[0], OrderedDict):
            for name, module in modules[0].items():
                self.add_module(name, module)
        else:
            for position, module in enumerate(modules):
                self.add_module(str(position), module)

    @classmethod
    def _from_modules(cls, modules):
        return cls(*modules)

    def __getitem__(self, index):
        if isinstance(index, slice):  # subtle: a slice keeps the original names, as torch
            return Sequential(OrderedDict(list(self._modules.items())[index]))
        return super().__getitem__(index)

    def forward(self, input):  # noqa: A002 - torch's argument name
        for module in self._modules.values():
            input = module(input)
        return input


class ModuleList(_IndexedModules):
    """A list of modules whose parameters are registered ("0.weight", "1.weight", ...).

    It has no forward: the owner decides how to call its members.
    """

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.extend(modules)

    @classmethod
    def _from_modules(cls, modules):
        return cls(modules)

    def __iadd__(self, modules):
        return self.extend(modules)

    def __add__(self, other):
        return ModuleList(list(self) + list(other))

    def __repr__(self):
        """Like torch: runs of identical members are folded, "(0-2): 3 x Linear(...)"."""
        reprs = [repr(module) for module in self]
        if not reprs:
            return self._get_name() + "()"
        blocks = []  # [first index, last index, repr]
        for position, text in enumerate(reprs):
            if blocks and blocks[-1][2] == text:
                blocks[-1][1] = position
            else:
                blocks.append([position, position, text])
        lines = []
        for first, last, text in blocks:
            label = f"({first}): {text}" if first == last else f"({first}-{last}): {last - first + 1} x {text}"
            lines.append(_add_indent(label, 2))
        return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"


class ModuleDict(Module):
    """An ordered dict of modules whose parameters are registered under their keys."""

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key):
        return self._modules[key]

    def __setitem__(self, key, module):
        self.add_module(key, module)

    def __delitem__(self, key):
        del self._modules[key]

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules)

    def __contains__(self, key):
        return key in self._modules

    def keys(self):
        return self._modules.keys()

    def items(self):
        return self._modules.items()

    def values(self):
        return self._modules.values()

    def pop(self, key):
        module = self[key]
        del self[key]
        return module

    def clear(self):
        self._modules.clear()

    def update(self, modules):
        """Add (key, module) pairs from a mapping or an iterable of pairs."""
        pairs = modules.items() if hasattr(modules, "items") else modules
        for pair in pairs:
            if len(pair) != 2:
                raise ValueError(f"ModuleDict update sequence element has length {len(pair)}; 2 is required")
            self[pair[0]] = pair[1]
