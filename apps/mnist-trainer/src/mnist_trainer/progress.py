"""A one-line live progress bar for the terminal: position, loss, accuracy, speed, time left.

    bar = ProgressBar(total=422, label="epoch 2/5", batch_size=128)
    bar.update(done=17, loss=0.31, accuracy=0.91, images_per_second=8200)
    bar.close()

    epoch 2/5 [####--------------------]  17/422 loss 0.3100 acc 91.00%  8,200 img/s  ETA 49s

It redraws in place (carriage return) at most every `min_interval` seconds, and only when the
stream is a terminal: in logs and tests it stays silent, and the caller's per-epoch summary line
is what gets recorded.
"""

import sys
import time


class ProgressBar:
    def __init__(self, total, label, batch_size=1, stream=None, width=24, min_interval=0.1):
        self.total, self.label, self.batch_size = total, label, batch_size
        self.width, self.min_interval = width, min_interval
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last_draw = 0.0
        self.drawn = False

    def update(self, done, *, loss, accuracy, images_per_second):
        now = time.perf_counter()
        if not self.enabled or (now - self.last_draw < self.min_interval and done < self.total):
            return
        self.last_draw = now
        filled = int(self.width * done / max(self.total, 1))
        eta = (self.total - done) * self.batch_size / images_per_second if images_per_second > 0 else 0.0
        line = (f"{self.label} [{'#' * filled}{'-' * (self.width - filled)}] {done:>{len(str(self.total))}}/"
                f"{self.total} loss {loss:.4f} acc {accuracy:6.2%} {images_per_second:>7,.0f} img/s ETA {eta:3.0f}s")
        self.stream.write("\r" + line)
        self.stream.flush()
        self.drawn = True

    def close(self):
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
