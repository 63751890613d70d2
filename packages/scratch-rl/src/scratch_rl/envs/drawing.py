"""Sprites drawn in code with NumPy: each tile is a (size, size, 3) uint8 image built from masks.

No image files and no pygame: `rgb_array` frames come from here, and the pygame window (render
mode `human`) shows the same frames. A mask is a boolean (size, size) array over pixel centres;
`paint(image, mask, colour)` fills it.
"""

from functools import lru_cache

import numpy as np

from .level import GOAL, HOLE, ICE, ROCK

COLOURS = {
    "floor": (134, 190, 104), "floor_edge": (116, 170, 88), "ice": (196, 228, 246),
    "ice_streak": (240, 250, 255), "rock": (118, 112, 108), "rock_light": (160, 154, 148),
    "hole": (34, 28, 44), "hole_rim": (82, 60, 40), "pole": (92, 64, 40), "flag": (220, 50, 50),
    "start": (240, 220, 120), "agent": (60, 96, 210), "eye": (255, 255, 255), "pupil": (20, 20, 20),
}


def _grid(size):
    """Pixel-centre coordinates in units of the tile: y, x in (0, 1), each (size, size)."""
    centres = (np.arange(size) + 0.5) / size
    return np.meshgrid(centres, centres, indexing="ij")


def disc(size, cy, cx, radius):
    y, x = _grid(size)
    return (y - cy) ** 2 + (x - cx) ** 2 <= radius**2


def ellipse(size, cy, cx, ry, rx):
    y, x = _grid(size)
    return ((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 <= 1


def box(size, y0, x0, y1, x1):
    y, x = _grid(size)
    return (y >= y0) & (y < y1) & (x >= x0) & (x < x1)


def triangle(size, a, b, c):
    """Inside the triangle with corners (y, x) a, b, c: the same side of all three edges."""
    y, x = _grid(size)

    def side(p, q):
        return (q[1] - p[1]) * (y - p[0]) - (q[0] - p[0]) * (x - p[1])

    s1, s2, s3 = side(a, b), side(b, c), side(c, a)
    return ((s1 >= 0) & (s2 >= 0) & (s3 >= 0)) | ((s1 <= 0) & (s2 <= 0) & (s3 <= 0))


def paint(image, mask, colour):
    image[mask] = COLOURS[colour]
    return image


def _floor(size):
    image = np.empty((size, size, 3), dtype=np.uint8)
    image[:] = COLOURS["floor_edge"]
    return paint(image, box(size, 0.03, 0.03, 0.97, 0.97), "floor")


@lru_cache(maxsize=16)
def tile(surface, size, is_start=False):
    """The sprite of one cell (read-only array, cached per surface and size)."""
    if surface == ICE:
        image = np.empty((size, size, 3), dtype=np.uint8)
        image[:] = COLOURS["ice"]
        y, x = _grid(size)
        for offset in (-0.35, 0.15):  # two diagonal glints
            paint(image, (np.abs(x - y - offset) < 0.04) & (x > 0.1) & (x < 0.9), "ice_streak")
    else:
        image = _floor(size)
    if is_start:
        paint(image, box(size, 0.08, 0.08, 0.92, 0.92) & ~box(size, 0.14, 0.14, 0.86, 0.86), "start")
    if surface == ROCK:
        paint(image, ellipse(size, 0.58, 0.5, 0.32, 0.4), "rock")
        paint(image, ellipse(size, 0.48, 0.4, 0.1, 0.14), "rock_light")
    elif surface == HOLE:
        paint(image, ellipse(size, 0.55, 0.5, 0.3, 0.42), "hole_rim")
        paint(image, ellipse(size, 0.56, 0.5, 0.25, 0.36), "hole")
    elif surface == GOAL:
        paint(image, box(size, 0.15, 0.28, 0.88, 0.34), "pole")
        paint(image, triangle(size, (0.15, 0.34), (0.45, 0.34), (0.30, 0.78)), "flag")
    image.flags.writeable = False
    return image


@lru_cache(maxsize=4)
def agent_sprite(size):
    """(mask, image) of the agent: a blue body with two eyes."""
    image = np.zeros((size, size, 3), dtype=np.uint8)
    body = disc(size, 0.52, 0.5, 0.32)
    paint(image, body, "agent")
    for cx in (0.38, 0.62):
        paint(image, disc(size, 0.44, cx, 0.09), "eye")
        paint(image, disc(size, 0.46, cx, 0.045), "pupil")
    mask = body.copy()
    image.flags.writeable = False
    mask.flags.writeable = False
    return mask, image


def draw_board(level, tile_size):
    """The level without the agent: (rows * tile_size, cols * tile_size, 3) uint8."""
    rows, cols = level.shape
    frame = np.empty((rows * tile_size, cols * tile_size, 3), dtype=np.uint8)
    for row in range(rows):
        for col in range(cols):
            sprite = tile(int(level.surfaces[row, col]), tile_size, (row, col) == level.start)
            frame[row * tile_size:(row + 1) * tile_size, col * tile_size:(col + 1) * tile_size] = sprite
    return frame


def draw_agent(frame, row, col, tile_size):
    """Paint the agent onto `frame` (in place) in cell (row, col); returns frame."""
    mask, image = agent_sprite(tile_size)
    cell = frame[row * tile_size:(row + 1) * tile_size, col * tile_size:(col + 1) * tile_size]
    cell[mask] = image[mask]
    return frame
