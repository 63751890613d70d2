"""The grid world's transition model, in gymnasium's toy-text format.

    P[s][a] -> [(probability, next_state, reward, terminated), ...]

State s = row * cols + col. From floor the move goes where it is told. From ice it goes where it
is told with probability 1 - p and slides to either side (the two perpendicular moves, actions
a - 1 and a + 1 mod 4) with probability p / 2 each; p = 2/3 is FrozenLake's slippery ice. A move
off the grid or into a rock leaves the agent in place. The reward is decided by the cell landed
on, as in FrozenLake's `reward_schedule`: goal_reward on a goal, hole_reward in a hole, and
-step_cost anywhere else. Holes, goals (and the unreachable rock cells) are absorbing:
P[s][a] = [(1.0, s, 0.0, True)].
"""

from .level import GOAL, HOLE, ICE, MOVES, ROCK, TERMINAL_SURFACES


def move(level, row, col, direction):
    """The cell reached from (row, col) moving in `direction`; walls and rocks block."""
    rows, cols = level.shape
    new_row, new_col = row + MOVES[direction][0], col + MOVES[direction][1]
    if not (0 <= new_row < rows and 0 <= new_col < cols) or level.surfaces[new_row, new_col] == ROCK:
        return row, col
    return int(new_row), int(new_col)


def direction_probabilities(surface, action, slip_probability):
    """[(probability, direction)] for taking `action` on `surface` (zero entries dropped)."""
    if surface != ICE or slip_probability == 0:
        return [(1.0, action)]
    side = slip_probability / 2
    outcomes = [(side, (action - 1) % 4), (1.0 - slip_probability, action), (side, (action + 1) % 4)]
    return [(p, direction) for p, direction in outcomes if p > 0]


def transition_model(level, slip_probability, goal_reward, hole_reward, step_cost, n_actions=4):
    """Build P (dict of dicts of lists, like gymnasium's FrozenLake.P) for `level`."""
    rows, cols = level.shape
    P = {}
    for row in range(rows):
        for col in range(cols):
            state = row * cols + col
            surface = level.surfaces[row, col]
            if surface in TERMINAL_SURFACES or surface == ROCK:
                P[state] = {a: [(1.0, state, 0.0, True)] for a in range(n_actions)}
                continue
            P[state] = {}
            for action in range(n_actions):
                outcomes = []
                for p, direction in direction_probabilities(surface, action, slip_probability):
                    new_row, new_col = move(level, row, col, direction)
                    landed = level.surfaces[new_row, new_col]
                    reward = (goal_reward if landed == GOAL else hole_reward if landed == HOLE
                              else -step_cost)
                    outcomes.append((p, new_row * cols + new_col, float(reward),
                                     bool(landed in TERMINAL_SURFACES)))
                P[state][action] = outcomes
    return P
