"""A one-line live progress bar: iteration, loss, learning rate, speed, time left.

    iter  740/2000 [########----------------] loss 1.9312 lr 8.1e-04  14.2 it/s ETA 89s

It redraws in place at most every `min_interval` seconds and only when the stream is a terminal
(in logs and tests it stays silent; the eval lines the CLI prints are what gets recorded).
"""

import sys
import time


class ProgressBar:
    def __init__(self, total, start=0, stream=None, width=24, min_interval=0.1):
        self.total, self.start, self.width, self.min_interval = total, start, width, min_interval
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self.last_draw = 0.0
        self.drawn = False

    def update(self, iteration, loss, lr):
        now = time.perf_counter()
        if not self.enabled or (now - self.last_draw < self.min_interval and iteration < self.total):
            return
        self.last_draw = now
        rate = (iteration - self.start) / max(now - self.started, 1e-9)
        eta = (self.total - iteration) / rate if rate > 0 else 0.0
        filled = int(self.width * iteration / max(self.total, 1))
        self.stream.write(f"\riter {iteration:>{len(str(self.total))}}/{self.total} [{'#' * filled}"
                          f"{'-' * (self.width - filled)}] loss {loss:.4f} lr {lr:.1e} {rate:6.1f} it/s "
                          f"ETA {eta:4.0f}s")
        self.stream.flush()
        self.drawn = True

    def clear(self):
        """Erase the bar so a normal line can be printed (it is redrawn on the next update)."""
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False
