"""Run a policy without learning: seeded evaluation episodes, and videos of it playing.

    evaluate(policy, env, episodes=100, seed=0)   -> (episodes,) undiscounted returns
    record_video(policy, env, "run.gif", fps=30)  -> the frames written (GIF, or MP4 with ffmpeg)

`policy` is any callable observation -> action (an agent's `predict`, a lookup table...).
Episode i is reset with seed + i, so two evaluations with the same seed see the same starts.
Videos need imageio (the `scratch-rl[render]` extra) and an env made with render_mode="rgb_array";
the file is written atomically (a temporary file, then os.replace).
"""

import os
import secrets
from pathlib import Path

import numpy as np

VIDEO_EXTENSIONS = (".gif", ".mp4")


def evaluate(policy, env, episodes=100, seed=0, max_steps=None):
    """Returns of `episodes` episodes of `policy` in `env`: (episodes,) float."""
    if int(episodes) < 1:
        raise ValueError(f"episodes must be >= 1, got {episodes!r}")
    returns = np.zeros(int(episodes))
    for episode in range(int(episodes)):
        observation, _ = env.reset(seed=None if seed is None else seed + episode)
        steps, done = 0, False
        while not done and (max_steps is None or steps < max_steps):
            observation, reward, terminated, truncated, _ = env.step(policy(observation))
            returns[episode] += reward
            done, steps = terminated or truncated, steps + 1
    return returns


def play_frames(policy, env, episodes=1, seed=0, max_steps=1000):
    """The rgb frames of `policy` playing `episodes` episodes (first frame after each reset)."""
    if env.render_mode != "rgb_array":
        raise ValueError(f"recording needs an env made with render_mode='rgb_array', got {env.render_mode!r}")
    frames = []
    for episode in range(int(episodes)):
        observation, _ = env.reset(seed=None if seed is None else seed + episode)
        frames.append(env.render())
        for _ in range(int(max_steps)):
            observation, _, terminated, truncated, _ = env.step(policy(observation))
            frames.append(env.render())
            if terminated or truncated:
                break
    return frames


def write_video(frames, path, fps=30):
    """Write (H, W, 3) uint8 frames as a GIF (looping) or an MP4, atomically."""
    path = Path(path)
    if path.suffix.lower() not in VIDEO_EXTENSIONS:
        raise ValueError(f"video path must end in {' or '.join(VIDEO_EXTENSIONS)}, got {path.name!r}")
    if not frames:
        raise ValueError("no frames to write")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"cannot write {path}: directory {path.parent} does not exist")
    try:
        import imageio.v3 as iio
    except ImportError as error:
        raise ImportError("videos need imageio: pip install 'scratch-rl[render]'") from error
    stack = np.stack([np.asarray(frame, dtype=np.uint8) for frame in frames])  # (T, H, W, 3)
    if path.suffix.lower() == ".gif":
        payload = iio.imwrite("<bytes>", stack, extension=".gif", duration=1000 / fps, loop=0)
    else:
        try:
            payload = iio.imwrite("<bytes>", stack, extension=".mp4", fps=fps)
        except Exception as error:  # imageio raises several kinds when no ffmpeg backend exists
            raise RuntimeError(f"writing MP4 needs an ffmpeg backend (pip install imageio-ffmpeg): {error}") from error
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        temporary.write_bytes(payload)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return len(stack)


def record_video(policy, env, path, fps=30, episodes=1, seed=0, max_steps=1000):
    """Play `policy` in `env` (render_mode='rgb_array') and write the frames to `path`;
    returns the number of frames."""
    return write_video(play_frames(policy, env, episodes, seed, max_steps), path, fps)
