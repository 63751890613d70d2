"""`uv run apps/mnist-trainer ...` from the repository root runs the CLI (mnist_trainer.cli)."""

import sys

from mnist_trainer.cli import main

sys.exit(main())
