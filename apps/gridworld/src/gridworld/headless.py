"""Train without a window, then export the learned (greedy) policy playing as a GIF."""

import sys

import gymnasium as gym
import numpy as np
from scratch_rl.envs import drawing
from scratch_rl.envs.level import SURFACE_NAMES
from scratch_rl.evaluation import write_video

from .agents import make_agent, plan
from .overlay_frames import with_policy_arrows

MAX_GIF_STEPS = 200
MAX_TRAINING_STEPS = 200  # per episode, as the registered scratch_rl/GridWorld-v0


def _progress(done, total, returns, width=30):
    filled = int(width * done / total)
    recent = np.mean(returns[-50:]) if returns else float("nan")
    sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] episode {done}/{total}  "
                     f"mean return (last 50) {recent:+.3f}")
    sys.stdout.flush()


def train_and_export(args, env):
    name = args.watch or "q-learning"
    if name == "value-iteration":
        values, policy = plan(env)
        print(f"value iteration: V(start) = {values[env.start_state]:+.3f}")
    else:
        agent = make_agent(name, env, args.episodes, args.seed)
        limited = gym.wrappers.TimeLimit(env, max_episode_steps=MAX_TRAINING_STEPS)
        returns = []
        for episode in range(args.episodes):
            returns.append(float(agent.train(limited, 1, seed=args.seed if episode == 0 else None)[0]))
            if (episode + 1) % max(1, args.episodes // 100) == 0 or episode + 1 == args.episodes:
                _progress(episode + 1, args.episodes, returns)
        print()
        policy, values = agent.greedy_policy(), agent.state_values()
    states = greedy_trajectory(env, policy, seed=args.seed)
    outcome = env.level.surfaces[env.position(states[-1])]
    print(f"greedy policy: {len(states) - 1} steps, ended on {SURFACE_NAMES[outcome]}")
    if args.gif:
        board = with_policy_arrows(drawing.draw_board(env.level, env.tile_size), env, policy, values)
        frames = [drawing.draw_agent(board.copy(), *env.position(state), env.tile_size) for state in states]
        count = write_video(frames, args.gif, fps=min(args.fps, 8))
        print(f"wrote {count} frames to {args.gif}")
    return 0


def greedy_trajectory(env, policy, seed):
    """The states visited by the greedy policy in one episode (start included)."""
    state, _ = env.reset(seed=seed)
    states = [state]
    for _ in range(MAX_GIF_STEPS):
        state, _, terminated, truncated, _ = env.step(int(policy[state]))
        states.append(state)
        if terminated or truncated:
            break
    return states
