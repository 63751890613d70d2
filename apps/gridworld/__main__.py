"""`uv run apps/gridworld ...` from the repository root runs the game (gridworld.cli)."""

import sys

from gridworld.cli import main

sys.exit(main())
