"""The held-out test split, stored in the checkpoint directory as test.tsv (source<TAB>target),
with the corpus's attribution notice beside it (ATTRIBUTION.txt), so evaluation needs the
checkpoint alone and the CC-BY notice travels with the sentences."""

from pathlib import Path

from scratch_nn.serialization import atomic_write_bytes
from scratch_nlp.datasets import parse_tatoeba_lines, references_by_source

TEST_FILE = "test.tsv"
ATTRIBUTION_FILE = "ATTRIBUTION.txt"


def write_test_split(directory, pairs, attribution):
    directory = Path(directory)
    text = "".join(f"{pair.source}\t{pair.target}\n" for pair in pairs)
    atomic_write_bytes(directory / TEST_FILE, text.encode("utf-8"))
    atomic_write_bytes(directory / ATTRIBUTION_FILE, attribution.encode("utf-8"))


def read_test_split(directory):
    """(sources, references per source, attribution) from a checkpoint directory."""
    directory = Path(directory)
    path = directory / TEST_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: this checkpoint was not written by `translator train`, "
                                f"so it holds no test split")
    pairs = parse_tatoeba_lines(path.read_text(encoding="utf-8").split("\n"), str(path))
    attribution_path = directory / ATTRIBUTION_FILE
    attribution = attribution_path.read_text(encoding="utf-8") if attribution_path.is_file() else ""
    sources, references = references_by_source(pairs)
    return sources, references, attribution
