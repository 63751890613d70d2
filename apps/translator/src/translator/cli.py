"""translator: train, translate and evaluate an English -> Spanish Transformer from the command line.

    uv run apps/translator train --checkpoint runs/en-es --max-minutes 60
    uv run apps/translator train --checkpoint runs/en-es --resume          # continue where it stopped
    uv run apps/translator translate "Where is the station?" --checkpoint runs/en-es
    cat sentences.txt | uv run apps/translator translate --checkpoint runs/en-es
    uv run apps/translator translate --checkpoint runs/en-es                # interactive prompt
    uv run apps/translator evaluate --checkpoint runs/en-es                 # BLEU on the test split

Everything translate and evaluate need is in the checkpoint directory (weights, tokenizer,
config, the held-out test split); errors (missing or mismatched files, no data) are one line on
stderr and exit status 2.
"""

import argparse
import os
import sys

from scratch_nlp.translation import CheckpointError

from .evaluate_command import add_evaluate_arguments, run_evaluate
from .train_command import add_train_arguments, run_train
from .translate_command import add_translate_arguments, run_translate

DEFAULT_CHECKPOINT = os.environ.get("TRANSLATOR_CHECKPOINT", os.path.join("checkpoints", "en-es"))


def build_parser():
    parser = argparse.ArgumentParser(prog="translator", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, add, help_text in (("train", add_train_arguments, "train (or resume) a model on Tatoeba pairs"),
                                 ("translate", add_translate_arguments, "translate text, stdin lines or interactively"),
                                 ("evaluate", add_evaluate_arguments, "BLEU on the held-out test split")):
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--checkpoint", "-c", default=DEFAULT_CHECKPOINT,
                             help=f"checkpoint directory (default {DEFAULT_CHECKPOINT}, or $TRANSLATOR_CHECKPOINT)")
        add(command)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    run = {"train": run_train, "translate": run_translate, "evaluate": run_evaluate}[args.command]
    try:
        return run(args) or 0
    except (CheckpointError, FileNotFoundError, ValueError) as error:
        print(f"translator {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\ntranslator {args.command}: interrupted", file=sys.stderr)
        return 130
