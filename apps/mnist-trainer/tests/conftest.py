import sys
from pathlib import Path

import pytest
from mnist_trainer import cli

# support.py is a plain module the tests import; with --import-mode=importlib the tests folder
# is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def run_cli(capsys):
    """run_cli(*argv) -> (exit status, stdout, stderr) of mnist-trainer in this process."""
    def run(*argv):
        try:
            code = cli.main([str(arg) for arg in argv])
        except SystemExit as exit_:          # argparse errors exit with status 2
            code = exit_.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run
