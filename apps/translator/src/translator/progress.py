"""A one-line progress bar for the terminal (no dependencies): redrawn in place with '\\r'.

    bar = ProgressBar(total=1200, label="epoch 1")
    bar.update(done=10, loss=3.21)      # [###.......]  10/1200  1% loss 3.210  2.1 it/s  eta 9:26
    bar.close()
"""

import sys
import time


def format_duration(seconds):
    """3725 -> '1:02:05', 65 -> '1:05'."""
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ProgressBar:
    def __init__(self, total, label="", width=24, stream=None, min_interval=0.2):
        self.total, self.label, self.width = max(1, total), label, width
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self.min_interval, self.last_draw = min_interval, 0.0
        self.done = 0

    def update(self, done, **values):
        self.done = done
        now = time.perf_counter()
        if now - self.last_draw < self.min_interval and done < self.total:
            return
        self.last_draw = now
        fraction = min(1.0, done / self.total)
        filled = int(self.width * fraction)
        rate = done / max(now - self.started, 1e-9)
        eta = (self.total - done) / rate if rate > 0 else 0.0
        extras = " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in values.items())
        line = (f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} "
                f"{fraction:4.0%} {extras} {rate:.2f} it/s eta {format_duration(eta)}")
        self.stream.write(line)
        self.stream.flush()

    def close(self):
        self.stream.write("\n")
        self.stream.flush()
