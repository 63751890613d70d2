"""Reverse-mode automatic differentiation: the graph nodes, their order, and the backward pass.

Every differentiable op computes its output array and, beside it, a `backward` closure holding the
local derivative (see ops/). `record` wraps the output in a Tensor and, if any input requires
grad and grad mode is on, gives it a `grad_fn` Node = (name, inputs, backward). That is the graph.

`backward(root)` applies the chain rule from the root to the leaves:

    1. order the nodes so every tensor comes after the tensors it was computed from (an
       ITERATIVE depth-first post-order: a 10000-op chain needs no recursion),
    2. walk that order backwards, holding one pending gradient per tensor: the sum of
       dL/d(out) over all its uses, as the multivariable chain rule says,
    3. at each tensor call `grad_fn.backward(dL/d(out))`, which returns dL/d(input) for each
       input (already summed over broadcast axes), and add those into the inputs' pending sums,
    4. at the leaves add the result into `leaf.grad` (ACCUMULATE, as torch: call zero_grad).

Unless retain_graph=True, each node drops its closure (and the arrays it saved) once used, so a
second backward through it raises the RuntimeError torch raises.
"""

from .grad_mode import _mode
from .tensor import Tensor

_FREED_GRAPH_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward(). Specify retain_graph=True if you need to backward through the graph a second "
    "time."
)


class Node:
    """One recorded op: its name (torch's, e.g. "MulBackward0"), its input tensors and its closure.

    backward(grad_output) -> tuple with one gradient array (or None) per input.
    """

    __slots__ = ("_name", "inputs", "backward")

    def __init__(self, name, inputs, backward):
        self._name = name
        self.inputs = inputs
        self.backward = backward

    def name(self):
        return self._name

    def free(self):
        """Drop the closure and the inputs so their saved arrays can be garbage-collected."""
        self.backward = None
        self.inputs = ()

    def __repr__(self):
        return f"<{self._name} object at {id(self):#x}>"


def record(data, inputs, backward, name):
    """Wrap the op result `data` in a Tensor and attach a grad_fn if the op must be differentiated."""
    out = Tensor(data)
    if _mode.enabled:
        for tensor in inputs:
            if tensor._requires_grad:
                out._requires_grad = True
                out.grad_fn = Node(name, inputs, backward)
                break
    return out


def topological_order(root):
    """Non-leaf tensors reachable from `root`, each after all the tensors it was computed from.

    An explicit stack replaces recursion: (tensor, False) asks to visit its inputs first,
    (tensor, True) says they are done so the tensor can be emitted. Leaves are not listed.
    """
    order, visited = [], set()
    stack = [(root, False)]
    while stack:
        tensor, inputs_done = stack.pop()
        if inputs_done:
            order.append(tensor)
            continue
        if id(tensor) in visited:
            continue
        visited.add(id(tensor))
        node = tensor.grad_fn
        if node.backward is None:
            raise RuntimeError(_FREED_GRAPH_MESSAGE)
        stack.append((tensor, True))
        for parent in node.inputs:
            if parent.grad_fn is not None and parent._requires_grad and id(parent) not in visited:
                stack.append((parent, False))
    return order


def _accumulate_into_grad(tensor, gradient, shared_arrays):
    """tensor.grad += gradient, keeping every .grad array private to its tensor.

    `shared_arrays` holds the ids of arrays this pass may still read elsewhere: the caller's
    gradient and every array stored into a .grad as is (the same array can reach two tensors:
    a + b hands `grad` to both). Those are copied before storing and never updated in place.
    subtle: read-only broadcast views (from sum's backward) and other views are copied too.
    """
    if tensor.grad is None:
        if gradient.base is not None or not gradient.flags.writeable or id(gradient) in shared_arrays:
            gradient = gradient.copy()  # private now
        else:
            shared_arrays.add(id(gradient))
        tensor.grad = Tensor(gradient)
        return
    existing = tensor.grad.data
    if id(existing) in shared_arrays or not existing.flags.writeable or existing.shape != gradient.shape:
        tensor.grad.data = existing + gradient
    else:
        existing += gradient  # in place, as torch's AccumulateGrad


def backward(root, gradient, retain_graph=False):
    """Accumulate d(root)/d(leaf), weighted by `gradient` (an array shaped like root), into leaves."""
    shared_arrays = {id(gradient)}  # the caller's array: never stored without a copy
    if root.grad_fn is None:  # the root is itself a leaf
        _accumulate_into_grad(root, gradient, shared_arrays)
        return
    pending = {id(root): gradient}
    for tensor in reversed(topological_order(root)):
        grad_output = pending.pop(id(tensor), None)
        if grad_output is None:
            continue
        node = tensor.grad_fn
        if tensor._retains_grad:
            _accumulate_into_grad(tensor, grad_output, shared_arrays)
        input_grads = node.backward(grad_output)
        for tensor_in, grad_in in zip(node.inputs, input_grads):
            if grad_in is None or not tensor_in._requires_grad:
                continue
            if grad_in.dtype != tensor_in.data.dtype:  # an op promoted float32 -> float64
                grad_in = grad_in.astype(tensor_in.data.dtype)
            if tensor_in.grad_fn is None:
                _accumulate_into_grad(tensor_in, grad_in, shared_arrays)
            else:
                key = id(tensor_in)
                earlier = pending.get(key)
                # subtle: never `earlier += grad_in`: earlier may be an array another node still uses
                pending[key] = grad_in if earlier is None else earlier + grad_in
        if not retain_graph:
            node.free()
