"""gridworld: play a level with the arrow keys, watch an agent learn it, or train headless.

    gridworld                                   play the default level
    gridworld --level my.txt --slippery 0.2     play a level file on slippery ice
    gridworld --random 7 --size 10x12           play a random level (seed 7)
    gridworld --watch q-learning                watch Q-learning learn live (values, arrows, plot)
    gridworld --headless --episodes 500 --gif out.gif   train without a window, export a GIF

Keys: arrows move, R restarts, +/- change the watch speed, Esc or Q quits.
Level files use one character per cell: . floor, ~ ice, # rock, O hole, S start, G goal.
"""

import argparse
import sys

from scratch_rl.envs import GridWorld, Level

WATCHABLE = ("q-learning", "sarsa", "expected-sarsa", "monte-carlo", "value-iteration")


def _size(text):
    try:
        rows, cols = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 8x10, got {text!r}") from None
    if rows < 2 or cols < 2 or rows > 40 or cols > 40:
        raise argparse.ArgumentTypeError(f"size must be between 2x2 and 40x40, got {text!r}")
    return rows, cols


def _probability(text):
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a probability in [0, 1] is needed, got {text!r}")
    return value


def _positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"a positive integer is needed, got {text!r}")
    return value


def build_parser():
    parser = argparse.ArgumentParser(prog="gridworld", description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--level", metavar="FILE", help="a level file (layout below)")
    source.add_argument("--random", metavar="SEED", type=int, help="a random level from this seed")
    parser.add_argument("--size", type=_size, default=(8, 8), help="random level size, ROWSxCOLS (default 8x8)")
    parser.add_argument("--slippery", metavar="P", type=_probability, default=0.2,
                        help="probability that a move on ice slides sideways (default 0.2)")
    parser.add_argument("--watch", choices=WATCHABLE, help="watch this agent learn instead of playing")
    parser.add_argument("--headless", action="store_true", help="train without a window for --episodes episodes")
    parser.add_argument("--episodes", type=_positive, default=500, help="training episodes (default 500)")
    parser.add_argument("--gif", metavar="OUT", help="with --headless: export the learned policy playing")
    parser.add_argument("--seed", type=int, default=0, help="seed for the agent and the env (default 0)")
    parser.add_argument("--fps", type=_positive, default=30, help="frames per second (default 30)")
    parser.add_argument("--tile", type=_positive, default=56, help="tile size in pixels (default 56)")
    parser.add_argument("--max-frames", type=_positive, help=argparse.SUPPRESS)  # tests: stop after N frames
    return parser


def make_env(args, render_mode=None):
    if args.level:
        level = Level.from_file(args.level)
    elif args.random is not None:
        level = Level.random(*args.size, seed=args.random)
    else:
        level = None
    return GridWorld(level=level, slip_probability=args.slippery, render_mode=render_mode,
                     tile_size=args.tile)


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.gif and not args.headless:
        parser.error("--gif needs --headless")
    try:
        if args.headless:
            from .headless import train_and_export

            return train_and_export(args, make_env(args, render_mode="rgb_array"))
        from .game import Game

        game = Game(make_env(args), watch=args.watch, seed=args.seed, fps=args.fps)
        try:
            game.run(max_frames=args.max_frames)
        finally:
            game.close()
        return 0
    except (ValueError, FileNotFoundError, OSError) as error:
        print(f"gridworld: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
