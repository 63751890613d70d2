"""Exploration schedules: epsilon as a function of a step (or episode) count t = 0, 1, 2, ...

    ConstantSchedule(e)                    e
    LinearSchedule(start, end, duration)   start + (end - start) min(t, duration) / duration
    ExponentialSchedule(start, end, rate)  max(end, start * rate^t)

The decays reuse scratch-optim's learning-rate schedules (`linear_lr`, `exponential_lr`): an
epsilon schedule is the same curve with epsilon in place of the learning rate.
"""

from scratch_optim import exponential_lr, linear_lr


def _check_probability(name, value):
    if not 0 <= value <= 1:
        raise ValueError(f"{name} must be a probability in [0, 1], got {value!r}")
    return float(value)


class ConstantSchedule:
    def __init__(self, value):
        self.value = _check_probability("epsilon", value)

    def __call__(self, t):
        return self.value

    def __repr__(self):
        return f"ConstantSchedule({self.value})"


class LinearSchedule:
    """From `start` to `end` in `duration` steps, then flat.

    >>> LinearSchedule(1.0, 0.1, 10)(5)
    0.55
    """

    def __init__(self, start, end, duration):
        self.start, self.end = _check_probability("start", start), _check_probability("end", end)
        if self.end > self.start:
            raise ValueError(f"a decay needs end <= start, got start={start!r}, end={end!r}")
        if int(duration) != duration or duration < 1:
            raise ValueError(f"duration must be a positive integer, got {duration!r}")
        self.duration = int(duration)

    def __call__(self, t):
        if self.start == 0:
            return 0.0
        return linear_lr(self.start, t, start_factor=1.0, end_factor=self.end / self.start,
                         total_iters=self.duration)

    def __repr__(self):
        return f"LinearSchedule({self.start}, {self.end}, {self.duration})"


class ExponentialSchedule:
    """`start * rate^t`, never below `end`."""

    def __init__(self, start, end, rate):
        self.start, self.end = _check_probability("start", start), _check_probability("end", end)
        if not 0 < rate <= 1:
            raise ValueError(f"rate must be in (0, 1], got {rate!r}")
        self.rate = float(rate)

    def __call__(self, t):
        return max(self.end, exponential_lr(self.start, t, self.rate))

    def __repr__(self):
        return f"ExponentialSchedule({self.start}, {self.end}, {self.rate})"


def as_schedule(epsilon):
    """A number becomes a ConstantSchedule; a callable is used as it is."""
    if callable(epsilon):
        return epsilon
    return ConstantSchedule(epsilon)
