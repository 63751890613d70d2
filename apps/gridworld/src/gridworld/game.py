"""The pygame game: play with the arrow keys, or watch an agent learn (values, arrows, a plot).

Everything is drawn onto a fixed-size canvas (the board on the left, a side panel on the right)
which is scaled, aspect kept, into the window: resizing the window just rescales the picture.
Closing the window, Esc or Q quit; R restarts; in watch mode + and - change the speed.
"""

import numpy as np
import pygame
from scratch_rl.envs import GOAL, HOLE, drawing
from scratch_rl.envs.level import ACTION_NAMES

from .learners import make_learner
from .overlay_frames import with_policy_arrows
from .plot import draw_returns_plot

KEY_ACTIONS = {pygame.K_LEFT: 0, pygame.K_DOWN: 1, pygame.K_RIGHT: 2, pygame.K_UP: 3}
PANEL_WIDTH, MIN_CANVAS_HEIGHT = 300, 420
BACKGROUND, PANEL, TEXT, DIM = (18, 20, 28), (32, 36, 48), (235, 235, 240), (150, 155, 170)
SPEEDS = (1, 2, 5, 10, 25, 50, 100, 250)


def frame_to_surface(frame):
    """(H, W, 3) uint8 -> a pygame Surface (pygame's arrays are (W, H, 3))."""
    return pygame.surfarray.make_surface(np.ascontiguousarray(frame.transpose(1, 0, 2)))


class Game:
    def __init__(self, env, watch=None, seed=0, fps=30, window_size=None):
        self.env, self.seed, self.fps, self.watch = env, seed, fps, watch
        self.learner = make_learner(watch, env, seed) if watch else None
        self.board = drawing.draw_board(env.level, env.tile_size)  # (H, W, 3) without the agent
        pygame.display.init()
        pygame.font.init()
        board_height, board_width = env.rows * env.tile_size, env.cols * env.tile_size
        self.canvas = pygame.Surface((board_width + PANEL_WIDTH, max(board_height, MIN_CANVAS_HEIGHT)))
        self.window = pygame.display.set_mode(window_size or self.canvas.get_size(), pygame.RESIZABLE)
        pygame.display.set_caption("GridWorld" + (f" - watching {watch}" if watch else ""))
        self.font = pygame.font.Font(None, 24)
        self.small_font = pygame.font.Font(None, 19)
        self.clock = pygame.time.Clock()
        self.speed_index = 2
        self.running = True
        self.returns = []  # play mode: one per finished episode
        self.restart()

    # -- game state -----------------------------------------------------------------------------
    def restart(self):
        """A new episode (play mode) or a fresh learner starting from scratch (watch mode)."""
        if self.learner is not None:
            self.learner = make_learner(self.watch, self.env, self.seed)
        self.state, _ = self.env.reset(seed=self.seed)
        self.episode_return, self.moves, self.status, self.last_slip = 0.0, 0, "playing", False

    def move(self, action):
        if self.status != "playing":
            return
        self.state, reward, terminated, _, info = self.env.step(action)
        self.episode_return += reward
        self.moves += 1
        if terminated:
            landed = self.env.level.surfaces[self.env.position()]
            self.status = "won" if landed == GOAL else "lost" if landed == HOLE else "ended"
            self.returns.append(self.episode_return)
            print(f"{'goal reached' if self.status == 'won' else 'fell into a hole'} after "
                  f"{self.moves} moves, return {self.episode_return:+.2f}", flush=True)
        self.last_slip = info.get("direction") not in (action, None)

    # -- events ---------------------------------------------------------------------------------
    def handle(self, event):
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.VIDEORESIZE:
            self.window = pygame.display.set_mode((max(event.w, 160), max(event.h, 120)), pygame.RESIZABLE)
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_q):
                self.running = False
            elif event.key == pygame.K_r:
                self.restart()
            elif event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
                self.speed_index = min(self.speed_index + 1, len(SPEEDS) - 1)
            elif event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
                self.speed_index = max(self.speed_index - 1, 0)
            elif event.key in KEY_ACTIONS and self.learner is None:
                self.move(KEY_ACTIONS[event.key])

    # -- drawing --------------------------------------------------------------------------------
    def board_frame(self):
        if self.learner is None:
            return self.env.frame(self.state)
        overlaid = with_policy_arrows(self.board, self.env, self.learner.policy, self.learner.values)
        return drawing.draw_agent(overlaid, *self.env.position(self.learner.state), self.env.tile_size)

    def draw(self):
        self.canvas.fill(BACKGROUND)
        self.canvas.blit(frame_to_surface(self.board_frame()), (0, 0))
        board_width = self.env.cols * self.env.tile_size
        panel = pygame.Rect(board_width, 0, PANEL_WIDTH, self.canvas.get_height())
        pygame.draw.rect(self.canvas, PANEL, panel)
        lines = self.panel_lines()
        y = 14
        for index, line in enumerate(lines):
            font = self.font if index == 0 else self.small_font
            self.canvas.blit(font.render(line, True, TEXT if index == 0 else DIM), (panel.x + 14, y))
            y += 28 if index == 0 else 21
        returns = self.learner.returns if self.learner else self.returns
        plot = pygame.Rect(panel.x + 14, y + 10, PANEL_WIDTH - 28, max(120, panel.bottom - y - 24))
        draw_returns_plot(self.canvas, plot, returns, self.small_font)
        self.present()

    def panel_lines(self):
        if self.learner is not None:
            return [f"Watching {self.learner.name}", self.learner.caption,
                    f"speed: {SPEEDS[self.speed_index]} steps/frame (+/-)",
                    f"slip probability {self.env.slip_probability:.2f}", "R start learning again, Esc quit"]
        headline = {"playing": "Find the flag!", "won": "You reached the goal!",
                    "lost": "You fell into a hole.", "ended": "Episode over."}[self.status]
        last = f"last move: {ACTION_NAMES[self.env.last_action]}" if self.env.last_action is not None else ""
        if last and self.last_slip:
            last += " (slipped!)"
        return [headline, f"moves {self.moves}   return {self.episode_return:+.2f}", last,
                f"ice slides sideways with p = {self.env.slip_probability:.2f}",
                "arrows move, R restart, Esc quit"]

    def present(self):
        """Scale the canvas into the window, aspect kept, centred."""
        window_width, window_height = self.window.get_size()
        canvas_width, canvas_height = self.canvas.get_size()
        scale = min(window_width / canvas_width, window_height / canvas_height)
        size = (max(1, int(canvas_width * scale)), max(1, int(canvas_height * scale)))
        self.window.fill(BACKGROUND)
        self.window.blit(pygame.transform.smoothscale(self.canvas, size),
                         ((window_width - size[0]) // 2, (window_height - size[1]) // 2))
        pygame.display.flip()

    # -- the loop -------------------------------------------------------------------------------
    def run(self, max_frames=None):
        """Run until the window is closed (or `max_frames` frames, for tests); returns frames run."""
        frames = 0
        while self.running and (max_frames is None or frames < max_frames):
            for event in pygame.event.get():
                self.handle(event)
            if not self.running:
                break
            if self.learner is not None:
                self.learner.tick(SPEEDS[self.speed_index])
            self.draw()
            self.clock.tick(self.fps)
            frames += 1
        return frames

    def close(self):
        pygame.display.quit()
