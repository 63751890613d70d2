"""`uv run apps/textgen ...` from the repository root runs the CLI (textgen.cli)."""

import sys

from textgen.cli import main

sys.exit(main())
