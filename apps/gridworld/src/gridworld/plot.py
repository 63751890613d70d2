"""The episode-return plot of the side panel, drawn with pygame.draw: the returns as a thin line,
their moving average (last 20) as a thick one, the y range from the data."""

import numpy as np
import pygame

AXES, RAW, SMOOTH, LABEL = (90, 96, 112), (110, 130, 190), (250, 200, 60), (170, 175, 190)
WINDOW = 20


def moving_average(values, window=WINDOW):
    """Mean of the last `window` values at each point (fewer at the start): (n,)."""
    values = np.asarray(values, dtype=np.float64)
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    starts = np.maximum(np.arange(1, len(values) + 1) - window, 0)
    return (cumulative[1:] - cumulative[starts]) / (np.arange(1, len(values) + 1) - starts)


def draw_returns_plot(surface, rect, returns, font):
    surface.blit(font.render("episode return", True, LABEL), (rect.x, rect.y))
    area = pygame.Rect(rect.x, rect.y + 20, rect.width, rect.height - 40)
    pygame.draw.rect(surface, AXES, area, 1)
    if len(returns) < 2:
        surface.blit(font.render("(no finished episodes yet)", True, LABEL), (area.x + 8, area.centery))
        return
    values = np.asarray(returns, dtype=np.float64)[-500:]
    low, high = values.min(), values.max()
    if high - low < 1e-9:
        low, high = low - 1, high + 1

    def points(series):
        xs = area.x + 2 + (area.width - 4) * np.arange(len(series)) / (len(series) - 1)
        ys = area.bottom - 2 - (area.height - 4) * (series - low) / (high - low)
        return list(zip(xs.tolist(), ys.tolist()))

    pygame.draw.lines(surface, RAW, False, points(values), 1)
    pygame.draw.lines(surface, SMOOTH, False, points(moving_average(values)), 3)
    surface.blit(font.render(f"{high:+.2f}", True, LABEL), (area.right - 48, area.y + 2))
    surface.blit(font.render(f"{low:+.2f}", True, LABEL), (area.right - 48, area.bottom - 16))
    surface.blit(font.render(f"{len(returns)} episodes, mean(last {WINDOW}) "
                             f"{moving_average(values)[-1]:+.2f}", True, LABEL), (rect.x, area.bottom + 4))
