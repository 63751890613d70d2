"""A resizable pygame window that shows rgb frames (render mode `human`); pygame imported here only.

Resizing scales the frame to the window; closing the window (QUIT) closes it and later `show`
calls become no-ops, so an env in human mode never hangs on a closed window.
"""

import numpy as np

try:
    import pygame
except ImportError as error:  # pragma: no cover - depends on the install
    raise ImportError("render_mode='human' needs pygame: pip install 'scratch-rl[render]'") from error


class PygameWindow:
    def __init__(self, title, width, height):
        pygame.init()
        pygame.display.init()
        self.surface = pygame.display.set_mode((width, height), pygame.RESIZABLE)
        pygame.display.set_caption(title)
        self.clock = pygame.time.Clock()
        self.closed = False

    def show(self, frame, fps):
        """Blit `frame` ((H, W, 3) uint8) scaled to the window, handle events, wait for `fps`."""
        if self.closed:
            return
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.close()
                return
            if event.type == pygame.VIDEORESIZE:
                self.surface = pygame.display.set_mode((max(event.w, 64), max(event.h, 64)),
                                                       pygame.RESIZABLE)
        image = pygame.surfarray.make_surface(np.ascontiguousarray(frame.transpose(1, 0, 2)))
        self.surface.blit(pygame.transform.smoothscale(image, self.surface.get_size()), (0, 0))
        pygame.display.flip()
        self.clock.tick(fps)

    def close(self):
        if not self.closed:
            pygame.display.quit()
            self.closed = True
