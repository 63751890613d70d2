"""Layers as Modules (torch.nn's classes), one family per file (linear.py, conv.py, pooling.py,
batchnorm.py, normalization.py, rnn.py, transformer.py, loss.py, ...), named as torch names them.

They are exported from scratch_nn.nn; this package itself re-exports nothing, so each family's file
can be read alone. Each layer holds its Parameters, sets torch's default initialization in
`reset_parameters`, and calls its function from scratch_nn.nn.functional in `forward`.
"""
