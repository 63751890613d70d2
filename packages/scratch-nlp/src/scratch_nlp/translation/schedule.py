"""The translation trainer's choice of learning-rate schedule, by name (the curves: ../schedules.py).

    make_schedule("noam", 400)          -> Noam(400): linear warmup to 1, then 1 / sqrt(step)
    make_schedule("cosine", 400, 9000)  -> warmup to 1, then a half cosine to 0 at the last step
"""

from ..schedules import Noam, warmup_cosine_factor


def make_schedule(name, warmup_steps, total_steps=None):
    """'noam' or 'cosine' (which needs total_steps) -> the multiplier function."""
    if name == "noam":
        return Noam(warmup_steps)
    if name == "cosine":
        if total_steps is None:
            raise ValueError("the cosine schedule needs total_steps")
        return warmup_cosine_factor(warmup_steps, total_steps)
    raise ValueError(f"unknown schedule {name!r}; expected 'noam' or 'cosine'")
