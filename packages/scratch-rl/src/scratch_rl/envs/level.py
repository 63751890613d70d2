"""A grid-world level: which surface each cell has, and where the agent starts.

Text layout, one character per cell, one line per row (blank lines are skipped):

    .   floor           the agent moves where it is told
    ~   ice             slippery: the move may slide sideways (see `GridWorld(slip_probability=)`)
    #   rock            impassable: a move into it leaves the agent where it was
    O   hole            the episode ends with `hole_reward`
    G   goal            the episode ends with `goal_reward` (one or more per level)
    S   start           exactly one per level; floor under it

    >>> Level.from_text("S.~\\n#.G").to_text()
    'S.~\\n#.G'

`Level.random(rows, cols, seed=)` draws a level with a guaranteed start-to-goal path, and
`Level.from_frozenlake(desc)` reads gymnasium's FrozenLake map (S F H G, every non-terminal cell
slippery), so the same MDP can be checked against gymnasium's own transition model.
"""

from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FLOOR, ICE, ROCK, HOLE, GOAL = range(5)
SURFACE_NAMES = ("floor", "ice", "rock", "hole", "goal")
CHARACTER_OF = {FLOOR: ".", ICE: "~", ROCK: "#", HOLE: "O", GOAL: "G"}
SURFACE_OF = {character: surface for surface, character in CHARACTER_OF.items()}
START_CHARACTER = "S"
TERMINAL_SURFACES = (HOLE, GOAL)

# Moves in FrozenLake's order, as (row, column) offsets: 0 left, 1 down, 2 right, 3 up.
ACTION_NAMES = ("left", "down", "right", "up")
MOVES = np.array([(0, -1), (1, 0), (0, 1), (-1, 0)])


@dataclass(frozen=True, eq=False)
class Level:
    surfaces: np.ndarray  # (rows, cols) uint8 codes FLOOR..GOAL
    start: tuple[int, int]  # (row, col)

    def __post_init__(self):
        surfaces = np.asarray(self.surfaces)
        if surfaces.ndim != 2 or surfaces.size == 0:
            raise ValueError(f"a level needs a non-empty 2-D grid, got shape {surfaces.shape}")
        if surfaces.min() < FLOOR or surfaces.max() > GOAL:
            raise ValueError("level surfaces must be codes FLOOR..GOAL (0..4)")
        row, col = self.start
        if not (0 <= row < surfaces.shape[0] and 0 <= col < surfaces.shape[1]):
            raise ValueError(f"start {self.start} lies outside the {surfaces.shape} grid")
        if surfaces[row, col] not in (FLOOR, ICE):
            raise ValueError(f"the start cell must be floor or ice, got {SURFACE_NAMES[surfaces[row, col]]}")
        if not (surfaces == GOAL).any():
            raise ValueError("a level needs at least one goal 'G'")
        object.__setattr__(self, "surfaces", surfaces.astype(np.uint8))
        object.__setattr__(self, "start", (int(row), int(col)))

    @property
    def shape(self):
        return self.surfaces.shape

    def __eq__(self, other):
        return (isinstance(other, Level) and self.start == other.start
                and np.array_equal(self.surfaces, other.surfaces))

    # -- text ----------------------------------------------------------------------------------
    @classmethod
    def from_text(cls, text):
        """Parse the layout described in the module docstring; errors name the row and column."""
        if not isinstance(text, str):
            raise TypeError(f"layout must be a str, got {type(text).__name__}")
        rows = [line.rstrip() for line in text.splitlines() if line.strip()]
        if not rows:
            raise ValueError("layout is empty")
        if len({len(row) for row in rows}) != 1:
            raise ValueError(f"layout rows differ in length: {[len(row) for row in rows]}")
        surfaces = np.zeros((len(rows), len(rows[0])), dtype=np.uint8)
        starts = []
        for r, line in enumerate(rows):
            for c, character in enumerate(line):
                if character == START_CHARACTER:
                    starts.append((r, c))
                elif character in SURFACE_OF:
                    surfaces[r, c] = SURFACE_OF[character]
                else:
                    raise ValueError(f"unknown layout character {character!r} at row {r}, column {c}; "
                                     f"known: {''.join(SURFACE_OF)}{START_CHARACTER}")
        if len(starts) != 1:
            raise ValueError(f"layout needs exactly one start 'S', found {len(starts)}")
        return cls(surfaces, starts[0])

    @classmethod
    def from_file(cls, path):
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"level file not found: {path}")
        return cls.from_text(path.read_text(encoding="utf-8"))

    def to_text(self):
        rows = [[CHARACTER_OF[int(code)] for code in row] for row in self.surfaces]
        rows[self.start[0]][self.start[1]] = START_CHARACTER
        return "\n".join("".join(row) for row in rows)

    @classmethod
    def from_frozenlake(cls, desc):
        """gymnasium FrozenLake's map (rows of S F H G): frozen cells and the start become ice."""
        rows = [row.decode() if isinstance(row, bytes) else "".join(
            ch.decode() if isinstance(ch, bytes) else ch for ch in row) for row in desc]
        mapping = {"S": "S", "F": "~", "H": "O", "G": "G"}
        try:
            level = cls.from_text("\n".join("".join(mapping[ch] for ch in row) for row in rows))
        except KeyError as error:
            raise ValueError(f"unknown FrozenLake map character {error.args[0]!r}") from None
        level.surfaces[level.start] = ICE
        return level

    # -- random levels -------------------------------------------------------------------------
    @classmethod
    def random(cls, rows=8, cols=8, seed=None, rock=0.15, hole=0.1, ice=0.2):
        """A random level with a start-to-goal path guaranteed to avoid rocks and holes.

        Start and goal are drawn in opposite corners' quadrants; a random monotone path between
        them is carved first (shuffled right/down moves), then every other cell becomes rock,
        hole, ice or floor with the given probabilities. Same seed, same level.
        """
        if rows < 2 or cols < 2:
            raise ValueError(f"a random level needs at least 2x2 cells, got {rows}x{cols}")
        if min(rock, hole, ice) < 0 or rock + hole + ice > 1:
            raise ValueError("rock, hole and ice are probabilities summing to at most 1")
        rng = np.random.default_rng(seed)
        start = (int(rng.integers(0, (rows + 1) // 2)), int(rng.integers(0, (cols + 1) // 2)))
        goal = (int(rng.integers(rows // 2, rows)), int(rng.integers(cols // 2, cols)))
        if goal == start:
            goal = (rows - 1, cols - 1)
        moves = [(1, 0)] * (goal[0] - start[0]) + [(0, 1)] * (goal[1] - start[1])
        moves = [moves[i] for i in rng.permutation(len(moves))]
        path = [start]
        for dr, dc in moves:
            path.append((path[-1][0] + dr, path[-1][1] + dc))
        draws = rng.choice(4, size=(rows, cols), p=[1 - rock - hole - ice, ice, rock, hole])
        surfaces = np.array([FLOOR, ICE, ROCK, HOLE], dtype=np.uint8)[draws]
        for cell in path:  # the carved path stays walkable (floor or ice)
            if surfaces[cell] in (ROCK, HOLE):
                surfaces[cell] = FLOOR
        surfaces[goal] = GOAL
        return cls(surfaces, start)

    def reachable_goal(self):
        """True when some goal can be reached from the start without rocks or holes (BFS)."""
        seen, queue = {self.start}, deque([self.start])
        rows, cols = self.shape
        while queue:
            row, col = queue.popleft()
            if self.surfaces[row, col] == GOAL:
                return True
            for dr, dc in MOVES:
                nxt = (row + dr, col + dc)
                if (0 <= nxt[0] < rows and 0 <= nxt[1] < cols and nxt not in seen
                        and self.surfaces[nxt] not in (ROCK, HOLE)):
                    seen.add(nxt)
                    queue.append(nxt)
        return False


DEFAULT_LAYOUT = """\
S..~~...
.#.~~.O.
.#......
...#O.#.
.O.~~...
...#..O.
.#~~~.#.
...O...G
"""
