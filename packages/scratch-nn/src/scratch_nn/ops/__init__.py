"""The differentiable operations, one family per module; each op's backward sits beside it.

arithmetic (+ - * / ** neg), matmul (matmul, linear), elementwise (exp, log, sqrt, abs, clamp,
maximum, minimum, where, masked_fill, cast), reduction (sum, mean, var, std, logsumexp), extrema
(max, min, argmax, argmin), shape (reshape, transpose, permute, flatten, squeeze, expand, ...),
indexing (x[key]), joining (cat, stack, split, chunk), comparison (== < ~ & ...), activation
(tanh, sigmoid, relu, leaky_relu, gelu, softmax, log_softmax), dropout, inplace (zero_, add_, ...).
Shared helpers: _operands (scalars, dtype promotion, unbroadcast) and _dims (dim arguments).
"""
