"""`uv run apps/translator ...` from the repository root runs the CLI (translator.cli)."""

import sys

from translator.cli import main

sys.exit(main())
