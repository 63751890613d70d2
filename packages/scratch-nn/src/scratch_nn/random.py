"""Random number generation: a torch-like `Generator` over numpy's PCG64, and the default one.

    g = scratch_nn.Generator().manual_seed(0)     # an independent stream
    scratch_nn.randn(3, generator=g)
    scratch_nn.manual_seed(0)                     # reseeds the default generator (used when
    scratch_nn.rand(3)                            #   no generator= is passed)

Seeds give reproducible streams, but not torch's numbers: torch uses a Mersenne Twister with its
own transforms, so the same seed draws different values here (tests compare distributions).
Like torch, the default generator starts from a fixed seed, so a fresh process is reproducible.
"""

import numbers

import numpy as np

DEFAULT_SEED = 67280421310721  # torch.initial_seed() in a fresh process


class Generator:
    """A seedable random stream; `.numpy` is the underlying np.random.Generator."""

    def __init__(self, device="cpu"):
        if str(device) != "cpu":
            raise ValueError(f"scratch_nn runs on the CPU only; got device {device!r}")
        self.manual_seed(DEFAULT_SEED)

    def manual_seed(self, seed):
        """Restart the stream from `seed` (a non-negative int); returns self."""
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
            raise TypeError(f"seed must be an int, got {type(seed).__name__}")
        if seed < 0:
            raise ValueError(f"seed must be non-negative, got {seed}")
        self._initial_seed = int(seed)
        self.numpy = np.random.default_rng(self._initial_seed)
        return self

    def seed(self):
        """Reseed from the operating system's entropy; returns the new seed."""
        seed = int(np.random.SeedSequence().entropy % (2**63))
        self.manual_seed(seed)
        return seed

    def initial_seed(self):
        return self._initial_seed

    def __repr__(self):
        return f"<scratch_nn.Generator seeded with {self._initial_seed}>"


default_generator = Generator()


def manual_seed(seed):
    """Seed the default generator; returns it (as torch.manual_seed)."""
    return default_generator.manual_seed(seed)


def seed():
    """Reseed the default generator from the operating system; returns the seed."""
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def numpy_generator(generator=None):
    """The np.random.Generator behind `generator` (a Generator, a numpy Generator or None = default)."""
    if generator is None:
        return default_generator.numpy
    if isinstance(generator, Generator):
        return generator.numpy
    if isinstance(generator, np.random.Generator):
        return generator
    raise TypeError(f"generator must be a scratch_nn.Generator (or numpy Generator), got {type(generator).__name__}")
