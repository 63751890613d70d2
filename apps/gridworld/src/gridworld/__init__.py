"""A pygame grid-world game: play a level, watch an agent learn it, export the learned policy as a GIF."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # an app prints its own output
